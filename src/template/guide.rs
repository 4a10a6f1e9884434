//! The notes sheet (`填表说明`): how to fill the form in, how each pool's points are
//! split, and the ruleset's own doc comments, quoted in ruleset order: the file's `//!`
//! comment, then the clause each category, pool, class, discard, check, adjustment and
//! line implements. One paragraph per row in column A.
//!
//! The importer skips a sheet without form labels, so no cell here may read as one:
//! every paragraph starts with `·`, and one that still equals a label gets another.

use std::collections::HashSet;

use crate::compile::{Plan, SplitPlan};
use crate::data::schema::Shape;
use crate::ir::vocab::INDICATORS;
use crate::text::normalize;

use super::error::TemplateError;
use super::form::display_width;
use super::hints;
use super::layout::{Cell, Content, MAX_ROWS, Role, Sheet};
use super::{FORM_SHEET, GUIDE_SHEET};

/// Column A's width, in Excel's units: about fifty Chinese characters a line.
const WIDTH: u16 = 100;
/// The height of one line of text, in points.
const LINE_HEIGHT: u16 = 16;
/// The most a row can be, in points.
const MAX_HEIGHT: u16 = 409;
/// What starts every paragraph.
const BULLET: &str = "· ";

/// The notes sheet.
pub(crate) fn sheet(plan: &Plan) -> Result<Sheet, TemplateError> {
    let labels = labels(plan);
    let mut sheet = Sheet {
        name: GUIDE_SHEET.to_owned(),
        widths: vec![WIDTH],
        ..Sheet::default()
    };
    let title = not_a_label(title(plan), &labels);
    sheet.cells.push(text_cell(0, title, Role::GuideTitle));
    let mut paragraphs = usage(plan);
    if !plan.pools.is_empty() {
        paragraphs.push("各类指标的分值：".to_owned());
        paragraphs.extend(hints::pools(plan));
    }
    paragraphs.extend(grades(plan));
    let mut quoted = doc_paragraphs(&in_force(&plan.doc));
    quoted.extend(
        clauses(plan)
            .iter()
            .flat_map(|c| doc_paragraphs(&in_force(c))),
    );
    if !quoted.is_empty() {
        paragraphs.push("以下引用规则集中的注释，即各条规则所依据的政策条款：".to_owned());
        paragraphs.extend(quoted);
    }
    for (row, paragraph) in (1u32..).zip(paragraphs) {
        if row >= MAX_ROWS {
            return Err(TemplateError::TooLarge {
                what: crate::i18n::t!(TEMPLATE_NOTES_ROWS, max = MAX_ROWS),
            });
        }
        let text = not_a_label(format!("{BULLET}{paragraph}"), &labels);
        sheet.heights.push((row, height(&text)));
        sheet.cells.push(text_cell(row, text, Role::Guide));
    }
    Ok(sheet)
}

fn text_cell(row: u32, text: String, role: Role) -> Cell {
    Cell {
        row,
        column: 0,
        across: 1,
        content: Content::Text(text),
        role,
        note: None,
    }
}

fn title(plan: &Plan) -> String {
    match &plan.version {
        Some(version) => format!("《{}》（版本 {version}）{GUIDE_SHEET}", plan.name),
        None => format!("《{}》{GUIDE_SHEET}", plan.name),
    }
}

/// How to fill the template in, from the form's own words.
fn usage(plan: &Plan) -> Vec<String> {
    let mut out = vec![format!(
        "本工作簿由 perfeval 按规则集《{}》生成。请在「{}」表中填写各栏；栏目名称和表头不要改动，表中不要另加文字。带红色三角的单元格有批注，说明该栏的类型、是否必填。",
        plan.name, FORM_SHEET
    )];
    let tables = plan
        .form
        .sections()
        .iter()
        .filter(|s| s.shape == Shape::Rows);
    for section in tables {
        let mut text = format!(
            "「{}」：每行一项，行不够可插入行，空行不计。",
            section.label
        );
        if section.key == INDICATORS {
            text.push_str(&indicator_usage(plan));
        }
        out.push(text);
    }
    out.extend(dates(plan));
    out
}

/// The fiscal year and the data cutoff the ruleset declares, which the rules that
/// compare a form's year and dates with them read: a department fills the form knowing
/// them. (What a rule does with them, such as a year at least this one, is its clause's,
/// quoted below.)
fn dates(plan: &Plan) -> Option<String> {
    let text = match (plan.fiscal_year, plan.cutoff) {
        (Some(year), Some(cutoff)) => {
            format!("规则集所定的财政年度：{year} 年；数据截止日期：{cutoff}。")
        }
        (Some(year), None) => format!("规则集所定的财政年度：{year} 年。"),
        (None, Some(cutoff)) => format!("规则集所定的数据截止日期：{cutoff}。"),
        (None, None) => return None,
    };
    Some(text)
}

fn indicator_usage(plan: &Plan) -> String {
    let mut text = String::new();
    let fixed: Vec<&str> = plan
        .pools
        .iter()
        .filter(|p| matches!(&p.split, SplitPlan::Fixed { entries, .. } if !entries.is_empty()))
        .map(|p| p.name.as_str())
        .collect();
    if !fixed.is_empty() {
        text.push_str(&format!(
            "表中已预填{}的目录指标，类别、指标名称、权重不要改动；",
            fixed.join("、")
        ));
    }
    text.push_str("类别可从下拉列表选择。");
    text
}

/// Where a qualitative indicator's grade is written, and the grades with their shares.
fn grades(plan: &Plan) -> Option<String> {
    let grades = hints::grades(plan)?;
    let section = plan.form.section(INDICATORS)?;
    let fields: Vec<String> = plan
        .grade_fields
        .iter()
        .filter_map(|key| section.field(key))
        .map(|f| format!("「{}」", f.label))
        .collect();
    Some(format!(
        "定性指标在{}中填等级（括号内为得分占权重的比例）：{grades}。",
        fields.join("或")
    ))
}

