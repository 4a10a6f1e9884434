//! Importing the files departments send: workbooks built here with rust_xlsxwriter (merged
//! category cells, numbers stored as text, dates as Excel dates, two forms in one
//! workbook), CSV in GB18030, and the template `perfeval template` writes, filled in.

use std::sync::LazyLock;

use perfeval::compile::Plan;
use perfeval::data::project::Datum;
use perfeval::import::{self, Kind};
use perfeval::template::layout::Content;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use crate::common::{check_as, plan, root, run};

static SUZHOU: LazyLock<Plan> = LazyLock::new(|| plan("rulesets/2023.rules"));

fn xlsx_kind() -> Kind {
    Kind::from_path(std::path::Path::new("a.xlsx")).unwrap()
}

/// The seed's form on a sheet, laid out as the text export is, with the category of
/// each group written once in a merged cell.
fn seed_sheet(sheet: &mut Worksheet, name: &str, paid: f64, balance: f64) {
    let text = |s: &mut Worksheet, r: u32, c: u16, v: &str| {
        s.write_string(r, c, v).unwrap();
    };
    text(sheet, 0, 0, "苏州市级财政支出项目绩效自评表");
    text(sheet, 1, 0, "项目名称");
    text(sheet, 1, 2, name);
    text(sheet, 1, 4, "项目年份");
    sheet.write_number(1, 5, 2023.0).unwrap();
    text(sheet, 2, 0, "项目主管部门(单位)");
    text(sheet, 2, 2, "苏州市信息中心");
    text(sheet, 3, 0, "数据采集时间节点");
    let date = ExcelDateTime::from_ymd(2023, 12, 31).unwrap();
    sheet
        .write_datetime_with_format(3, 2, &date, &Format::new().set_num_format("yyyy-mm-dd"))
        .unwrap();
    for (c, label) in [
        "年初预算数",
        "当年使用上年结余、结转及当年调整预算数",
        "财政拨款数",
        "指标结余数",
        "指标结余收回数",
    ]
    .iter()
    .enumerate()
    {
        text(sheet, 4, u16::try_from(c + 1).unwrap(), label);
    }
    text(sheet, 4, 0, "市级预算执行情况(万元)");
    // Numbers stored as text, as a department's copy and paste leaves them.
    for (c, v) in ["1679.7", "0", "1679.7", "0", "0"].iter().enumerate() {
        text(sheet, 5, u16::try_from(c + 1).unwrap(), v);
    }
    text(sheet, 6, 0, "市级财政资金使用情况(万元)");
    for (c, label) in [
        "财政拨款数",
        "实际支付数",
        "资金结余、结转数",
        "结转数",
        "财政收回数",
    ]
    .iter()
    .enumerate()
    {
        text(sheet, 6, u16::try_from(c + 1).unwrap(), label);
    }
    for (c, v) in [1679.7, paid, balance, balance, 0.0].iter().enumerate() {
        sheet
            .write_number(7, u16::try_from(c + 1).unwrap(), *v)
            .unwrap();
    }
    let header = [
        "项目",
        "类别",
        "指标名称",
        "目标值",
        "权重",
        "实际完成值",
        "自评分",
    ];
    for (c, label) in header.iter().enumerate() {
        text(sheet, 8, u16::try_from(c).unwrap(), label);
    }
    let rows: [(&str, &str, &str, f64, &str, f64); 13] = [
        ("决策目标", "立项依据充分性", "充分", 1.0, "充分", 1.0),
        ("", "立项程序规范性", "规范", 1.0, "规范", 1.0),
        ("", "绩效指标明确性", "明确", 1.0, "明确", 1.0),
        ("", "绩效目标合理性", "合理", 1.0, "合理", 1.0),
        ("", "资金分配合理性", "合理", 1.0, "合理", 1.0),
        ("", "预算编制科学性", "科学", 1.0, "科学", 1.0),
        ("过程目标", "预算执行率", "=100%", 8.0, "100%", 8.0),
        ("", "资金到位率", "=100%", 1.0, "100%", 1.0),
        ("", "资金使用合规性", "合规", 4.0, "合规", 4.0),
        ("", "制度执行有效性", "有效", 4.0, "有效", 4.0),
        ("", "管理制度健全性", "健全", 2.0, "健全", 2.0),
        ("产出目标", "系统上线数量", "=2个", 27.5, "2个", 27.5),
        ("效益目标", "服务覆盖率", ">=90%", 27.5, "95%", 27.5),
    ];
    for (i, (category, indicator, target, weight, actual, score)) in rows.iter().enumerate() {
        let r = 9 + u32::try_from(i).unwrap();
        if !category.is_empty() {
            text(sheet, r, 1, category);
        }
        text(sheet, r, 2, indicator);
        text(sheet, r, 3, target);
        sheet.write_number(r, 4, *weight).unwrap();
        text(sheet, r, 5, actual);
        sheet.write_number(r, 6, *score).unwrap();
    }
    // The categories written once over their groups, as merged cells.
    let merged = Format::new();
    sheet.merge_range(9, 1, 14, 1, "决策目标", &merged).unwrap();
    sheet
        .merge_range(15, 1, 19, 1, "过程目标", &merged)
        .unwrap();
    sheet
        .merge_range(9, 0, 21, 0, "项目绩效实现情况（80分）", &merged)
        .unwrap();
    text(sheet, 22, 0, "合计");
    sheet.write_number(22, 6, 80.0).unwrap();
}

fn workbook_bytes(sheets: &[(&str, &str, f64, f64)]) -> Vec<u8> {
    workbook_with(sheets, |_| {})
}

/// A workbook of the seed's form on each sheet, then a sheet of notes, changed by `edit`.
fn workbook_with(sheets: &[(&str, &str, f64, f64)], edit: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut book = Workbook::new();
    for (sheet_name, project, paid, balance) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*sheet_name).unwrap();
        seed_sheet(sheet, project, *paid, *balance);
    }
    let notes = book.add_worksheet();
    notes.set_name("填表说明").unwrap();
    notes
        .write_string(0, 0, "填表说明：1.“市级预算执行情况”含非税收入。")
        .unwrap();
    edit(&mut book);
    book.save_to_buffer().unwrap()
}

