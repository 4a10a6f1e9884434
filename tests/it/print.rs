//! The printer: every ruleset prints to text that parses back to the same tree (spans
//! aside), printing is a fixpoint, expressions get the parentheses they need and no
//! more, and origins show as `// from …` comments.

use std::path::{Path, PathBuf};

use perfeval::source::{SourceFile, Span};
use perfeval::syntax::ast::{
    BinaryOp, ClassRuleKind, Expr, ExprKind, Ident, ItemKind, Literal, Ruleset, TemplatePart,
    UnaryOp,
};
use perfeval::syntax::print::print;

use crate::common::{relative, root};

fn parse(name: &str, text: &str) -> Ruleset {
    perfeval::parse(&SourceFile::new(name, text))
        .unwrap_or_else(|e| panic!("{name} does not parse:\n{e:?}\n---\n{text}"))
}

fn no_origin(_: Span) -> Option<String> {
    None
}

/// The `Debug` text of a tree with every `Span { start: N, end: M }` replaced by `Span`.
pub fn erase_spans(tree: &impl std::fmt::Debug) -> String {
    const OPEN: &str = "Span { start: ";
    let text = format!("{tree:?}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        out.push_str("Span");
        let after = &rest[at + OPEN.len()..];
        let close = after.find(" }").expect("a span closes");
        let inside = &after[..close];
        assert!(
            inside
                .chars()
                .all(|c| c.is_ascii_digit() || ", end:".contains(c)),
            "not a span: {inside}"
        );
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

/// Prints, parses the output, and checks that the tree is the same and that printing
/// it again gives the same text. Returns the printed text.
fn round_trip(name: &str, ruleset: &Ruleset) -> String {
    let printed = print(ruleset, &no_origin);
    let reparsed = parse(&format!("{name} (printed)"), &printed);
    assert_eq!(
        erase_spans(ruleset),
        erase_spans(&reparsed),
        "{name}: the printed text parses to another tree:\n{printed}"
    );
    assert_eq!(
        printed,
        print(&reparsed, &no_origin),
        "{name}: printing is not a fixpoint"
    );
    printed
}

fn rules_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rules_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rules") {
            found.push(path);
        }
    }
}

#[test]
fn every_rules_file_round_trips() {
    let mut files = Vec::new();
    rules_files(&root().join("rulesets"), &mut files);
    rules_files(&root().join("tests/fixtures"), &mut files);
    files.sort();
    let mut printed = 0;
    for path in &files {
        let name = relative(path);
        // Fixtures of bad input include files that are not UTF-8: nothing to print.
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(ruleset) = perfeval::parse(&SourceFile::new(name.clone(), text)) else {
            continue;
        };
        round_trip(&name, &ruleset);
        printed += 1;
    }
    assert!(
        printed >= 20,
        "only {printed} of {} files parse",
        files.len()
    );
}

/// Every construct of the grammar, in both spellings where it matters.
const EVERY_CONSTRUCT: &str = r#"//! 文件说明
//!
//!   缩进的一行

/// 头
ruleset "x" extends "base.rules" {
  /// 版本
  版本 “2024.1”
  fiscal_year 2024
  cutoff 2024-12-31
  ///
  max_score 80 分
}

override form {
  remove text
  /// 预算
  optional 栏目 budget "预算（万元）" {
    remove unallocated
    /// 年初
    initial: amount "年初预算数"
    paid: optional amount "实际\"支付\"数\\"
  }
  rows funds.appropriation "拨款" { 名称: text "名称" }
}

override category 效益 { labels "效益目标", "效果" scored_by 结果类 }
category 空 {}

override pool 个性指标 55 分 {
  categories 产出, 效益
  split evenly share 0.01 截尾
    /// 余数
    residual to matching else last
}
pool 共性指标 {
  /// 分配（show 也印出）
  split fixed {
    /// 决策
    决策 {
      remove 立项依据充分性
      remove "资金 到位率"
      /// 权重
      立项程序规范性 1
      "绩效 指标" 1.50
      "remove" 2
      "分" -1
      加权 (1 + 2)
      预算执行率 10 scored_by 执行率类
      "scored_by" 1 评分类 执行率类
    }
  }
}
pool p 10 { split declared }
pool q 10 { split evenly residual to first }
pool r 10 { split evenly residual to last }
pool s 10 { split evenly residual to matching else first }

