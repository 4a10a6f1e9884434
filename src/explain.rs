//! `perfeval explain`: every score's derivation in the form's words — how the target and
//! the actual were read, the completion and the formula that gave it, the band and each
//! deduction with its rate, the grade, the rounding, the result — with the rule's place
//! in the ruleset and the clause its doc comment quotes; then every check with both
//! sides' numbers, and the total.
//!
//! The steps are what scoring itself recorded (`eval::evaluate_traced`): an explanation
//! cannot tell a different story from the score.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use rust_decimal::Decimal;
use serde_json::{Value as Json, json};

use crate::compile::{Plan, SplitPlan};
use crate::data::project::Project;
use crate::eval::describe;
use crate::eval::error::EvalError;
use crate::eval::measure::{Quantity, Reading};
use crate::eval::outcome::{ClassFrom, IndicatorOutcome, Outcome};
use crate::eval::trace::{CheckRun, Deduction, Side, Step};
use crate::finding::Finding;
use crate::ir::vocab::{Comparator, ResidualRule, RoundingMode};
use crate::source::{Sources, Span};

/// The first key of an explanation's JSON: a folder walk knows it as perfeval's and
/// never reads it as a form, and a later `-o` may replace it.
pub const MARKER: &str = "perfeval_explain";

/// The explanation of one project.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// The project's name and file.
    pub title: String,
    /// One block per indicator, then the checks, then the total.
    pub blocks: Vec<Block>,
}

/// The explanation of one thing: an indicator, a check, the total.
#[derive(Clone, Debug)]
pub struct Block {
    /// What it explains: `产出 · 系统上线数量`.
    pub title: String,
    /// What kind: `indicator`, `check`, `total`.
    pub kind: &'static str,
    /// Each step, in order, in the form's words.
    pub lines: Vec<Line>,
    /// The rules it applied, with their place in the ruleset and their clause.
    pub rules: Vec<RuleRef>,
}

/// One step of a derivation.
#[derive(Clone, Debug)]
pub struct Line {
    /// What kind of step (`target`, `actual`, `completion`, `band`, `score`, …).
    pub step: &'static str,
    /// The step in words.
    pub text: String,
    /// Its numbers, as exact decimals.
    pub values: Vec<(&'static str, String)>,
}

/// A rule of the ruleset: where it is written and the clause it implements.
#[derive(Clone, Debug)]
pub struct RuleRef {
    /// `class 产出类`, `check budget-balance`.
    pub rule: String,
    /// The same in Chinese keywords, for the text: `评分规则 产出类`, `核对 budget-balance`.
    pub rule_zh: String,
    /// `rulesets/2023.rules:210`.
    pub at: String,
    /// The doc comment.
    pub clause: String,
}

/// The Chinese keyword of an item kind an explanation cites (`pool` is 分值池), as the
/// keyword table spells it (a test holds the two together).
#[must_use]
pub fn kind_in_chinese(kind: &'static str) -> &'static str {
    match kind {
        "pool" => "分值池",
        "class" => "评分规则",
        "check" => "核对",
        "adjust" => "调整",
        other => other,
    }
}

/// Explains a project: evaluates it, recording each step, and puts the steps in words.
/// `rules` are the ruleset's sources, for the rules' places; `indicator` keeps only the
/// indicators of that name (and the checks about them).
///
/// # Errors
///
/// As [`crate::evaluate`].
pub fn explain(
    plan: &Plan,
    rules: &Sources,
    project: &Project,
    indicator: Option<&str>,
) -> Result<Explanation, EvalError> {
    let (outcome, traces) = crate::eval::evaluate_traced(plan, project)?;
    let ctx = Context {
        plan,
        rules,
        project,
        outcome: &outcome,
        splits: RefCell::default(),
        findings_of_row: OnceCell::new(),
    };
    let wanted = |name: &str| {
        indicator.is_none_or(|n| crate::text::normalize(n) == crate::text::normalize(name))
    };
    let mut blocks = Vec::new();
    for (i, row) in outcome.indicators.iter().enumerate() {
        if wanted(&row.name) {
            let steps = traces.rows.get(i).map_or(&[][..], Vec::as_slice);
            blocks.push(ctx.indicator(i, row, steps));
        }
    }
    for run in &traces.checks {
        let about = run
            .row
            .and_then(|r| outcome.indicators.get(r))
            .map(|i| i.name.as_str());
        if (indicator.is_none() || about.is_some_and(wanted))
            && let Some(block) = ctx.check(run)
        {
            blocks.push(block);
        }
    }
    if indicator.is_none() {
        blocks.push(ctx.total());
    }
    let name = outcome
        .name
        .clone()
        .unwrap_or_else(|| "（未命名项目）".to_owned());
    Ok(Explanation {
        title: format!("{name}（{}）", outcome.source.name()),
        blocks,
    })
}

struct Context<'a> {
    plan: &'a Plan,
    rules: &'a Sources,
    project: &'a Project,
    outcome: &'a Outcome,
    /// Each pool's even split, as every row of it tells it, found once: a row found
    /// its pool's members among all rows (100,000 rows: 10¹⁰ steps).
    splits: RefCell<HashMap<Option<usize>, EvenSplit>>,
    /// The findings about each indicator, by its name, found once.
    findings_of_row: OnceCell<HashMap<&'a str, Vec<&'a Finding>>>,
}

/// A pool's even split: how many rows share it, the points they share, and the weight
/// most of them have.
#[derive(Clone, Copy)]
struct EvenSplit {
    rows: usize,
    points: Decimal,
    common: Option<Decimal>,
}

impl<'a> Context<'a> {
    fn indicator(&self, i: usize, row: &IndicatorOutcome, steps: &[Step]) -> Block {
        let mut lines = vec![self.category_line(i, row)];
        let mut rules = Vec::new();
        if row.state.recognized {
            lines.push(self.weight_line(row));
            if let Some(rule) = self.pool_rule(row) {
                rules.push(rule);
            }
        }
        if let Some(line) = self.class_line(i, row) {
            lines.push(line);
        }
        // The share the score was computed with: a band's, held within the class's floor
        // and cap.
        let held = steps.iter().find_map(|s| match s {
            Step::Score { share, .. } => *share,
            _ => None,
        });
        for step in steps {
            lines.push(self.step_line(i, step, row, held));
            if let Some(rule) = self.step_rule(step)
                && !rules.iter().any(|r: &RuleRef| r.rule == rule.rule)
            {
                rules.push(rule);
            }
        }
        self.row_adjustments(row, &mut lines, &mut rules);
        if let Some(declared) = row.self_score {
            let same = declared == row.state.score;
            lines.push(Line {
                step: "self_score",
                text: format!(
                    "表上自评分 {declared}，{}",
                    if same {
                        "与计算结果一致"
                    } else {
                        "与计算结果不一致"
                    }
                ),
                values: vec![("self_score", declared.to_string())],
            });
        }
        Block {
            title: format!("{} · {}", row.category, row.name),
            kind: "indicator",
            lines,
            rules,
        }
    }

