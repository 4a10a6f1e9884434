//! The command line in the language of the run: which language (`--lang`, else the
//! locale), clap's help and usage from the catalogue, and clap's errors in Chinese.
//!
//! Every command's `about` and every argument's `help` come from the catalogue, keyed
//! by the command and the argument's id: `CLI_CHECK` for `perfeval check`,
//! `CLI_CHECK_MAX_FILE_SIZE` for its `--max-file-size`, `CLI_LANG` for the global
//! `--lang`, `CLI_RULESETS_SHOW_NAME` for the argument of `perfeval rulesets show` (a
//! command under another is keyed by both names); in Chinese, also the possible values
//! (`CLI_CHECK_FORMAT_TABLE`), the value names (`CLI_VALUE_RULESET`), clap's headings,
//! `--help`, `--version` and every `help` command. clap's English stays as it is in
//! English. Completion scripts and man pages are made from the same definition, so they
//! are in the language of the run too.

use std::ffi::OsString;
use std::fmt::Write as _;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

use crate::i18n::{self, Language, language, t};

use super::Cli;

/// The display order of `--help` and `--version`, after every other option.
const LAST: usize = 1000;

/// The language a command line asks for: the value of `--lang` (`--lang zh`,
/// `--lang=en`) before any `--`, else the locale's.
#[must_use]
pub fn language_of(args: &[OsString]) -> Language {
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    let mut asked = None;
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.next().map(std::borrow::Cow::into_owned),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => None,
        };
        if let Some(language) = value.as_deref().and_then(Language::from_name) {
            asked = Some(language);
        }
    }
    asked.unwrap_or_else(Language::from_env)
}

/// The command line's definition, its texts in the current language.
#[must_use]
pub fn command() -> Command {
    let zh = language() == Language::Zh;
    let mut cmd = translate(Cli::command(), "", zh);
    if zh {
        cmd = cmd
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .display_order(LAST)
                    .help(t!(CLI_VERSION_FLAG)),
            )
            .subcommand_value_name(t!(CLI_VALUE_COMMAND))
            .subcommand_help_heading(t!(CLI_HEADING_COMMANDS));
        cmd.build();
        chinese_help_commands(&mut cmd);
        chinese_usage(&mut cmd);
    }
    cmd
}

/// The command line's definition for the shell (completion scripts, the man page): as
/// [`command`], and in Chinese also each possible value's help from the catalogue, which
/// a completion shows beside the value. Not for parsing: a value parser is replaced.
#[must_use]
pub fn for_the_shell() -> Command {
    let cmd = command();
    if language() == Language::Zh {
        value_helps(cmd, "")
    } else {
        cmd
    }
}

/// `cmd` with its possible values' helps from the catalogue; a global argument's (such
/// as `--color`, copied into every command) under its own key.
fn value_helps(cmd: Command, path: &str) -> Command {
    let cmd = cmd.mut_args(|arg| {
        let values = arg.get_possible_values();
        if values.is_empty() || !arg.get_action().takes_values() {
            return arg;
        }
        let id = arg.get_id().as_str().to_owned();
        let values: Vec<clap::builder::PossibleValue> = values
            .into_iter()
            .map(|value| {
                let help = text(&key(&[path, &id, value.get_name()]))
                    .or_else(|| text(&key(&[&id, value.get_name()])));
                match help {
                    Some(help) => value.help(help),
                    None => value,
                }
            })
            .collect();
        arg.value_parser(clap::builder::PossibleValuesParser::new(values))
    });
    each_subcommand(cmd, path, value_helps)
}

/// The key of a command's or an argument's entry: `CLI_CHECK_MAX_FILE_SIZE`.
fn key(parts: &[&str]) -> String {
    let mut key = String::from("CLI");
    for part in parts.iter().filter(|p| !p.is_empty()) {
        key.push('_');
        key.push_str(&part.to_ascii_uppercase().replace(['-', '.'], "_"));
    }
    key
}

