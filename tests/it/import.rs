//! Importing filled forms: the seed's text export, layouts read by their labels, and
//! every cell that fits no field reported.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use perfeval::compile::Plan;
use perfeval::data::project::{Datum, Project, SectionData};
use perfeval::data::{self, Format};
use perfeval::import::{self, Kind};
use perfeval::source::SourceFile;

use crate::common::{check_as, plan, root, run};

static SUZHOU: LazyLock<Plan> = LazyLock::new(|| plan("rulesets/2023.rules"));

const SEED: &str = "tests/fixtures/import/seed.txt";

fn import_text(name: &str, text: &str) -> Vec<import::Imported> {
    import::import(name, text.as_bytes(), Kind::Text, &SUZHOU).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Every field of every section, as (section, row, field) → value, spans left out.
fn values(project: &Project) -> BTreeMap<(String, usize, String), Datum> {
    let mut out = BTreeMap::new();
    for (key, section) in &project.sections {
        let records = match section {
            SectionData::Record(r) => vec![r],
            SectionData::Rows(rows) => rows.iter().collect(),
        };
        for (i, record) in records.into_iter().enumerate() {
            for (field, value) in record.fields() {
                out.insert((key.clone(), i, field.to_owned()), value.value.clone());
            }
        }
    }
    out
}

#[test]
fn the_seed_imports_as_the_example_field_by_field() {
    let text = std::fs::read_to_string(root().join(SEED)).unwrap();
    let forms = import_text(SEED, &text);
    assert_eq!(forms.len(), 1);
    let form = &forms[0];
    assert_eq!(form.unplaced, []);
    let example = std::fs::read_to_string(root().join("examples/suzhou-2023-egov.toml")).unwrap();
    let example = data::load_str(
        SourceFile::new("example", example),
        Format::Toml,
        &SUZHOU.form,
    )
    .unwrap_or_else(|e| panic!("{}", crate::common::render(&e)));
    assert_eq!(values(&form.project), values(&example));
    let outcome = perfeval::evaluate(&SUZHOU, &form.project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
    assert_eq!(outcome.findings, []);
}

#[test]
fn the_seed_checks_directly_with_no_finding() {
    let (stdout, stderr, code) = run(&["check", "--rules", "rulesets/2023.rules", SEED]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("合计 80.00 / 80"), "{stdout}");
}

#[test]
fn import_writes_toml_that_scores_the_same() {
    let (toml, stderr, code) = run(&["import", "--rules", "rulesets/2023.rules", SEED]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        toml.contains("initial = 1679.7  # 年初预算数：tests/fixtures/import/seed.txt:9:2"),
        "{toml}"
    );
    let project = data::load_str(
        SourceFile::new("imported.toml", toml),
        Format::Toml,
        &SUZHOU.form,
    )
    .unwrap_or_else(|e| panic!("{}", crate::common::render(&e)));
    let outcome = perfeval::evaluate(&SUZHOU, &project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
}

/// The seed's layout, cut down: label and value pairs, a two-row header over a shifted
/// values row, a table with a merged (empty) category cell, a page-break-shifted row and
/// a total row, and a narrative that goes on below its label.
const LAYOUTS: &str = "项目名称\t\t测试项目\t\t项目年份\t2023\n\
项目主管部门（单位）\t\t测试单位\n\
市级预算执行情况(万元)\t年初预算数\t当年使用上年结余、结转及当年调整预算数\t\t财政拨款数\t指标结余数\t指标结余收回数\n\
\t100\t0\t\t100\t0\t0\n\
市级财政资金使用情况(万元)\t财政拨款数\t实际支付数\t资金结余、结转数\t其中:\t\n\
\t\t\t\t结转数\t财政收回数\n\
100\t100\t0\t0\t0\t\n\
项目\t类别\t指标名称\t目标值\t权重\t实际完成值\t自评分\n\
项目绩效实现情况（80分）\t产出目标\t系统上线数量\t=2个\t40\t2个\t40\n\
\n\
\t\t服务覆盖率\t>=90%\t40\t95%\t40\n\
效益目标\t满意度\t>=90%\t0\t95%\t0\n\
合计\t\t\t\t\t\t80\n\
项目实施情况\t<p>第一段</p>\n\
\n\
\t<p>第二段</p>\n";

#[test]
fn each_layout_of_the_seed_is_read_by_its_labels() {
    let forms = import_text("layouts.txt", LAYOUTS);
    let form = &forms[0];
    assert_eq!(form.unplaced, []);
    let v = values(&form.project);
    let get = |s: &str, i: usize, f: &str| v.get(&(s.to_owned(), i, f.to_owned())).cloned();
    let text = |t: &str| Some(Datum::Text(t.to_owned()));
    let num = |n: &str| Some(Datum::Decimal(n.parse().unwrap()));
    assert_eq!(get("project", 0, "department"), text("测试单位"));
    assert_eq!(get("budget", 0, "appropriated"), num("100"));
    // The funds' values row is shifted one column left of its two-row header.
    assert_eq!(get("funds", 0, "appropriated"), num("100"));
    assert_eq!(get("funds", 0, "recovered"), num("0"));
    // The empty category cell takes the category above; the shifted row keeps order.
    assert_eq!(get("indicators", 1, "category"), text("产出目标"));
    assert_eq!(get("indicators", 1, "name"), text("服务覆盖率"));
    assert_eq!(get("indicators", 2, "category"), text("效益目标"));
    assert_eq!(get("indicators", 2, "target"), text(">=90%"));
    assert_eq!(get("indicators", 2, "self_score"), num("0"));
    assert_eq!(get("self_evaluation", 0, "total"), num("80"));
    assert_eq!(get("text", 0, "implementation"), text("第一段\n第二段"));
}

#[test]
fn a_note_typed_just_right_of_a_row_leaves_the_row_under_its_headers() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let row = "\t\t资金到位率\t=100%\t1\t100%\t1";
    assert!(seed.contains(&format!("{row}\n")));
    let plain = import_text(SEED, &seed);
    let at = (0..)
        .find(|i| {
            values(&plain[0].project).get(&("indicators".to_owned(), *i, "name".to_owned()))
                == Some(&Datum::Text("资金到位率".to_owned()))
        })
        .unwrap();
    let row_of = |text: &str| {
        let forms = import_text("stray.txt", text);
        let v = values(&forms[0].project);
        let get = |f: &str| v.get(&("indicators".to_owned(), at, f.to_owned())).cloned();
        let unplaced: Vec<String> = forms[0].unplaced.iter().map(|u| u.text.clone()).collect();
        (get("name"), get("weight"), get("self_score"), unplaced)
    };
    let text = |t: &str| Some(Datum::Text(t.to_owned()));
    let num = |n: &str| Some(Datum::Decimal(n.parse().unwrap()));
    // Its cells' types tell it from a row shifted right: read in order, 100% would be
    // its weight and the note its self score.
    let noted = seed.replace(row, &format!("{row}\t备注：已到位"));
    let (name, weight, self_score, unplaced) = row_of(&noted);
    assert_eq!(name, text("资金到位率"));
    assert_eq!(weight, num("1"));
    assert_eq!(self_score, num("1"));
    assert_eq!(unplaced, ["备注：已到位"]);
    // A row shifted right by a cell (`insert cells`) is still read in order.
    let shifted = seed.replace(row, &format!("\t{row}"));
    let (name, weight, self_score, unplaced) = row_of(&shifted);
    assert_eq!(name, text("资金到位率"));
    assert_eq!(weight, num("1"));
    assert_eq!(self_score, num("1"));
    assert!(unplaced.is_empty(), "{unplaced:?}");
}

#[test]
fn a_header_written_as_the_layout_s_other_words_is_read_as_its_field() {
    // 自评得分 for 自评分, with a wrong self score under it: read, and checked.
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let header = "实际完成值\t自评分";
    assert!(seed.contains(header));
    let wrong = "服务政府部门覆盖率\t>=90%\t9.16\t95%\t9.16";
    assert!(seed.contains(wrong));
    let text = seed
        .replace(header, "全年实际值\t自评得分")
        .replace(wrong, "服务政府部门覆盖率\t>=90%\t9.16\t95%\t9");
    let forms = import_text("words.txt", &text);
    assert_eq!(forms[0].unplaced, []);
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    let codes: Vec<&str> = outcome.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["score-mismatch", "total-mismatch"]);
}

#[test]
fn signatures_dates_and_subtotals_around_the_table_are_passed_over() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let last = "\t\t运维服务可持续性\t持续\t9.16\t持续\t9.16\n";
    assert!(seed.contains(last));
    let text = seed
        // A filing date in the cell after its label, above the form.
        .replacen("\n", "\n填报日期：\t2024-01-15\t金额单位：万元\n", 1)
        // A subtotal of the 效益 rows.
        .replace(last, &format!("{last}\t小计\t\t\t27.48\t\t27.48\n"))
        // The signature line under the form, label and name in one cell or two.
        + "单位负责人：张三\t\t财务负责人：\t李四\t审核人：王五\t联系电话：\t0512-12345678\n（单位盖章）\n";
    let forms = import_text("signed.txt", &text);
    assert_eq!(forms[0].unplaced, []);
    assert_eq!(forms[0].project.rows("indicators").len(), 17);
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
    assert_eq!(outcome.findings, []);
}