    /// The `adjust … for indicators` that changed the row's score after it was scored,
    /// each a step of its own: the block ended at the score before them, and the total's
    /// block listed them after a sum that already held them.
    fn row_adjustments(
        &self,
        row: &IndicatorOutcome,
        lines: &mut Vec<Line>,
        rules: &mut Vec<RuleRef>,
    ) {
        for adjust in self.plan.adjustments.iter().filter(|a| a.rows.is_some()) {
            let code = &adjust.finding.code;
            let about_row = self.findings_of_row().get(row.name.as_str());
            let changed = (about_row.into_iter().flatten()).filter(|f| f.code == *code);
            for finding in changed {
                lines.push(Line {
                    step: "adjust",
                    text: format!("调整 {code}：{}", finding.message),
                    values: vec![("score", row.state.score.to_string())],
                });
                let rule = self.rule("adjust", code, adjust.finding.span, &adjust.finding.doc);
                if !rules.iter().any(|r| r.rule == rule.rule) {
                    rules.push(rule);
                }
            }
        }
    }

    fn category_line(&self, i: usize, row: &IndicatorOutcome) -> Line {
        let label = self.field_text(i, "category").unwrap_or_default();
        let text = match (row.state.category, row.state.recognized) {
            (Some(_), true) => format!(
                "类别：表上写作「{label}」，属本规则集的「{}」类",
                row.category
            ),
            (Some(_), false) => format!(
                "「{}」类中没有此项，或此项重复出现：不计分、不占分值",
                row.category
            ),
            (None, _) => format!("类别「{}」不是本规则集认识的类别：不计分", row.category),
        };
        Line {
            step: "category",
            text,
            values: Vec::new(),
        }
    }

    /// Which class scored a quantitative row, where it is not simply its category's: the
    /// catalog names it, or the form's `class` column does (or names none).
    fn class_line(&self, i: usize, row: &IndicatorOutcome) -> Option<Line> {
        let state = &row.state;
        if !state.quantitative || state.class_from == ClassFrom::Category {
            return None;
        }
        let class = state.class.and_then(|c| self.plan.classes.get(c))?;
        let label = self.field_label("class");
        let written = self.field_text(i, "class").unwrap_or_default();
        let text = match state.class_from {
            ClassFrom::Catalog => format!("评分规则：共性指标目录规定本项按「{}」计分", class.name),
            ClassFrom::Form => format!(
                "评分规则：表上{label}为「{written}」，按「{}」计分",
                class.name
            ),
            ClassFrom::Unknown | ClassFrom::Category => format!(
                "评分规则：表上{label}「{written}」不是本规则集的评分规则，按「{}」类的「{}」计分",
                row.category, class.name
            ),
        };
        Some(Line {
            step: "class",
            text,
            values: Vec::new(),
        })
    }

