//! Text from forms and rulesets never drives the reviewer's terminal: control characters
//! are written out, visibly, whether or not the output is a terminal.

use crate::common::{Perfeval, absolute, suzhou};

/// Attack: `ESC[1A ESC[2K` in an actual value erased the line above it, so that a
/// finding could be hidden; a colour in the project's name coloured the report.
#[test]
fn control_characters_from_a_form_are_written_out() {
    let dir = tempfile::tempdir().unwrap();
    let form = absolute("tests/fixtures/terminal/escape-sequences.toml");
    // ESC and BEL; the 8-bit CSI (U+009B, ESC `[` in one character), NEL, DEL and a
    // bidirectional override, which JSON itself lets through raw.
    let raw = ['\u{1b}', '\u{7}', '\u{9b}', '\u{85}', '\u{7f}', '\u{202e}'];
    for format in ["table", "json", "jsonl", "markdown", "csv", "html"] {
        let out = Perfeval::new(dir.path())
            .args(&["check", "--rules", &suzhou(), "--format", format, &form])
            .run();
        assert_eq!(out.code, Some(1), "{}", out.stderr);
        for text in [&out.stdout, &out.stderr] {
            assert!(!text.contains(raw), "{format}: {text}");
        }
    }
}

/// Attack: a ruleset's label or message held a raw ESC, which every finding about it
/// printed. A ruleset may hold no control character at all.
#[test]
fn a_ruleset_with_a_control_character_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("escape.rules");
    std::fs::write(
        &rules,
        format!(
            "ruleset \"x\" extends \"{}\" {{ version \"1\" }}\ncheck c error {{ 1 == 2 message \"\u{1b}[2K\" }}\n",
            suzhou()
        ),
    )
    .unwrap();
    let out = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            rules.to_str().unwrap(),
            &absolute("examples/suzhou-2023-egov.toml"),
        ])
        .run();
    out.refused("perfeval::parse::control_character");
    assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);
}