#[test]
fn a_total_row_that_is_not_the_sum_of_its_rows_is_reported() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let total = "合计\t\t1679.7\t\t1679.7\t\t\n";
    let last = "\t\t运维服务可持续性\t持续\t9.16\t持续\t9.16\n";
    assert!(seed.contains(total) && seed.contains(last));
    let mismatches = |text: &str| -> Vec<String> {
        let forms = import_text("totals.txt", text);
        import::findings(&SUZHOU, &forms[0].project, &forms[0].unplaced)
            .into_iter()
            .map(|f| format!("{} {}", f.code, f.message))
            .collect()
    };
    // 项目资金构成's 合计 stands above its rows; the 效益 rows' 小计 below them, a weight
    // summed right and a self score wrong. The 合计 under 自评分 fills a field: the
    // rules compare it (total-mismatch), the importer does not.
    let text = seed
        .replace(total, "合计\t\t1700\t\t1679.70\t\t\n")
        .replace(last, &format!("{last}\t小计\t\t\t27.48\t\t27.6\n"));
    assert_eq!(
        mismatches(&text),
        [
            "total-row-mismatch cell C15: the 合计 row's `预算数（万元）` is written as 1700, \
             its rows add up to 1679.70",
            "total-row-mismatch cell G52: the 小计 row's `自评分` is written as 27.6, \
             its rows add up to 27.48",
        ]
    );
    assert_eq!(mismatches(&seed), Vec::<String>::new());
    // The grand total's row: 80 under 自评分 fills the form's total, and the weights'
    // total beside it is compared with the weights (9999999 passed unseen).
    let grand = "合计\t\t\t\t\t\t80";
    assert!(seed.contains(grand));
    let text = seed.replace(grand, "合计\t\t\t\t9999999\t\t80");
    assert_eq!(
        mismatches(&text),
        [
            "total-row-mismatch cell E52: the 合计 row's `权重` is written as 9999999, \
          its rows add up to 80.00"
        ]
    );
    let text = seed.replace(grand, "合计\t\t\t\t80\t\t80");
    assert_eq!(mismatches(&text), Vec::<String>::new());
    // A clerk's 合计 row under the indicators, and the form's own 合计 below it, beside its
    // label (as the template lays it out): the labelled 80 is the form's total, and the
    // row's 70 the table's sum (the row's 70 was the total, and the 80 a cell under no
    // label).
    let own = |row: &str| seed.replace(grand, &format!("{row}\n自评结果\n合计\t80"));
    assert_eq!(
        mismatches(&own("合计\t\t\t\t\t\t70")),
        [
            "total-row-mismatch cell G52: the 合计 row's `自评分` is written as 70, \
          its rows add up to 80.00"
        ]
    );
    assert_eq!(mismatches(&own(grand)), Vec::<String>::new());
    let forms = import_text("totals.txt", &own("合计\t\t\t\t\t\t70"));
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.findings, []);
}

#[test]
fn the_layout_s_words_never_take_a_table_s_data() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let names = |text: &str| -> Vec<String> {
        let forms = import_text("words.txt", text);
        assert_eq!(forms[0].unplaced, []);
        let v = values(&forms[0].project);
        (0..forms[0].project.rows("indicators").len())
            .filter_map(
                |i| match v.get(&("indicators".to_owned(), i, "name".to_owned())) {
                    Some(Datum::Text(t)) => Some(t.clone()),
                    _ => None,
                },
            )
            .collect()
    };
    // Indicators named with words the layout passes over around the form (a signature
    // line's 负责人, the header block's 联系电话).
    let named = seed
        .replace("\t运维服务可持续性\t", "\t负责人到岗率\t")
        .replace(
            "\t提升对各地各部门信息基础设施共性支撑能力\t",
            "\t联系电话接通率\t",
        );
    let read = names(&named);
    assert!(read.contains(&"负责人到岗率".to_owned()), "{read:?}");
    assert!(read.contains(&"联系电话接通率".to_owned()), "{read:?}");
    // A header with a field's own label and the layout's other word for it: the own
    // label's column is read, the other is a column the form does not have.
    let header = "权重\t实际完成值";
    let doubled = seed
        .replace(header, "权重\t分值\t实际完成值")
        .replace("\t=100%\t8\t100%\t8", "\t=100%\t8\t7\t100%\t8");
    let forms = import_text("doubled.txt", &doubled);
    let rate = Datum::Text("预算执行率".to_owned());
    let row = (forms[0].project.rows("indicators").iter())
        .find(|r| r.get("name").map(|f| &f.value) == Some(&rate));
    let weight = row.and_then(|r| r.get("weight")).map(|f| &f.value);
    assert_eq!(weight, Some(&Datum::Decimal("8".parse().unwrap())));
    let unread: Vec<&str> = forms[0]
        .unplaced
        .iter()
        .filter(|u| u.is_column())
        .map(|u| u.text.as_str())
        .collect();
    assert_eq!(unread, ["分值"]);
}

#[test]
fn a_column_the_form_does_not_have_is_passed_over_and_reported_once() {
    // A 备注 column after 自评分: the table is still the table, its rows read by their
    // headers (the shifted row too), and the column reported once by its header.
    let header = "项目\t类别\t指标名称\t目标值\t权重\t实际完成值\t自评分\n";
    let with_column = "项目\t类别\t指标名称\t目标值\t权重\t实际完成值\t自评分\t备注\n";
    let remarks = LAYOUTS
        .replace(header, with_column)
        .replace("40\t2个\t40\n", "40\t2个\t40\t已按期上线\n");
    assert_ne!(remarks, LAYOUTS);
    let forms = import_text("remarks.txt", &remarks);
    let form = &forms[0];
    assert_eq!(
        values(&form.project),
        values(&import_text("layouts.txt", LAYOUTS)[0].project)
    );
    let unplaced: Vec<(&str, &str, bool)> = form
        .unplaced
        .iter()
        .map(|u| (u.address.as_str(), u.text.as_str(), u.is_column()))
        .collect();
    assert_eq!(unplaced, [("H8", "备注", true)]);
    let findings = import::findings(&SUZHOU, &form.project, &form.unplaced);
    assert_eq!(findings[0].code, "unread-column");
    assert_eq!(findings[0].severity, perfeval::ir::vocab::Severity::Warning);
    // Nothing written below it: nothing lost, a note.
    let forms = import_text("empty.txt", &LAYOUTS.replace(header, with_column));
    assert_eq!(forms[0].unplaced, []);
    assert!(
        forms[0].notes.iter().any(|n| n.contains("H8")),
        "{:?}",
        forms[0].notes
    );
    // A header word with digits is a header word too.
    let digits = LAYOUTS.replace(header, &with_column.replace("备注", "2022年完成值"));
    let forms = import_text("digits.txt", &digits);
    assert_eq!(forms[0].unplaced, []);
    // A second table that repeats some labels (no 权重) is not the form's table: its
    // cells are unplaced, and the indicators above stay as read.
    let deviation =
        format!("{LAYOUTS}类别\t指标名称\t目标值\t偏差原因\n产出\t系统上线数量\t=2个\t无\n");
    let forms = import_text("deviation.txt", &deviation);
    assert_eq!(
        values(&forms[0].project),
        values(&import_text("layouts.txt", LAYOUTS)[0].project)
    );
    assert!(forms[0].unplaced.iter().all(|u| !u.is_column()));
    assert!(!forms[0].unplaced.is_empty());
}

/// A table's header over two rows, as departments draw it, reads as the one-row header:
/// a group's word over the labels it groups (`完成情况` merged over 实际完成值 and 自评分,
/// the other labels merged down both rows: blank below them), a label broken over two
/// cells (`实际` over `完成值`), and a required label only in the second row (`权重`
/// under the group's word `评分`). Before, the second row replaced the header (64
/// missing fields), or the broken label's column was dropped (score 0, exit 0).
#[test]
fn a_header_over_two_rows_reads_as_one() {
    let header = "项目\t类别\t指标名称\t目标值\t权重\t实际完成值\t自评分\n";
    let expected = values(&import_text("layouts.txt", LAYOUTS)[0].project);
    let two_rows = [
        "项目\t类别\t指标名称\t目标值\t权重\t完成情况\t\n\t\t\t\t\t实际完成值\t自评分\n",
        "项目\t类别\t指标名称\t目标值\t权重\t实际\t自评分\n\t\t\t\t\t完成值\t\n",
        "项目\t类别\t指标名称\t目标值\t评分\t实际完成值\t\n\t\t\t\t权重\t\t自评分\n",
    ];
    for two in two_rows {
        let forms = import_text("two-rows.txt", &LAYOUTS.replace(header, two));
        assert_eq!(values(&forms[0].project), expected, "{two}");
        assert_eq!(forms[0].unplaced, [], "{two}");
        // The group's word is neither a column nor a note.
        assert!(forms[0].notes.is_empty(), "{two}: {:?}", forms[0].notes);
    }
    // A header repeated on the next row (a printed page's titles) is still one header.
    let repeated = format!("{header}{header}");
    let forms = import_text("repeated.txt", &LAYOUTS.replace(header, &repeated));
    assert_eq!(values(&forms[0].project), expected);
    // A word of the first row over no label of the second stays a column the form does
    // not have (its note), beside a group's word (none).
    let group =
        "项目\t类别\t指标名称\t目标值\t权重\t完成情况\t\t备注\n\t\t\t\t\t实际完成值\t自评分\n";
    let forms = import_text("group.txt", &LAYOUTS.replace(header, group));
    assert_eq!(values(&forms[0].project), expected);
    let notes = &forms[0].notes;
    assert!(notes.iter().any(|n| n.contains("H8")), "{notes:?}");
    assert!(!notes.iter().any(|n| n.contains("F8")), "{notes:?}");
}