    /// How the row's expected weight came: a catalog entry, an even split, the form.
    fn weight_line(&self, row: &IndicatorOutcome) -> Line {
        let weight = row.state.expected_weight;
        let shown = weight.map_or_else(|| "（无）".to_owned(), |w| w.to_string());
        let pool = self.pool_of(row);
        let text = match pool.map(|(_, p)| &p.split) {
            Some(SplitPlan::Fixed { .. }) => format!(
                "权重：「{}」的共性指标目录规定为 {shown}",
                pool.map_or("", |(_, p)| p.name.as_str())
            ),
            Some(SplitPlan::Evenly {
                share,
                residual: ResidualRule::Nobody,
            }) => {
                // The weights need not add up to the points: the text says neither sum.
                let name = pool.map_or("", |(_, p)| p.name.as_str());
                let rounded = share.as_ref().map_or_else(String::new, |r| {
                    format!("，每项精确到 {} {}", r.step, mode_words(r.mode))
                });
                format!("权重：「{name}」的分值按项数均分{rounded}，余数不分配，为 {shown}")
            }
            Some(SplitPlan::Evenly { share, .. }) => {
                self.even_split_text(row, pool.map(|(id, _)| id), share.as_ref())
            }
            Some(SplitPlan::Declared) => format!("权重：按表上所填，为 {shown}"),
            None => format!("权重：{shown}"),
        };
        Line {
            step: "weight",
            text,
            values: weight
                .map(|w| vec![("expected_weight", w.to_string())])
                .unwrap_or_default(),
        }
    }

    fn even_split_text(
        &self,
        row: &IndicatorOutcome,
        pool: Option<usize>,
        share: Option<&crate::ir::defs::RoundingDef>,
    ) -> String {
        let EvenSplit {
            rows: n,
            points,
            common,
        } = self.even_split(pool);
        let name = pool
            .and_then(|p| self.plan.pools.get(p))
            .map_or("", |p| p.name.as_str());
        let mut text = format!("权重：「{name}」{} 分由 {n} 项均分", points.normalize());
        if let Some(r) = share {
            text.push_str(&format!("，每项精确到 {} {}", r.step, mode_words(r.mode)));
        }
        match (row.state.expected_weight, common) {
            (Some(w), Some(c)) if w != c => text.push_str(&format!(
                "；均分后余下的 {} 由本项承担，为 {w}",
                w.checked_sub(c).unwrap_or_default()
            )),
            (Some(w), _) => text.push_str(&format!("，为 {w}")),
            (None, _) => {}
        }
        text
    }

    /// The even split of `pool`, found the first time a row of it asks.
    fn even_split(&self, pool: Option<usize>) -> EvenSplit {
        if let Some(split) = self.splits.borrow().get(&pool) {
            return *split;
        }
        let weights: Vec<Decimal> = (self.outcome.indicators.iter())
            .filter(|r| r.state.recognized && self.pool_of(r).map(|(id, _)| id) == pool)
            .filter_map(|r| r.state.expected_weight)
            .collect();
        let split = EvenSplit {
            rows: weights.len(),
            points: (weights.iter())
                .try_fold(Decimal::ZERO, |sum, w| sum.checked_add(*w))
                .unwrap_or_default(),
            common: most_common(weights.iter().copied()),
        };
        self.splits.borrow_mut().insert(pool, split);
        split
    }

    /// The findings about each indicator row, by its name.
    fn findings_of_row(&self) -> &HashMap<&'a str, Vec<&'a Finding>> {
        self.findings_of_row.get_or_init(|| {
            let mut by_row: HashMap<&'a str, Vec<&'a Finding>> = HashMap::new();
            for finding in &self.outcome.findings {
                if let Some(name) = finding.indicator.as_deref() {
                    by_row.entry(name).or_default().push(finding);
                }
            }
            by_row
        })
    }

    fn pool_of<'p>(
        &'p self,
        row: &IndicatorOutcome,
    ) -> Option<(usize, &'p crate::compile::PoolPlan)> {
        let pool = row
            .state
            .category
            .and_then(|c| self.plan.categories.get(c))
            .and_then(|c| c.pool)?;
        self.plan.pools.get(pool).map(|p| (pool, p))
    }

