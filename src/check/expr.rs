//! Resolving and typing expressions.
//!
//! A bare name is looked up, innermost first, among: the formula's own values
//! (`target`, `actual` in `completion`), the fields and computed values of the current
//! row, the ruleset's constants (`fiscal_year`, `cutoff`, `total`, `max_score`), the
//! form's sections, the categories and the rounding modes.

use std::collections::HashMap;

use crate::data::schema::{FormSchema, Shape};
use crate::i18n::t;
use crate::ir::FUNCTIONS;
pub(crate) use crate::ir::Stage;
use crate::ir::{self, Computed, Function, Global, Local, POOLS, PoolField, Projection};
use crate::source::Span;
use crate::suggest;
use crate::syntax::ast::{self, BinaryOp, Literal, RoundingMode, UnaryOp};
use crate::value::{Unit, Value};

use super::error::CheckError;
use super::types::{Dim, Ty, arithmetic, unify};

/// The key of the rows section the engine scores as indicators.
pub(crate) use crate::ir::vocab::INDICATORS;

/// What names an expression can see.
#[derive(Clone, Debug)]
pub(crate) struct Scope {
    /// Rows sections entered by `for` or `[…]`, innermost last.
    pub rows: Vec<String>,
    /// Whether `target` and `actual` are bound as numbers (completion formulas).
    pub locals: bool,
    /// When the expression is evaluated.
    pub stage: Stage,
}

impl Scope {
    /// A scope with no row, at a stage.
    pub(crate) fn at(stage: Stage) -> Self {
        Scope {
            rows: Vec::new(),
            locals: false,
            stage,
        }
    }

    /// The same scope inside the rows of `section`.
    pub(crate) fn in_rows(&self, section: &str) -> Self {
        let mut scope = self.clone();
        scope.rows.push(section.to_owned());
        scope
    }
}

/// What the resolver knows of the ruleset's declarations.
pub(crate) struct Names<'a> {
    /// The form.
    pub form: &'a FormSchema,
    /// Category names, by id.
    pub categories: &'a [String],
    /// Each category's id by its name or a former name (from `rename`).
    pub category_index: &'a HashMap<&'a str, usize>,
    /// Whether the header declares a fiscal year.
    pub has_fiscal_year: bool,
    /// Whether the header declares a cutoff date.
    pub has_cutoff: bool,
    /// The keys of the lines.
    pub lines: &'a [String],
    /// Whether the ruleset has a rating.
    pub has_rating: bool,
    /// The names of the catalogs' indicators (every `split fixed`), which a rule's
    /// `name == "…"` on an indicator row is held to.
    pub indicator_names: &'a std::collections::BTreeSet<&'a str>,
}

/// Resolves expressions, collecting every error.
pub(crate) struct Resolver<'a> {
    names: Names<'a>,
    /// Errors found so far.
    pub errors: Vec<CheckError>,
    /// Warnings found so far: what is suspicious but not refused.
    pub warnings: Vec<CheckError>,
    /// The named constants (`let`), as far as they are computed.
    pub(crate) constants: super::constants::Constants,
    /// Whether any expression resolved reads a value of a pool (see
    /// [`super::checked::Checked::reads_pools`]).
    pub(crate) reads_pools: bool,
}

type Typed = (Ty, ir::Expr);

fn node(kind: ir::ExprKind, span: Span) -> ir::Expr {
    ir::Expr { kind, span }
}

fn error_node(span: Span) -> Typed {
    (Ty::Error, node(ir::ExprKind::Const(Value::Null), span))
}

impl<'a> Resolver<'a> {
    /// A resolver over these declarations.
    pub(crate) fn new(names: Names<'a>) -> Self {
        Resolver {
            names,
            errors: Vec::new(),
            warnings: Vec::new(),
            constants: super::constants::Constants::default(),
            reads_pools: false,
        }
    }

    /// Whether a line has this key.
    pub(crate) fn is_line(&self, key: &str) -> bool {
        self.names.lines.iter().any(|l| l == key)
    }

    /// The form.
    pub(crate) fn form(&self) -> &FormSchema {
        self.names.form
    }

    /// The category a name or a former name means.
    pub(crate) fn category_id(&self, name: &str) -> Option<usize> {
        self.names.category_index.get(name).copied()
    }

    /// The categories' names, by id.
    pub(crate) fn category_names(&self) -> &[String] {
        self.names.categories
    }

    /// The key of the rows section `name`, or an error where it is not one.
    pub(crate) fn rows_section(&mut self, name: &ast::Ident) -> Option<String> {
        if name.name == POOLS && self.names.form.section(POOLS).is_none() {
            return Some(POOLS.to_owned());
        }
        match self.names.form.section(&name.name) {
            Some(section) if section.shape == Shape::Rows => Some(section.key.clone()),
            _ => {
                let rows = self
                    .names
                    .form
                    .sections()
                    .iter()
                    .filter(|s| s.shape == Shape::Rows)
                    .map(|s| s.key.as_str());
                self.errors.push(CheckError::UnknownReference {
                    what: t!(WHAT_ROWS_SECTION),
                    name: name.name.clone(),
                    span: name.span.into(),
                    help: suggest::did_you_mean(&name.name, rows),
                });
                None
            }
        }
    }

