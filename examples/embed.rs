//! perfeval as a library: score one form under a shipped ruleset, in a few lines.
//!
//! `cargo run --example embed` prints the total, each finding, and the outcome as JSON.
//! A dependency that needs no command line takes perfeval with
//! `default-features = false`: no clap, rayon or terminal code is compiled.

use perfeval::data::{self, Format};
use perfeval::source::SourceFile;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The policy: a shipped ruleset (the binary holds them), or any `.rules` text.
    let policy = perfeval::shipped::find("2023").ok_or("2023 is shipped")?;
    let plan = perfeval::load_ruleset(&SourceFile::new(policy.file, policy.text))?;

    // One filled form, read against the form the ruleset declares.
    let form = include_str!("suzhou-2023-egov.toml");
    let project = data::load_bytes("egov.toml", form.as_bytes(), Format::Toml, &plan.form)?;

    let outcome = perfeval::evaluate(&plan, &project)?;
    println!("总分 {}", outcome.total);
    for finding in &outcome.findings {
        println!("{}: {}", finding.code, finding.message);
    }
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    Ok(())
}