/// A sign-off line under the table, each question and its answer in cells of their own
/// (`填报人 | 张三 | 联系电话 | 0512-65201234`), is passed over as the one-cell
/// `填报人：张三` is: it was read as one more indicator row, a telephone number for its
/// weight, and the form was refused.
#[test]
fn a_sign_off_line_in_cells_of_its_own_is_passed_over() {
    let total = "合计\t\t\t\t\t\t80\n";
    let expected = values(&import_text("layouts.txt", LAYOUTS)[0].project);
    for line in [
        "填报人\t张三\t联系电话\t0512-65201234\n",
        "填报人：\t\t张三\n",
    ] {
        let signed = LAYOUTS.replace(total, &format!("{total}{line}"));
        let forms = import_text("signed.txt", &signed);
        assert_eq!(values(&forms[0].project), expected, "{line}");
        assert_eq!(forms[0].unplaced, [], "{line}");
    }
    // A value after a word that is not a question is still the form's, or reported.
    let stray = LAYOUTS.replace(total, &format!("{total}项目\t张三\n"));
    let forms = import_text("stray.txt", &stray);
    assert!(
        forms[0].unplaced.iter().any(|u| u.text == "张三"),
        "{:?}",
        forms[0].unplaced
    );
}

/// A total row's number under a column that keeps no total (`合计 … 80` under 实际完成值,
/// where a department put 自评分 first) is the form's total where no column gave one; it
/// was passed over in silence, its 合计 unread and unchecked. Two such numbers are cells
/// that fit no field.
#[test]
fn a_total_under_another_column_is_read_or_reported() {
    let total = "合计\t\t\t\t\t\t80\n";
    let moved = LAYOUTS.replace(total, "合计\t\t\t\t\t80\t\n");
    let forms = import_text("moved.txt", &moved);
    assert_eq!(forms[0].unplaced, []);
    assert_eq!(
        values(&forms[0].project),
        values(&import_text("layouts.txt", LAYOUTS)[0].project)
    );
    let two = LAYOUTS.replace(total, "合计\t\t\t5\t\t80\t\n");
    let forms = import_text("two.txt", &two);
    let unplaced: Vec<&str> = forms[0]
        .unplaced
        .iter()
        .map(|u| u.address.as_str())
        .collect();
    assert_eq!(unplaced, ["D13", "F13"]);
}