    /// Resolves `expr` and requires its type to fit `expected`.
    pub(crate) fn expect(&mut self, expr: &ast::Expr, scope: &Scope, expected: &Ty) -> ir::Expr {
        let (ty, resolved) = self.resolve(expr, scope);
        if !ty.fits(expected) {
            self.errors.push(CheckError::TypeMismatch {
                expected: expected.to_string(),
                found: ty.to_string(),
                span: expr.span.into(),
                help: mismatch_help(&ty, expected).or_else(|| percent_for_points(expr, expected)),
            });
        }
        resolved
    }

    /// Resolves a share of the weight or a completion edge: it must be written as a
    /// percentage, so that `100` is never read as 100 times the weight.
    pub(crate) fn expect_percent(&mut self, expr: &ast::Expr, scope: &Scope) -> ir::Expr {
        let (ty, resolved) = self.resolve(expr, scope);
        match ty {
            Ty::Num(Dim::Scalar | Dim::Percent) | Ty::Error => {}
            Ty::Num(Dim::Any | Dim::Zero) => self.errors.push(CheckError::PercentExpected {
                found: match self.constant_name(expr) {
                    Some(_) => self.bare_number_words(expr),
                    None => t!(CHECK_BARE_NUMBER),
                },
                span: expr.span.into(),
                help: self.percent_help(expr, write_percent),
            }),
            other => self.errors.push(CheckError::PercentExpected {
                found: other.to_string(),
                span: expr.span.into(),
                help: t!(CHECK_SHARE_IS_PERCENT),
            }),
        }
        resolved
    }

    /// Resolves an expression and gives its type.
    pub(crate) fn resolve(&mut self, expr: &ast::Expr, scope: &Scope) -> Typed {
        let span = expr.span;
        match &expr.kind {
            ast::ExprKind::Literal(lit) => literal(lit, span),
            ast::ExprKind::Name(ident) => self.resolve_name(ident, scope),
            ast::ExprKind::Member(base, field) => self.resolve_member(base, field, scope, span),
            ast::ExprKind::Filter(base, cond) => self.resolve_filter(base, cond, scope, span),
            ast::ExprKind::Unary(op, operand) => self.resolve_unary(*op, operand, scope, span),
            ast::ExprKind::Binary(op, l, r) => self.resolve_binary(*op, l, r, scope, span),
            ast::ExprKind::If(c, a, b) => self.resolve_if(c, a, b, scope, span),
            ast::ExprKind::Call(name, args) => self.resolve_call(name, args, scope, span),
            ast::ExprKind::Outer(field) => self.resolve_outer(field, scope, span),
        }
    }

    /// `outer.name`: a field or computed value of the row outside the innermost one.
    fn resolve_outer(&mut self, field: &ast::Ident, scope: &Scope, span: Span) -> Typed {
        let mut outside = scope.clone();
        outside.rows.pop();
        let Some(section) = outside
            .rows
            .last()
            .cloned()
            .filter(|_| !scope.rows.is_empty())
        else {
            let help = match scope.rows.last() {
                Some(_) => t!(CHECK_OUTER_IN_ROW, name = field.name),
                None => t!(CHECK_OUTER_NO_ROW),
            };
            self.errors.push(CheckError::UnknownName {
                name: format!("outer.{}", field.name),
                span: span.into(),
                help: Some(help),
            });
            return error_node(span);
        };
        match self.row_name(&section, &field.name, field.span, &outside) {
            Some((ty, inner)) => (ty, node(ir::ExprKind::Outer(Box::new(inner)), span)),
            None => {
                let fields = self
                    .names
                    .form
                    .section(&section)
                    .map(|s| s.fields.iter().map(|f| f.key.as_str()).collect::<Vec<_>>())
                    .unwrap_or_default();
                self.errors.push(CheckError::UnknownField {
                    name: field.name.clone(),
                    owner: section,
                    span: field.span.into(),
                    help: field_help(&field.name, fields.into_iter()),
                });
                error_node(span)
            }
        }
    }

    fn resolve_name(&mut self, ident: &ast::Ident, scope: &Scope) -> Typed {
        let name = ident.name.as_str();
        let span = ident.span;
        if scope.locals {
            let local = match name {
                "target" | "目标值" => Some(Local::Target),
                "actual" | "实际完成值" => Some(Local::Actual),
                _ => None,
            };
            if let Some(local) = local {
                return (Ty::Num(Dim::Scalar), node(ir::ExprKind::Local(local), span));
            }
        }
        if let Some(section) = scope.rows.last()
            && let Some(found) = self.row_name(section, name, span, scope)
        {
            return found;
        }
        if let Some(constant) = self.constants.get(name) {
            return match constant {
                Some((ty, value)) => (
                    ty,
                    node(
                        ir::ExprKind::Constant {
                            name: name.to_owned(),
                            value,
                        },
                        span,
                    ),
                ),
                None => error_node(span),
            };
        }
        if let Some(found) = self.global_name(name, span, scope) {
            return found;
        }
        if let Some(section) = self.names.form.section(name) {
            let key = section.key.clone();
            return match section.shape {
                Shape::Rows => (
                    Ty::Rows(key.clone()),
                    node(ir::ExprKind::Rows { section: key }, span),
                ),
                Shape::Record => {
                    self.errors.push(CheckError::TypeMismatch {
                        expected: t!(CHECK_A_VALUE),
                        found: t!(CHECK_THE_SECTION, key),
                        span: span.into(),
                        help: section
                            .fields
                            .first()
                            .map(|f| t!(CHECK_NAME_A_FIELD, key, field = f.key)),
                    });
                    error_node(span)
                }
            };
        }
        if name == POOLS {
            let rows = POOLS.to_owned();
            return (
                Ty::Rows(rows.clone()),
                node(ir::ExprKind::Rows { section: rows }, span),
            );
        }
        if let Some(id) = self.category_id(name) {
            return (
                Ty::Category,
                node(ir::ExprKind::Const(Value::Category(id)), span),
            );
        }
        if RoundingMode::from_name(name).is_some() {
            return (
                Ty::Mode,
                node(ir::ExprKind::Const(Value::Text(name.into())), span),
            );
        }
        self.unknown_name(ident, scope);
        error_node(span)
    }