/// A 填表说明 sheet before the form whose table names the fields (栏目 | 填写要求) does
/// not read as a form: it is skipped with a note, not refused beside the form read
/// (formats tester: 12 errors, exit 2, for a form of 80.00).
#[test]
fn an_instructions_sheet_naming_the_fields_is_skipped_beside_the_form() {
    let mut book = Workbook::new();
    let instructions = book.add_worksheet();
    instructions.set_name("填表说明").unwrap();
    let rows = [
        ("栏目", "填写要求"),
        ("年初预算数", "填“二下”数"),
        ("财政拨款数", "填财政部门实际拨付的款项数"),
        ("实际支付数", "填资金实际支付到最终使用者的数额"),
        ("指标名称", "填列经财政部门审核通过的指标"),
        ("目标值", "填绩效目标申报表中的目标值"),
    ];
    for (r, (field, how)) in rows.iter().enumerate() {
        let r = u32::try_from(r).unwrap();
        instructions.write_string(r, 0, *field).unwrap();
        instructions.write_string(r, 1, *how).unwrap();
    }
    let sheet = book.add_worksheet();
    sheet.set_name("自评表").unwrap();
    seed_sheet(sheet, "智慧城市一期", 1679.7, 0.0);
    let bytes = book.save_to_buffer().unwrap();
    let forms = import::import_each("说明.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    assert_eq!(forms.len(), 1);
    let form = forms[0].as_ref().unwrap();
    assert!(
        form.notes.iter().any(|n| n.contains("`填表说明`")),
        "{:?}",
        form.notes
    );
}

#[test]
fn a_workbook_with_two_forms_imports_each_sheet() {
    let bytes = workbook_bytes(&[
        ("电子政务", "电子政务项目建设资金", 1679.7, 0.0),
        ("智慧城市", "智慧城市一期", 1600.0, 79.7),
    ]);
    let forms = import::import("两个项目.xlsx", &bytes, xlsx_kind(), &SUZHOU)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(forms.len(), 2, "the notes sheet is no form");
    for form in &forms {
        assert_eq!(form.unplaced, [], "{}", form.project.source.name());
    }
    let first = &forms[0].project;
    assert_eq!(first.source.name(), "两个项目.xlsx!电子政务");
    let project = first.record("project").unwrap();
    assert_eq!(
        project.get("year").unwrap().value,
        Datum::Decimal(2023.into())
    );
    assert_eq!(
        project.get("data_as_of").unwrap().value,
        Datum::Date(jiff::civil::date(2023, 12, 31))
    );
    let initial = &first
        .record("budget")
        .unwrap()
        .get("initial")
        .unwrap()
        .value;
    assert_eq!(*initial, Datum::Decimal("1679.7".parse().unwrap()));
    let rows = first.rows("indicators");
    assert_eq!(rows.len(), 13);
    let category = |i: usize| match &rows[i].get("category").unwrap().value {
        Datum::Text(t) => t.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        category(5),
        "决策目标",
        "merged cells take the category above"
    );
    assert_eq!(category(10), "过程目标");
    let outcome = perfeval::evaluate(&SUZHOU, first).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
    assert_eq!(outcome.findings, []);
    let second = perfeval::evaluate(&SUZHOU, &forms[1].project).unwrap();
    let codes: Vec<&str> = second.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(codes.contains(&"execution-rate"), "{codes:?}");
}

/// A workbook of two forms whose second does not fit (words where an amount is
/// required): `check` scores the first and reports the second as a project it could not
/// evaluate, naming its sheet; the run fails (exit 2) but loses no form.
#[test]
fn a_sheet_that_does_not_fit_leaves_the_workbook_s_other_forms_scored() {
    let sheets = [
        ("电子政务", "电子政务项目建设资金", 1679.7, 0.0),
        ("智慧城市", "智慧城市一期", 1679.7, 0.0),
    ];
    // 智慧城市's 财政收回数 written in words.
    let bytes = workbook_with(&sheets, |book| {
        let sheet = book.worksheet_from_name("智慧城市").unwrap();
        sheet.write_string(7, 5, "不适用").unwrap();
    });
    let forms = import::import_each("两个项目.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    assert_eq!(forms.len(), 2);
    assert!(forms[0].is_ok() && forms[1].is_err());
    // The library's all-or-nothing reading refuses the file, as before.
    assert!(import::import("两个项目.xlsx", &bytes, xlsx_kind(), &SUZHOU).is_err());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("两个项目.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let (stdout, stderr, code) = run(&[
        "check",
        "--rules",
        "2023",
        "--format",
        "json",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let projects = report["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 2, "{stdout}");
    assert_eq!(projects[0]["name"], "电子政务项目建设资金");
    assert_eq!(projects[0]["score"], "80.00");
    assert_eq!(projects[1]["score"], serde_json::Value::Null);
    assert!(
        stdout.contains("智慧城市") && stdout.contains("不适用"),
        "{stdout}"
    );
    // `import` writes the form that fits and reports the other.
    let (stdout, stderr, code) = run(&["import", "--rules", "2023", path.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.contains("电子政务项目建设资金"), "{stdout}");
    assert!(!stdout.contains("智慧城市一期"), "{stdout}");
    assert!(stderr.contains("不适用"), "{stderr}");
}

#[test]
fn check_points_at_a_workbook_s_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("自评表.xlsx");
    std::fs::write(
        &path,
        workbook_bytes(&[("自评表", "智慧城市一期", 1600.0, 79.7)]),
    )
    .unwrap();
    let (stdout, stderr, code) = check_as("json", &path);
    assert_eq!(code, 1, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let findings = doc["projects"][0]["findings"].as_array().unwrap();
    let rate = findings
        .iter()
        .find(|f| f["code"] == "execution-rate")
        .unwrap();
    // The workbook has a sheet of notes besides: a cell is named on its sheet, as Excel
    // may open on the other; the sheet not read is said.
    assert_eq!(rate["cell"], "自评表!F16", "{rate}");
    assert_eq!(rate["line"], 16);
    assert_eq!(rate["column"], 6);
    assert!(
        stderr.contains("sheet `填表说明` holds no field of the form"),
        "{stderr}"
    );
}

/// A note written right of a record's labels or of their values (`数据来源：市统计局`
/// beside the budget's figures) is a cell that fits no field: the figures under their
/// labels are read (the section was said to be missing, or each figure left blank).
#[test]
fn a_note_beside_a_records_labels_or_values_is_reported_not_read() {
    // Right of the figures, right of their labels, in a gap between the figures, left
    // of them (formats tester: a note in D5 or A5 refused the form too).
    let places = [
        (5, 7, "H6"),
        (4, 7, "H5"),
        (7, 7, "H8"),
        (7, 6, "G8"),
        (5, 0, "A6"),
    ];
    for (row, column, address) in places {
        let bytes = seed_workbook_with(|sheet| {
            sheet
                .write_string(row, column, "数据来源：市统计局")
                .unwrap();
        });
        let forms = import::import("备注.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
        let unplaced: Vec<&str> = forms[0]
            .unplaced
            .iter()
            .map(|u| u.address.as_str())
            .collect();
        assert_eq!(unplaced, [address]);
        let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
        assert_eq!(outcome.total.to_string(), "80.00", "{address}");
        assert_eq!(outcome.findings, [], "{address}");
    }
}

/// A value left out of its cell (an actual value not filled in) is said to be missing
/// at that cell, F22, not at the row's first cell (the category's, B22): the reviewer
/// finds the blank the department must fill.
#[test]
fn a_missing_value_is_pointed_at_in_its_blank_cell() {
    // Blank, or a dash alone (the formats tester: it pointed at B22 too).
    for dash in [None, Some("—"), Some("/")] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("缺实际值.xlsx");
        let bytes = seed_workbook_with(|sheet| {
            match dash {
                Some(dash) => sheet.write_string(21, 5, dash),
                None => sheet.write_blank(21, 5, &Format::new().set_bold()),
            }
            .unwrap();
        });
        std::fs::write(&path, bytes).unwrap();
        let (stdout, stderr, _) = check_as("json", &path);
        let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let findings = doc["projects"][0]["findings"].as_array().unwrap();
        let missing = findings
            .iter()
            .find(|f| f["code"] == "missing-value")
            .unwrap_or_else(|| panic!("{stdout}{stderr}"));
        assert_eq!(missing["cell"], "F22", "{dash:?}: {missing}");
    }
}

#[test]
fn a_gb18030_csv_imports_and_says_so() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/import/seed.txt")).unwrap();
    let csv: String = text
        .lines()
        .map(|line| {
            line.split('\t')
                .map(|cell| {
                    if cell.contains([',', '"']) {
                        format!("\"{}\"", cell.replace('"', "\"\""))
                    } else {
                        cell.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&csv);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.csv");
    std::fs::write(&path, &bytes).unwrap();
    let (stdout, stderr, code) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("合计 80.00 / 80"), "{stdout}");
    assert!(stderr.contains("read as GB18030"), "{stderr}");
}

/// The workbook `perfeval template` writes, filled in at the cells its layout gives, imports
/// with no cell left over and scores as the seed does.
#[test]
fn the_template_filled_in_imports_with_no_finding_about_layout() {
    let layout = perfeval::template::layout(&SUZHOU).unwrap();
    let form = layout.sheet(perfeval::template::FORM_SHEET).unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let mut filled = std::collections::HashMap::new();
    let mut fill = |section: &str, field: &str, row: Option<u32>, value: &str| {
        let cell = form.value_cell(section, field, row).unwrap();
        filled.insert((cell.row, cell.column), value.to_owned());
    };
    for (field, value) in [
        ("name", "电子政务项目建设资金"),
        ("year", "2023"),
        ("department", "苏州市信息中心"),
    ] {
        fill("project", field, None, value);
    }
    for (field, value) in [
        ("initial", "1679.7"),
        ("adjustment", "0"),
        ("appropriated", "1679.7"),
        ("unallocated", "0"),
        ("unallocated_recovered", "0"),
    ] {
        fill("budget", field, None, value);
    }
    for (field, value) in [
        ("appropriated", "1679.7"),
        ("paid", "1679.7"),
        ("balance", "0"),
        ("carried_forward", "0"),
        ("recovered", "0"),
    ] {
        fill("funds", field, None, value);
    }
    let common = [
        ("充分", "充分", "1"),
        ("规范", "规范", "1"),
        ("明确", "明确", "1"),
        ("合理", "合理", "1"),
        ("合理", "合理", "1"),
        ("科学", "科学", "1"),
        ("=100%", "100%", "8"),
        ("=100%", "100%", "1"),
        ("合规", "合规", "4"),
        ("有效", "有效", "4"),
        ("健全", "健全", "2"),
    ];
    for (i, (target, actual, score)) in common.iter().enumerate() {
        let row = Some(u32::try_from(i).unwrap());
        fill("indicators", "target", row, target);
        fill("indicators", "actual", row, actual);
        fill("indicators", "self_score", row, score);
    }
    for (i, (category, name, target, actual)) in [
        ("产出", "系统上线数量", "=2个", "2个"),
        ("效益", "服务覆盖率", ">=90%", "95%"),
    ]
    .iter()
    .enumerate()
    {
        let row = Some(11 + u32::try_from(i).unwrap());
        for (field, value) in [
            ("category", *category),
            ("name", name),
            ("target", target),
            ("weight", "27.5"),
            ("actual", actual),
            ("self_score", "27.5"),
        ] {
            fill("indicators", field, row, value);
        }
    }
    fill("self_evaluation", "total", None, "80");
    for cell in &form.cells {
        let (r, c) = (cell.row, cell.column);
        if let Some(value) = filled.get(&(r, c)) {
            sheet.write_string(r, c, value).unwrap();
            continue;
        }
        match &cell.content {
            Content::Text(t) => sheet.write_string(r, c, t).unwrap(),
            Content::Number(n) => sheet
                .write_number(r, c, n.to_string().parse::<f64>().unwrap())
                .unwrap(),
            Content::Empty => sheet,
        };
    }
    let bytes = book.save_to_buffer().unwrap();
    let forms = import::import("模板.xlsx", &bytes, xlsx_kind(), &SUZHOU)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(forms[0].unplaced, []);
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
    assert_eq!(outcome.findings, []);
}

/// A workbook of the seed's form on one sheet, changed by `edit`.
fn seed_workbook_with(edit: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("自评表").unwrap();
    seed_sheet(sheet, "智慧城市一期", 1679.7, 0.0);
    edit(sheet);
    book.save_to_buffer().unwrap()
}

/// `bytes` with the part `name` of the archive rewritten by `edit`.
fn edit_part(bytes: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let part = file.name().unwrap().into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if part == name {
            content = edit(std::str::from_utf8(&content).unwrap()).into_bytes();
        }
        out.start_file(part, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// `bytes` with the stored result (`0`, as rust_xlsxwriter writes it) of the one cell
/// holding `formula` dropped, as programs that do not calculate (openpyxl) leave it.
fn without_result(bytes: &[u8], formula: &str) -> Vec<u8> {
    let stored = format!("<f>{formula}</f><v>0</v>");
    edit_part(bytes, "xl/worksheets/sheet1.xml", |xml| {
        assert_eq!(xml.matches(&stored).count(), 1, "{xml}");
        xml.replace(&stored, &format!("<f>{formula}</f>"))
    })
}

/// A workbook written by a program that does not calculate (openpyxl) keeps a formula
/// and no result: `check` names the cell's formula and says how to get its result,
/// rather than calling the field missing.
#[test]
fn a_formula_with_no_stored_result_is_named() {
    let bytes = seed_workbook_with(|sheet| {
        sheet.write_formula(7, 2, "=B8-D8").unwrap();
    });
    let bytes = without_result(&bytes, "B8-D8");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("公式.xlsx"), bytes).unwrap();
    let (stdout, stderr, code) =
        crate::common::run_in(dir.path(), &["check", "--rules", "2023", "公式.xlsx"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    insta::assert_snapshot!(stderr);
}

/// `=100%` typed into a General cell is a formula to a spreadsheet: Excel stores it with
/// the result 1, openpyxl with none. On a measure it is the form's "equal to 100%" and
/// reads as typed, either way; the form scores as the seed does.
#[test]
fn a_target_typed_as_a_literal_formula_reads_as_typed() {
    let bytes = seed_workbook_with(|sheet| {
        // 预算执行率's target as Excel stores it, 资金到位率's as openpyxl does.
        let excel = rust_xlsxwriter::Formula::new("=100%").set_result("1");
        sheet.write_formula(15, 3, excel).unwrap();
        sheet.write_formula(16, 3, "=100%").unwrap();
    });
    let bytes = without_result(&bytes, "100%");
    let forms = import::import("公式.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    let project = &forms[0].project;
    let outcome = perfeval::evaluate(&SUZHOU, project).unwrap();
    let targets: Vec<String> = outcome.indicators[6..8]
        .iter()
        .map(|row| row.target.to_string())
        .collect();
    assert_eq!(targets, ["=100%", "=100%"]);
    assert_eq!(outcome.total.to_string(), "80.00");
}

/// A constant formula under a number format that writes a percentage or words (`=1`
/// under `"≥"0%` shows ≥100%) reads as the cell shows it, as the sheet saved as `.csv`
/// reads: read as typed, `=1`, it was a target of no unit against an actual in percent
/// (`unit-mismatch`, 预算执行率 scoring 0 and the form 72.00).
#[test]
fn a_constant_formula_under_a_format_with_words_reads_as_shown() {
    let bytes = seed_workbook_with(|sheet| {
        let at_least = rust_xlsxwriter::Format::new().set_num_format("\"≥\"0%");
        let formula = rust_xlsxwriter::Formula::new("=1").set_result("1");
        sheet
            .write_formula_with_format(15, 3, formula, &at_least)
            .unwrap();
    });
    let forms = import::import("公式.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.indicators[6].target.to_string(), "≥100%");
    assert_eq!(outcome.total.to_string(), "80.00");
}

/// That the first form imported gives 数据采集时间节点 as the day `(y, m, d)`; `written`
/// names the case.
fn assert_data_as_of(forms: &[import::Imported], (y, m, d): (i16, i8, i8), written: &str) {
    let project = forms[0].project.record("project").unwrap();
    assert_eq!(
        project.get("data_as_of").unwrap().value,
        Datum::Date(jiff::civil::date(y, m, d)),
        "{written}"
    );
}

/// A date written by hand in a form's cell, as the policy text itself writes one
/// (`2023年12月31日`), or with dots or slashes, reads as the date; a month alone names no
/// date and stays an error.
#[test]
fn a_date_written_by_hand_is_read() {
    let seed = std::fs::read_to_string(root().join("tests/fixtures/import/seed.txt")).unwrap();
    let with_date = |date: &str| -> String {
        seed.lines()
            .flat_map(|line| {
                let extra = line
                    .starts_with("项目主管部门")
                    .then(|| format!("数据采集时间节点\t\t{date}\t\t\t\t"));
                std::iter::once(line.to_owned()).chain(extra)
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let text = Kind::from_path(std::path::Path::new("a.txt")).unwrap();
    for (written, day) in [
        ("2023年12月31日", (2023, 12, 31)),
        ("２０２４年１月５日", (2024, 1, 5)),
        ("2023.12.31", (2023, 12, 31)),
        ("2023/12/31", (2023, 12, 31)),
    ] {
        let form = with_date(written);
        let forms = import::import("自评表.txt", form.as_bytes(), text, &SUZHOU)
            .unwrap_or_else(|e| panic!("{written}: {e:?}"));
        assert_data_as_of(&forms, day, written);
    }
    let form = with_date("2023年12月");
    let Err(import::ImportFailure::Data { failure, .. }) =
        import::import("自评表.txt", form.as_bytes(), text, &SUZHOU)
    else {
        panic!("a month alone is no date");
    };
    assert_eq!(failure.errors()[0].code(), "perfeval::data::invalid_date");
}

/// A form saved in a kind perfeval does not read is refused unread, with what to do for
/// its kind: a Word 97–2003 or WPS document saved as `.docx`, a WPS workbook as `.xlsx`.
#[test]
fn a_form_of_a_kind_not_read_says_what_to_save_it_as() {
    let dir = tempfile::tempdir().unwrap();
    for (name, help) in [
        ("自评表.doc", "(.docx)"),
        ("自评表.wps", "(.docx)"),
        ("自评表.et", "(.xlsx)"),
        ("自评表.pdf", "PDF"),
        ("自评表.bak", "ending"),
    ] {
        std::fs::write(dir.path().join(name), b"\xd0\xcf\x11\xe0").unwrap();
        let (stdout, stderr, code) =
            crate::common::run_in(dir.path(), &["check", "--rules", "2023", name]);
        assert_eq!((stdout.as_str(), code), ("", 2), "{name}");
        assert!(stderr.contains("perfeval::io::not_a_form"), "{stderr}");
        let said = stderr.split("help:").nth(1).unwrap_or_default();
        assert!(said.contains(help), "{name}: {stderr}");
    }
}

/// A date typed into a number cell as `20231231` reads as the date (no Excel serial
/// number has eight digits); a serial number in a number cell still reads as its day.
#[test]
fn a_date_typed_as_a_number_is_read() {
    for (typed, day) in [(20_231_231.0, (2023, 12, 31)), (45_291.0, (2023, 12, 31))] {
        let bytes = seed_workbook_with(|sheet| {
            sheet.write_number(3, 2, typed).unwrap();
        });
        let forms = import::import("数字日期.xlsx", &bytes, xlsx_kind(), &SUZHOU)
            .unwrap_or_else(|e| panic!("{typed}: {e:?}"));
        assert_data_as_of(&forms, day, &typed.to_string());
    }
}

/// An optional field whose cell holds a formula with no stored result (the 合计 of a
/// workbook filled by openpyxl) is read as not given, and reported: the form is still
/// evaluated, and its report says the department's figure was compared with nothing
/// (a note on standard error alone left a report of "no problems").
#[test]
fn an_optional_formula_with_no_stored_result_is_reported_not_refused() {
    let bytes = seed_workbook_with(|sheet| {
        sheet.write_formula(22, 6, "=SUM(G10:G22)").unwrap();
    });
    let bytes = without_result(&bytes, "SUM(G10:G22)");
    let forms = import::import("合计.xlsx", &bytes, xlsx_kind(), &SUZHOU)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(forms[0].notes.is_empty(), "{:?}", forms[0].notes);
    let findings = import::findings(&SUZHOU, &forms[0].project, &forms[0].unplaced);
    let found: Vec<_> = findings
        .iter()
        .map(|f| (f.code.as_str(), f.severity, f.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            "uncalculated-formula",
            perfeval::ir::vocab::Severity::Warning,
            "cell G23 is the formula `=SUM(G10:G22)`, and the file holds no result of it: `合计` is read as not given and compared with nothing (open and save the workbook in Excel or WPS to store the results)"
        )]
    );
    let total = forms[0]
        .project
        .record("self_evaluation")
        .and_then(|r| r.get("total"));
    assert_eq!(total, None);
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
    // In the report: a warning of the form, exit 0 (no error).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("合计.xlsx"), &bytes).unwrap();
    let (stdout, stderr, code) = crate::common::run_in(
        dir.path(),
        &["check", "--rules", "2023", "--format", "json", "合计.xlsx"],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("\"code\": \"uncalculated-formula\""),
        "{stdout}"
    );
    assert!(!stderr.contains("G23"), "{stderr}");
}

/// A row the workbook hides is read like the others, and each hidden row a value is read
/// from is a `hidden-row` warning of the form naming its indicator (a department's hidden,
/// cancelled indicator counts, and the printed form does not show it); a hidden row
/// nothing is read from (the title) is not named. A hidden column read is a
/// `hidden-column` warning. A formula with no stored result in an indicator's row names
/// the indicator too, so reports show both under its row.
#[test]
fn a_hidden_row_read_is_named_under_its_indicator() {
    let bytes = seed_workbook_with(|sheet| {
        sheet.set_row_hidden(0).unwrap();
        sheet.set_row_hidden(20).unwrap();
        sheet.write_formula(19, 6, "=E20").unwrap();
        // The weights, hidden beside the targets (rows 10–22, and 权重 itself).
        sheet.set_column_hidden(4).unwrap();
    });
    let bytes = without_result(&bytes, "E20");
    let forms = import::import("隐藏行.xlsx", &bytes, xlsx_kind(), &SUZHOU)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let findings = import::findings(&SUZHOU, &forms[0].project, &forms[0].unplaced);
    let found: Vec<_> = findings
        .iter()
        .map(|f| (f.code.as_str(), f.indicator.as_deref(), f.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "uncalculated-formula",
                Some("管理制度健全性"),
                "cell G20 is the formula `=E20`, and the file holds no result of it: `自评分` is read as not given and compared with nothing (open and save the workbook in Excel or WPS to store the results)"
            ),
            (
                "hidden-row",
                Some("系统上线数量"),
                "row 21 (B21:G21) is hidden in the workbook, shown neither on screen nor in print, and was read like the others: `产出目标 | 系统上线数量 | =2个 | 27.5 | 2个 | 27.5`"
            ),
            (
                "hidden-column",
                None,
                "column E (E6:E22) is hidden in the workbook, shown neither on screen nor in print, and was read like the others (15 read): `0 | 0 | 1 | 1 | 1 | 1 | 1 | 1 | 8 | 1 | 4 | 4 | 2 | 27.5 | …`"
            ),
        ]
    );
    // Read and scored all the same.
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
    assert_eq!(forms[0].notes, Vec::<String>::new());
}

/// Where no report carries the form's findings, a hidden row read is said on standard
/// error, as a note: a form that cannot be read whole (its error points into a row the
/// reviewer cannot see), `diff` (which shows no finding both rulesets raise) and
/// `explain`.
#[test]
fn a_hidden_row_is_noted_where_no_report_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let hidden_row = |sheet: &mut Worksheet| {
        sheet.set_row_hidden(20).unwrap();
    };
    std::fs::write(dir.path().join("隐藏.xlsx"), seed_workbook_with(hidden_row)).unwrap();
    let broken = seed_workbook_with(|sheet| {
        hidden_row(sheet);
        sheet.write_blank(20, 2, &Format::new()).unwrap();
    });
    std::fs::write(dir.path().join("缺名.xlsx"), broken).unwrap();
    let note = "row 21 (B21:G21) is hidden in the workbook";
    let changed = crate::common::root().join("examples/policy-changes/deduction-3pct.rules");
    for (args, status) in [
        (vec!["check", "--rules", "2023", "缺名.xlsx"], 2),
        (
            vec![
                "diff",
                "--rules",
                "2023",
                "--rules",
                changed.to_str().unwrap(),
                "隐藏.xlsx",
            ],
            0,
        ),
        (vec!["explain", "--rules", "2023", "隐藏.xlsx"], 0),
    ] {
        let (_, stderr, code) = crate::common::run_in(dir.path(), &args);
        assert_eq!(code, status, "{args:?}: {stderr}");
        assert_eq!(stderr.matches(note).count(), 1, "{args:?}: {stderr}");
    }
    // `check` names it once, in the report, not again on standard error.
    let (stdout, stderr, _) =
        crate::common::run_in(dir.path(), &["check", "--rules", "2023", "隐藏.xlsx"]);
    assert!(
        stdout.contains(note) && !stderr.contains(note),
        "{stdout}{stderr}"
    );
}

/// A cell that fits no field in a row the workbook hides says the row is hidden: the
/// reviewer looking for it in Excel would not see it.
#[test]
fn a_stray_cell_in_a_hidden_row_says_it_is_hidden() {
    let bytes = seed_workbook_with(|sheet| {
        sheet.write_number(30, 9, 12345.0).unwrap();
        sheet.set_row_hidden(30).unwrap();
    });
    let forms = import::import("隐藏.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    let findings = import::findings(&SUZHOU, &forms[0].project, &forms[0].unplaced);
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "cell J31 `12345` fits no field of the form (a value under no label); the workbook hides its row or column"
        ]
    );
}

/// A finding on a workbook is placed by its cell (`单元格 D8`) in the reports for people,
/// as the notes and `import` name cells, not by a row and column number.
#[test]
fn findings_on_a_workbook_name_their_cells_in_reports() {
    let bytes = seed_workbook_with(|sheet| {
        sheet.write_number(7, 2, 1000.0).unwrap();
    });
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("自评表.xlsx"), bytes).unwrap();
    for format in ["markdown", "html"] {
        let (stdout, stderr, code) = crate::common::run_in(
            dir.path(),
            &[
                "check",
                "--rules",
                "2023",
                "--format",
                format,
                "自评表.xlsx",
            ],
        );
        assert_eq!(code, 1, "{stderr}");
        assert!(stdout.contains("（单元格 D8）"), "{format}: {stdout}");
        assert!(!stdout.contains("行第"), "{format}: {stdout}");
    }
}

/// Cells as a department's workbook stores them: targets kept numeric and shown through
/// their number format (`">="0%` shows 0.9 as `>=90%`, `"="0"个"` shows 2 as `=2个`), an
/// amount in a currency format, and the total of the self scores computed by a formula
/// whose stored result carries the binary error of its sum. Each is read as the cell
/// shows it, and
/// the form scores as the seed does, with no finding.
#[test]
fn cells_are_read_as_their_number_format_shows_them() {
    let bytes = seed_workbook_with(|sheet| {
        let shown = |code: &str| Format::new().set_num_format(code);
        sheet
            .write_number_with_format(21, 3, 0.9, &shown("\">=\"0%"))
            .unwrap();
        sheet
            .write_number_with_format(20, 3, 2.0, &shown("\"=\"0\"个\""))
            .unwrap();
        sheet
            .write_number_with_format(7, 1, 1679.7, &shown("\"¥\"#,##0.00"))
            .unwrap();
        // The seed's self scores add up to 79.99999999999999 in binary.
        let total = rust_xlsxwriter::Formula::new("=SUM(G10:G22)").set_result("79.99999999999999");
        sheet.write_formula(22, 6, total).unwrap();
    });
    let forms = import::import("格式.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    assert_eq!(forms[0].unplaced, []);
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    let targets: Vec<String> = outcome.indicators[11..13]
        .iter()
        .map(|row| row.target.to_string())
        .collect();
    assert_eq!(targets, ["=2个", ">=90%"]);
    assert_eq!(outcome.total.to_string(), "80.00");
    assert_eq!(outcome.findings, []);
}

/// A conditional number format shows a number by the section its value chooses:
/// `[<1]"≤"0%;0%` shows 0.9 as `≤90%` (lower is better) and 2 as `2`; read for its
/// percentage only, the `≤` was lost and lower-is-better scored as higher-is-better
/// (department tester: 66.25 for 80.00).
#[test]
fn a_conditional_format_shows_the_section_its_number_chooses() {
    let bytes = seed_workbook_with(|sheet| {
        let shown = |code: &str| Format::new().set_num_format(code);
        sheet
            .write_number_with_format(21, 3, 0.9, &shown("[<1]\"≤\"0%;0%"))
            .unwrap();
        sheet
            .write_number_with_format(20, 3, 2.0, &shown("[<1]0%;\"=\"0\"个\""))
            .unwrap();
    });
    let forms = import::import("条件格式.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    let targets: Vec<String> = outcome.indicators[11..13]
        .iter()
        .map(|row| row.target.to_string())
        .collect();
    assert_eq!(targets, ["=2个", "≤90%"]);
}

/// A formula's result is read as its cell shows it where a score or a measure is read
/// (the form as printed and signed): a self score `=…` stored as 27.4966666666667 under
/// `0.00` is 27.5, an actual value stored as 0.952380952380952 under `0.00%` is 95.24%.
/// An amount keeps its number (the budget's sums are checked with it), and a typed
/// number is read as typed, whatever its format shows (1.004 under `0.00`).
#[test]
fn a_formulas_result_is_read_as_its_format_rounds_it_where_a_score_is_read() {
    let bytes = seed_workbook_with(|sheet| {
        let shown = |code: &str| Format::new().set_num_format(code);
        let formula =
            |text: &str, result: &str| rust_xlsxwriter::Formula::new(text).set_result(result);
        // 系统上线数量's self score, weight 27.5.
        sheet
            .write_formula_with_format(
                20,
                6,
                formula("=E21*0.9998787", "27.4966666666667"),
                &shown("0.00"),
            )
            .unwrap();
        // 服务覆盖率's actual value, against >=90%.
        sheet
            .write_formula_with_format(
                21,
                5,
                formula("=20/21", "0.952380952380952"),
                &shown("0.00%"),
            )
            .unwrap();
        // 财政拨款数 of the fund's use: shown 1680, read 1679.7.
        sheet
            .write_formula_with_format(7, 1, formula("=B6", "1679.7"), &shown("0"))
            .unwrap();
        // 立项依据充分性's self score typed with three decimals: read as typed.
        sheet
            .write_number_with_format(9, 6, 1.004, &shown("0.00"))
            .unwrap();
    });
    let forms = import::import("公式.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    let row = |i: usize| &outcome.indicators[i];
    assert_eq!(
        row(11).self_score.map(|s| s.to_string()),
        Some("27.5".into())
    );
    assert_eq!(row(12).actual.as_deref(), Some("95.24%"));
    assert_eq!(outcome.total.to_string(), "80.00");
    let found: Vec<(&str, &str)> = outcome
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.message.as_str()))
        .collect();
    // The typed score's, and the total it makes (80.004: 27.5 read, not 27.4966…).
    let codes: Vec<&str> = found.iter().map(|(code, _)| *code).collect();
    assert_eq!(codes, ["score-mismatch", "total-mismatch"], "{found:?}");
    assert!(found[0].1.contains("填为 1.004"), "{found:?}");
    assert!(found[1].1.contains("之和为 80.004"), "{found:?}");
}

/// Under a format of fewer than two decimals a formula's measure is read as printed too
/// (`=C8/B8` stored as 0.8951… under `0%` is the 90% the department signed and scored),
/// while a score keeps its number (`=50/3` shown as 17 is 16.67 meant).
#[test]
fn a_measure_under_a_whole_percent_is_read_as_printed_and_a_score_is_not() {
    let read = |code: &str| {
        let bytes = seed_workbook_with(|sheet| {
            let shown = Format::new().set_num_format(code);
            let formula = rust_xlsxwriter::Formula::new("=20/21").set_result("0.952380952380952");
            sheet
                .write_formula_with_format(21, 5, formula, &shown)
                .unwrap();
            let score =
                rust_xlsxwriter::Formula::new("=E21*0.9998787").set_result("27.4966666666667");
            let whole = Format::new().set_num_format("0");
            sheet
                .write_formula_with_format(20, 6, score, &whole)
                .unwrap();
        });
        let forms = import::import("取整.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
        let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
        let row = |i: usize| outcome.indicators[i].clone();
        (row(12).actual, row(11).self_score.map(|s| s.to_string()))
    };
    let (actual, score) = read("0%");
    assert_eq!(actual.as_deref(), Some("95%"));
    assert_ne!(score.as_deref(), Some("27"), "{score:?}");
    assert!(score.is_some_and(|s| s.starts_with("27.49")));
    assert_eq!(read("0.0%").0.as_deref(), Some("95.2%"));
}

/// A year's cell formatted as a date showing the year alone (`yyyy"年"`), and a data
/// cutoff written as the policy says it (`截至2023年12月31日`): read as the year and the
/// date they show, and the form scores as the seed does.
#[test]
fn a_year_shown_from_a_date_and_a_cutoff_in_words_are_read() {
    let bytes = seed_workbook_with(|sheet| {
        let new_year = ExcelDateTime::from_ymd(2023, 1, 1).unwrap();
        let year_only = Format::new().set_num_format("yyyy\"年\"");
        sheet
            .write_datetime_with_format(1, 5, &new_year, &year_only)
            .unwrap();
        sheet.write_string(3, 2, "截至2023年12月31日").unwrap();
    });
    let forms = import::import("年份.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    let project = forms[0].project.record("project").unwrap();
    assert_eq!(
        project.get("year").unwrap().value,
        Datum::Decimal(2023.into())
    );
    assert_eq!(
        project.get("data_as_of").unwrap().value,
        Datum::Date(jiff::civil::date(2023, 12, 31))
    );
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
    assert_eq!(outcome.findings, []);
}

/// What reading forms notes is printed in the forms' order, whatever the threads: a
/// saved log of a run compares with the next one's.
#[test]
fn notes_come_in_the_forms_order_on_any_number_of_threads() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/import/seed.txt")).unwrap();
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..12).map(|i| format!("form{i:02}.txt")).collect();
    for name in &names {
        std::fs::write(dir.path().join(name), &bytes).unwrap();
    }
    let folder = dir.path().to_str().unwrap();
    for jobs in ["1", "2", "4"] {
        let (_, stderr, code) = run(&["check", "--rules", "2023", "-j", jobs, folder]);
        assert_eq!(code, 0, "{stderr}");
        let noted: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains("GB18030"))
            .filter_map(|l| {
                names
                    .iter()
                    .find(|n| l.contains(n.as_str()))
                    .map(String::as_str)
            })
            .collect();
        assert_eq!(noted, names, "-j {jobs}");
    }
}

/// Crafted workbooks (`tests/fixtures/import/attack`): each is refused, or read, in a
/// moment and a little memory, and nothing of its names reaches the terminal raw.
const ATTACK: &str = "tests/fixtures/import/attack";

#[test]
fn crafted_workbooks_are_refused_as_damaged_or_too_large() {
    for (name, code, says) in [
        // calamine panics on it; the panic is caught and not printed.
        ("reader-panic.xls", "perfeval::import::corrupt", ""),
        // One 1 MB number format under 1,000 styles: calamine copies it into each.
        (
            "one-long-format-under-many-styles.xlsx",
            "perfeval::import::too_large",
            "",
        ),
        // Two sheets whose records are one sheet's: read twice, every bound doubles.
        (
            "sheets-share-records.xls",
            "perfeval::import::corrupt",
            "two sheets point at the same data",
        ),
        // The seed's form with G40 written twice (0, then 8): calamine kept the last.
        (
            "a-cell-written-twice.xls",
            "perfeval::import::corrupt",
            "sheet 1 holds the cell G40 twice",
        ),
    ] {
        let path = format!("{ATTACK}/{name}");
        let (stdout, stderr, code_seen) = run(&["check", "--rules", "2023", &path]);
        assert_eq!((stdout.as_str(), code_seen), ("", 2), "{name}: {stderr}");
        assert!(stderr.contains(code), "{name}: {stderr}");
        // The message as one line, wherever the diagnostic wrapped it.
        let flat = stderr
            .split_whitespace()
            .filter(|w| *w != "│")
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains(says), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
}

#[test]
fn names_from_a_workbook_reach_the_terminal_written_out() {
    // A hidden sheet named with an escape sequence that clears the screen, a title cell
    // with a blinking sequence and a right-to-left override.
    let path = format!("{ATTACK}/escapes-in-sheet-names.xlsx");
    for command in ["check", "import"] {
        let (stdout, stderr, _) = run(&[command, "--rules", "2023", &path]);
        for output in [&stdout, &stderr] {
            assert!(!output.contains('\u{1b}'), "{command}: {output}");
            assert!(!output.contains('\u{202e}'), "{command}: {output}");
        }
        assert!(stderr.contains("\\u{1b}[2J"), "{command}: {stderr}");
    }
}

#[test]
fn a_stray_cell_right_of_a_row_does_not_shift_the_row() {
    // The template filled in, and a date typed in J55, right of the indicator table: the
    // row stays under its headers (it was read one column off, as a page-break shift,
    // its category becoming its name) and the date is an unplaced cell.
    let path = format!("{ATTACK}/stray-cell-right-of-a-row.xlsx");
    let (stdout, stderr, code) = run(&["import", "--rules", "2023", &path]);
    // The date, an unplaced cell, is an error of the form.
    assert_eq!(code, 1, "{stderr}");
    for line in [
        "category = \"产出\"",
        "name = \"覆盖乡镇数\"",
        "target = \"20\"",
        "actual = \"18\"",
    ] {
        let row55 = stdout
            .lines()
            .any(|l| l.starts_with(line) && l.ends_with("55"));
        assert!(row55, "{line}\n{stdout}");
    }
    assert!(stderr.contains("J55"), "{stderr}");
}

#[test]
fn a_workbook_named_as_another_workbook_format_is_read_as_it_is() {
    // An .xlsx saved as 表.xls, and an .xls as 表.xlsx: Excel and WPS open both without
    // a word, so the reviewer's run reads them too, with a note.
    let dir = tempfile::tempdir().unwrap();
    // Read, with a note, and placed (the stray cell of J55 reported).
    let path = dir.path().join("renamed.xls");
    std::fs::copy(
        root().join(ATTACK).join("stray-cell-right-of-a-row.xlsx"),
        &path,
    )
    .unwrap();
    let (_, stderr, _) = run(&["import", "--rules", "2023", path.to_str().unwrap()]);
    let note = stderr.lines().find(|l| l.contains("read as it is"));
    assert!(note.is_some_and(|n| n.contains("(.xlsx)")), "{stderr}");
    assert!(stderr.contains("J55"), "{stderr}");
    // Read as the workbook it is: what it lacks is the form's, not its format.
    let path = dir.path().join("renamed.xlsx");
    std::fs::copy(root().join("tests/fixtures/import/form.xls"), &path).unwrap();
    let (_, stderr, _) = run(&["import", "--rules", "2023", path.to_str().unwrap()]);
    assert!(!stderr.contains("wrong_format"), "{stderr}");
    assert!(stderr.contains("perfeval::data::missing_field"), "{stderr}");
    // A document of another kind named as a workbook is still refused.
    let doc = dir.path().join("seed.xls");
    std::fs::copy(
        crate::common::root().join("tests/fixtures/import/seed.docx"),
        &doc,
    )
    .unwrap();
    let (_, stderr, code) = run(&["import", "--rules", "2023", doc.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("perfeval::import::wrong_format"),
        "{stderr}"
    );
}

/// A cell merged across the next one shows its value across both: the cell beside it
/// is empty, as Excel shows it, not the value of the cell above it (`F22:G22` merged gave
/// 服务覆盖率 the self score of 系统上线数量, the row above).
#[test]
fn a_merge_across_a_row_leaves_the_cell_beside_empty() {
    let bytes = workbook_with(
        &[("自评表", "电子政务项目建设资金", 1679.7, 0.0)],
        |book| {
            let sheet = book.worksheet_from_name("自评表").unwrap();
            sheet
                .merge_range(21, 5, 21, 6, "95%", &Format::new())
                .unwrap();
        },
    );
    let forms = import::import("合并.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    let row = &outcome.indicators[12];
    assert_eq!(row.actual.as_deref(), Some("95%"));
    assert_eq!(row.self_score, None, "not 系统上线数量's 27.5");
}

/// A header merged across two columns heads both: a value typed in two cells under it
/// (`100` in F, `%` in G) is one value, `100%`, on a group's first row and on a row whose
/// category is merged above (which was read one column off: its name as its category,
/// and that category carried down its group); a second number under it fits no field
/// and shifts nothing.
#[test]
fn a_value_split_under_a_header_merged_across_two_columns_is_one_value() {
    let scores = [
        1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 8.0, 1.0, 4.0, 4.0, 2.0, 27.5, 27.5,
    ];
    let workbook = |stray: bool| {
        seed_workbook_with(|sheet| {
            sheet
                .merge_range(8, 5, 8, 6, "实际完成值", &Format::new())
                .unwrap();
            sheet.write_string(8, 7, "自评分").unwrap();
            for (r, score) in (9..).zip(scores) {
                sheet.clear_cell(r, 6);
                sheet.write_number(r, 7, score).unwrap();
            }
            sheet.clear_cell(22, 6);
            sheet.write_number(22, 7, 80.0).unwrap();
            // 预算执行率 (its group's first row) and 资金到位率 (below it).
            for r in [15, 16] {
                sheet.write_number(r, 5, 100.0).unwrap();
                sheet.write_string(r, 6, "%").unwrap();
            }
            if stray {
                sheet.write_number(17, 6, 3.0).unwrap();
            }
        })
    };
    let forms = import::import("跨列.xlsx", &workbook(false), xlsx_kind(), &SUZHOU).unwrap();
    assert_eq!(forms[0].unplaced, []);
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    for i in [6, 7] {
        assert_eq!(outcome.indicators[i].actual.as_deref(), Some("100%"));
    }
    assert_eq!(outcome.indicators[8].category, "过程");
    assert_eq!(outcome.findings, []);
    assert_eq!(outcome.total.to_string(), "80.00");
    let forms = import::import("跨列.xlsx", &workbook(true), xlsx_kind(), &SUZHOU).unwrap();
    let unplaced: Vec<&str> = forms[0]
        .unplaced
        .iter()
        .map(|u| u.address.as_str())
        .collect();
    assert_eq!(unplaced, ["G18"]);
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.indicators[8].actual.as_deref(), Some("合规"));
    assert_eq!(outcome.indicators[8].category, "过程");
}

/// A hidden column labelled as a shown one (a draft 实际完成值 the department hid) gives
/// way to the shown one: the form is read as the sheet shows it, and the hidden column is
/// a column not read. It made every row's 实际完成值 a duplicate, and the form refused.
#[test]
fn a_hidden_column_gives_way_to_the_shown_column_of_its_label() {
    let outcome = with_hidden_column_h(|sheet| {
        sheet.write_string(8, 7, "实际完成值").unwrap();
        for r in 9..22 {
            sheet.write_string(r, 7, "0").unwrap();
        }
    });
    assert_eq!(outcome.indicators[12].actual.as_deref(), Some("95%"));
}

/// The seed's workbook with column H written by `fill` and hidden: read, its only cell
/// reported H9's header (`unread-column`), and evaluated with no finding.
fn with_hidden_column_h(fill: impl FnOnce(&mut Worksheet)) -> perfeval::eval::outcome::Outcome {
    let bytes = seed_workbook_with(|sheet| {
        fill(sheet);
        sheet.set_column_hidden(7).unwrap();
    });
    let forms = import::import("隐藏列.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    let unplaced: Vec<(&str, bool)> = (forms[0].unplaced.iter())
        .map(|u| (u.address.as_str(), u.is_column()))
        .collect();
    assert_eq!(unplaced, [("H9", true)]);
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.findings, []);
    outcome
}

/// A hidden draft column of self scores keeps its own 合计 in the total row: that total
/// is the draft column's, said with it (`unread-column`), not a cell that fits nowhere
/// (an `unplaced-cell` error made the form 有错误).
#[test]
fn a_hidden_draft_columns_total_goes_with_it() {
    let outcome = with_hidden_column_h(|sheet| {
        sheet.write_string(8, 7, "自评分").unwrap();
        for r in 9..22 {
            sheet.write_number(r, 7, 1.0).unwrap();
        }
        sheet.write_number(22, 7, 70.0).unwrap();
    });
    assert_eq!(outcome.total.to_string(), "80.00");
    // A total in words (`约70分`) goes with its column too.
    let outcome = with_hidden_column_h(|sheet| {
        sheet.write_string(8, 7, "自评分").unwrap();
        sheet.write_string(22, 7, "约70分").unwrap();
    });
    assert_eq!(outcome.total.to_string(), "80.00");
}

/// A sheet that fills one field of the form (a draft: `项目名称 | 草稿项目` alone) is no
/// form, and is said to be skipped: it was passed over without a word.
#[test]
fn a_draft_sheet_of_one_field_is_skipped_with_a_note() {
    let bytes = workbook_with(
        &[("自评表", "电子政务项目建设资金", 1679.7, 0.0)],
        |book| {
            let sheet = book.add_worksheet();
            sheet.set_name("草稿").unwrap();
            sheet.write_string(0, 0, "项目名称").unwrap();
            sheet.write_string(0, 1, "草稿项目").unwrap();
        },
    );
    let forms = import::import("草稿.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    assert_eq!(forms.len(), 1);
    assert!(
        forms[0].notes.iter().any(|n| n.contains("`草稿`")),
        "{:?}",
        forms[0].notes
    );
}

/// A cover page before the form (`封面`: the project's name and department, labels of
/// one part of the form) is no second form: skipped with a note, and the form is read
/// as the file's one (it was a second project that could not be evaluated, exit 2).
#[test]
fn a_cover_sheet_beside_a_form_is_skipped_with_a_note() {
    let bytes = workbook_with(
        &[("自评表", "电子政务项目建设资金", 1679.7, 0.0)],
        |book| {
            let sheet = book.add_worksheet();
            sheet.set_name("封面").unwrap();
            sheet
                .write_string(2, 0, "苏州市级财政支出项目绩效自我评价报告")
                .unwrap();
            sheet.write_string(5, 0, "项目名称").unwrap();
            sheet.write_string(5, 1, "电子政务项目建设资金").unwrap();
            sheet.write_string(6, 0, "项目主管部门(单位)").unwrap();
            sheet.write_string(6, 1, "苏州市某某局").unwrap();
        },
    );
    let forms = import::import("封面.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    assert_eq!(forms.len(), 1);
    assert_eq!(forms[0].sheet, None);
    assert!(
        forms[0].notes.iter().any(|n| n.contains("`封面`")),
        "{:?}",
        forms[0].notes
    );
    // The same sheet alone is still read, and says what it lacks.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(5, 0, "项目名称").unwrap();
    sheet.write_string(5, 1, "电子政务项目建设资金").unwrap();
    sheet.write_string(6, 0, "项目主管部门(单位)").unwrap();
    sheet.write_string(6, 1, "苏州市某某局").unwrap();
    let alone = book.save_to_buffer().unwrap();
    let failure = import::import("封面.xlsx", &alone, xlsx_kind(), &SUZHOU).unwrap_err();
    assert!(
        matches!(failure, import::ImportFailure::Data { .. }),
        "{failure:?}"
    );
}

/// A workbook whose one form sheet is hidden holds no form to read; the note that the
/// sheet was skipped comes with the error, since it says why.
#[test]
fn no_form_says_which_sheets_were_skipped() {
    let bytes = workbook_with(
        &[("自评表", "电子政务项目建设资金", 1679.7, 0.0)],
        |book| {
            // The sheet shown on opening cannot be hidden: the notes sheet is.
            book.worksheet_from_name("填表说明")
                .unwrap()
                .set_active(true);
            let sheet = book.worksheet_from_name("自评表").unwrap();
            sheet.set_hidden(true);
        },
    );
    let failure = import::import("隐藏.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap_err();
    let import::ImportFailure::NoForm { notes } = failure else {
        panic!("{failure:?}");
    };
    assert!(notes.iter().any(|n| n.contains("自评表")), "{notes:?}");
}

/// Two forms one under the other on one sheet, written from the seed's text export with
/// a gap of empty rows between: each is its own project, named by its sheet and the row
/// it begins on; the sheet's notes beside them are no third.
#[test]
fn forms_stacked_on_a_sheet_are_separate_projects() {
    let seed = std::fs::read_to_string(root().join("tests/fixtures/import/seed.txt")).unwrap();
    let lines: Vec<&str> = seed.lines().collect();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("自评表").unwrap();
    let second = u32::try_from(lines.len()).unwrap() + 4;
    for top in [0, second] {
        for (r, line) in lines.iter().enumerate() {
            for (c, cell) in line.split('\t').enumerate() {
                if !cell.is_empty() {
                    let (r, c) = (top + u32::try_from(r).unwrap(), u16::try_from(c).unwrap());
                    sheet.write_string(r, c, cell).unwrap();
                }
            }
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let forms = import::import("汇总.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    let names: Vec<&str> = forms.iter().map(|f| f.project.source.name()).collect();
    // Each is named by its first label's row: the seed's 项目名称 is on its sixth line.
    let second_label = second + 6;
    assert_eq!(
        names,
        [
            "汇总.xlsx!自评表:6",
            &format!("汇总.xlsx!自评表:{second_label}")
        ]
    );
    let sheets: Vec<Option<&str>> = forms.iter().map(|f| f.sheet.as_deref()).collect();
    assert_eq!(
        sheets,
        [
            Some("自评表:6"),
            Some(format!("自评表:{second_label}").as_str())
        ]
    );
    for form in &forms {
        assert_eq!(form.unplaced, [], "{}", form.project.source.name());
        let outcome = perfeval::evaluate(&SUZHOU, &form.project).unwrap();
        assert_eq!(outcome.total.to_string(), "80.00");
    }
}

/// Two projects in one Word document, the seed's body twice: its report part is label
/// paragraphs over value paragraphs, one text a row, under the table; the second form's
/// titles are the rows above its label that the first read nothing from (the first
/// form's report was once taken for the second's titles, its values unplaced).
#[test]
fn forms_one_after_another_in_a_word_document_are_separate_projects() {
    let seed = std::fs::read(root().join("tests/fixtures/import/seed.docx")).unwrap();
    let bytes = edit_part(&seed, "word/document.xml", |xml| {
        let body_start = xml.find("<w:body>").unwrap() + "<w:body>".len();
        let body_end = xml.rfind("<w:sectPr").unwrap();
        let body = &xml[body_start..body_end];
        let second = body.replacen("电子政务项目建设资金", "第二个项目", 1);
        format!("{}{body}{second}{}", &xml[..body_start], &xml[body_end..])
    });
    let kind = Kind::from_path(std::path::Path::new("两个项目.docx")).unwrap();
    let forms = import::import("两个项目.docx", &bytes, kind, &SUZHOU).unwrap();
    assert_eq!(forms.len(), 2);
    let mut names = Vec::new();
    for form in &forms {
        assert_eq!(form.unplaced, [], "{}", form.project.source.name());
        let text = form.project.record("text").unwrap();
        assert!(text.get("overall_goal").is_some() && text.get("suggestions").is_some());
        let outcome = perfeval::evaluate(&SUZHOU, &form.project).unwrap();
        assert_eq!(outcome.total.to_string(), "80.00");
        names.push(outcome.name.unwrap_or_default());
    }
    assert_eq!(names, ["电子政务项目建设资金", "第二个项目"]);
}

/// A workbook report a reviewer has saved again (a 审核意见 column written into its 汇总)
/// is not replaced by the next run: its properties say it changed after perfeval made
/// it. The report as perfeval wrote it is replaced, run after run.
#[test]
fn a_report_workbook_saved_again_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join("examples/suzhou-2023-egov.toml");
    let report = || {
        let args = [
            "check",
            "--rules",
            "2023",
            "-o",
            "报告.xlsx",
            seed.to_str().unwrap(),
        ];
        crate::common::run_in(dir.path(), &args)
    };
    for _ in 0..2 {
        let (_, stderr, code) = report();
        assert_eq!(code, 0, "{stderr}");
    }
    let path = dir.path().join("报告.xlsx");
    let written = std::fs::read(&path).unwrap();
    let saved = edit_part(&written, "docProps/core.xml", |xml| {
        let made = ">2000-01-01T00:00:00Z</dcterms:modified>";
        assert!(xml.contains(made), "{xml}");
        xml.replace(made, ">2024-03-01T09:30:00Z</dcterms:modified>")
    });
    std::fs::write(&path, &saved).unwrap();
    let (_, stderr, code) = report();
    assert_eq!(code, 2);
    assert!(
        stderr.contains("perfeval::output::edited_report"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), saved);
}

/// A row's explanation that is the text of a header (`说明` under 说明, `得分` under it)
/// is the row's value: it ended the indicator table, and the rows below were cells under
/// no label (a form of 80.00 scored 1.00). A row of another section's labels still ends
/// the table (the form's 合计 below it is read).
#[test]
fn a_value_written_as_a_header_s_word_stays_in_its_table() {
    let bytes = seed_workbook_with(|sheet| {
        sheet.write_string(8, 7, "说明").unwrap();
        sheet.write_string(10, 7, "说明").unwrap();
        sheet.write_string(11, 7, "得分").unwrap();
    });
    let forms = import::import("说明.xlsx", &bytes, xlsx_kind(), &SUZHOU).unwrap();
    assert_eq!(forms[0].unplaced, []);
    let project = &forms[0].project;
    assert_eq!(project.rows("indicators").len(), 13);
    let outcome = perfeval::evaluate(&SUZHOU, project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
    assert_eq!(outcome.findings, []);
    let explanation = |row: usize| {
        let rows = project.rows("indicators");
        rows[row].get("explanation").map(|f| f.value.clone())
    };
    assert_eq!(explanation(1), Some(Datum::Text("说明".to_owned())));
    assert_eq!(explanation(2), Some(Datum::Text("得分".to_owned())));
}
