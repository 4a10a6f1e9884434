//! Numbers are read as the data says, exactly: never through a float, never as text
//! that happens to start with digits.

use crate::common::{Perfeval, absolute, suzhou};

/// Attack: `actual = 1e2`, TOML `0x64` and `1_00` were read as the text `1e2` (a number
/// 1 with the unit `e2`) and scored 0 with `unit-mismatch`; thirty trailing zeros were
/// refused as out of range.
#[test]
fn numbers_are_read_for_their_value() {
    let dir = tempfile::tempdir().unwrap();
    for file in [
        "exponents-and-radixes.toml",
        "exponents.json",
        "exponents.yaml",
    ] {
        let form = absolute(&format!("tests/fixtures/bad/accepted/{file}"));
        let out = Perfeval::new(dir.path())
            .args(&["check", "--rules", &suzhou(), "--format", "json", &form])
            .run();
        assert_eq!(out.code, Some(0), "{file}: {}", out.stderr);
        assert_eq!(out.json()["projects"][0]["score"], "80.00", "{file}");
    }
}

/// Attack: `actual = 1e40` was kept as the text `1e40`; a number no decimal holds is
/// refused with its place in the file.
#[test]
fn a_number_no_decimal_holds_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(absolute(
        "tests/fixtures/bad/accepted/numbers-as-measures.toml",
    ))
    .unwrap()
    .replace("actual = 2,", "actual = 1e40,");
    let form = dir.path().join("huge.toml");
    std::fs::write(&form, text).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), form.to_str().unwrap()])
        .run();
    out.refused("perfeval::data::decimal_out_of_range");
    assert!(out.stderr.contains("huge.toml:14:"), "{}", out.stderr);
}

/// Attack: a 29-digit amount swallowed a sub-project's `+ 0.4` (the sum rounded), so a
/// budget off by it balanced; a number of more than 26 significant digits, which a sum
/// could round, is refused with its place, and sums of the rest are exact or an error.
#[test]
fn a_number_a_sum_could_round_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(absolute(
        "tests/fixtures/bad/accepted/numbers-as-measures.toml",
    ))
    .unwrap()
    .replacen("initial = 100", "initial = 12345678901234567890123456.7", 1);
    let form = dir.path().join("long.toml");
    std::fs::write(&form, text).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), form.to_str().unwrap()])
        .run();
    out.refused("perfeval::data::decimal_out_of_range");
    assert!(out.stderr.contains("long.toml:24:"), "{}", out.stderr);
}