    /// A field or computed value of the rows of `section`.
    fn row_name(&mut self, section: &str, name: &str, span: Span, scope: &Scope) -> Option<Typed> {
        if section == POOLS && self.names.form.section(POOLS).is_none() {
            let field = PoolField::from_name(name)?;
            if field.known_from() > scope.stage {
                self.too_early(name, span, field.known_from(), scope.stage);
                return Some(error_node(span));
            }
            self.reads_pools = true;
            return Some((
                pool_field_type(field),
                node(ir::ExprKind::PoolField(field), span),
            ));
        }
        if section == INDICATORS {
            if let Some(computed) = Computed::from_name(name) {
                return Some(self.computed(computed, span, scope));
            }
            // `category` is the canonical category; the text the form wrote is here.
            if matches!(name, "category_label" | "类别标签") {
                return Some((
                    Ty::Text,
                    node(
                        ir::ExprKind::RowField(
                            slotted(self.names.form.section(section), "category"),
                            ir::FieldRead::Plain,
                        ),
                        span,
                    ),
                ));
            }
        }
        let schema = self.names.form.section(section)?;
        let field = field_named(schema, name)?;
        Some((
            Ty::of_field(field.ty),
            node(
                ir::ExprKind::RowField(
                    slotted(Some(schema), &field.key),
                    super::types::field_read(field.ty),
                ),
                span,
            ),
        ))
    }

    fn computed(&mut self, computed: Computed, span: Span, scope: &Scope) -> Typed {
        if computed.known_from() > scope.stage {
            self.too_early(computed.name(), span, computed.known_from(), scope.stage);
            return error_node(span);
        }
        let ty = computed_type(computed);
        (ty, node(ir::ExprKind::Computed(computed), span))
    }

    fn global_name(&mut self, name: &str, span: Span, scope: &Scope) -> Option<Typed> {
        let (global, ty) = match name {
            "fiscal_year" | "财政年度" if self.names.has_fiscal_year => {
                (Global::FiscalYear, Ty::Num(Dim::Scalar))
            }
            "cutoff" | "截止日期" if self.names.has_cutoff => (Global::Cutoff, Ty::Date),
            "total" | "总分" => (Global::Total, Ty::Num(Dim::Points)),
            "max_score" | "满分" => (Global::MaxScore, Ty::Num(Dim::Points)),
            "rating" | "评价等级" if self.names.has_rating => (Global::Rating, Ty::Text),
            line if self.names.lines.iter().any(|l| l == line) => {
                (Global::Line(line.to_owned()), Ty::Num(Dim::Points))
            }
            _ => return None,
        };
        if global.known_from() > scope.stage {
            self.too_early(name, span, global.known_from(), scope.stage);
            return Some(error_node(span));
        }
        Some((ty, node(ir::ExprKind::Global(global), span)))
    }

    fn too_early(&mut self, name: &str, span: Span, known: Stage, stage: Stage) {
        self.errors.push(CheckError::TooEarly {
            name: name.to_owned(),
            span: span.into(),
            help: t!(
                CHECK_TOO_EARLY_WHY,
                name,
                known = stage_words(known),
                used = stage_use(stage)
            ),
        });
    }

    fn unknown_name(&mut self, ident: &ast::Ident, scope: &Scope) {
        let mut candidates: Vec<&str> = Vec::new();
        if let Some(section) = scope.rows.last().and_then(|s| self.names.form.section(s)) {
            // A field by its key or by its label (`自评分`, as a Chinese ruleset writes it).
            candidates.extend(section.fields.iter().map(|f| f.key.as_str()));
            candidates.extend(section.fields.iter().map(|f| f.label.as_str()));
            if section.key == INDICATORS {
                candidates.extend(Computed::NAMES.iter().flat_map(|(en, zh, _)| [*en, *zh]));
            }
        }
        candidates.extend(self.names.form.sections().iter().map(|s| s.key.as_str()));
        candidates.extend(self.names.categories.iter().map(String::as_str));
        candidates.extend(["fiscal_year", "cutoff", "total", "max_score"]);
        candidates.extend(self.constants.names());
        let mut help = suggest::did_you_mean(&ident.name, candidates);
        if help.is_none() && scope.rows.is_empty() && self.is_row_name(&ident.name) {
            help = Some(t!(CHECK_ROW_VALUE_OUTSIDE, name = ident.name));
        }
        self.errors.push(CheckError::UnknownName {
            name: ident.name.clone(),
            span: ident.span.into(),
            help,
        });
    }

    fn is_row_name(&self, name: &str) -> bool {
        Computed::from_name(name).is_some()
            || self
                .names
                .form
                .sections()
                .iter()
                .any(|s| s.shape == Shape::Rows && s.field(name).is_some())
    }