#[test]
fn cells_that_fit_no_field_are_reported_with_their_address() {
    let text = format!("{LAYOUTS}备注\t请于月底前报送\n");
    let forms = import_text("extra.txt", &text);
    let unplaced: Vec<(&str, &str)> = forms[0]
        .unplaced
        .iter()
        .map(|u| (u.address.as_str(), u.text.as_str()))
        .collect();
    assert_eq!(unplaced, [("A17", "备注"), ("B17", "请于月底前报送")]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("extra.txt");
    std::fs::write(&path, &text).unwrap();
    let (_, stderr, code) = run(&[
        "import",
        "--rules",
        "rulesets/2023.rules",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("cell A17 `备注`"), "{stderr}");
    let mut zh = vec!["--lang", "zh", "import", "--rules", "rulesets/2023.rules"];
    zh.push(path.to_str().unwrap());
    let (_, stderr, _) = run(&zh);
    assert!(stderr.contains("单元格 A17「备注」"), "{stderr}");
    let (stdout, _, code) = check_as("json", &path);
    assert_eq!(code, 1);
    assert!(stdout.contains("\"unplaced-cell\""), "{stdout}");
}

/// A sheet of stray cells is said once past the first 100: 150 cells that fit no field
/// are 100 findings, each with its address, and one counting the other 50 from the
/// first of them; `import` counts all 150 in the file it writes.
#[test]
fn stray_cells_past_a_hundred_are_counted_in_one_finding() {
    let stray: String = (0..15).map(|_| "甲\t".repeat(10) + "\n").collect();
    let forms = import_text("stray.txt", &format!("{LAYOUTS}{stray}"));
    let unplaced = &forms[0].unplaced;
    assert_eq!(unplaced.len(), 101);
    assert!(unplaced.iter().take(100).all(|u| u.text == "甲"));
    let last = unplaced.last().unwrap();
    assert_eq!(last.kind, perfeval::import::Misfit::MoreCells(50));
    // The 101st cell: the 11th row of the stray rows, its first column.
    let first_row: usize = LAYOUTS.lines().count() + 11;
    assert_eq!(last.address, format!("A{first_row}"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stray.txt");
    std::fs::write(&path, format!("{LAYOUTS}{stray}")).unwrap();
    let (stdout, _, code) = run(&[
        "--lang",
        "zh",
        "check",
        "--rules",
        "rulesets/2023.rules",
        "--format",
        "json",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(stdout.matches("\"unplaced-cell\"").count(), 101, "{stdout}");
    let counted =
        format!("另有 50 个单元格（第一个是 A{first_row}）无法归入表上的任何栏目，不再逐一列出");
    assert!(stdout.contains(&counted), "{stdout}");
    let out = dir.path().join("stray.toml");
    let (_, stderr, _) = run(&[
        "import",
        "--rules",
        "rulesets/2023.rules",
        "-o",
        out.to_str().unwrap(),
        path.to_str().unwrap(),
    ]);
    let written = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        written.contains("有 150 个单元格无法归入任何栏目"),
        "{stderr}\n{written}"
    );
}

/// Copied from a PDF: page numbers and the header block's lines are the page's, no
/// field's, and pass unreported; a `%` wrapped onto a line of its own was dropped, its
/// row read as `=100`: it is reported where it stands. A dash stays an empty cell, and a
/// mark (`★` beside a row, `※` before a note) is passed over as before.
#[test]
fn page_furniture_passes_and_a_lone_sign_is_reported() {
    let text =
        format!("填报单位（盖章）：某局\n{LAYOUTS}第 2 页 共 3 页\n- 3 -\n\t\t%\n\t\t-\n★\n※\t\n");
    let forms = import_text("pdf.txt", &text);
    let unplaced: Vec<(&str, &str)> = forms[0]
        .unplaced
        .iter()
        .map(|u| (u.address.as_str(), u.text.as_str()))
        .collect();
    assert_eq!(unplaced, [("C20", "%")]);
}

/// A text form copied from Word with its title in a box was taken for a table report:
/// skipped in a folder, refused by name, and replaceable by a report. A report is known
/// by its frame and its columns' dotted rules both.
#[test]
fn a_form_framed_in_box_drawing_is_no_report() {
    let boxed = format!("┌────────┐\n│自评表  │\n└────────┘\n{LAYOUTS}");
    assert!(!import::is_report(boxed.as_bytes(), Kind::Text));
    let report = "项目（a.toml）\n┌──────┬──────┐\n│ 类别 ┆ 指标 │\n╞══════╪══════╡\n";
    assert!(import::is_report(report.as_bytes(), Kind::Text));
}

#[test]
fn a_text_file_with_no_form_in_a_folder_is_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(SEED), dir.path().join("seed.txt")).unwrap();
    std::fs::write(
        dir.path().join("readme.txt"),
        "这是说明文字。\n请勿删除。\n",
    )
    .unwrap();
    let (stdout, stderr, code) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        "--format",
        "json",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 without a form"), "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["projects"].as_array().unwrap().len(), 1);
    let (_, stderr, code) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        dir.path().join("readme.txt").to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::import::no_form"), "{stderr}");
}

/// The 2020 template lays its funds out as a table of sections by fields: the header's
/// labels (shared by the funds and their 其中 rows) over one row per section, each row
/// starting with the section's label.
#[test]
fn a_table_of_sections_by_fields_is_read_row_by_row() {
    let mof = plan("rulesets/mof-2020.rules");
    let text = "项目支出绩效自评表\n\
项目名称\t测试项目\n\
年度\t2020\n\
主管部门\t测试单位\n\
\t年初预算数\t全年预算数\t全年执行数\n\
项目资金（万元）\t12\t12\t11\n\
其中：当年财政拨款\t10\t10\t9\n\
上年结转资金\t2\t2\t2\n\
一级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
产出指标\t数量\t=10个\t10个\t50\t50\n\
效益指标\t效益\t提升\t提升\t40\t40\n\
总分\t\t\t\t\t90\n";
    let forms = import::import("mof.txt", text.as_bytes(), Kind::Text, &mof)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let form = &forms[0];
    assert_eq!(form.unplaced, []);
    let v = values(&form.project);
    let num = |n: &str| Some(Datum::Decimal(n.parse().unwrap()));
    let get = |s: &str, f: &str| v.get(&(s.to_owned(), 0, f.to_owned())).cloned();
    assert_eq!(get("funds", "executed"), num("11"));
    assert_eq!(get("funds.appropriation", "executed"), num("9"));
    assert_eq!(get("funds.carryover", "initial"), num("2"));
    assert_eq!(get("self_evaluation", "total"), num("90"));
    assert_eq!(form.project.rows("indicators").len(), 2);
    // The official form's funds: the section's label over the fields' labels, and its
    // own values in a row of the layout's word for it (`labels funds "年度资金总额"`).
    let official = text
        .replace(
            "\t年初预算数\t全年预算数\t全年执行数\n项目资金（万元）\t12",
            "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\n\t年度资金总额\t12",
        )
        .replace("其中：当年财政拨款", "\t其中：当年财政拨款")
        .replace("上年结转资金", "\t上年结转资金");
    let forms = import::import("official.txt", official.as_bytes(), Kind::Text, &mof)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(forms[0].unplaced, []);
    assert_eq!(values(&forms[0].project), v);
    // A last row 合计 that no field is labelled with, its 分值 counting the 10 points of
    // 预算执行率 no row holds: not compared with the rows (a line of the ruleset).
    let totalled = text.replace("总分\t\t\t\t\t90\n", "合计\t\t\t\t100\t90\n");
    let forms = import::import("totalled.txt", totalled.as_bytes(), Kind::Text, &mof)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(forms[0].unplaced, []);
    // 总分 over 分值 (100, with 预算执行率's 10) and 得分: the declared total is the
    // scores', the last of them.
    let official_total = text.replace("总分\t\t\t\t\t90\n", "总分\t\t\t\t100\t90\n");
    let forms = import::import("total.txt", official_total.as_bytes(), Kind::Text, &mof)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let v = values(&forms[0].project);
    let total = v.get(&("self_evaluation".to_owned(), 0, "total".to_owned()));
    assert_eq!(total, Some(&Datum::Decimal("90".parse().unwrap())));
}

/// The official 2020 form (财预〔2020〕10号 附件1) as departments fill it: its year only
/// under the title, `（2022年度）`, and the funds' row going on with 分值, 执行率 and 得分
/// (the execution rate's points, rate and score), which the form reads and the rules check.
const OFFICIAL_2020: &str = "附件1\n\
项目支出绩效自评表\n\
（2022年度）\n\
填报单位：中江县水利局\t\t\t\t\t\t\t金额单位：万元\n\
项目名称\t\t小型水库水标尺制作安装项目\n\
主管部门\t\t中江县水利局\t\t\t实施单位\t中江县水利局\n\
项目资金（万元）\t\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
\t\t年度资金总额\t12\t12\t11\t10\t91.67%\t10\n\
\t\t其中：当年财政拨款\t12\t12\t11\t—\t\t—\n\
\t\t上年结转资金\t\t\t\t—\t\t—\n\
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n\
\t产出指标\t数量指标\t安装数量\t≥266米\t266米\t50\t50\n\
\t效益指标\t社会效益指标\t管理水平\t有效提升\t有效提升\t40\t36\n\
总分\t\t\t\t\t\t100\t96\n";

#[test]
fn the_official_2020_form_reads_its_year_from_the_title_and_its_execution_score() {
    let mof = plan("rulesets/mof-2020.rules");
    let forms = import::import("official.txt", OFFICIAL_2020.as_bytes(), Kind::Text, &mof)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let form = &forms[0];
    assert_eq!(form.unplaced, []);
    assert_eq!(form.notes, Vec::<String>::new());
    let v = values(&form.project);
    let get = |s: &str, f: &str| v.get(&(s.to_owned(), 0, f.to_owned())).cloned();
    let num = |n: &str| Some(Datum::Decimal(n.parse().unwrap()));
    assert_eq!(get("project", "year"), Some(Datum::Decimal(2022.into())));
    assert_eq!(get("funds", "executed"), num("11"));
    assert_eq!(get("funds", "weight"), num("10"));
    assert_eq!(get("funds", "score"), num("10"));
    assert_eq!(get("funds.appropriation", "executed"), num("11"));
    // 10 × 11 / 12 = 9.17, not the 10 the funds' row declares.
    let outcome = perfeval::evaluate(&mof, &form.project).unwrap();
    assert_eq!(outcome.total.to_string(), "95.17");
    let codes: Vec<&str> = outcome.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["score-mismatch", "total-mismatch"]);
    // The year written as a title of its own line, or in the title, in digits or in
    // Chinese ones; a sentence above the form that begins with another year is no title
    // (the title's pattern is first).
    for title in [
        "2022年度项目支出绩效自评表",
        "项目支出绩效自评表（2022年度）",
        "2021年度项目支出绩效自评工作已完成，结果如下：\n项目支出绩效自评表\n（2022年度）",
        "中江县2022年度项目支出绩效自评表",
        "附件1 2022年度项目支出绩效自评表",
        "项目支出绩效自评表\n填报单位：中江县水利局\t\t\t2022年度",
        // A year in Chinese digits, as official titles print it.
        "项目支出绩效自评表\n（二〇二二年度）",
        "中江县二○二二年度项目支出绩效自评表",
    ] {
        let text = OFFICIAL_2020.replace("项目支出绩效自评表\n（2022年度）", title);
        let forms = import::import("titled.txt", text.as_bytes(), Kind::Text, &mof)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let v = values(&forms[0].project);
        let year = v.get(&("project".to_owned(), 0, "year".to_owned()));
        assert_eq!(year, Some(&Datum::Decimal(2022.into())), "{title}");
    }
}

/// A form that does not fit the ruleset's form is refused with what reading it noted:
/// a title read as such may be the value found missing (a range of years).
#[test]
fn a_form_that_does_not_fit_prints_what_reading_it_noted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("自评表.txt");
    std::fs::write(
        &path,
        OFFICIAL_2020.replace("（2022年度）", "（2021-2022年度）"),
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let rules = ["--rules", "mof-2020"];
    for args in [
        &["check", rules[0], rules[1], path][..],
        &["import", rules[0], rules[1], path],
        &["diff", rules[0], rules[1], rules[0], rules[1], path],
        &["explain", rules[0], rules[1], path],
    ] {
        let (_, stderr, code) = run(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("perfeval::data::missing_field"), "{stderr}");
        assert!(
            stderr.contains("A3") && stderr.contains("2021-2022年度"),
            "{stderr}"
        );
    }
    // A ruleset test's case of that form says so too.
    let ruleset = root().join("rulesets/mof-2020.rules");
    let case = format!(
        "ruleset = {:?}\n[[case]]\nname = \"年度\"\nproject = \"自评表.txt\"\n[case.expect]\nexit = 0\n",
        ruleset.to_str().unwrap()
    );
    let tests = dir.path().join("年度.test.toml");
    std::fs::write(&tests, case).unwrap();
    let (stdout, stderr, _) = run(&["test", tests.to_str().unwrap()]);
    assert!(stderr.contains("2021-2022年度"), "{stdout}{stderr}");
}

/// A form's own 年度 wins over its title's; a title that says another year is noted.
#[test]
fn a_title_s_year_gives_way_to_the_form_s_own() {
    let mof = plan("rulesets/mof-2020.rules");
    let text = OFFICIAL_2020.replace("主管部门", "年度\t\t2023\n主管部门");
    let forms = import::import("year.txt", text.as_bytes(), Kind::Text, &mof)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let v = values(&forms[0].project);
    let year = v.get(&("project".to_owned(), 0, "year".to_owned()));
    assert_eq!(year, Some(&Datum::Decimal(2023.into())));
    assert_eq!(forms[0].unplaced, []);
    let [note] = forms[0].notes.as_slice() else {
        panic!("{:?}", forms[0].notes);
    };
    assert!(note.contains("A3") && note.contains("2022"), "{note}");
    // The same year twice, in Chinese digits in the title: nothing to say.
    let chinese = OFFICIAL_2020
        .replace("（2022年度）", "（二〇二二年度）")
        .replace("主管部门", "年度\t\t2022\n主管部门");
    let forms = import::import("same.txt", chinese.as_bytes(), Kind::Text, &mof)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(forms[0].notes, Vec::<String>::new());
    // The same year twice: nothing to say.
    let same = OFFICIAL_2020.replace("主管部门", "年度\t\t2022\n主管部门");
    let forms = import::import("same.txt", same.as_bytes(), Kind::Text, &mof)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(forms[0].notes, Vec::<String>::new());
}

/// A label, a colon and the value in one cell (`年度：2022`, `主管部门：…`) is that
/// field's value; a cell that is a label's value keeps its words whatever they are.
#[test]
fn a_label_and_its_value_in_one_cell_is_read() {
    let mof = plan("rulesets/mof-2020.rules");
    let text = OFFICIAL_2020.replace("（2022年度）\n", "").replace(
        "主管部门\t\t中江县水利局\t\t\t实施单位\t中江县水利局",
        "年度：2022\t主管部门： 中江县水利局\t实施单位\t主管部门：县水利局",
    );
    let forms = import::import("inline.txt", text.as_bytes(), Kind::Text, &mof)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(forms[0].unplaced, []);
    let v = values(&forms[0].project);
    let get = |f: &str| v.get(&("project".to_owned(), 0, f.to_owned())).cloned();
    assert_eq!(get("year"), Some(Datum::Decimal(2022.into())));
    assert_eq!(get("department"), Some(Datum::Text("中江县水利局".into())));
    assert_eq!(
        get("implementer"),
        Some(Datum::Text("主管部门：县水利局".into()))
    );
}

/// A label written with its value in one cell gives way to the form's own row, as a
/// pattern's does: a cover line's `项目名称：…`, `项目年份：2024` (which would be a false
/// wrong-year), `合计：1679.7` beside a table (its sum, no field's), and a value not of the
/// field's type (`数据采集时间节点：截至年底`, which would refuse the form) are no field's.
#[test]
fn a_label_and_its_value_in_one_cell_gives_way_to_the_form_s_own() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let cover = "项目名称：封面上的名称\t项目年份：2024\t数据采集时间节点：截至年底\n";
    let text = format!("{cover}{seed}");
    let forms = import_text("cover.txt", &text);
    let v = values(&forms[0].project);
    let get = |f: &str| v.get(&("project".to_owned(), 0, f.to_owned())).cloned();
    assert_eq!(
        get("name"),
        Some(Datum::Text("电子政务项目建设资金".into()))
    );
    assert_eq!(get("year"), Some(Datum::Decimal(2023.into())));
    assert_eq!(get("data_as_of"), None);
    // The cover's name and year are noted as not the form's; the date, left alone above
    // the form, is read as a title, as it was.
    let notes = &forms[0].notes;
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(
        notes
            .iter()
            .any(|n| n.contains("A1") && n.contains("封面上的名称"))
    );
    assert!(notes.iter().any(|n| n.contains("B1") && n.contains("2024")));
    assert_eq!(forms[0].unplaced, []);
    let summed = seed.replacen("项目资金构成", "项目资金构成\t合计：1679.7", 1);
    let forms = import_text("summed.txt", &summed);
    let v = values(&forms[0].project);
    let total = v.get(&("self_evaluation".to_owned(), 0, "total".to_owned()));
    assert_eq!(total, Some(&Datum::Decimal(80.into())));
}