override class 产出类 {
  /// 二级指标
  labels "数量指标", "质量指标"
  /// 满分
  full 100% to 130.0%
  full from 0.5%
  below deduct 5% per 1%
  above 每 1% 扣 1%
  floor 0%
  cap 100%
  score expected_weight * min(completion, 100%)
  completion {
    /// 越高越好
    = >= > : actual / target
    <= < : if actual <= target then 100% else target / actual
  }
}

completion { = : 1 }

comparators {
  >= before "不低于", "不少于" after "以上"
  <= after "以下"
  > before "高于"
  <
}

override grades {
  read_from level, actual
  remove 差
  /// 好
  好 100%
  较好 80% to 90% also "良", "良好"
  "if" 1%
  "to" 2%
  "target" 3%
  target counts_as 好
  /// 目标
  target counts_as "较 好"
}

missing {
  markers "", "-", "\t"
  unexplained scores 0%
  /// 有说明
  explained scores 0%
}

rounding 0.01 half_away_from_zero
override rounding 0.5 银行家舍入

discard actual when as_of > cutoff: after-cutoff error "「{name}」晚于 {cutoff} \{字面\} \"引号\""
discard actual when false: no-message 警告

check budget-balance error for indicators when recognized and name == "预算执行率" {
  budget.unallocated == budget.initial + budget.adjustment - budget.appropriated
  message "应为 {round(funds.paid / funds.appropriated, 0.01, half_away_from_zero)}"
  at self_score
}
override check funds-split warning
override check funds-split info when count(subprojects) > 0
核对 c-1 提示 { true at 1 }

findings {
  remove needs-review
  unknown-grade error as unknown-level
  /// 缺失
  missing-value 警告
}

adjust total-cap total when total > 60 分 and not first(indicators).recognized {
  min(total, 60 分)
}
override adjust row-cap score for indicators { max(score, 0 分) }

rating {
  remove 中
  /// 优
  优 when total >= 90 分
  "分" when total >= 80
  /// 一行说明紧跟在表达式之后
  "良 好" when total >= 60 分
  差 otherwise
}

line execution_score "预算执行率" 10 分 {
  /// 公式
  score min(10 分, 1679.7 万元 / funds.appropriated * 10 分)
}
override line execution_score "执行率" { score 0 分 }

/// 扣减比例
let 扣减比例 = 5%
/// 门槛
常量 门槛 = 扣减比例 * 2 + 1%
override let 门槛 = 3%
check outer-row warning for indicators {
  count(indicators[goal == outer.goal and 本行.score > 0 分]) > 1
}

remove check funds-split
remove discard after-cutoff
remove adjust total-cap
remove category 投入
remove pool 个性指标
remove class "产出 类"
remove line execution_score
remove indicator 资金到位率
remove rating
remove rounding
remove completion
remove comparators
remove grades
remove missing
remove findings
remove let 门槛
rename let 扣减比例 to 扣分比例
rename category 效益 to 效果
rename check funds-split to funds-parts
rename indicator "资金 到位率" to 资金到位率
"#;

#[test]
fn every_construct_round_trips() {
    let ruleset = parse("every.rules", EVERY_CONSTRUCT);
    let printed = round_trip("every.rules", &ruleset);
    insta::assert_snapshot!(printed);
}