    fn resolve_member(
        &mut self,
        base: &ast::Expr,
        field: &ast::Ident,
        scope: &Scope,
        span: Span,
    ) -> Typed {
        // A row field is never a record, so `budget.initial` means the section even
        // inside rows that have a field `budget`; `funds.appropriation.initial` names a
        // field of the section `funds.appropriation`.
        if let Some(path) = dotted_path(base) {
            let full = format!("{path}.{}", field.name);
            if let Some(rows) = self
                .names
                .form
                .section(&full)
                .filter(|s| s.shape == Shape::Rows)
            {
                let key = rows.key.clone();
                return (
                    Ty::Rows(key.clone()),
                    node(ir::ExprKind::Rows { section: key }, span),
                );
            }
        }
        if let Some(path) = dotted_path(base)
            && let Some(section) = self
                .names
                .form
                .section(&path)
                .filter(|s| s.shape == Shape::Record)
        {
            return self.section_field(section.key.clone(), field, span);
        }
        let (base_ty, base_ir) = self.resolve(base, scope);
        match base_ty {
            Ty::Rows(section) => self.project(&section, base_ir, field, span, scope),
            Ty::Row(section) => {
                let (ty, resolved) = self.project(&section, base_ir, field, span, scope);
                let ty = match ty {
                    Ty::List(inner) => *inner,
                    other => other,
                };
                let resolved = match resolved.kind {
                    ir::ExprKind::Project(base, projection) => {
                        node(ir::ExprKind::RowMember(base, projection), span)
                    }
                    other => node(other, span),
                };
                (ty, resolved)
            }
            Ty::Error => error_node(span),
            other => {
                self.errors.push(CheckError::TypeMismatch {
                    expected: t!(CHECK_SECTION_OR_ROWS),
                    found: other.to_string(),
                    span: base.span.into(),
                    help: Some(
                        if matches!(base.kind, ast::ExprKind::Literal(Literal::Number(_))) {
                            t!(PARSE_HELP_NUMBER_DOT)
                        } else {
                            t!(CHECK_MEMBER_OF, field = field.name)
                        },
                    ),
                });
                error_node(span)
            }
        }
    }

    fn section_field(&mut self, key: String, field: &ast::Ident, span: Span) -> Typed {
        let sections = self.names.form.sections();
        let Some((slot, section)) = sections.iter().enumerate().find(|(_, s)| s.key == key) else {
            return error_node(span);
        };
        match field_named(section, &field.name) {
            Some(f) => (
                Ty::of_field(f.ty),
                node(
                    ir::ExprKind::SectionField {
                        section: key,
                        field: slotted(Some(section), &f.key),
                        read: super::types::field_read(f.ty),
                        slot,
                    },
                    span,
                ),
            ),
            None => {
                let help = field_help(&field.name, section.fields.iter().map(|f| f.key.as_str()));
                self.errors.push(CheckError::UnknownField {
                    name: field.name.clone(),
                    owner: key,
                    span: field.span.into(),
                    help,
                });
                error_node(span)
            }
        }
    }

    /// `rows.field`: the field of each row as a list.
    fn project(
        &mut self,
        section: &str,
        base: ir::Expr,
        field: &ast::Ident,
        span: Span,
        scope: &Scope,
    ) -> Typed {
        if section == POOLS && self.names.form.section(POOLS).is_none() {
            let Some(pool_field) = PoolField::from_name(&field.name) else {
                let names = PoolField::NAMES.map(|(en, _, _)| en);
                self.errors.push(CheckError::UnknownField {
                    name: field.name.clone(),
                    owner: POOLS.to_owned(),
                    span: field.span.into(),
                    help: field_help(&field.name, names.into_iter()),
                });
                return error_node(span);
            };
            if pool_field.known_from() > scope.stage {
                self.too_early(
                    &field.name,
                    field.span,
                    pool_field.known_from(),
                    scope.stage,
                );
                return error_node(span);
            }
            self.reads_pools = true;
            return (
                Ty::List(Box::new(pool_field_type(pool_field))),
                node(
                    ir::ExprKind::Project(Box::new(base), Projection::Pool(pool_field)),
                    span,
                ),
            );
        }
        let computed = (section == INDICATORS)
            .then(|| Computed::from_name(&field.name))
            .flatten();
        if let Some(c) = computed.filter(|c| c.known_from() > scope.stage) {
            self.too_early(&field.name, field.span, c.known_from(), scope.stage);
            return error_node(span);
        }
        let schema = self.names.form.section(section);
        let found = schema.and_then(|s| Some((s, field_named(s, &field.name)?)));
        let (ty, projection) = match (computed, found) {
            (Some(c), _) => (computed_type(c), Projection::Computed(c)),
            (None, Some((s, f))) => (
                Ty::of_field(f.ty),
                Projection::Field(slotted(Some(s), &f.key), super::types::field_read(f.ty)),
            ),
            (None, None) => {
                let help = schema
                    .and_then(|s| field_help(&field.name, s.fields.iter().map(|f| f.key.as_str())));
                self.errors.push(CheckError::UnknownField {
                    name: field.name.clone(),
                    owner: section.to_owned(),
                    span: field.span.into(),
                    help,
                });
                return error_node(span);
            }
        };
        (
            Ty::List(Box::new(ty)),
            node(ir::ExprKind::Project(Box::new(base), projection), span),
        )
    }