    fn pool_rule(&self, row: &IndicatorOutcome) -> Option<RuleRef> {
        let (_, pool) = self.pool_of(row)?;
        Some(self.rule("pool", &pool.name, pool.span, &pool.doc))
    }

    fn step_rule(&self, step: &Step) -> Option<RuleRef> {
        let class = match step {
            Step::Completion { class, .. }
            | Step::Band { class, .. }
            | Step::Formula { class, .. } => *class,
            _ => return None,
        };
        let class = self.plan.classes.get(class)?;
        Some(self.rule("class", &class.name, class.def.span, &class.def.doc))
    }

    /// The rule that is the item of kind `kind` (its English keyword) named `name`.
    fn rule(&self, kind: &'static str, name: &str, span: Span, doc: &str) -> RuleRef {
        let zh = kind_in_chinese(kind);
        let at = self
            .rules
            .locate(span)
            .map(|(file, local)| format!("{}:{}", file.name(), file.line_col(local.start).line))
            .unwrap_or_default();
        RuleRef {
            rule: format!("{kind} {name}"),
            rule_zh: format!("{zh} {name}"),
            at,
            clause: doc.replace('\n', ""),
        }
    }

    fn step_line(
        &self,
        i: usize,
        step: &Step,
        row: &IndicatorOutcome,
        held: Option<Decimal>,
    ) -> Line {
        match step {
            Step::Target(reading) => Line {
                step: "target",
                text: format!(
                    "目标值「{}」：{}",
                    row.target,
                    reading_words(reading, false)
                ),
                values: reading_values(reading),
            },
            Step::Actual { field, reading } => {
                let label = self.field_label(field);
                let written = self.field_text(i, field).unwrap_or_default();
                let inherited = matches!((reading, &row.state.unit), (Reading::Quantity(q), Some(u)) if q.unit.is_empty() && !u.is_empty());
                let mut text = format!("{label}「{written}」：{}", reading_words(reading, true));
                if inherited {
                    text.push_str(&format!(
                        "（未写单位，按目标值的单位「{}」）",
                        row.state.unit.as_deref().unwrap_or("")
                    ));
                }
                Line {
                    step: "actual",
                    text,
                    values: reading_values(reading),
                }
            }
            Step::Discarded => Line {
                step: "discarded",
                text: "实际完成值不予采信（本规则集的不采信规则），按无说明的缺失计".to_owned(),
                values: Vec::new(),
            },
            Step::Missing { explanation, share } => Line {
                step: "missing",
                text: match explanation {
                    Some(why) => format!(
                        "实际完成值缺失，有说明「{why}」：得权重的 {}",
                        percent(*share)
                    ),
                    None => format!("实际完成值缺失，无说明：得权重的 {}", percent(*share)),
                },
                values: vec![("share", share.to_string())],
            },
            Step::UnitMismatch { actual, target } => Line {
                step: "unit_mismatch",
                text: format!(
                    "实际完成值的单位「{actual}」与目标值的单位「{target}」不一致：不计分"
                ),
                values: Vec::new(),
            },
            Step::NotANumber => Line {
                step: "not_a_number",
                text: "目标值是定量的，实际完成值却没有数值：不计分".to_owned(),
                values: Vec::new(),
            },
            Step::NumberTooLong { field } => Line {
                step: "not_a_number",
                text: format!(
                    "{}中的数超过 {} 位有效数字，无法精确计算：不计分",
                    if *field == "target" {
                        "目标值"
                    } else {
                        "实际完成值"
                    },
                    crate::value::exact::MOST_DIGITS_READ
                ),
                values: Vec::new(),
            },
            Step::Completion {
                class,
                comparator,
                target,
                actual,
                value,
            } => {
                let unit = row.state.unit.as_deref().unwrap_or("");
                self.completion_line(*class, *comparator, (*target, *actual), unit, *value)
            }
            Step::Band {
                lower,
                upper,
                side,
                share,
                ..
            } => band_line(*lower, *upper, side, (*share, held), row.state.completion),
            Step::Formula { class, points } => {
                let formula = self
                    .plan
                    .classes
                    .get(*class)
                    .and_then(|c| c.def.score.as_ref())
                    .map(|f| describe::expr(self.plan, f, Some("indicators")))
                    .unwrap_or_default();
                Line {
                    step: "formula",
                    text: format!("得分公式「{formula}」= {points}"),
                    values: vec![("points", points.to_string())],
                }
            }
            Step::Grade {
                word,
                grade,
                share,
                up_to,
                open,
                by_target,
            } => {
                let how = if *by_target {
                    "与目标值相同，视为"
                } else {
                    "对应等级"
                };
                let share_words = match up_to {
                    Some(high) => format!(
                        "可得权重的 {}{} 至 {}{}（由自评分在此范围内选定）",
                        percent(*share),
                        if open.low { "（不含）" } else { "" },
                        percent(*high),
                        if open.high { "（不含）" } else { "" },
                    ),
                    None => format!("得权重的 {}", percent(*share)),
                };
                Line {
                    step: "grade",
                    text: format!("「{word}」{how}「{grade}」：{share_words}"),
                    values: vec![("share", share.to_string())],
                }
            }
            Step::Score {
                weight,
                share,
                raw,
                low,
                high,
                rounding,
                score,
            } => score_line(*weight, *share, *raw, (*low, *high), *rounding, *score),
        }
    }