/// The entry's text in the current language; a missing entry is a test failure, and
/// the definition's own text is kept meanwhile.
fn text(key: &str) -> Option<String> {
    i18n::lookup(key).map(|m| i18n::render(m, &[]))
}

/// `cmd` and its subcommands with their texts from the catalogue; in Chinese, clap's
/// own words too. `path` is the command's place under `perfeval`, empty for `perfeval`
/// itself, `rulesets_show` for `perfeval rulesets show`: its part of the keys.
fn translate(cmd: Command, path: &str, zh: bool) -> Command {
    let about_key = if path.is_empty() {
        "CLI_ABOUT".to_owned()
    } else {
        key(&[path])
    };
    let mut cmd = cmd;
    if let Some(about) = text(&about_key) {
        cmd = cmd.about(about).long_about(None);
    }
    cmd = cmd.mut_args(|arg| translate_arg(arg, path, zh));
    if zh {
        let has_positionals = cmd.get_positionals().next().is_some();
        let has_subcommands = cmd.has_subcommands();
        cmd = cmd
            .help_template(template(has_positionals, has_subcommands, true))
            .disable_help_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .display_order(LAST)
                    .help(t!(CLI_HELP_FLAG)),
            );
    }
    each_subcommand(cmd, path, |s, path| translate(s, path, zh))
}

/// `cmd` with `f` applied to each of its subcommands, given the subcommand's path
/// (`rulesets_show`: its part of the catalogue's keys).
fn each_subcommand(mut cmd: Command, path: &str, f: impl Fn(Command, &str) -> Command) -> Command {
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for sub in subcommands {
        let path = if path.is_empty() {
            sub.clone()
        } else {
            format!("{path}_{sub}")
        };
        cmd = cmd.mut_subcommand(&sub, |s| f(s, &path));
    }
    cmd
}

/// An argument's help from the catalogue; in Chinese, its value names, possible values
/// and default too.
fn translate_arg(arg: Arg, command: &str, zh: bool) -> Arg {
    let id = arg.get_id().as_str().to_owned();
    let mut arg = arg;
    let help = text(&key(&[command, &id]));
    if let Some(help) = &help {
        arg = arg.help(help.clone()).long_help(None);
    }
    if !zh {
        return arg;
    }
    if let Some(names) = arg.get_value_names() {
        let names: Vec<String> = names
            .iter()
            .map(|n| text(&key(&["VALUE", n.as_str()])).unwrap_or_else(|| n.to_string()))
            .collect();
        arg = arg.value_names(names);
    }
    let help = help.unwrap_or_default();
    let mut short = help.clone();
    let mut long = help;
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    let takes_values = arg.get_action().takes_values();
    if takes_values && !values.is_empty() && !arg.is_hide_possible_values_set() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        let _ = write!(
            short,
            " [{}]",
            t!(CLI_POSSIBLE_VALUES, values = names.join(&t!(LIST_COMMA)))
        );
        let _ = write!(long, "\n\n{}", t!(CLI_POSSIBLE_VALUES_HEADING));
        for value in &values {
            let value_key = key(&[command, &id, value.get_name()]);
            let said = text(&value_key)
                .or_else(|| value.get_help().map(ToString::to_string))
                .unwrap_or_default();
            let _ = write!(long, "\n- {}：{said}", value.get_name());
        }
        arg = arg.hide_possible_values(true);
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        let default = t!(CLI_DEFAULT, value = defaults.join(" "));
        let _ = write!(short, " [{default}]");
        let _ = write!(long, "\n\n[{default}]");
        arg = arg.hide_default_value(true);
    }
    if long == short {
        arg.help(short)
    } else {
        arg.help(short).long_help(long)
    }
}