/// Under a text that goes on below its label (the project's name), another field's label
/// and value in one cell is that field's, not more of the name; a paragraph of a narrative
/// that begins with the narrative's own label stays in it.
#[test]
fn a_label_and_its_value_under_a_text_going_on_ends_it() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let inline = seed.replacen(
        "项目名称\t\t电子政务项目建设资金\t\t项目年份\t2023\t\n项目主管部门(单位)\t\t苏州市信息中心",
        "项目名称\t\t电子政务项目建设资金\n项目主管部门(单位)：苏州市信息中心\t\t项目年份：2023",
        1,
    );
    assert_ne!(inline, seed);
    let forms = import_text("inline.txt", &inline);
    assert_eq!(forms[0].unplaced, []);
    let v = values(&forms[0].project);
    let get = |f: &str| v.get(&("project".to_owned(), 0, f.to_owned())).cloned();
    assert_eq!(
        get("name"),
        Some(Datum::Text("电子政务项目建设资金".into()))
    );
    assert_eq!(
        get("department"),
        Some(Datum::Text("苏州市信息中心".into()))
    );
    assert_eq!(get("year"), Some(Datum::Decimal(2023.into())));
    // A paragraph that begins with its narrative's own label, or with the label of a
    // field the form has filled (`项目名称：…` in 项目实施情况), is more of the narrative.
    for label in ["项目实施情况", "项目名称"] {
        let paragraph = seed.replacen("\t<p>36种", &format!("\t{label}：<p>36种"), 1);
        assert_ne!(paragraph, seed);
        let forms = import_text("paragraph.txt", &paragraph);
        assert_eq!(forms[0].notes, Vec::<String>::new());
        assert_eq!(forms[0].unplaced, []);
        let v = values(&forms[0].project);
        let text = v.get(&("text".to_owned(), 0, "implementation".to_owned()));
        assert!(
            matches!(text, Some(Datum::Text(t)) if t.contains(&format!("{label}：36种"))),
            "{text:?}"
        );
    }
}

/// `perfeval template --rules mof-2020` filled in with its optional 得分 left as `—`: the
/// sections below it are read (the label waiting for its value waits no more at the next
/// section's heading), and a remark inside a section's label is read as one after it.
#[test]
fn a_template_with_an_optional_value_left_blank_reads_on() {
    let mof = plan("rulesets/mof-2020.rules");
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/import/mof-template-score-blank.txt"))
            .unwrap();
    let forms = import::import("template.txt", text.as_bytes(), Kind::Text, &mof)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(forms[0].unplaced, []);
    let v = values(&forms[0].project);
    let get = |s: &str, f: &str| v.get(&(s.to_owned(), 0, f.to_owned())).cloned();
    assert_eq!(
        get("funds.appropriation", "initial"),
        Some(Datum::Decimal(12.into()))
    );
    assert_eq!(get("funds", "score"), None);
    let carried = OFFICIAL_2020.replace(
        "\t\t上年结转资金\t\t\t\t—",
        "\t\t上年（2021年度）结转资金\t2\t2\t2\t—",
    );
    let forms = import::import("carried.txt", carried.as_bytes(), Kind::Text, &mof)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(forms[0].unplaced, []);
    assert_eq!(forms[0].notes, Vec::<String>::new());
    let v = values(&forms[0].project);
    let get = |s: &str, f: &str| v.get(&(s.to_owned(), 0, f.to_owned())).cloned();
    assert_eq!(
        get("funds.carryover", "executed"),
        Some(Datum::Decimal(2.into()))
    );
    assert_eq!(get("project", "year"), Some(Datum::Decimal(2022.into())));
}

/// A template whose title prints the year is still blank: a value the layout's pattern
/// reads from printed words is not one a department filled in.
#[test]
fn a_template_with_its_year_in_the_title_is_blank() {
    let mof = plan("rulesets/mof-2020.rules");
    let text = "项目支出绩效自评表\n（2022年度）\n项目名称\t\n年度\t\n主管部门\t\n\
                一级指标\t三级指标\t年度指标值\t分值\n";
    let result = import::import("blank.txt", text.as_bytes(), Kind::Text, &mof);
    assert!(
        matches!(result, Err(import::ImportFailure::Blank)),
        "{result:?}"
    );
}

#[test]
fn a_form_with_labels_and_nothing_filled_in_is_blank() {
    let text = "项目名称\t\n项目年份\t\n年初预算数\t\n项目\t类别\t指标名称\t目标值\t权重\n";
    let result = import::import("blank.txt", text.as_bytes(), Kind::Text, &SUZHOU);
    assert!(
        matches!(result, Err(import::ImportFailure::Blank)),
        "{result:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.txt");
    std::fs::write(&path, text).unwrap();
    let (_, stderr, code) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::import::blank"), "{stderr}");
}

/// The seed as the Word document departments write it (the form as a table, the
/// narrative as paragraphs, one heading then its text; made from the text export with
/// python-docx): the same project as the example.
#[test]
fn the_seed_as_a_word_document_imports_as_the_example() {
    let bytes = std::fs::read(root().join("tests/fixtures/import/seed.docx")).unwrap();
    let kind = Kind::from_path(std::path::Path::new("seed.docx")).unwrap();
    let forms =
        import::import("seed.docx", &bytes, kind, &SUZHOU).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(forms[0].unplaced, []);
    let example = std::fs::read_to_string(root().join("examples/suzhou-2023-egov.toml")).unwrap();
    let example = data::load_str(
        SourceFile::new("example", example),
        Format::Toml,
        &SUZHOU.form,
    )
    .unwrap();
    assert_eq!(values(&forms[0].project), values(&example));
}

/// Reports written into the folder of forms they were made from are known by their
/// content and skipped the next time the folder is checked, whatever their name: a table
/// as `.txt`, a CSV report, an xlsx report, a JSON report.
#[test]
fn reports_in_a_folder_of_forms_are_never_read_as_forms() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap().to_owned();
    std::fs::copy(root().join(SEED), dir.path().join("seed.txt")).unwrap();
    for (format, name) in [
        ("table", "report.txt"),
        ("csv", "report.csv"),
        ("xlsx", "report.xlsx"),
        ("json", "report.json"),
    ] {
        let output = dir.path().join(name);
        let (_, stderr, code) = run(&[
            "check",
            "--rules",
            "rulesets/2023.rules",
            "--format",
            format,
            "--output",
            output.to_str().unwrap(),
            &folder,
        ]);
        assert_eq!(code, 0, "{format}: {stderr}");
    }
    let (stdout, stderr, code) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        "--format",
        "json",
        &folder,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("4 perfeval reports"), "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["projects"].as_array().unwrap().len(), 1);
    // HTML saved as a workbook's name would be read as one: refused.
    let html = dir.path().join("report.xls");
    let (_, stderr, code) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        "--format",
        "html",
        "--output",
        html.to_str().unwrap(),
        &folder,
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("perfeval::output::project_name"),
        "{stderr}"
    );
}

