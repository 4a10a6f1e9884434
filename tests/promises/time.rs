//! Evaluation time is bounded by a small polynomial in form size × ruleset size. These
//! tests do not time anything: each shape used to run for minutes or hours, so a run
//! that ends (within the harness's kill limit) with the right answer holds the promise.
//! `benches/shapes.rs` measures the same shapes.

use crate::common::{Perfeval, seed, suzhou};

fn appended(dir: &std::path::Path, extra: &str) -> String {
    let rules = std::fs::read_to_string(suzhou()).unwrap();
    let path = dir.join("shape.rules");
    std::fs::write(&path, format!("{rules}\n{extra}\n")).unwrap();
    path.to_string_lossy().into_owned()
}

/// Attack: sums nested in filters, five deep, took 5.3 s on the seed's form and each
/// level more multiplied it by the rows; twelve deep never ended.
#[test]
fn aggregates_nested_in_filters_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut inner = "0 分".to_owned();
    for _ in 0..12 {
        inner = format!("sum(indicators[weight > {inner}].weight) / 100");
    }
    let rules = appended(
        dir.path(),
        &format!(
            "check deep warning for indicators {{ count(indicators[weight > {inner}]) == 0 }}"
        ),
    );
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &rules, "--format", "json", &seed()])
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let findings = out.json()["projects"][0]["findings"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(findings, 17);
}

/// Attack: 100,000 categories took quadratic time to check (each name, and each
/// category's pool, looked up by a scan of all of them): 25,000 took half a minute in a
/// debug build, and `benches/shapes.rs` shows the load growing linearly now.
#[test]
fn a_ruleset_with_many_categories_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..25_000).map(|i| format!("类{i}")).collect();
    let rules = std::fs::read_to_string(suzhou()).unwrap().replace(
        "categories 产出, 效益, 满意度, 投入",
        &format!("categories 产出, 效益, 满意度, 投入, {}", names.join(", ")),
    );
    let items: String = names
        .iter()
        .map(|n| format!("category {n} {{ scored_by 产出类 }}\n"))
        .collect();
    let path = dir.path().join("many.rules");
    std::fs::write(&path, rules + &items).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", path.to_str().unwrap(), &seed()])
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

/// Attack: a filled form followed by a sheet of stray cells, one `unplaced-cell` finding
/// each: 1,900,000 of them took 27 s and 1.75 GB for an 845 MB report. Past the first 100
/// they are counted in one finding.
#[test]
fn stray_cells_in_a_form_are_said_once_past_a_hundred() {
    let dir = tempfile::tempdir().unwrap();
    let seed_text =
        std::fs::read_to_string(crate::common::root().join("tests/fixtures/import/seed.txt"))
            .unwrap();
    let row = "x\t".repeat(500) + "\n";
    let path = dir.path().join("stray.txt");
    std::fs::write(&path, seed_text + "\n" + &row.repeat(400)).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", "2023", "--format", "json", "stray.txt"])
        .run();
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let json = out.json();
    let findings = json["projects"][0]["findings"].as_array().unwrap();
    let stray: Vec<&str> = (findings.iter())
        .filter(|f| f["code"] == "unplaced-cell")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(stray.len(), 101);
    assert!(stray[100].contains("199900"), "{}", stray[100]);
}

/// Attack: a form's name of 300,000 `<` before one `>` took 9.6 s in a release build,
/// each `<` looked past all the others for a tag's end (a 16 MiB form: hours).
#[test]
fn a_text_of_many_angle_brackets_is_read_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let seed_text =
        std::fs::read_to_string(crate::common::root().join("tests/fixtures/import/seed.txt"))
            .unwrap();
    let name = format!("电子政务{}>", "<".repeat(300_000));
    let form = seed_text.replacen("电子政务项目建设资金", &name, 1);
    std::fs::write(dir.path().join("brackets.txt"), form).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            "2023",
            "--format",
            "json",
            "brackets.txt",
        ])
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let json = out.json();
    let read = json["projects"][0]["name"].as_str().unwrap();
    assert_eq!(read.matches('<').count(), 300_000);
}

/// Attack: a form's first label on every row of a text. Each place a stacked form may
/// begin is placed once, as its own stretch (placing all the rows above each again would
/// take time quadratic in the rows), and past 10,000 the text is read as one form. (12,000
/// labels: 90,000 took 6 s of a debug build, over the limit on a busy machine.)
#[test]
fn a_label_on_every_row_is_read_as_one_form() {
    let dir = tempfile::tempdir().unwrap();
    let seed_text =
        std::fs::read_to_string(crate::common::root().join("tests/fixtures/import/seed.txt"))
            .unwrap();
    let rows = "项目名称\t某项目\n".repeat(12_000);
    std::fs::write(
        dir.path().join("labels.txt"),
        format!("{seed_text}\n{rows}"),
    )
    .unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", "2023", "--format", "json", "labels.txt"])
        .run();
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(out.json()["projects"].as_array().unwrap().len(), 1);
}