/// clap's help layout with Chinese headings; a heading only where there is something
/// under it.
fn template(positionals: bool, subcommands: bool, options: bool) -> String {
    let mut template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n",
        t!(CLI_HEADING_USAGE)
    );
    if subcommands {
        let _ = write!(
            template,
            "\n{}\n{{subcommands}}\n",
            t!(CLI_HEADING_COMMANDS_COLON)
        );
    }
    if positionals {
        let _ = write!(
            template,
            "\n{}\n{{positionals}}\n",
            t!(CLI_HEADING_ARGUMENTS)
        );
    }
    if options {
        let _ = write!(template, "\n{}\n{{options}}", t!(CLI_HEADING_OPTIONS));
    }
    template.push_str("{after-help}");
    template
}

/// The `help` command clap adds to every command that has subcommands (`perfeval help`,
/// `perfeval rulesets help`), in Chinese (the command is built).
fn chinese_help_commands(cmd: &mut Command) {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let Some(sub) = cmd.find_subcommand_mut(&name) else {
            continue;
        };
        if name == "help" {
            *sub = std::mem::take(sub)
                .about(t!(CLI_HELP_COMMAND))
                .help_template(template(false, true, false))
                .subcommand_help_heading(t!(CLI_HEADING_COMMANDS))
                .subcommand_value_name(t!(CLI_VALUE_COMMAND));
            // `perfeval help help`; the other commands under `help` have their own.
            if let Some(help_help) = sub.find_subcommand_mut("help") {
                *help_help = std::mem::take(help_help).about(t!(CLI_HELP_COMMAND));
            }
        } else {
            chinese_help_commands(sub);
        }
    }
}

/// Every command's usage with `[选项]` for clap's `[OPTIONS]` (the command is built).
fn chinese_usage(cmd: &mut Command) {
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", &t!(CLI_OPTIONS_PLACEHOLDER))
        .replace("COMMAND", &t!(CLI_VALUE_COMMAND));
    *cmd = std::mem::take(cmd).override_usage(usage);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        if let Some(sub) = cmd.find_subcommand_mut(&name) {
            chinese_usage(sub);
        }
    }
}

/// Prints a command-line mistake in Chinese, as clap would in English; `false` where
/// clap's own output is wanted (English, help, the version).
pub(crate) fn print_error(error: &clap::Error) -> bool {
    if language() == Language::En
        || matches!(
            error.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        return false;
    }
    let mut out = format!("{}{}\n", t!(CLI_ERROR_PREFIX), message(error));
    for tip in tips(error) {
        let _ = writeln!(out, "\n  {}{tip}", t!(CLI_TIP_PREFIX));
    }
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = plain(usage);
        let usage = usage.trim_start_matches("Usage:").trim();
        let _ = writeln!(out, "\n{}{usage}", t!(CLI_HEADING_USAGE));
    }
    let _ = writeln!(out, "\n{}", t!(CLI_MORE_HELP));
    let _ = std::io::Write::write_all(&mut std::io::stderr(), out.as_bytes());
    true
}

/// A styled text without its styles.
fn plain(text: &StyledStr) -> String {
    text.to_string()
}