    fn completion_line(
        &self,
        class: usize,
        comparator: Comparator,
        (target, actual): (Decimal, Decimal),
        unit: &str,
        value: Decimal,
    ) -> Line {
        // A percentage reaches the formula as its ratio (0.9): shown as written (90%).
        let shown = |d: Decimal| {
            if unit == "%" {
                percent(d)
            } else {
                d.normalize().to_string()
            }
        };
        let plan_class = self.plan.classes.get(class);
        let slot = Comparator::ALL.iter().position(|c| *c == comparator);
        let formula = plan_class
            .and_then(|c| slot.and_then(|s| c.completion.get(s)))
            .and_then(Option::as_ref)
            .map(|f| describe::expr(self.plan, f, Some("indicators")))
            .unwrap_or_default();
        let class_name = plan_class.map_or("", |c| c.name.as_str());
        Line {
            step: "completion",
            text: format!(
                "完成率：「{class_name}」对比较符 {} 的公式「{formula}」，目标值 {}、实际完成值 {}，得 {}",
                comparator_symbol(comparator),
                shown(target),
                shown(actual),
                percent(value)
            ),
            values: vec![
                ("target", target.to_string()),
                ("actual", actual.to_string()),
                ("completion", value.to_string()),
            ],
        }
    }

    fn field_label(&self, field: &str) -> String {
        self.plan
            .form
            .section(crate::ir::vocab::INDICATORS)
            .and_then(|s| s.field(field))
            .map_or_else(|| field.to_owned(), |f| f.label.clone())
    }

    /// A field of the `i`th indicator row as the form wrote it.
    fn field_text(&self, i: usize, field: &str) -> Option<String> {
        let record = self.project.rows(crate::ir::vocab::INDICATORS).get(i)?;
        match &record.get(field)?.value {
            crate::data::project::Datum::Text(t) => Some(t.clone()),
            crate::data::project::Datum::Decimal(d) => Some(d.to_string()),
            crate::data::project::Datum::Date(d) => Some(d.to_string()),
            crate::data::project::Datum::Bool(b) => Some(b.to_string()),
        }
    }

    fn check(&self, run: &CheckRun) -> Option<Block> {
        let check = self.plan.checks.get(run.check)?;
        let code = &check.finding.code;
        let about = run
            .row
            .and_then(|r| self.outcome.indicators.get(r))
            .map(|i| format!("（「{}」）", i.name))
            .unwrap_or_default();
        let assertion = describe::expr(self.plan, &check.assertion, check.rows.as_deref());
        let mut lines = Vec::new();
        if !run.applies {
            lines.push(Line {
                step: "check",
                text: "条件不成立：本项不适用".to_owned(),
                values: Vec::new(),
            });
        } else {
            if let Some((left, right)) = &run.sides {
                lines.push(Line {
                    step: "sides",
                    text: format!("「{assertion}」：左边 {left}，右边 {right}"),
                    values: vec![("left", left.clone()), ("right", right.clone())],
                });
            } else {
                lines.push(Line {
                    step: "assertion",
                    text: format!("「{assertion}」"),
                    values: Vec::new(),
                });
            }
            let verdict = match run.holds {
                Some(true) => "成立：通过".to_owned(),
                Some(false) => {
                    format!(
                        "不成立：发现 {code}（{}）",
                        check.finding.severity.chinese()
                    )
                }
                None => "缺少所需的值：不适用".to_owned(),
            };
            lines.push(Line {
                step: "verdict",
                text: verdict,
                values: vec![(
                    "holds",
                    run.holds
                        .map_or_else(|| "null".to_owned(), |h| h.to_string()),
                )],
            });
        }
        Some(Block {
            title: format!("核对 {code}{about}"),
            kind: "check",
            lines,
            rules: vec![self.rule("check", code, check.finding.span, &check.finding.doc)],
        })
    }

