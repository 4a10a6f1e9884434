//! `perfeval template`: the fill-in workbook of a ruleset's form, read back with calamine
//! as the importer will read it.
//!
//! The form sheet holds nothing but the title, labels and pre-filled catalog values (the
//! importer reports any other cell); the catalog's weights are numbers; the category
//! column has a drop-down that warns; the notes sheet quotes the ruleset without any cell
//! reading as a label; the same ruleset gives the same bytes.

use std::collections::BTreeSet;
use std::io::{Cursor, Read};

use calamine::{Data, Reader, SheetVisible, Xlsx, open_workbook_from_rs};
use perfeval::compile::{Plan, SplitPlan};
use perfeval::data::schema::Shape;
use perfeval::template::layout::Role;
use perfeval::template::{EMPTY_ROWS, FORM_SHEET, GUIDE_SHEET, LIST_SHEET};
use perfeval::text::normalize;

use crate::common::{plan, root, run};

const SUZHOU: &str = "rulesets/2023.rules";
const MOF: &str = "rulesets/mof-2020.rules";

fn workbook(plan: &Plan) -> Vec<u8> {
    perfeval::template::workbook(plan).unwrap()
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

/// A cell as the importer reads it: Excel's address, 1-based row, and its value.
#[derive(Clone, Debug, PartialEq)]
struct Read1 {
    row: u32,
    column: u32,
    value: Data,
}

impl Read1 {
    fn address(&self) -> String {
        perfeval::import::grid::address(self.row as usize, self.column as usize)
    }

    fn text(&self) -> Option<&str> {
        match &self.value {
            Data::String(s) => Some(s),
            _ => None,
        }
    }
}

/// The non-empty cells of a sheet, row by row.
fn cells(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Vec<Read1> {
    let range = book.worksheet_range(sheet).unwrap();
    let (top, left) = range.start().unwrap_or((0, 0));
    range
        .used_cells()
        .filter(|(_, _, v)| !matches!(v, Data::Empty))
        .map(|(r, c, v)| Read1 {
            row: top + u32::try_from(r).unwrap(),
            column: left + u32::try_from(c).unwrap(),
            value: v.clone(),
        })
        .collect()
}

/// Every sheet as lines `A1 string 苏州…`, with its visibility and merged ranges.
fn dump(bytes: &[u8]) -> String {
    let mut book = open(bytes);
    let sheets = book.sheets_metadata().to_vec();
    let mut out = String::new();
    for sheet in sheets {
        out.push_str(&format!("== {} ({:?})\n", sheet.name, sheet.visible));
        let merges = book.merge_cells_by_sheet_name(&sheet.name).unwrap();
        for m in merges {
            out.push_str(&format!(
                "merged rows {}..={} columns {}..={}\n",
                m.start.0 + 1,
                m.end.0 + 1,
                m.start.1,
                m.end.1
            ));
        }
        for cell in cells(&mut book, &sheet.name) {
            let (kind, shown) = match &cell.value {
                Data::String(s) => ("string", s.clone()),
                Data::Float(f) => ("number", f.to_string()),
                Data::Int(i) => ("integer", i.to_string()),
                other => ("other", format!("{other:?}")),
            };
            out.push_str(&format!("{} {kind} {shown}\n", cell.address()));
        }
    }
    out
}

/// A file of the .xlsx zip, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn suzhou_2023_template_cells() {
    insta::assert_snapshot!(dump(&workbook(&plan(SUZHOU))));
}

#[test]
fn mof_2020_template_cells() {
    insta::assert_snapshot!(dump(&workbook(&plan(MOF))));
}

/// The importer's contract: a cell of the form sheet is the title, a section's label, a
/// field's label, or a pre-filled catalog value (a category's name, an indicator's name,
/// a weight). Anything else would be a cell it cannot place.
#[test]
fn the_form_sheet_holds_only_what_the_importer_places() {
    for rules in [SUZHOU, MOF, "rulesets/2023.zh.rules"] {
        let plan = plan(rules);
        let mut allowed: BTreeSet<String> = BTreeSet::from([plan.name.clone()]);
        for section in plan.form.sections() {
            allowed.insert(section.label.clone());
            allowed.extend(section.fields.iter().map(|f| f.label.clone()));
        }
        let mut weights = Vec::new();
        for pool in &plan.pools {
            if let SplitPlan::Fixed { entries, .. } = &pool.split {
                for e in entries {
                    allowed.insert(plan.categories[e.category].name.clone());
                    allowed.insert(e.name.clone());
                    weights.push(e.weight.clone());
                }
            }
        }
        let mut book = open(&workbook(&plan));
        let form = cells(&mut book, FORM_SHEET);
        assert!(!form.is_empty());
        let numbers = form.iter().filter(|c| c.text().is_none()).count();
        assert_eq!(
            numbers,
            weights.len(),
            "{rules}: only catalog weights are numbers"
        );
        for cell in &form {
            match &cell.value {
                Data::String(s) => assert!(
                    allowed.contains(s),
                    "{rules}: {} holds `{s}`",
                    cell.address()
                ),
                Data::Float(_) => {}
                other => panic!("{rules}: {} holds {other:?}", cell.address()),
            }
        }
    }
}

/// The layout the importer expects: a record field's label in A with its (empty) value
/// cell in B; a table's header row with each field's label in declaration order.
#[test]
fn labels_are_where_the_importer_looks() {
    for rules in [SUZHOU, MOF] {
        let plan = plan(rules);
        let mut book = open(&workbook(&plan));
        let form = cells(&mut book, FORM_SHEET);
        let at = |text: &str| {
            form.iter()
                .filter(|c| c.text() == Some(text))
                .collect::<Vec<_>>()
        };
        assert_eq!(form[0].address(), "A1");
        assert_eq!(form[0].text(), Some(plan.name.as_str()));
        for section in plan.form.sections() {
            let label = at(&section.label);
            assert!(
                label.iter().any(|c| c.column == 0),
                "{rules}: {}",
                section.label
            );
            if section.shape == Shape::Rows {
                let header: Vec<&str> = section.fields.iter().map(|f| f.label.as_str()).collect();
                let row = label[0].row + 1;
                let found: Vec<&str> = form
                    .iter()
                    .filter(|c| c.row == row)
                    .filter_map(Read1::text)
                    .collect();
                assert_eq!(found, header, "{rules}: header of {}", section.key);
            }
        }
        let layout = perfeval::template::layout(&plan).unwrap();
        let sheet = layout.sheet(FORM_SHEET).unwrap();
        for section in plan
            .form
            .sections()
            .iter()
            .filter(|s| s.shape == Shape::Record)
        {
            for field in &section.fields {
                let value = sheet.value_cell(&section.key, &field.key, None).unwrap();
                assert_eq!(value.column, 1);
                let label = sheet
                    .cells
                    .iter()
                    .find(|c| c.row == value.row && c.column == 0)
                    .unwrap();
                assert_eq!(
                    label.role,
                    Role::Label {
                        section: section.key.clone(),
                        field: field.key.clone()
                    }
                );
                assert!(
                    !form.iter().any(|c| c.row == value.row && c.column == 1),
                    "{rules}: B{} is filled",
                    value.row + 1
                );
            }
        }
    }
}

/// Sub-sections come right after their parent, in form order.
#[test]
fn sub_sections_follow_their_parent() {
    let plan = plan(MOF);
    let layout = perfeval::template::layout(&plan).unwrap();
    let order: Vec<&str> = layout
        .sheet(FORM_SHEET)
        .unwrap()
        .cells
        .iter()
        .filter_map(|c| match &c.role {
            Role::Section { section } => Some(section.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        order,
        [
            "project",
            "funds",
            "funds.appropriation",
            "funds.carryover",
            "funds.other",
            "goals",
            "indicators",
            "self_evaluation"
        ]
    );
}

/// The catalog indicators of `split fixed` pools are pre-filled with their category's
/// canonical name and their weight as a number; twenty empty rows follow.
#[test]
fn catalog_indicators_are_prefilled_with_numeric_weights() {
    let plan = plan(SUZHOU);
    let mut book = open(&workbook(&plan));
    let form = cells(&mut book, FORM_SHEET);
    let row_of = |name: &str| form.iter().find(|c| c.text() == Some(name)).unwrap().row;
    let in_row = |row: u32| {
        form.iter()
            .filter(|c| c.row == row)
            .map(|c| c.value.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        in_row(row_of("立项依据充分性")),
        [
            Data::String("决策".into()),
            Data::String("立项依据充分性".into()),
            Data::Float(1.0)
        ]
    );
    assert_eq!(
        in_row(row_of("预算执行率")),
        [
            Data::String("过程".into()),
            Data::String("预算执行率".into()),
            Data::Float(8.0)
        ]
    );
    let weights: f64 = form
        .iter()
        .filter_map(|c| match c.value {
            Data::Float(f) => Some(f),
            _ => None,
        })
        .sum();
    assert!((weights - 25.0).abs() < 1e-9, "{weights}");
    let layout = perfeval::template::layout(&plan).unwrap();
    let sheet = layout.sheet(FORM_SHEET).unwrap();
    let last = 11 + EMPTY_ROWS - 1;
    assert!(
        sheet
            .value_cell("indicators", "actual", Some(last))
            .is_some()
    );
    assert!(
        sheet
            .value_cell("indicators", "actual", Some(last + 1))
            .is_none()
    );
    assert_eq!(
        sheet.cells.last().unwrap().role,
        Role::Value {
            section: "text".into(),
            field: "suggestions".into(),
            ty: perfeval::data::schema::FieldType::Text,
            row: None,
        }
    );
}

/// The category column of every row of the indicator table has a drop-down of the
/// ruleset's category names that warns, and does not stop, on another word.
#[test]
fn the_category_column_has_a_warning_drop_down() {
    let plan = plan(SUZHOU);
    let bytes = workbook(&plan);
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let layout = perfeval::template::layout(&plan).unwrap();
    let form = layout.sheet(FORM_SHEET).unwrap();
    let first = form
        .value_cell("indicators", "category", Some(0))
        .unwrap()
        .row
        + 1;
    let last = first + 11 + EMPTY_ROWS - 1;
    assert!(sheet.contains("<dataValidations count=\"1\">"), "{sheet}");
    let validation = sheet.split("<dataValidation ").nth(1).unwrap();
    assert!(validation.contains("type=\"list\""), "{validation}");
    assert!(
        validation.contains("errorStyle=\"warning\""),
        "{validation}"
    );
    assert!(
        validation.contains(&format!("sqref=\"A{first}:A{last}\"")),
        "{validation}"
    );
    assert!(
        validation.contains("<formula1>\"决策,过程,产出,效益,满意度,投入\"</formula1>"),
        "{validation}"
    );
}

/// Categories too many for a drop-down's own list (255 characters) are listed on a
/// hidden sheet, which the importer leaves out.
#[test]
fn many_categories_are_listed_on_a_hidden_sheet() {
    let names: Vec<String> = (0..40).map(|i| format!("产出类别{i:02}")).collect();
    let mut text =
        std::fs::read_to_string(root().join("tests/fixtures/check/ok/minimal.rules")).unwrap();
    text = text.replace(
        "category 产出 { scored_by 产出类 }",
        &names
            .iter()
            .map(|n| format!("category {n} {{ scored_by 产出类 }}\n"))
            .collect::<String>(),
    );
    text = text.replace(
        "categories 产出",
        &format!("categories {}", names.join(", ")),
    );
    let plan =
        perfeval::load_ruleset(&perfeval::source::SourceFile::new("many.rules", text)).unwrap();
    let bytes = workbook(&plan);
    let mut book = open(&bytes);
    let sheets = book.sheets_metadata().to_vec();
    let names_of: Vec<(&str, &SheetVisible)> = sheets
        .iter()
        .map(|s| (s.name.as_str(), &s.visible))
        .collect();
    assert_eq!(
        names_of,
        [
            (FORM_SHEET, &SheetVisible::Visible),
            (GUIDE_SHEET, &SheetVisible::Visible),
            (LIST_SHEET, &SheetVisible::Hidden)
        ]
    );
    let listed: Vec<String> = cells(&mut book, LIST_SHEET)
        .iter()
        .map(|c| c.text().unwrap().to_owned())
        .collect();
    assert_eq!(listed, names);
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("<formula1>'类别'!$A$1:$A$40</formula1>"),
        "{sheet}"
    );
}

/// Hints are notes, never cells: the type, whether optional, and how a pool's points are
/// split, written from the ruleset.
#[test]
fn hints_are_notes() {
    let bytes = workbook(&plan(SUZHOU));
    let notes = part(&bytes, "xl/comments1.xml");
    for hint in [
        "类型：金额（万元）",
        "选填",
        "必填",
        "类型：日期 YYYY-MM-DD",
        "个性指标 55 分（产出、效益、满意度、投入）：按项数均分，精确到 0.01 截尾，余数给所填权重等于均分值加余数的第一项，无则给第一项。",
        "共性指标 25 分（决策、过程）：按目录固定分值，表中已预填。",
        "本规则集的类别：决策、过程、产出、效益、满意度、投入",
        "定性指标填等级：好、较好、一般、较差、差",
    ] {
        assert!(notes.contains(hint), "no `{hint}` in {notes}");
    }
    let notes = part(&workbook(&plan(MOF)), "xl/comments1.xml");
    assert!(
        notes.contains("效益：分值按规则计算，各项分值由部门填报。"),
        "{notes}"
    );
    assert!(
        notes.contains(
            "定性指标填等级：达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差"
        ),
        "{notes}"
    );
}

/// The notes sheet quotes the ruleset's `//!` comment and its clauses, one paragraph per
/// row; no cell reads as a form label, so the importer skips the sheet.
#[test]
fn the_notes_sheet_quotes_the_ruleset_and_reads_as_no_label() {
    for rules in [SUZHOU, MOF] {
        let plan = plan(rules);
        let labels: BTreeSet<String> = plan
            .form
            .sections()
            .iter()
            .flat_map(|s| std::iter::once(&s.label).chain(s.fields.iter().map(|f| &f.label)))
            .map(|l| normalize(l))
            .collect();
        let mut book = open(&workbook(&plan));
        let guide = cells(&mut book, GUIDE_SHEET);
        for cell in &guide {
            assert_eq!(cell.column, 0);
            let text = cell.text().unwrap();
            assert!(!labels.contains(&normalize(text)), "{rules}: {text}");
            assert!(cell.row == 0 || text.starts_with("· "), "{rules}: {text}");
        }
        let all: String = guide
            .iter()
            .filter_map(Read1::text)
            .collect::<Vec<_>>()
            .join("\n");
        let first_doc_line = plan.doc.lines().next().unwrap();
        assert!(all.contains(first_doc_line), "{rules}: {all}");
        for check in &plan.checks {
            let first = check.finding.doc.lines().next().unwrap_or_default();
            assert!(all.contains(first), "{rules}: no `{first}`");
        }
    }
}

#[test]
fn the_same_ruleset_gives_the_same_bytes() {
    let plan = plan(SUZHOU);
    let first = workbook(&plan);
    assert_eq!(first, workbook(&plan));
    let core = part(&first, "docProps/core.xml");
    assert!(core.contains("2000-01-01T00:00:00Z"), "{core}");
}

#[test]
fn cli_writes_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("自评表.xlsx");
    let (stdout, stderr, code) =
        run(&["template", "--rules", SUZHOU, "-o", path.to_str().unwrap()]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    assert_eq!(bytes, workbook(&plan(SUZHOU)));
}

#[test]
fn cli_writes_a_workbook_to_a_pipe() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_perfeval"))
        .args(["template", "--rules", MOF])
        .current_dir(root())
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.stdout, workbook(&plan(MOF)));
}

#[test]
fn cli_refuses_a_name_that_is_not_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.toml");
    let (_, stderr, code) = run(&["template", "--rules", SUZHOU, "-o", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::output::not_xlsx"), "{stderr}");
    assert!(!path.exists());
}

/// A blank template is never written over a workbook: it may be a form a department
/// filled in.
#[test]
fn cli_never_writes_over_an_existing_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("自评表.xlsx");
    std::fs::write(&path, b"a filled form").unwrap();
    let (_, stderr, code) = run(&["template", "--rules", SUZHOU, "-o", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::output::exists"), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), b"a filled form");
}

#[test]
fn cli_refuses_to_write_over_the_ruleset() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("r.rules");
    std::fs::copy(root().join(SUZHOU), &rules).unwrap();
    let link = dir.path().join("r.xlsx");
    std::os::unix::fs::symlink(&rules, &link).unwrap();
    let (_, stderr, code) = run(&[
        "template",
        "--rules",
        rules.to_str().unwrap(),
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::output::exists"), "{stderr}");
    assert_eq!(
        std::fs::read(&rules).unwrap(),
        std::fs::read(root().join(SUZHOU)).unwrap()
    );
}

/// On a terminal (`script` gives the command one), the workbook is refused before the
/// ruleset is read.
#[test]
fn cli_refuses_a_terminal() {
    let command = format!(
        "{} template --rules {SUZHOU}",
        env!("CARGO_BIN_EXE_perfeval")
    );
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{shown}");
    assert!(shown.contains("perfeval::output::terminal"), "{shown}");
    assert!(!shown.contains("PK"), "{shown}");
}

/// The minimal ruleset with another section in its form.
fn with_section(section: &str) -> Plan {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/check/ok/minimal.rules")).unwrap();
    let text = text.replacen("form {", &format!("form {{\n  {section}"), 1);
    perfeval::load_ruleset(&perfeval::source::SourceFile::new("wide.rules", text)).unwrap()
}

fn refusal(plan: &Plan) -> String {
    let error = perfeval::template::workbook(plan).unwrap_err();
    crate::common::render(&error)
}

#[test]
fn a_table_wider_than_a_sheet_is_refused() {
    let fields: String = (0..16_385)
        .map(|i| format!("f{i}: optional text \"栏{i}\" "))
        .collect();
    let plan = with_section(&format!("optional rows wide \"宽表\" {{ {fields} }}"));
    let shown = refusal(&plan);
    assert!(shown.contains("perfeval::template::too_large"), "{shown}");
    assert!(shown.contains("more than 16384 fields"), "{shown}");
}

#[test]
fn a_label_longer_than_a_cell_is_refused() {
    let label = "长".repeat(32_768);
    let plan = with_section(&format!(
        "optional section long \"长栏\" {{ x: optional text \"{label}\" }}"
    ));
    let shown = refusal(&plan);
    assert!(shown.contains("perfeval::template::too_large"), "{shown}");
    assert!(
        shown.contains("the text of 自评表!A3 is longer than a cell holds"),
        "{shown}"
    );
}