/// A context value as text: `--format <格式>`; a list as `` `a`、`b` ``.
fn shown(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(
            list.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(&t!(LIST_COMMA)),
        ),
        ContextValue::StyledStr(s) => Some(plain(s)),
        ContextValue::StyledStrs(list) => Some(
            list.iter()
                .map(|s| format!("`{}`", plain(s)))
                .collect::<Vec<_>>()
                .join(&t!(LIST_COMMA)),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What is wrong, in one sentence.
fn message(error: &clap::Error) -> String {
    // An error perfeval made itself (`Command::error`, as `perfeval man nope` does) has
    // no context, only its text, which is already in the language of the run.
    if error.context().next().is_none() {
        let rendered = error.render().to_string();
        let first = rendered.lines().next().unwrap_or_default();
        return first.trim_start_matches("error:").trim().to_owned();
    }
    let arg = || shown(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = || shown(error, ContextKind::InvalidValue).unwrap_or_default();
    match error.kind() {
        ErrorKind::InvalidValue if value().is_empty() => t!(CLI_ERROR_VALUE_MISSING, arg = arg()),
        ErrorKind::InvalidValue => t!(CLI_ERROR_INVALID_VALUE, arg = arg(), value = value()),
        ErrorKind::UnknownArgument => t!(CLI_ERROR_UNKNOWN_ARGUMENT, arg = arg()),
        ErrorKind::InvalidSubcommand => {
            let command = shown(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            t!(CLI_ERROR_UNKNOWN_COMMAND, command)
        }
        ErrorKind::NoEquals => t!(CLI_ERROR_NO_EQUALS, arg = arg()),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(ToString::to_string)
                .unwrap_or_default();
            t!(
                CLI_ERROR_VALUE_VALIDATION,
                arg = arg(),
                value = value(),
                reason
            )
        }
        ErrorKind::TooManyValues => t!(CLI_ERROR_TOO_MANY_VALUES, arg = arg(), value = value()),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t!(CLI_ERROR_NUMBER_OF_VALUES, arg = arg())
        }
        ErrorKind::ArgumentConflict => {
            let prior = shown(error, ContextKind::PriorArg).unwrap_or_default();
            // clap calls an option given twice a conflict with itself.
            if prior == arg() {
                t!(CLI_ERROR_TWICE, arg = prior)
            } else {
                t!(CLI_ERROR_CONFLICT, arg = arg(), prior)
            }
        }
        ErrorKind::MissingRequiredArgument => t!(CLI_ERROR_MISSING_ARGUMENT, args = arg()),
        ErrorKind::MissingSubcommand => t!(CLI_ERROR_MISSING_COMMAND),
        ErrorKind::InvalidUtf8 => t!(CLI_ERROR_INVALID_UTF8),
        _ => t!(CLI_ERROR_OTHER),
    }
}

/// The suggestions clap found: a near argument or command, `--` before a value that
/// looks like a flag, the possible values.
fn tips(error: &clap::Error) -> Vec<String> {
    let mut tips = Vec::new();
    for kind in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand] {
        if let Some(name) = shown(error, kind) {
            let name = name.trim_matches('`');
            tips.push(t!(DID_YOU_MEAN, name));
        }
    }
    if let Some(name) = shown(error, ContextKind::SuggestedValue) {
        tips.push(t!(DID_YOU_MEAN, name));
    }
    if let Some(ContextValue::Bool(true)) = error.get(ContextKind::TrailingArg)
        && let Some(value) = shown(error, ContextKind::InvalidArg)
    {
        tips.push(t!(CLI_TIP_TRAILING, value));
    }
    if matches!(error.kind(), ErrorKind::InvalidValue)
        && let Some(ContextValue::Strings(values)) = error.get(ContextKind::ValidValue)
        && !values.is_empty()
    {
        let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
        tips.push(t!(
            CLI_POSSIBLE_VALUES,
            values = values.join(&t!(LIST_COMMA))
        ));
    }
    tips
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn lang_is_read_before_anything_else() {
        assert_eq!(
            language_of(&args(&["perfeval", "--lang", "zh", "check"])),
            Language::Zh
        );
        assert_eq!(
            language_of(&args(&["perfeval", "check", "--lang=zh"])),
            Language::Zh
        );
        assert_eq!(
            language_of(&args(&["perfeval", "--lang=zh", "--lang", "en"])),
            Language::En
        );
        assert_eq!(
            language_of(&args(&["perfeval", "check", "--", "--lang=zh"])),
            Language::from_env()
        );
    }

    #[test]
    fn keys_follow_commands_and_arguments() {
        assert_eq!(key(&["check", "max_file_size"]), "CLI_CHECK_MAX_FILE_SIZE");
        assert_eq!(key(&["", "lang"]), "CLI_LANG");
        assert_eq!(key(&["check", "format", "table"]), "CLI_CHECK_FORMAT_TABLE");
        assert_eq!(key(&["rulesets_show", "name"]), "CLI_RULESETS_SHOW_NAME");
    }
}