/// `(source, printed)`: each source expression is parsed in a check, printed back
/// with the fewest parentheses, and round-trips.
const EXPRESSIONS: &[(&str, &str)] = &[
    ("a + b * c", "a + b * c"),
    ("(a + b) * c", "(a + b) * c"),
    ("a - (b - c)", "a - (b - c)"),
    ("(a - b) - c", "a - b - c"),
    ("a / (b * c)", "a / (b * c)"),
    ("a or b and c", "a or b and c"),
    ("(a or b) and c", "(a or b) and c"),
    ("a and (b or c)", "a and (b or c)"),
    ("(a and b) or c", "a and b or c"),
    ("not a == b", "not a == b"),
    ("(not a) == b", "(not a) == b"),
    ("not (a and b)", "not (a and b)"),
    ("not a and b", "not a and b"),
    ("a + (not b) == c", "a + (not b) == c"),
    ("a + not b", "a + not b"),
    ("not not a", "not not a"),
    ("-a * b", "-a * b"),
    ("-(a * b)", "-(a * b)"),
    ("- -a", "- -a"),
    ("a - -b", "a - -b"),
    ("-a.b", "-a.b"),
    ("(-a).b", "(-a).b"),
    ("-(not a) == b", "-(not a) == b"),
    ("(a + b).c", "(a + b).c"),
    ("a.b[c > 1].d", "a.b[c > 1].d"),
    ("(a < b) < c", "a < b < c"),
    ("a < (b < c)", "a < (b < c)"),
    ("a ≥ b × c ÷ d ≠ e", "a >= b * c / d != e"),
    ("x 且 y 或 非 z", "x and y or not z"),
    ("(if a then b else c) + 1", "(if a then b else c) + 1"),
    ("1 + (if a then b else c)", "1 + (if a then b else c)"),
    ("1 + if a then b else c", "1 + (if a then b else c)"),
    (
        "(1 * (if a then b else c)) + 2",
        "1 * (if a then b else c) + 2",
    ),
    (
        "if a then (if b then c else d) else e",
        "if a then (if b then c else d) else e",
    ),
    (
        "if a then b else if c then d else e",
        "if a then b else if c then d else e",
    ),
    ("如果 a 则 b 否则 c", "if a then b else c"),
    ("(if a then b else c).d", "(if a then b else c).d"),
    (
        "f(a + b, (c), g()) + 5% - 2023-01-01",
        "f(a + b, c, g()) + 5% - 2023-01-01",
    ),
    ("真 == not 假", "true == not false"),
    ("“中文” == \"a\\\"b\"", "\"中文\" == \"a\\\"b\""),
    ("0.50% + 80 points + 3 万元", "0.50% + 80 分 + 3 万元"),
];

#[test]
fn expressions_get_the_parentheses_they_need() {
    for (source, expected) in EXPRESSIONS {
        let text = format!("check c error {{ {source} }}");
        let ruleset = parse(source, &text);
        let printed = round_trip(source, &ruleset);
        let body = printed.lines().nth(1).unwrap().trim();
        assert_eq!(body, *expected, "{source}");
    }
}

#[test]
fn texts_inside_a_message_hole_are_in_chinese_quotes() {
    let source = "check c error { a message \"应为 {if u == \"%\" then 1 else “x\"y”}\" }";
    let ruleset = parse("hole", source);
    let printed = round_trip("hole", &ruleset);
    let message = printed
        .lines()
        .find(|l| l.contains("message"))
        .unwrap()
        .trim();
    // An ASCII quote around a text inside would seem to end the message; in Chinese
    // quotes a text may even hold one.
    assert_eq!(message, "message \"应为 {if u == “%” then 1 else “x\"y”}\"");
}

#[test]
fn expressions_in_atom_places_are_parenthesized() {
    let ruleset = parse(
        "t.rules",
        "class c { full (50% + 1%) to -(-1%) floor (not a).b cap if a then 1% else 2% + 3% }",
    );
    let printed = round_trip("t.rules", &ruleset);
    assert!(
        printed.contains("  full (50% + 1%) to - -1%\n"),
        "{printed}"
    );
    assert!(printed.contains("  floor (not a).b\n"), "{printed}");
    assert!(
        printed.contains("  cap if a then 1% else 2% + 3%\n"),
        "{printed}"
    );
}

#[test]
fn names_are_quoted_only_where_needed() {
    let ruleset = parse(
        "t.rules",
        r#"rating { 优 when total >= 90 "分" when total >= 80 "points" otherwise "真" otherwise "a b" otherwise "万元" otherwise 好 otherwise }"#,
    );
    let printed = round_trip("t.rules", &ruleset);
    let names: Vec<_> = printed
        .lines()
        .skip(1)
        .filter_map(|l| l.trim().split(' ').next())
        .collect();
    assert_eq!(
        names,
        [
            "优",
            "\"分\"",
            "\"points\"",
            "\"真\"",
            "\"a",
            "\"万元\"",
            "好",
            "}"
        ]
    );
}

