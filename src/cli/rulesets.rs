//! `perfeval rulesets`: the rulesets compiled into perfeval, listed, or one of them
//! printed as its file holds it, to start next year's from
//! (`perfeval rulesets show 2023 > 2024.rules`).

use clap::{Subcommand, ValueEnum};
use comfy_table::{ContentArrangement, Table, presets};

use crate::Error;
use crate::i18n::t;
use crate::shipped::{self, Shipped};
use crate::source::SourceFile;
use crate::syntax::ast::{HeaderEntryKind, ItemKind, Ruleset};

use super::inputs::ReadSet;
use super::{Status, finish, output};

/// Arguments of `perfeval rulesets`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RulesetsArgs {
    /// Print one of them instead of the list.
    #[command(subcommand)]
    pub command: Option<RulesetsCommand>,
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// What `perfeval rulesets` does besides listing.
#[derive(Debug, Subcommand)]
pub enum RulesetsCommand {
    /// Print a shipped ruleset's text exactly as its file holds it, to copy as next
    /// year's start: `perfeval rulesets show 2023 > 2024.rules` (打印内置规则集).
    Show {
        /// Its name, with or without `.rules`: `2023`, `mof-2020.rules`.
        #[arg(value_name = "NAME")]
        name: String,
    },
}

/// Formats of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table for people.
    Table,
    /// A JSON array for tools.
    Json,
}

/// What the list says of one shipped ruleset.
struct Entry {
    shipped: &'static Shipped,
    title: String,
    version: Option<String>,
    fiscal_year: Option<i32>,
    extends: Option<String>,
}

pub(super) fn rulesets(args: &RulesetsArgs) -> Status {
    finish(run(args))
}

fn run(args: &RulesetsArgs) -> Result<Status, Error> {
    let text = match &args.command {
        Some(RulesetsCommand::Show { name }) => show(name)?.to_owned(),
        None => {
            let entries = shipped::RULESETS
                .iter()
                .map(entry)
                .collect::<Result<Vec<_>, _>>()?;
            match args.format {
                ListFormat::Table => table(&entries),
                ListFormat::Json => json(&entries),
            }
        }
    };
    output::print(text.as_bytes(), &ReadSet::default())?;
    Ok(Status::Pass)
}

/// The text of the shipped ruleset `name`.
fn show(name: &str) -> Result<&'static str, Error> {
    shipped::find(name)
        .map(|shipped| shipped.text)
        .ok_or_else(|| Error::UnknownRuleset {
            name: name.to_owned(),
            reason: t!(RULESETS_UNKNOWN_NOT_SHIPPED),
            help: shipped::help_for(name),
        })
}

/// A shipped ruleset's header, its own `extends`, and what it has from its bases.
fn entry(shipped: &'static Shipped) -> Result<Entry, Error> {
    let source = SourceFile::new(shipped.path(), shipped.text);
    let own = crate::parse(&source)?;
    let linked = crate::link::link_source(&source)?;
    let mut entry = Entry {
        shipped,
        title: String::new(),
        version: None,
        fiscal_year: None,
        extends: None,
    };
    if let Some(header) = header(&own) {
        entry.extends = header.extends.as_ref().map(|e| e.value.clone());
    }
    if let Some(header) = header(&linked.ruleset) {
        entry.title.clone_from(&header.name.value);
        for e in &header.entries {
            match &e.kind {
                HeaderEntryKind::Version(v) => entry.version = Some(v.value.clone()),
                HeaderEntryKind::FiscalYear(y) => entry.fiscal_year = Some(*y),
                HeaderEntryKind::Cutoff(_) | HeaderEntryKind::MaxScore(_) => {}
            }
        }
    }
    Ok(entry)
}

fn header(ruleset: &Ruleset) -> Option<&crate::syntax::ast::Header> {
    ruleset.items.iter().find_map(|item| match &item.kind {
        ItemKind::Header(header) => Some(header),
        _ => None,
    })
}

fn table(entries: &[Entry]) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header([
            t!(RULESETS_HEADING_NAME),
            t!(RULESETS_HEADING_VERSION),
            t!(RULESETS_HEADING_FISCAL_YEAR),
            t!(RULESETS_HEADING_TITLE),
            t!(RULESETS_HEADING_EXTENDS),
        ]);
    for e in entries {
        table.add_row([
            e.shipped.name().to_owned(),
            e.version.clone().unwrap_or_default(),
            e.fiscal_year.map(|y| y.to_string()).unwrap_or_default(),
            e.title.clone(),
            e.extends.clone().unwrap_or_default(),
        ]);
    }
    format!("{table}\n{}\n", t!(RULESETS_USE))
}

fn json(entries: &[Entry]) -> String {
    let list: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "name": e.shipped.name(),
                "file": e.shipped.file,
                "version": e.version,
                "fiscal_year": e.fiscal_year,
                "title": e.title,
                "extends": e.extends,
            })
        })
        .collect();
    let mut out =
        crate::report::json::terminal_safe(serde_json::to_string_pretty(&list).unwrap_or_default());
    out.push('\n');
    out
}