    fn resolve_filter(
        &mut self,
        base: &ast::Expr,
        cond: &ast::Expr,
        scope: &Scope,
        span: Span,
    ) -> Typed {
        let (base_ty, base_ir) = self.resolve(base, scope);
        let Ty::Rows(section) = base_ty else {
            if base_ty != Ty::Error {
                self.errors.push(CheckError::TypeMismatch {
                    expected: t!(CHECK_ARGS_ROWS),
                    found: base_ty.to_string(),
                    span: base.span.into(),
                    help: Some(t!(CHECK_FILTER_ROWS)),
                });
            }
            return error_node(span);
        };
        let cond_ir = self.expect(cond, &scope.in_rows(&section), &Ty::Bool);
        (
            Ty::Rows(section),
            node(
                ir::ExprKind::Filter(Box::new(base_ir), Box::new(cond_ir)),
                span,
            ),
        )
    }

    fn resolve_unary(
        &mut self,
        op: UnaryOp,
        operand: &ast::Expr,
        scope: &Scope,
        span: Span,
    ) -> Typed {
        let (ty, inner) = self.resolve(operand, scope);
        let ok = match op {
            UnaryOp::Not => ty.fits(&Ty::Bool),
            UnaryOp::Neg => matches!(ty, Ty::Num(_) | Ty::Error),
        };
        if !ok {
            self.errors.push(CheckError::TypeMismatch {
                expected: if op == UnaryOp::Not {
                    "a condition"
                } else {
                    "a number"
                }
                .to_owned(),
                found: ty.to_string(),
                span: operand.span.into(),
                help: None,
            });
        }
        let result = if op == UnaryOp::Not { Ty::Bool } else { ty };
        (result, node(ir::ExprKind::Unary(op, Box::new(inner)), span))
    }

    fn resolve_binary(
        &mut self,
        op: BinaryOp,
        l: &ast::Expr,
        r: &ast::Expr,
        scope: &Scope,
        span: Span,
    ) -> Typed {
        let (lt, li) = self.resolve(l, scope);
        let (rt, ri) = self.resolve(r, scope);
        let ty = self.binary_type(op, &lt, &rt, l, r, span);
        if !is_arithmetic(op) && !matches!(op, BinaryOp::And | BinaryOp::Or) {
            self.same_sides(op, l, r, scope, span);
            self.names_no_indicator(op, (l, r), scope);
        }
        (
            ty,
            node(ir::ExprKind::Binary(op, Box::new(li), Box::new(ri)), span),
        )
    }