    fn total(&self) -> Block {
        let outcome = self.outcome;
        let rows = outcome
            .indicators
            .iter()
            .try_fold(Decimal::ZERO, |sum, r| sum.checked_add(r.state.score))
            .unwrap_or_default();
        let mut lines = vec![Line {
            step: "sum",
            text: format!("各项指标得分之和 {rows}"),
            values: vec![("indicators", rows.to_string())],
        }];
        for (_, label, score) in &outcome.lines {
            lines.push(Line {
                step: "line",
                text: format!("分项「{label}」{score}"),
                values: vec![("line", score.to_string())],
            });
        }
        // The rows' adjustments are in the sum, each said in its row's block.
        let adjusted: Vec<&crate::finding::Finding> = outcome
            .findings
            .iter()
            .filter(|f| {
                (self.plan.adjustments.iter()).any(|a| a.rows.is_none() && a.finding.code == f.code)
            })
            .collect();
        for finding in adjusted {
            lines.push(Line {
                step: "adjust",
                text: format!("调整 {}：{}", finding.code, finding.message),
                values: Vec::new(),
            });
        }
        let max = outcome
            .max_score
            .map_or_else(String::new, |m| format!(" / {m}"));
        lines.push(Line {
            step: "total",
            text: format!("合计 {}{max}", outcome.total),
            values: vec![("total", outcome.total.to_string())],
        });
        if let Some(rating) = &outcome.rating {
            lines.push(Line {
                step: "rating",
                text: format!("评价等级：{rating}"),
                values: vec![("rating", rating.clone())],
            });
        }
        Block {
            title: "合计".to_owned(),
            kind: "total",
            lines,
            rules: Vec::new(),
        }
    }
}