/// The doc comments of the ruleset's items, in the order the ruleset writes them, each
/// once.
fn clauses(plan: &Plan) -> Vec<&str> {
    let mut docs: Vec<(u32, &str)> = Vec::new();
    docs.extend(
        plan.categories
            .iter()
            .map(|c| (c.span.start, c.doc.as_str())),
    );
    docs.extend(plan.pools.iter().map(|p| (p.span.start, p.doc.as_str())));
    docs.extend(
        plan.classes
            .iter()
            .map(|c| (c.def.span.start, c.def.doc.as_str())),
    );
    let findings = plan
        .discards
        .iter()
        .map(|d| &d.finding)
        .chain(plan.checks.iter().map(|c| &c.finding))
        .chain(plan.adjustments.iter().map(|a| &a.finding));
    docs.extend(findings.map(|f| (f.span.start, f.doc.as_str())));
    docs.extend(
        plan.lines
            .iter()
            .map(|l| (l.score.span.start, l.doc.as_str())),
    );
    docs.sort_by_key(|(start, _)| *start);
    let mut seen = HashSet::new();
    docs.into_iter()
        .map(|(_, doc)| doc)
        .filter(|doc| !doc.trim().is_empty() && seen.insert(*doc))
        .collect()
}

/// The clause in force of an item an extending ruleset changed: its last override's doc
/// comment, without the mark saying where it was written (a department reads the year's
/// policy, not the base's replaced clause beside a file path and line of the bureau's);
/// any other doc comment whole.
fn in_force(doc: &str) -> String {
    let lines: Vec<&str> = doc.lines().collect();
    let last = lines
        .iter()
        .rposition(|line| amended(line.trim()).is_some());
    let Some(last) = last else {
        return doc.to_owned();
    };
    let mut rest = lines
        .get(last..)
        .unwrap_or_default()
        .iter()
        .map(|l| l.trim());
    let first = rest.next().and_then(amended).unwrap_or("");
    std::iter::once(first)
        .chain(rest)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A doc comment's line as an override's doc comment was marked (see [`in_force`]),
/// without its mark.
fn amended(line: &str) -> Option<&str> {
    crate::i18n::msg!(LINK_DOC_AMENDED).filled_last(line, "at", "line")
}

/// A doc comment's paragraphs: lines separated by a blank line, each paragraph's lines
/// joined (with a space next to a Latin letter or digit, as Chinese needs none).
fn doc_paragraphs(doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in doc.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let between = latin(current.chars().last()) || latin(line.chars().next());
        if !current.is_empty() && between {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Every section and field label of the form, normalised as the importer compares them.
fn labels(plan: &Plan) -> HashSet<String> {
    let sections = plan.form.sections().iter();
    let section_labels = sections.clone().map(|s| normalize(&s.label));
    let field_labels = sections.flat_map(|s| s.fields.iter().map(|f| normalize(&f.label)));
    section_labels.chain(field_labels).collect()
}

/// The text, with another bullet in front for as long as it reads as a form label.
fn not_a_label(mut text: String, labels: &HashSet<String>) -> String {
    while labels.contains(&normalize(&text)) {
        text.insert_str(0, BULLET);
    }
    text
}

/// A wrapped paragraph's row height: one line per column width of text.
fn height(text: &str) -> u16 {
    let per_line = WIDTH.saturating_sub(4).max(1);
    let lines = display_width(text).div_ceil(per_line).max(1);
    lines.saturating_mul(LINE_HEIGHT).min(MAX_HEIGHT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_join_into_paragraphs() {
        let doc = "第一段的第一行，\n接着第二行。\n\nsee shared/spec.md\n对照 spec\nsection 2";
        assert_eq!(
            doc_paragraphs(doc),
            [
                "第一段的第一行，接着第二行。",
                "see shared/spec.md 对照 spec section 2"
            ]
        );
        assert!(doc_paragraphs("\n\n").is_empty());
    }

    /// A department's guide quotes the clause in force: an override's doc comment, not
    /// the base's replaced clause, and never the bureau's file and line.
    #[test]
    fn an_amended_clause_is_quoted_as_in_force() {
        let amended = "填表说明 4：完成100%~130%得满分。\n〔2024.rules:7 修改〕2024 年：完成100%~120%得满分，\n超过部分照扣。";
        assert_eq!(
            in_force(amended),
            "2024 年：完成100%~120%得满分，\n超过部分照扣。"
        );
        let twice =
            "旧条款。\n[changed at 2024.rules:7] 2024 条款。\n〔2025.rules:3 修改〕2025 条款。";
        assert_eq!(in_force(twice), "2025 条款。");
        let plain = "填表说明 1：指标结余数〔注〕=年初预算数。";
        assert_eq!(in_force(plain), plain);
    }

    #[test]
    fn a_paragraph_equal_to_a_label_gets_another_bullet() {
        let labels = HashSet::from(["类别".to_owned(), "·类别".to_owned()]);
        assert_eq!(not_a_label("· 类别".to_owned(), &labels), "· · 类别");
        assert_eq!(not_a_label("· 说明".to_owned(), &labels), "· 说明");
    }

    #[test]
    fn long_paragraphs_get_taller_rows() {
        assert_eq!(height("短"), LINE_HEIGHT);
        // 200 units, 96 to a line.
        assert_eq!(height(&"长".repeat(100)), 3 * LINE_HEIGHT);
        assert_eq!(height(&"长".repeat(100_000)), MAX_HEIGHT);
    }
}