    fn binary_type(
        &mut self,
        op: BinaryOp,
        lt: &Ty,
        rt: &Ty,
        l: &ast::Expr,
        r: &ast::Expr,
        span: Span,
    ) -> Ty {
        if *lt == Ty::Error || *rt == Ty::Error {
            return if is_arithmetic(op) {
                Ty::Error
            } else {
                Ty::Bool
            };
        }
        let joins = !matches!(
            op,
            BinaryOp::And | BinaryOp::Or | BinaryOp::Mul | BinaryOp::Div
        );
        if joins && self.bare_beside_percent(&[(lt, l), (rt, r)]) {
            return if is_arithmetic(op) {
                Ty::Num(Dim::Percent)
            } else {
                Ty::Bool
            };
        }
        match op {
            BinaryOp::And | BinaryOp::Or => {
                for (ty, e) in [(lt, l), (rt, r)] {
                    if !ty.fits(&Ty::Bool) {
                        self.mismatch("a condition", ty, e);
                    }
                }
                Ty::Bool
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => match (lt, rt) {
                (Ty::Num(a), Ty::Num(b)) => arithmetic(op, *a, *b).map_or_else(
                    || {
                        self.unit_mismatch(op, lt, rt, span);
                        Ty::Error
                    },
                    Ty::Num,
                ),
                (Ty::Num(_), other) => {
                    self.mismatch("a number", other, r);
                    Ty::Error
                }
                (other, _) => {
                    self.mismatch("a number", other, l);
                    Ty::Error
                }
            },
            _ => {
                self.comparison(op, lt, rt, span);
                Ty::Bool
            }
        }
    }

    /// Warns of a comparison whose sides are the same expression: it always holds (`==`,
    /// `<=`, `>=`) or never does. Inside a filter this is most often a rule that meant
    /// the row outside: `indicators[goal == goal]` compares each row with itself.
    fn same_sides(
        &mut self,
        op: BinaryOp,
        l: &ast::Expr,
        r: &ast::Expr,
        scope: &Scope,
        span: Span,
    ) {
        if !same_expr(l, r) {
            return;
        }
        let always = matches!(op, BinaryOp::Eq | BinaryOp::Le | BinaryOp::Ge);
        let help = match &l.kind {
            ast::ExprKind::Name(name) if scope.rows.len() >= 2 => t!(
                CHECK_TRIVIAL_COMPARISON_OUTER,
                op = op.symbol(),
                name = name.name
            ),
            _ if scope.rows.len() >= 2 => t!(CHECK_TRIVIAL_COMPARISON_ROW),
            _ => t!(CHECK_TRIVIAL_COMPARISON_HELP),
        };
        self.warnings.push(CheckError::TrivialComparison {
            op: op.symbol().to_owned(),
            outcome: if always {
                t!(CHECK_TRIVIAL_COMPARISON_ALWAYS)
            } else {
                t!(CHECK_TRIVIAL_COMPARISON_NEVER)
            },
            span: span.into(),
            help,
        });
    }

    /// Warns of `name == "…"` (or `!=`) on an indicator row where no catalog has an
    /// indicator of that name: a rule that picks a catalog indicator by a name the catalog
    /// no longer has (renamed by hand, a slip of a character) never applies to it, and
    /// nothing else would say so.
    fn names_no_indicator(
        &mut self,
        op: BinaryOp,
        (l, r): (&ast::Expr, &ast::Expr),
        scope: &Scope,
    ) {
        let catalog = self.names.indicator_names;
        if !matches!(op, BinaryOp::Eq | BinaryOp::Ne)
            || catalog.is_empty()
            || scope.rows.last().map(String::as_str) != Some(crate::ir::vocab::INDICATORS)
        {
            return;
        }
        let is_name = |e: &ast::Expr| matches!(&e.kind, ast::ExprKind::Name(n) if n.name == "name");
        let (name, span) = match (&l.kind, &r.kind) {
            (_, ast::ExprKind::Literal(Literal::Text(text))) if is_name(l) => (text, r.span),
            (ast::ExprKind::Literal(Literal::Text(text)), _) if is_name(r) => (text, l.span),
            _ => return,
        };
        if catalog.contains(name.as_str()) {
            return;
        }
        let help = suggest::did_you_mean(name, catalog.iter().copied())
            .unwrap_or_else(|| t!(CHECK_UNKNOWN_INDICATOR_NAME_HELP));
        self.warnings.push(CheckError::UnknownIndicatorName {
            name: name.clone(),
            span: span.into(),
            help,
        });
    }

    fn comparison(&mut self, op: BinaryOp, lt: &Ty, rt: &Ty, span: Span) {
        let ordered = !matches!(op, BinaryOp::Eq | BinaryOp::Ne);
        let ok = match (lt, rt) {
            (Ty::Num(a), Ty::Num(b)) => unify(*a, *b).is_some(),
            (Ty::Date, Ty::Date) => true,
            (Ty::Text, Ty::Text) | (Ty::Category, Ty::Category) | (Ty::Bool, Ty::Bool) => !ordered,
            _ => false,
        };
        if ok {
            return;
        }
        if matches!(
            (lt, rt),
            (Ty::Category, Ty::Text) | (Ty::Text, Ty::Category)
        ) {
            self.errors.push(CheckError::TypeMismatch {
                expected: t!(TY_CATEGORY),
                found: t!(TY_TEXT),
                span: span.into(),
                help: Some(t!(CHECK_CATEGORY_UNQUOTED_COMPARE)),
            });
            return;
        }
        self.unit_mismatch(op, lt, rt, span);
    }

    fn resolve_if(
        &mut self,
        c: &ast::Expr,
        a: &ast::Expr,
        b: &ast::Expr,
        scope: &Scope,
        span: Span,
    ) -> Typed {
        let ci = self.expect(c, scope, &Ty::Bool);
        let (at, ai) = self.resolve(a, scope);
        let (bt, bi) = self.resolve(b, scope);
        let ty = match (&at, &bt) {
            _ if self.bare_beside_percent(&[(&at, a), (&bt, b)]) => Ty::Num(Dim::Percent),
            (Ty::Error, t) | (t, Ty::Error) => t.clone(),
            (Ty::Num(x), Ty::Num(y)) => unify(*x, *y).map_or_else(
                || {
                    self.mismatch(&at.to_string(), &bt, b);
                    Ty::Error
                },
                Ty::Num,
            ),
            (x, y) if x == y => x.clone(),
            _ => {
                self.mismatch(&at.to_string(), &bt, b);
                Ty::Error
            }
        };
        (
            ty,
            node(
                ir::ExprKind::If(Box::new(ci), Box::new(ai), Box::new(bi)),
                span,
            ),
        )
    }

    fn resolve_call(
        &mut self,
        name: &ast::Ident,
        args: &[ast::Expr],
        scope: &Scope,
        span: Span,
    ) -> Typed {
        let Some(function) = function_named(&name.name) else {
            // Either spelling: `求合` is one slip from `求和`.
            let names = FUNCTIONS.iter().flat_map(|(en, zh, _)| [*en, *zh]);
            self.errors.push(CheckError::UnknownFunction {
                name: name.name.clone(),
                span: name.span.into(),
                help: suggest::did_you_mean(&name.name, names).unwrap_or_else(|| {
                    t!(
                        CHECK_FUNCTIONS_ARE,
                        list = crate::i18n::code_list(&english_names(&FUNCTIONS))
                    )
                }),
            });
            for arg in args {
                self.resolve(arg, scope);
            }
            return error_node(span);
        };
        super::calls::resolve_call(self, function, &name.name, args, scope, span)
    }

    /// Reports that `found` is not `expected`.
    pub(crate) fn mismatch(&mut self, expected: &str, found: &Ty, at: &ast::Expr) {
        self.errors.push(CheckError::TypeMismatch {
            expected: expected.to_owned(),
            found: found.to_string(),
            span: at.span.into(),
            help: None,
        });
    }

    /// Reports every bare number (other than `0`) among `operands` when another is a
    /// percentage: `max(5, 0%)` would read the 5 as 500%. Whether any was reported.
    pub(crate) fn bare_beside_percent(&mut self, operands: &[(&Ty, &ast::Expr)]) -> bool {
        if !operands.iter().any(|(ty, _)| **ty == Ty::Num(Dim::Percent)) {
            return false;
        }
        let mut reported = false;
        for (ty, expr) in operands {
            if **ty == Ty::Num(Dim::Any) {
                self.errors.push(CheckError::PercentExpected {
                    found: self.bare_number_words(expr),
                    span: expr.span.into(),
                    help: self.percent_help(expr, |number| t!(CHECK_BARE_BESIDE_PERCENT, number)),
                });
                reported = true;
            }
        }
        reported
    }

    /// A bare number as the error names it: the literal, or the constant that holds it.
    fn bare_number_words(&self, expr: &ast::Expr) -> String {
        match self.constant_name(expr) {
            Some(name) => t!(CHECK_CONSTANT_BARE_NUMBER, name),
            None => t!(CHECK_THE_BARE_NUMBER, number = source_number(expr)),
        }
    }

    /// How to write a bare number as a percentage: `literal` of the number as written,
    /// or, for a constant, its `let` with `%`.
    fn percent_help(&self, expr: &ast::Expr, literal: impl FnOnce(String) -> String) -> String {
        match self.constant_name(expr) {
            Some(name) => {
                let number = self
                    .constants
                    .number(name)
                    .map_or_else(|| "…".to_owned(), |d| d.to_string());
                t!(CHECK_CONSTANT_PERCENT, name, number)
            }
            None => literal(source_number(expr)),
        }
    }

    fn constant_name<'e>(&self, expr: &'e ast::Expr) -> Option<&'e str> {
        match &expr.kind {
            ast::ExprKind::Name(ident) if self.constants.get(&ident.name).is_some() => {
                Some(&ident.name)
            }
            _ => None,
        }
    }

    fn unit_mismatch(&mut self, op: BinaryOp, lt: &Ty, rt: &Ty, span: Span) {
        let action = match op {
            BinaryOp::Add => t!(CHECK_ACTION_ADD),
            BinaryOp::Sub => t!(CHECK_ACTION_SUBTRACT),
            BinaryOp::Mul => t!(CHECK_ACTION_MULTIPLY),
            BinaryOp::Div => t!(CHECK_ACTION_DIVIDE),
            _ => t!(CHECK_ACTION_COMPARE),
        };
        // A date beside a text or a number is most often a date written as one
        // (`"2024-12-31"`, `2024/12/31`, a division), not a unit slip.
        let help = match (lt, rt) {
            (Ty::Date, _) | (_, Ty::Date) => t!(CHECK_DATE_MISMATCH_HELP),
            _ => t!(CHECK_UNIT_MISMATCH_HELP),
        };
        self.errors.push(CheckError::UnitMismatch {
            action,
            left: lt.to_string(),
            right: rt.to_string(),
            op: op.symbol().to_owned(),
            span: span.into(),
            help,
        });
    }
}