/// Forms of one name (`a/x.txt`, `b/x.txt`) imported into a folder are both kept, the
/// second as `x-2.toml` with a note; a name the folder already holds refuses the import
/// before anything is written, whatever else would have been written.
#[test]
fn an_import_into_a_folder_keeps_every_form_and_replaces_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, out) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("out"),
    );
    for folder in [&a, &b, &out] {
        std::fs::create_dir(folder).unwrap();
    }
    std::fs::copy(root().join(SEED), a.join("x.txt")).unwrap();
    std::fs::copy(root().join(SEED), b.join("x.txt")).unwrap();
    let args = |files: &[&std::path::Path]| {
        let mut args = vec![
            "import".to_owned(),
            "--rules".into(),
            "rulesets/2023.rules".into(),
        ];
        args.extend(files.iter().map(|f| f.to_str().unwrap().to_owned()));
        args.extend(["-o".into(), out.to_str().unwrap().to_owned()]);
        args
    };
    let first = args(&[&a.join("x.txt"), &b.join("x.txt")]);
    let (_, stderr, code) = run(&first.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("x-2.toml"), "{stderr}");
    let mut names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["x-2.toml", "x.toml"]);
    std::fs::write(out.join("x.toml"), "# the department's own").unwrap();
    std::fs::remove_file(out.join("x-2.toml")).unwrap();
    let (_, stderr, code) = run(&first.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::output::exists"), "{stderr}");
    let kept = std::fs::read_to_string(out.join("x.toml")).unwrap();
    assert_eq!(kept, "# the department's own");
    assert!(!out.join("x-2.toml").exists());
}

/// A text export is read in the encodings Excel saves text in, as a CSV file is: GB18030
/// (a Chinese Excel's 文本文件) and UTF-16 with its mark (Unicode 文本), each with a note;
/// a byte of neither is refused rather than replaced unseen; and a workbook renamed
/// `.txt` is named for what it is.
#[test]
fn a_text_export_is_read_in_the_encodings_excel_writes() {
    let text = std::fs::read_to_string(root().join(SEED)).unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let check = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        run(&[
            "check",
            "--rules",
            "rulesets/2023.rules",
            path.to_str().unwrap(),
        ])
    };
    let (stdout, stderr, code) = check("gbk.txt", &gbk);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("80.00 / 80"), "{stdout}");
    assert!(stderr.contains("GB18030"), "{stderr}");
    let (stdout, stderr, code) = check("utf16.txt", &utf16);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("80.00 / 80"), "{stdout}");
    let (_, stderr, code) = check("bad.txt", b"\xEF\xBB\xBF\xE9\xA1\xB9\xFF\n");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("perfeval::import::unknown_encoding"),
        "{stderr}"
    );
    let workbook = perfeval::template::workbook(&SUZHOU).unwrap();
    let (_, stderr, code) = check("workbook.txt", &workbook);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("perfeval::import::wrong_format"),
        "{stderr}"
    );
    assert!(stderr.contains("(.xlsx)"), "{stderr}");
}

/// A text alone in a sheet's first filled row is its title, whatever it says: a form
/// retitled by its department, or a template made by another ruleset of the chain
/// (`extends`), is read with a note and no unplaced cell.
#[test]
fn a_lone_text_above_the_form_is_a_title() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let retitled = seed.replacen(
        "苏州市级财政支出项目绩效自我评价报告",
        "2023年度苏州市级财政支出项目绩效自评表（电子政务）",
        1,
    );
    assert_ne!(retitled, seed);
    let forms = import_text("retitled.txt", &retitled);
    let [form] = forms.as_slice() else {
        panic!("one form");
    };
    assert!(form.unplaced.is_empty(), "{:?}", form.unplaced);
    assert!(
        form.notes
            .iter()
            .any(|n| n.contains("2023年度苏州市级财政支出项目绩效自评表")),
        "{:?}",
        form.notes
    );
    // A lone text further down is still a value with no place.
    let later = format!("{seed}\n孤立的文字\n");
    let forms = import_text("later.txt", &later);
    assert!(forms.iter().any(|f| !f.unplaced.is_empty()));
    // `附件2` alone in the first row, the title in the second: both are above the form,
    // and only the title is noted (every form carries its attachment's number).
    let annexed = format!("附件2\n{retitled}");
    let forms = import_text("annexed.txt", &annexed);
    let [form] = forms.as_slice() else {
        panic!("one form");
    };
    assert!(form.unplaced.is_empty(), "{:?}", form.unplaced);
    assert_eq!(
        form.notes
            .iter()
            .filter(|n| n.contains("above the form") || n.contains("在表单之上"))
            .count(),
        1,
        "{:?}",
        form.notes
    );
}

/// A year as departments write it in the year's own cell: with its unit (`2023年`,
/// `2023年度`), or in Chinese digits (`二〇二三年`): the seed's year, and the form
/// scores as the seed does. A unit that is no year's stays refused.
#[test]
fn a_year_written_with_its_unit_or_in_chinese_digits_is_read() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    for written in ["2023年", "2023年度", "二〇二三年", "二○二三"] {
        let text = seed.replace("项目年份\t2023\t", &format!("项目年份\t{written}\t"));
        let forms = import_text("年份.txt", &text);
        let v = values(&forms[0].project);
        let year = v.get(&("project".to_owned(), 0, "year".to_owned()));
        assert_eq!(year, Some(&Datum::Decimal(2023.into())), "{written}");
        let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
        assert_eq!(outcome.total.to_string(), "80.00", "{written}");
    }
    let text = seed.replace("项目年份\t2023\t", "项目年份\t2023个\t");
    assert!(import::import("个.txt", text.as_bytes(), Kind::Text, &SUZHOU).is_err());
}

/// Under the indicator table's total row, the lines a department signs the form with: a
/// date beside the signatures with no label of its own, a date alone, a note on the
/// form's unit and the reviewer's opinion. Each is passed over (a date with a note), and
/// the form scores as the seed does; read as rows, the first was an indicator of a
/// weight alone (the form refused), the others cells that fit no field.
#[test]
fn a_signing_date_and_notes_under_the_table_are_passed_over() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let total = "合计\t\t\t\t\t\t80\n";
    assert!(seed.contains(total));
    let footer = "单位负责人：李四\t\t填表人：张三\t\t2024年1月10日\n\
        （单位盖章）\t\t\t\t\t2024.1.10\n\
        2024-01-10\n\
        注：本表金额单位为万元\n\
        审核意见：同意\n";
    let text = seed.replace(total, &format!("{total}{footer}"));
    let forms = import_text("落款.txt", &text);
    assert_eq!(forms[0].unplaced, []);
    assert_eq!(forms[0].project.rows("indicators").len(), 17);
    let dates: Vec<&String> = (forms[0].notes.iter())
        .filter(|n| n.contains("the date the form was signed"))
        .collect();
    assert_eq!(dates.len(), 3, "{:?}", forms[0].notes);
    assert!(dates[0].contains("E53") && dates[0].contains("2024年1月10日"));
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
    assert_eq!(outcome.findings, []);
    // A date in a table's row with an indicator's name is the row's, as before.
    let row = "\t\t运维服务可持续性\t持续\t9.16\t持续\t9.16\n";
    let dated = seed.replace(
        row,
        "\t\t运维服务可持续性\t持续\t9.16\t2024年1月10日\t9.16\n",
    );
    let forms = import_text("日期.txt", &dated);
    let actual = values(&forms[0].project)
        .get(&("indicators".to_owned(), 16, "actual".to_owned()))
        .cloned();
    assert_eq!(actual, Some(Datum::Text("2024年1月10日".into())));
}