fn most_common(weights: impl Iterator<Item = Decimal>) -> Option<Decimal> {
    let mut counts: Vec<(Decimal, usize)> = Vec::new();
    for w in weights {
        match counts.iter_mut().find(|(v, _)| *v == w) {
            Some((_, n)) => *n += 1,
            None => counts.push((w, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(w, _)| w)
}

fn reading_words(reading: &Reading, actual: bool) -> String {
    match reading {
        Reading::Missing => "缺失（空，或本规则集的缺失标记）".to_owned(),
        Reading::Word(w) => format!("文字「{w}」"),
        Reading::Quantity(q) => quantity_words(q, actual),
    }
}

fn quantity_words(q: &Quantity, actual: bool) -> String {
    let unit = if q.unit.is_empty() {
        "（无单位）".to_owned()
    } else {
        format!("单位「{}」", q.unit)
    };
    match (q.comparator, actual) {
        (Some(c), false) => format!("比较符 {}，数值 {}，{unit}", comparator_symbol(c), q.number),
        (None, false) => format!("未写比较符，按 =；数值 {}，{unit}", q.number),
        (_, true) => format!("数值 {}，{unit}", q.number),
    }
}

fn reading_values(reading: &Reading) -> Vec<(&'static str, String)> {
    match reading {
        Reading::Quantity(q) => vec![
            ("number", q.number.to_string()),
            ("unit", q.unit.to_string()),
        ],
        Reading::Word(w) => vec![("word", w.to_string())],
        Reading::Missing => Vec::new(),
    }
}

fn comparator_symbol(c: Comparator) -> &'static str {
    match c {
        Comparator::Eq => "=",
        Comparator::Ge => "≥",
        Comparator::Gt => ">",
        Comparator::Le => "≤",
        Comparator::Lt => "<",
    }
}

fn band_line(
    lower: Option<Decimal>,
    upper: Option<Decimal>,
    side: &Side,
    (share, held): (Decimal, Option<Decimal>),
    completion: Option<Decimal>,
) -> Line {
    let band = match (lower, upper) {
        (Some(l), Some(u)) => format!("满分区间 {}–{}", percent(l), percent(u)),
        (Some(l), None) => format!("满分区间 {} 起", percent(l)),
        (None, Some(u)) => format!("满分区间至 {}", percent(u)),
        (None, None) => "无满分区间".to_owned(),
    };
    let c = completion.map_or_else(String::new, percent);
    let text = match side {
        Side::Full => format!("{band}：完成率 {c} 在区间内，得权重的 100%"),
        Side::Below(d) => format!(
            "{band}：完成率 {c} 低于下限 {}，{}，得权重的 {}",
            percent(d.distance),
            deduction_words(d),
            share_percent(share)
        ),
        Side::Above(d) => format!(
            "{band}：完成率 {c} 高于上限 {}，{}，得权重的 {}",
            percent(d.distance),
            deduction_words(d),
            share_percent(share)
        ),
    };
    // A deduction past the whole weight (`得权重的 -400%`) is held at the class's floor
    // (or a share past its cap at the cap): said, so that the score's product follows.
    let (text, mut values) = match held.filter(|h| *h != share) {
        Some(h) => (
            format!(
                "{text}，{} {}：得权重的 {}",
                if h > share { "不低于" } else { "不高于" },
                share_percent(h),
                share_percent(h)
            ),
            vec![
                ("share", h.to_string()),
                ("unbounded_share", share.to_string()),
            ],
        ),
        None => (text, vec![("share", share.to_string())]),
    };
    if let Side::Below(d) | Side::Above(d) = side {
        values.push(("rate", d.rate.to_string()));
        values.push(("per", d.per.to_string()));
        values.push(("deducted", d.deducted.to_string()));
    }
    Line {
        step: "band",
        text,
        values,
    }
}

fn deduction_words(d: &Deduction) -> String {
    format!(
        "每 {} 扣权重的 {}，共扣 {}",
        percent(d.per),
        percent(d.rate),
        share_percent(d.deducted)
    )
}

fn score_line(
    weight: Decimal,
    share: Option<Decimal>,
    raw: Decimal,
    (low, high): (Decimal, Decimal),
    rounding: Option<(Decimal, RoundingMode)>,
    score: Decimal,
) -> Line {
    // `=` where the product is shown whole, `≈` where it is cut to six decimals and its
    // trailing zeros (never both: `= ≈ 6.615556` read as two claims; `≈ 7.360000` as a
    // precision the rounded share does not have).
    let product = match share {
        Some(s) => {
            let value = match exact(raw).starts_with('≈') {
                true => format!("≈ {}", round_half_up(raw, 6).normalize()),
                false => format!("= {}", exact(raw)),
            };
            format!("{weight} × {} {value}", share_percent(s))
        }
        None => exact(raw),
    };
    let rounded = match rounding {
        Some((step, mode)) => format!("，{}到 {step}", mode_words(mode)),
        None => String::new(),
    };
    let held = if raw < low || raw > high {
        format!("（限于 {} 至 {}）", low.normalize(), high.normalize())
    } else {
        String::new()
    };
    Line {
        step: "score",
        text: format!("得分：{product}{rounded}{held}，为 {score}"),
        values: vec![("raw", raw.to_string()), ("score", score.to_string())],
    }
}

fn mode_words(mode: RoundingMode) -> &'static str {
    RoundingMode::NAMES
        .iter()
        .find(|(_, _, m)| *m == mode)
        .map_or("四舍五入", |(_, zh, _)| zh)
}

/// A decimal as written, or to six decimals with `≈` where it has more (a quotient cut
/// at 28 digits says nothing more to a reader).
fn exact(d: Decimal) -> String {
    let d = d.normalize();
    if d.scale() > 6 {
        format!("≈{}", round_half_up(d, 6))
    } else {
        d.to_string()
    }
}

/// A ratio as a percentage, as it is to four decimals (`97.125%`), or to two with `≈`
/// where it has more (`0.94444…` → `≈94.44%`: the steps shown rounded do not add up to
/// the digit, 5 × ≈5.56% being ≈27.78%), rounded half away from zero as `check` shows a
/// completion; to six (as [`exact`] shows a number) where two would show a whole
/// percentage it is not: the bands' ends are whole percentages, and 99.99999% shown as
/// `100%` would say a completion reached a band it did not (`≈99.999989%`).
fn percent(ratio: Decimal) -> String {
    let points = points_of(ratio);
    if points.scale() <= SHOWN_WHOLE {
        return format!("{points}%");
    }
    let two = round_half_up(points, 2);
    if two.fract().is_zero() {
        return format!("{}%", exact(points));
    }
    format!("≈{}%", two.normalize())
}

/// A ratio in percentage points, without trailing zeros (`0.9500` → `95`).
fn points_of(ratio: Decimal) -> Decimal {
    ratio
        .checked_mul(Decimal::ONE_HUNDRED)
        .unwrap_or(ratio)
        .normalize()
}

/// The most decimals of a percentage shown as it is (`97.125%`, `85.625%`): a value with
/// more (a quotient such as 94.4444…%) is shown to two, with `≈`.
const SHOWN_WHOLE: u32 = 4;

/// `d` rounded to `places` decimals half away from zero, as the policy rounds (and
/// `check` shows a completion): rust_decimal's `round_dp` rounds half to even.
fn round_half_up(d: Decimal, places: u32) -> Decimal {
    d.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// A share of a weight (what is deducted, what is kept) as a percentage, as it is to four
/// decimals, or to two with `≈` where it has more (`≈20%` for 6.666…% × 3, not
/// `≈20.000000%`): no band's end is compared with it, so a whole percentage it is near
/// says nothing false.
fn share_percent(ratio: Decimal) -> String {
    let points = points_of(ratio);
    if points.scale() <= SHOWN_WHOLE {
        return format!("{points}%");
    }
    format!("≈{}%", round_half_up(points, 2).normalize())
}

/// The most characters of one line of an explanation as text: a line quotes the form's
/// texts, and a 100,000-character actual value must not print as pages.
const LINE_LIMIT: usize = 500;

/// A text of the explanation as printed: shortened, and its control characters (a line
/// break in a form's value too) written out, so that a form's text is one line of the
/// explanation and cannot pass for another.
fn shown(text: &str) -> String {
    crate::text::visible(&crate::text::brief(text, LINE_LIMIT)).into_owned()
}

impl Explanation {
    /// The explanation as text, one block after another.
    #[must_use]
    pub fn text(&self) -> String {
        let mut out = format!("{}\n", shown(&self.title));
        for block in &self.blocks {
            out.push_str(&format!("\n【{}】\n", shown(&block.title)));
            for line in &block.lines {
                out.push_str(&format!("  {}\n", shown(&line.text)));
            }
            for rule in &block.rules {
                let clause = if rule.clause.is_empty() {
                    String::new()
                } else {
                    format!("：{}", shown(&rule.clause))
                };
                let (rule, at) = (shown(&rule.rule_zh), shown(&rule.at));
                out.push_str(&format!("  依据 {rule}（{at}）{clause}\n"));
            }
        }
        out
    }

    /// The explanation as JSON.
    #[must_use]
    pub fn json(&self) -> Json {
        let blocks: Vec<Json> = self
            .blocks
            .iter()
            .map(|b| {
                json!({
                    "kind": b.kind,
                    "title": b.title,
                    "steps": b.lines.iter().map(|l| {
                        let values: serde_json::Map<String, Json> = l.values.iter().map(|(k, v)| ((*k).to_owned(), Json::String(v.clone()))).collect();
                        json!({ "step": l.step, "text": l.text, "values": values })
                    }).collect::<Vec<_>>(),
                    "rules": b.rules.iter().map(|r| json!({ "rule": r.rule, "at": r.at, "clause": r.clause })).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({ MARKER: 1, "project": self.title, "blocks": blocks })
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    fn percent(ratio: &str) -> String {
        super::percent(ratio.parse::<Decimal>().unwrap())
    }

    /// As it is to four decimals, else two with `≈`, unless two would show a whole
    /// percentage the ratio is not (a band's end it did not reach).
    #[test]
    fn a_percentage_never_rounds_onto_a_whole_one() {
        assert_eq!(percent("0.9556"), "95.56%");
        assert_eq!(percent("1.05555555"), "≈105.56%");
        assert_eq!(percent("1"), "100%");
        assert_eq!(percent("1.3"), "130%");
        assert_eq!(percent("0.8999999"), "89.99999%");
        assert_eq!(percent("0.99999988888888"), "≈99.999989%");
        assert_eq!(percent("1.30004"), "130.004%");
        assert_eq!(percent("0.0000001"), "0.00001%");
        // As it is to four decimals; past them, half away from zero.
        assert_eq!(percent("0.97125"), "97.125%");
        assert_eq!(percent("0.9712500001"), "≈97.13%");
        assert_eq!(percent("0.00123456"), "≈0.12%");
    }

    /// A share kept or deducted: two decimals with `≈` where it has more, a whole
    /// percentage too.
    #[test]
    fn a_share_is_shown_to_two_decimals() {
        let share = |ratio: &str| super::share_percent(ratio.parse::<Decimal>().unwrap());
        assert_eq!(share("0.8"), "80%");
        assert_eq!(share("0.2000000000000000000000000001"), "≈20%");
        assert_eq!(share("0.72222222"), "≈72.22%");
        assert_eq!(share("0.0555"), "5.55%");
        assert_eq!(share("0.85625"), "85.625%");
        assert_eq!(share("0.856250001"), "≈85.63%");
    }

    /// The score's product: `=` where it is whole, `≈` alone, without trailing zeros,
    /// where it is cut.
    #[test]
    fn a_product_is_equal_or_near_never_both() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let line = |share: &str, raw: &str| {
            super::score_line(
                d("9.20"),
                Some(d(share)),
                d(raw),
                (d("0"), d("9.2")),
                None,
                d("7.36"),
            )
            .text
        };
        assert_eq!(line("0.8", "7.36"), "得分：9.20 × 80% = 7.36，为 7.36");
        assert_eq!(
            line(
                "0.8000000000000000000000000001",
                "7.3600000000000000000000000009"
            ),
            "得分：9.20 × ≈80% ≈ 7.36，为 7.36"
        );
        assert_eq!(
            line(
                "0.7222222222222222222222222222",
                "6.6444444444444444444444444442"
            ),
            "得分：9.20 × ≈72.22% ≈ 6.644444，为 7.36"
        );
    }
}