/// Whether two expressions are written the same, wherever they are written.
fn same_expr(a: &ast::Expr, b: &ast::Expr) -> bool {
    use ast::ExprKind as K;
    match (&a.kind, &b.kind) {
        (K::Literal(x), K::Literal(y)) => x == y,
        (K::Name(x), K::Name(y)) | (K::Outer(x), K::Outer(y)) => x.name == y.name,
        (K::Member(x, m), K::Member(y, n)) => m.name == n.name && same_expr(x, y),
        (K::Filter(x, c), K::Filter(y, d)) => same_expr(x, y) && same_expr(c, d),
        (K::Unary(o, x), K::Unary(p, y)) => o == p && same_expr(x, y),
        (K::Binary(o, x, c), K::Binary(p, y, d)) => o == p && same_expr(x, y) && same_expr(c, d),
        (K::If(x, c, e), K::If(y, d, f)) => same_expr(x, y) && same_expr(c, d) && same_expr(e, f),
        (K::Call(f, x), K::Call(g, y)) => {
            f.name == g.name && x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_expr(p, q))
        }
        _ => false,
    }
}

/// When a stage comes, in words.
fn stage_words(stage: Stage) -> String {
    match stage {
        Stage::Data => t!(STAGE_KNOWN_DATA),
        Stage::Weights => t!(STAGE_KNOWN_WEIGHTS),
        Stage::Completion => t!(STAGE_KNOWN_COMPLETION),
        Stage::Scores => t!(STAGE_KNOWN_SCORES),
        Stage::Total => t!(STAGE_KNOWN_TOTAL),
        Stage::Final => t!(STAGE_KNOWN_FINAL),
    }
}

/// A field by its key, or by the form's own words for it (`实际完成值` for `actual`), so
/// that a ruleset written in Chinese can name fields as the form does.
fn field_named<'s>(
    section: &'s crate::data::schema::SectionSchema,
    name: &str,
) -> Option<&'s crate::data::schema::FieldSchema> {
    section
        .field(name)
        .or_else(|| section.fields.iter().find(|f| f.label == name))
}

/// A field of `section` by its key, with its place among the section's fields (none,
/// `usize::MAX`, where the form has no such section or field: it is then read by key).
fn slotted(section: Option<&crate::data::schema::SectionSchema>, key: &str) -> ir::FieldName {
    ir::FieldName {
        key: key.to_owned(),
        slot: section.and_then(|s| s.slot(key)).unwrap_or(usize::MAX),
    }
}

/// `a.b.c` as the text `a.b.c`, where an expression is only names and members.
fn dotted_path(expr: &ast::Expr) -> Option<String> {
    match &expr.kind {
        ast::ExprKind::Name(ident) => Some(ident.name.clone()),
        ast::ExprKind::Member(base, field) => {
            dotted_path(base).map(|p| format!("{p}.{}", field.name))
        }
        _ => None,
    }
}