/// Nil written as accounts write it among a budget's figures: a dash or a slash holds
/// its figure's place and is 0 (`—`, `/`, `-`, `——`, `－`); the form scores as the seed
/// does. Left blank, the form was refused for the missing amounts.
#[test]
fn a_dash_among_a_budget_s_figures_is_nil() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let budget = "\t1679.7\t0\t\t1679.7\t0\t0\n";
    let funds = "1679.7\t1679.7\t0\t0\t0\t\t\n";
    assert!(seed.contains(budget) && seed.contains(funds));
    let text = seed
        .replacen(budget, "\t1679.7\t—\t\t1679.7\t/\t-\n", 1)
        .replacen(funds, "1679.7\t1679.7\t——\t0\t－\t\t\n", 1);
    let forms = import_text("横线.txt", &text);
    let v = values(&forms[0].project);
    let amount = |s: &str, f: &str| v.get(&(s.to_owned(), 0, f.to_owned())).cloned();
    let zero = Some(Datum::Decimal(0.into()));
    assert_eq!(amount("budget", "adjustment"), zero);
    assert_eq!(amount("budget", "unallocated"), zero);
    assert_eq!(amount("funds", "balance"), zero);
    assert_eq!(amount("funds", "recovered"), zero);
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
    assert_eq!(outcome.findings, []);
    // A dash under an amount's column of a table's row is nil too: a sub-project with
    // nothing budgeted nor spent.
    let sub = "公共数据开放平台\t\t150.8\t\t150.8\t\t\n";
    assert!(seed.contains(sub));
    let nil_row = seed.replacen(sub, &format!("{sub}备用子项\t\t—\t\t—\t\t\n"), 1);
    let forms = import_text("子项.txt", &nil_row);
    assert_eq!(forms[0].unplaced, []);
    let rows = forms[0].project.rows("subprojects");
    assert_eq!(rows.len(), 17);
    let zero = Datum::Decimal(0.into());
    assert_eq!(rows[2].get("actual").map(|v| &v.value), Some(&zero));
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.findings, []);
    // A dash in a column no label stands over (every empty cell filled with `—`) is
    // blank, as before: the section's values stay where they are.
    let spare = seed.replacen(funds, "1679.7\t1679.7\t0\t0\t0\t—\t—\n", 1);
    let forms = import_text("空栏.txt", &spare);
    assert_eq!(forms[0].unplaced, []);
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
    assert_eq!(outcome.findings, []);
}

/// The template's layout, one field to a row (`指标结余收回数 | 0`), as a text export.
const ONE_FIELD_A_ROW: &str = "项目基本情况\n项目名称\t测试项目\n项目年份\t2023\n\
    项目主管部门(单位)\t某局\n数据采集时间节点\t2023-12-31\n\
    市级预算执行情况（万元）\n年初预算数\t100\n\
    当年使用上年结余、结转及当年调整预算数\t0\n财政拨款数\t100\n指标结余数\t0\n\
    指标结余收回数\t0\n市级财政资金使用情况（万元）\n财政拨款数\t100\n实际支付数\t90\n\
    资金结余、结转数\t10\n结转数\t10\n财政收回数\t0\n项目资金构成\n\
    子项名称\t预算数（万元）\t实际数（万元）\n子项一\t100\t90\n绩效指标\n\
    类别\t指标名称\t目标值\t权重\t实际完成值\t自评分\n\
    产出\t培训人数\t≥100人\t80\t100人\t80\n自评结果\n合计\t80\n";

/// A dash alone after an amount's own label, one field to a row, is that amount's nil
/// (it was left unread and the form refused); a dash after a text's label, and an
/// amount's label with nothing after it, are refused at the label's own row (they were
/// refused at the record's first row, `年初预算数`).
#[test]
fn a_field_left_blank_or_dashed_on_its_own_row() {
    let line = "指标结余收回数\t0\n";
    assert!(ONE_FIELD_A_ROW.contains(line));
    let forms = import_text(
        "横线.txt",
        &ONE_FIELD_A_ROW.replace(line, "指标结余收回数\t—\n"),
    );
    let recovered = values(&forms[0].project)
        .get(&("budget".to_owned(), 0, "unallocated_recovered".to_owned()))
        .cloned();
    assert_eq!(recovered, Some(Datum::Decimal(0.into())));
    assert_eq!(forms[0].unplaced, []);
    for (from, blank) in [
        (line, "指标结余收回数\n"),
        ("项目名称\t测试项目\n", "项目名称\t——\n"),
    ] {
        let text = ONE_FIELD_A_ROW.replace(from, blank);
        let failure = import::import("空.txt", text.as_bytes(), Kind::Text, &SUZHOU).unwrap_err();
        let import::ImportFailure::Data { failure, .. } = failure else {
            panic!("{failure:?}");
        };
        let said = crate::common::render(&failure);
        assert!(said.contains("missing_field"), "{said}");
        // The label's own row is underlined, with what is wrong with it.
        let row = text.lines().position(|l| l == blank.trim_end()).unwrap() + 1;
        assert!(said.contains(&format!("[空.txt:{row}:1]")), "{said}");
        assert!(said.contains("left blank"), "{said}");
    }
}

/// A grade written on the 总分 row (`总分 | 100 | 96 | 良`, or `自评等级：良` there) is the
/// form's grade, the one text field of the record 总分 fills; so is a row `自评等级 | 良`.
/// A word on a total row whose record has no such field (the 2023 form's 合计) is
/// reported as a cell that fits no field, never dropped unseen.
#[test]
fn a_word_on_a_total_row_is_its_record_s_word_or_reported() {
    let mof = plan("rulesets/mof-2020.rules");
    let grade = |text: &str| {
        let forms = import::import("graded.txt", text.as_bytes(), Kind::Text, &mof)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(forms[0].unplaced, [], "{text}");
        values(&forms[0].project)
            .get(&("self_evaluation".to_owned(), 0, "grade".to_owned()))
            .cloned()
    };
    let total = "总分\t\t\t\t\t\t100\t96\n";
    assert!(OFFICIAL_2020.ends_with(total));
    let good = Some(Datum::Text("良".into()));
    for written in [
        "总分\t\t\t\t\t\t100\t96\t良\n".to_owned(),
        "总分\t\t\t\t\t\t100\t96\t自评等级：良\n".to_owned(),
        format!("{total}自评等级\t良\n"),
    ] {
        assert_eq!(
            grade(&OFFICIAL_2020.replace(total, &written)),
            good,
            "{written}"
        );
    }
    // A grade written by its label below wins over the total row's word, which is noted;
    // two words on the row are no grade: both are reported.
    let twice = OFFICIAL_2020.replace(total, "总分\t\t\t\t\t\t100\t96\t良\n评价等级\t优\n");
    let forms = import::import("twice.txt", twice.as_bytes(), Kind::Text, &mof).unwrap();
    assert_eq!(forms[0].unplaced, []);
    let grade = values(&forms[0].project)
        .get(&("self_evaluation".to_owned(), 0, "grade".to_owned()))
        .cloned();
    assert_eq!(grade, Some(Datum::Text("优".into())));
    assert!(
        forms[0].notes.iter().any(|n| n.contains("良")),
        "{:?}",
        forms[0].notes
    );
    let two = OFFICIAL_2020.replace(total, "总分\t\t\t\t\t\t100\t96\t良\t见附件\n");
    let forms = import::import("two.txt", two.as_bytes(), Kind::Text, &mof).unwrap();
    let unplaced: Vec<&str> = forms[0].unplaced.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(unplaced, ["良", "见附件"]);
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let row = "合计\t\t\t\t\t\t80\n";
    assert!(seed.contains(row));
    let worded = seed.replace(row, "合计\t\t\t\t\t\t80\t优\n");
    let forms = import_text("worded.txt", &worded);
    let unplaced: Vec<&str> = forms[0].unplaced.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(unplaced, ["优"]);
}

/// A group's label is written once for its rows and read down them; a row's name never
/// is: an empty 指标名称 is not the name of the row above (which made a false
/// `duplicate-indicator` and lost the row's own), and the row is refused for it.
#[test]
fn an_empty_name_is_not_taken_from_the_row_above() {
    let text = std::fs::read_to_string(root().join(SEED)).unwrap();
    let row = "\t\t资金到位率\t=100%\t1\t100%\t1";
    assert!(text.contains(row));
    let blank = text.replacen(row, "\t\t\t=100%\t1\t100%\t1", 1);
    let failure = import::import("空名称.txt", blank.as_bytes(), Kind::Text, &SUZHOU).unwrap_err();
    let import::ImportFailure::Data { failure, .. } = failure else {
        panic!("{failure:?}");
    };
    let said = format!("{failure:?}");
    assert!(said.contains("MissingField"), "{said}");
}