#[test]
fn texts_are_escaped() {
    let ruleset = parse(
        "t.rules",
        r#"check c error { true message "a\"b\\c\nd\te\{f\}g" } category x { labels "{}\"\\" }"#,
    );
    let printed = round_trip("t.rules", &ruleset);
    assert!(
        printed.contains(r#"message "a\"b\\c\nd\te\{f\}g""#),
        "{printed}"
    );
    assert!(printed.contains(r#"labels "{}\"\\""#), "{printed}");
}

/// Entries whose origin differs from their item's stand out; the others do not.
#[test]
fn origins_mark_items_and_entries_from_elsewhere() {
    let text =
        "/// 评级\nrating {\n  优 when total >= 90 分\n  差 otherwise\n}\nrounding 0.01 truncate\n";
    let mut ruleset = parse("t.rules", text);
    let ItemKind::Rating(rating) = &mut ruleset.items[0].kind else {
        panic!("a rating");
    };
    rating.entries[1].span = Span {
        start: 1000,
        end: 1010,
    };
    let origin = |span: Span| {
        Some(if span.start >= 1000 {
            "child.rules".to_owned()
        } else {
            "base.rules".to_owned()
        })
    };
    let printed = print(&ruleset, &origin);
    assert_eq!(
        printed,
        "/// 评级\n// from base.rules\nrating {\n  优 when total >= 90 分\n  差 otherwise // from child.rules\n}\n\n// from base.rules\nrounding 0.01 truncate\n"
    );
}

#[test]
fn the_shipped_ruleset_with_origins() {
    let source = crate::common::source("rulesets/2023.rules");
    let ruleset = perfeval::parse(&source).unwrap();
    let origin = |span: Span| Some(format!("2023.rules@{}", span.start));
    let printed = print(&ruleset, &origin);
    // Comments do not change the tree.
    let reparsed = parse("2023.rules (printed)", &printed);
    assert_eq!(erase_spans(&ruleset), erase_spans(&reparsed));
    insta::assert_snapshot!(printed);
}

/// A small deterministic generator (xorshift), so that the test needs no new crate.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }

    fn ident(&mut self) -> Ident {
        let names = ["a", "b", "c", "甲"];
        Ident {
            name: names[self.below(names.len() as u64) as usize].to_owned(),
            span: Span::default(),
        }
    }

    /// A random expression of every kind, operators and postfixes nested anyhow.
    fn expr(&mut self, depth: u32) -> Expr {
        let boxed = |r: &mut Random| Box::new(r.expr(depth - 1));
        let kind = match if depth == 0 { 0 } else { self.below(12) } {
            0 | 1 => ExprKind::Name(self.ident()),
            2 => ExprKind::Literal(Literal::Bool(self.below(2) == 0)),
            3 => ExprKind::Unary(UnaryOp::Not, boxed(self)),
            4 => ExprKind::Unary(UnaryOp::Neg, boxed(self)),
            5 => ExprKind::Member(boxed(self), self.ident()),
            6 => ExprKind::Filter(boxed(self), boxed(self)),
            7 => ExprKind::If(boxed(self), boxed(self), boxed(self)),
            8 => ExprKind::Call(
                self.ident(),
                vec![self.expr(depth - 1), self.expr(depth - 1)],
            ),
            _ => {
                let ops = [
                    BinaryOp::Or,
                    BinaryOp::And,
                    BinaryOp::Eq,
                    BinaryOp::Ne,
                    BinaryOp::Lt,
                    BinaryOp::Le,
                    BinaryOp::Gt,
                    BinaryOp::Ge,
                    BinaryOp::Add,
                    BinaryOp::Sub,
                    BinaryOp::Mul,
                    BinaryOp::Div,
                ];
                let op = ops[self.below(ops.len() as u64) as usize];
                ExprKind::Binary(op, boxed(self), boxed(self))
            }
        };
        Expr {
            kind,
            span: Span::default(),
        }
    }
}

/// The spans of the grouping parentheses of a one-line expression: `(` not after a name.
fn grouping_parens(text: &str) -> Vec<(usize, usize)> {
    let mut open = Vec::new();
    let mut pairs = Vec::new();
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        match c {
            '(' => open.push((i, previous.is_alphanumeric() || previous == '_')),
            ')' => {
                let (start, call) = open.pop().unwrap();
                if !call {
                    pairs.push((start, i));
                }
            }
            _ => {}
        }
        previous = c;
    }
    pairs
}

/// Random trees in a check body, in an atom place and in a template hole print to
/// text that parses back to them; and no pair of parentheses in the check body can be
/// dropped (but those around an `if` in the head of another `if`, kept to be read).
#[test]
fn random_expressions_round_trip_with_the_fewest_parentheses() {
    random_expressions_round_trip(600, 200);
}

/// The same over 3,000 trees: the slow suite (run in release by .ci/run).
#[test]
#[ignore = "slow suite: many random trees, run in release by .ci/run"]
fn many_random_expressions_round_trip_with_the_fewest_parentheses() {
    random_expressions_round_trip(3000, 1000);
}

fn random_expressions_round_trip(trees: usize, least_pairs: usize) {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut base = parse(
        "t.rules",
        r#"check c error { x message "{x}" } class k { floor x }"#,
    );
    let mut dropped_pairs = 0;
    for _ in 0..trees {
        let tree = random.expr(5);
        let ItemKind::Check(check) = &mut base.items[0].kind else {
            unreachable!()
        };
        check.assertion = Some(tree.clone());
        check.finding.message.as_mut().unwrap().parts = vec![TemplatePart::Hole(tree.clone())];
        let ItemKind::Class(class) = &mut base.items[1].kind else {
            unreachable!()
        };
        class.rules[0].kind = ClassRuleKind::Floor(tree.clone());
        let printed = round_trip("random", &base);

        let body = printed.lines().nth(1).unwrap().trim().to_owned();
        for (open, close) in grouping_parens(&body) {
            if body[open + 1..].starts_with("if ") {
                continue;
            }
            dropped_pairs += 1;
            let dropped = format!(
                "check c error {{ {}{}{} }}",
                &body[..open],
                &body[open + 1..close],
                &body[close + 1..]
            );
            if let Ok(reparsed) = perfeval::parse(&SourceFile::new("d.rules", dropped.clone())) {
                let ItemKind::Check(check) = &reparsed.items[0].kind else {
                    continue;
                };
                let same = erase_spans(&check.assertion) == erase_spans(&Some(&tree));
                assert!(!same, "needless parentheses: {body}\nwithout: {dropped}");
            }
        }
    }
    assert!(
        dropped_pairs > least_pairs,
        "only {dropped_pairs} parentheses tried"
    );
}

/// Printed with Chinese keywords, every ruleset parses back to the same tree, and
/// printing that again in Chinese gives the same text.
#[test]
fn every_ruleset_round_trips_in_chinese() {
    use perfeval::syntax::keywords::Keywords;
    use perfeval::syntax::print::{Style, print_with};
    let zh = Style {
        keywords: Keywords::Zh,
        ..Style::default()
    };
    let mut files = Vec::new();
    rules_files(&root().join("rulesets"), &mut files);
    rules_files(&root().join("tests/fixtures"), &mut files);
    let mut texts: Vec<(String, String)> = files
        .iter()
        .filter_map(|p| Some((relative(p), std::fs::read_to_string(p).ok()?)))
        .collect();
    texts.push(("every.rules".to_owned(), EVERY_CONSTRUCT.to_owned()));
    for (name, text) in texts {
        let Ok(ruleset) = perfeval::parse(&SourceFile::new(name.clone(), text)) else {
            continue;
        };
        let printed = print_with(&ruleset, &no_origin, zh);
        let reparsed = parse(&format!("{name} (in Chinese)"), &printed);
        assert_eq!(
            erase_spans(&ruleset),
            erase_spans(&reparsed),
            "{name}:\n{printed}"
        );
        assert_eq!(printed, print_with(&reparsed, &no_origin, zh), "{name}");
        if name == "every.rules" {
            insta::assert_snapshot!(printed);
        }
    }
}

/// `show` prints the doc comment of every entry: those of a category's `labels` and
/// `scored_by`, a pool's `categories` and split and `grades`' `read_from` were dropped
/// (two of the shipped rulesets' clauses among them), though `fmt` kept them.
#[test]
fn show_keeps_the_clause_of_every_entry() {
    let text = "category 产出 {\n  /// 类别别名\n  labels \"产出目标\"\n  /// 评分类\n  scored_by 产出类\n}\n\
                pool 个性指标 55 {\n  /// 所含类别\n  categories 产出\n  /// 分配\n  split evenly\n}\n\
                grades {\n  /// 取自\n  read_from level, actual\n  好 100%\n}\n";
    let ruleset = parse("entries.rules", text);
    let printed = print(&ruleset, &no_origin);
    for (doc, entry) in [
        ("类别别名", "labels \"产出目标\""),
        ("评分类", "scored_by 产出类"),
        ("所含类别", "categories 产出"),
        ("分配", "split evenly"),
        ("取自", "read_from level, actual"),
    ] {
        let shown = format!("  /// {doc}\n  {entry}\n");
        assert!(printed.contains(&shown), "{shown}\n{printed}");
    }
    let (stdout, _, code) = crate::common::run(&["show", "--rules", "mof-2020"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains(
            "  /// 规格 §4：等级取自“达成等级”，未填的取实际完成值。\n  read_from level, actual\n"
        ),
        "{stdout}"
    );
}