/// What happens at a stage, for "used while …".
fn stage_use(stage: Stage) -> String {
    match stage {
        Stage::Data => t!(STAGE_USE_DATA),
        Stage::Weights => t!(STAGE_USE_WEIGHTS),
        Stage::Completion => t!(STAGE_USE_COMPLETION),
        Stage::Scores => t!(STAGE_USE_SCORES),
        Stage::Total => t!(STAGE_USE_TOTAL),
        Stage::Final => t!(STAGE_USE_FINAL),
    }
}

fn is_arithmetic(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div
    )
}

fn literal(lit: &Literal, span: Span) -> Typed {
    let (ty, value) = match lit {
        Literal::Number(d) if d.is_zero() => (Ty::Num(Dim::Zero), Value::num(*d, Unit::Scalar)),
        Literal::Number(d) => (Ty::Num(Dim::Any), Value::num(*d, Unit::Scalar)),
        Literal::Percent(d) => (Ty::Num(Dim::Percent), Value::num(*d, Unit::Percent)),
        Literal::Points(d) => (Ty::Num(Dim::Points), Value::num(*d, Unit::Points)),
        Literal::Amount(d) => (Ty::Num(Dim::Amount), Value::num(*d, Unit::Amount)),
        Literal::Date(d) => (Ty::Date, Value::Date(*d)),
        Literal::Text(t) => (Ty::Text, Value::Text(t.as_str().into())),
        Literal::Bool(b) => (Ty::Bool, Value::Bool(*b)),
    };
    (ty, node(ir::ExprKind::Const(value), span))
}

fn pool_field_type(field: PoolField) -> Ty {
    match field {
        PoolField::Name => Ty::Text,
        PoolField::Points | PoolField::Weight | PoolField::ExpectedWeight | PoolField::Score => {
            Ty::Num(Dim::Points)
        }
        PoolField::Count => Ty::Num(Dim::Scalar),
    }
}

fn computed_type(computed: Computed) -> Ty {
    match computed {
        Computed::Category => Ty::Category,
        Computed::Recognized | Computed::Quantitative | Computed::Missing => Ty::Bool,
        Computed::ExpectedWeight | Computed::Score => Ty::Num(Dim::Points),
        Computed::Completion => Ty::Num(Dim::Percent),
        Computed::Grade | Computed::Unit => Ty::Text,
    }
}

fn field_help<'b>(name: &str, fields: impl Iterator<Item = &'b str> + Clone) -> Option<String> {
    suggest::did_you_mean(name, fields.clone()).or_else(|| {
        let all: Vec<_> = fields.map(|f| format!("`{f}`")).collect();
        (!all.is_empty()).then(|| t!(CHECK_FIELDS_ARE, list = all.join(&t!(LIST_COMMA))))
    })
}

fn mismatch_help(found: &Ty, expected: &Ty) -> Option<String> {
    match (found, expected) {
        (Ty::Num(_), Ty::Bool) => Some(t!(CHECK_COMPARE_IT)),
        (Ty::Text, Ty::Category) => Some(t!(CHECK_CATEGORY_UNQUOTED)),
        _ => None,
    }
}

/// `预算执行率 8%` where points are wanted: the number itself is the points.
fn percent_for_points(expr: &ast::Expr, expected: &Ty) -> Option<String> {
    match (&expr.kind, expected) {
        (ast::ExprKind::Literal(Literal::Percent(ratio)), Ty::Num(Dim::Points)) => {
            let points = ratio
                .checked_mul(rust_decimal::Decimal::ONE_HUNDRED)?
                .normalize();
            Some(t!(CHECK_POINTS_NOT_PERCENT, points))
        }
        _ => None,
    }
}

fn source_number(expr: &ast::Expr) -> String {
    match &expr.kind {
        ast::ExprKind::Literal(Literal::Number(d)) => d.to_string(),
        ast::ExprKind::Unary(ast::UnaryOp::Neg, inner) => format!("-{}", source_number(inner)),
        _ => "…".to_owned(),
    }
}

/// The distinct English names of a table of spellings, in order.
pub(crate) fn english_names<T>(table: &[(&'static str, &'static str, T)]) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for (en, _, _) in table {
        if !names.contains(en) {
            names.push(en);
        }
    }
    names
}

fn function_named(name: &str) -> Option<Function> {
    FUNCTIONS
        .iter()
        .find(|(en, zh, _)| *en == name || *zh == name)
        .map(|(_, _, f)| *f)
}

/// How to write a bare share as a percentage: `4` as `4%`; a fraction below one
/// (`0.04`) is most often the ratio 4%, so both readings are named, never `0.04%` alone
/// (a deduction a hundred times smaller that then passes every check).
fn write_percent(number: String) -> String {
    let fraction = number
        .parse::<rust_decimal::Decimal>()
        .ok()
        .filter(|n| n.is_sign_positive() && !n.is_zero() && *n < rust_decimal::Decimal::ONE);
    let percent = fraction.and_then(|n| n.checked_mul(rust_decimal::Decimal::ONE_HUNDRED));
    match percent {
        Some(percent) => {
            let percent = percent.normalize().to_string();
            t!(CHECK_WRITE_PERCENT_FRACTION, number, percent)
        }
        None => t!(CHECK_WRITE_PERCENT, number),
    }
}