/// Forms to be written into a folder that is not there (`-o 导入/`, or a new name with no
/// ending for several forms) are refused as such, and nothing is made: the error said
/// one output holds one form and asked for `-o DIR`, which the user had written.
#[test]
fn a_folder_that_is_not_there_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let seed = "tests/fixtures/import/seed.txt";
    let docx = "tests/fixtures/import/seed.docx";
    for (output, forms) in [("导入/", vec![seed]), ("导入", vec![seed, docx])] {
        let target = format!("{}/{output}", dir.path().display());
        let mut args = vec!["import", "--rules", "2023", "-o", &target];
        args.extend(forms);
        let (_, stderr, code) = run(&args);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("perfeval::import::no_such_folder"),
            "{stderr}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// The seed's form and a second project's under it, as a department's text export of
/// several projects: the second's name changed, its response time over the target (its
/// self score kept at full marks, a score-mismatch).
fn two_stacked_forms() -> (String, usize) {
    let mut seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    if !seed.ends_with('\n') {
        seed.push('\n');
    }
    let second = seed
        .replacen("电子政务项目建设资金\t", "第二个项目\t", 1)
        .replace("<=8小时\t9.16\t8小时", "<=8小时\t9.16\t10小时");
    assert_ne!(second, seed);
    (format!("{seed}{second}"), seed.lines().count())
}

/// Forms stacked in one file are separate projects, each named by the line it begins
/// on, its places the file's; read as one, they were one project of both forms' rows
/// (total 80 of 80, "self scores 160", forty errors).
#[test]
fn forms_stacked_in_a_text_export_are_separate_projects() {
    let (text, seed_lines) = two_stacked_forms();
    let forms = import_text("各项目.txt", &text);
    let names: Vec<&str> = forms.iter().map(|f| f.project.source.name()).collect();
    // Each is named by its first label's line: the seed's 项目名称 is on its sixth.
    let second_line = seed_lines + 6;
    assert_eq!(
        names,
        ["各项目.txt:6", &format!("各项目.txt:{second_line}")]
    );
    for form in &forms {
        assert_eq!(form.unplaced, [], "{}", form.project.source.name());
        assert_eq!(form.project.source.file(), "各项目.txt");
        assert_eq!(form.project.rows("indicators").len(), 17);
    }
    let first = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(first.total.to_string(), "80.00");
    assert_eq!(first.findings, []);
    let second = perfeval::evaluate(&SUZHOU, &forms[1].project).unwrap();
    assert_eq!(second.name.as_deref(), Some("第二个项目"));
    assert_eq!(second.total.to_string(), "70.84");
    let [mismatch] = &second.findings[..] else {
        panic!("{:?}", second.findings);
    };
    assert_eq!(mismatch.code, "score-mismatch");
    // Its place is the changed row of the second copy, a line of the file.
    let at = forms[1].project.source.line_col(mismatch.at.unwrap().start);
    let line = text.lines().nth(at.line - 1).unwrap();
    assert!(
        at.line > seed_lines && line.contains("10小时"),
        "{at:?} {line}"
    );
}

/// A label that comes again inside one form, or a cover's labels above it, cut nothing:
/// the part above or below holds no indicator table of its own.
#[test]
fn a_label_met_again_inside_one_form_cuts_nothing() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let cover = "封面\n项目名称\t电子政务项目建设资金\n项目主管部门(单位)\t苏州市信息中心\n\n";
    let again = "\n项目名称\t电子政务项目建设资金\n";
    for text in [format!("{cover}{seed}"), format!("{seed}{again}")] {
        let forms = import_text("一个项目.txt", &text);
        assert_eq!(forms.len(), 1);
        assert_eq!(forms[0].project.source.name(), "一个项目.txt");
        assert_eq!(forms[0].project.rows("indicators").len(), 17);
    }
}

/// `check` reports each stacked form as a project, and `import -o DIR` writes each to a
/// file named by the line it begins on.
#[test]
fn stacked_forms_are_checked_and_imported_one_by_one() {
    let (text, seed_lines) = two_stacked_forms();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("各项目.txt");
    std::fs::write(&file, &text).unwrap();
    let (out, err, code) = check_as("json", &file);
    assert_eq!(code, 1, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let projects = json["projects"].as_array().unwrap();
    let scores: Vec<&str> = projects
        .iter()
        .map(|p| p["score"].as_str().unwrap())
        .collect();
    assert_eq!(scores, ["80.00", "70.84"]);
    let finding = &projects[1]["findings"][0];
    assert_eq!(finding["file"], file.to_str().unwrap());
    assert!(finding["line"].as_u64().unwrap() > seed_lines as u64);
    let out_dir = dir.path().join("导入");
    std::fs::create_dir(&out_dir).unwrap();
    let target = format!("{}/", out_dir.display());
    let (_, err, code) = run(&[
        "import",
        "--rules",
        "rulesets/2023.rules",
        file.to_str().unwrap(),
        "-o",
        &target,
    ]);
    assert_eq!(code, 0, "{err}");
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "各项目-6.toml".to_owned(),
            format!("各项目-{}.toml", seed_lines + 6)
        ]
    );
}

/// A form printed over two pages, its second page headed again (`（续）`, the project's
/// name, the table's header): the part below has indicator rows but neither the budget
/// nor the funds, so it is no second form. It was cut off, the first part scored 25 of
/// 80 as a clean form and the rest unevaluable.
#[test]
fn a_form_continued_on_a_second_page_is_one_form() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let continued = seed.replacen(
        "\t产出目标\t",
        "\n苏州市级财政支出项目绩效自评表（续）\n项目名称\t\t电子政务项目建设资金\t\t项目年份\t2023\t\n项目\t类别\t指标名称\t目标值\t权重\t实际完成值\t自评分\n\t产出目标\t",
        1,
    );
    assert_ne!(continued, seed);
    let forms = import_text("续表.txt", &continued);
    assert_eq!(forms.len(), 1);
    assert_eq!(forms[0].project.source.name(), "续表.txt");
    assert_eq!(forms[0].project.rows("indicators").len(), 17);
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
}

/// The second of two stacked forms writes its department before its name: the form
/// begins at its first label, as the first form's labels have it, and its department is
/// its own (it was the first form's unplaced cell, and the second unevaluable).
#[test]
fn a_stacked_form_begins_at_its_own_first_label() {
    let (text, seed_lines) = two_stacked_forms();
    let mut lines: Vec<&str> = text.lines().collect();
    let mut swapped = 0;
    for i in 0..lines.len() - 1 {
        if lines[i].starts_with("项目名称") && lines[i + 1].starts_with("项目主管部门") {
            lines.swap(i, i + 1);
            swapped += 1;
        }
    }
    assert_eq!(swapped, 2);
    let forms = import_text("各项目.txt", &lines.join("\n"));
    let names: Vec<&str> = forms.iter().map(|f| f.project.source.name()).collect();
    // Each named by the line of its department, now its first label (the seed's 6th).
    assert_eq!(
        names,
        ["各项目.txt:6", &format!("各项目.txt:{}", seed_lines + 6)]
    );
    for form in &forms {
        assert_eq!(form.unplaced, [], "{}", form.project.source.name());
        let project = form.project.record("project").unwrap();
        assert!(project.get("department").is_some());
    }
}

/// A continuation page that repeats the whole header (the name, the department, the
/// budget and funds rows, the table's header) over the rest of the indicator table: it has
/// every section but none of the catalog's indicators, so it is no second form. It was
/// cut off, and the first page scored 25 of 80 with no finding.
#[test]
fn a_continuation_repeating_the_whole_header_is_one_form() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let lines: Vec<&str> = seed.lines().collect();
    // The seed's header, from its name to its funds' values (lines 6 to 12).
    let header = lines[5..12].join("\n");
    let table_header = (lines.iter()).find(|l| l.contains("指标名称")).unwrap();
    let continued = seed.replacen(
        "\t产出目标\t",
        &format!("\n苏州市级财政支出项目绩效自评表（续）\n{header}\n{table_header}\n\t产出目标\t"),
        1,
    );
    assert_ne!(continued, seed);
    let forms = import_text("续表.txt", &continued);
    assert_eq!(forms.len(), 1);
    assert_eq!(forms[0].project.rows("indicators").len(), 17);
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
}

/// The form above has no department row; the form below writes its department before
/// its name. The department is the form below's: the form above, read alone, lacks one
/// (it took the one below, and the form below could not be evaluated).
#[test]
fn a_label_above_a_stacked_form_s_name_is_its_own() {
    let (text, _) = two_stacked_forms();
    let mut lines: Vec<&str> = text.lines().collect();
    let first_department = lines
        .iter()
        .position(|l| l.starts_with("项目主管部门"))
        .unwrap();
    lines.remove(first_department);
    let second_name = lines
        .iter()
        .rposition(|l| l.starts_with("项目名称"))
        .unwrap();
    let department = lines.remove(second_name + 1);
    lines.insert(second_name, department);
    let text = lines.join("\n");
    let found = import::import_each("各项目.txt", text.as_bytes(), Kind::Text, &SUZHOU).unwrap();
    assert_eq!(found.len(), 2);
    assert!(
        matches!(found[0], Err(import::ImportFailure::Data { .. })),
        "{:?}",
        found[0]
    );
    let second = found[1].as_ref().unwrap();
    let project = second.project.record("project").unwrap();
    assert!(project.get("department").is_some());
    assert_eq!(second.unplaced, []);
}

/// A sign-off line under the table (`填报人：张三 | 联系电话：… | 日期：2024年1月10日`), as
/// departments write it: the 2023 layout passes it over. Its `日期` was read as an
/// indicator row, and the form could not be evaluated.
#[test]
fn a_sign_off_line_under_the_table_is_passed_over() {
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let signed = seed.replacen(
        "合计\t\t\t\t\t\t80",
        "合计\t\t\t\t\t\t80\n填报人：张三\t联系电话：0512-12345678\t日期：2024年1月10日",
        1,
    );
    assert_ne!(signed, seed);
    let forms = import_text("签字.txt", &signed);
    assert_eq!(forms[0].unplaced, []);
    let outcome = perfeval::evaluate(&SUZHOU, &forms[0].project).unwrap();
    assert_eq!(outcome.total.to_string(), "80.00");
    assert_eq!(outcome.findings, []);
}
