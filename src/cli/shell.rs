//! `perfeval completions` and `perfeval man`: the shell's view of the command line,
//! generated from its definition so that neither falls behind it.

use crate::Error;
use crate::i18n::t;

use super::inputs::ReadSet;
use super::{Status, finish, lang, output};

/// Arguments of `perfeval completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `perfeval man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A subcommand, for its own page (`perfeval-check(1)`); the page of `perfeval`
    /// itself without one.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

pub(super) fn completions(args: &CompletionsArgs) -> Status {
    // In the language of the run, as `--help` is: the descriptions shown beside the
    // completions are its texts.
    let mut command = lang::for_the_shell();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "perfeval", &mut script);
    finish(output::print(&script, &ReadSet::default()).map(|()| Status::Pass))
}

pub(super) fn man(args: &ManArgs) -> Status {
    let mut command = lang::for_the_shell();
    // Gives each subcommand its page's name, `perfeval-check`.
    command.build();
    let page = match &args.command {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            // A subcommand has no version of its own; its page says the program's.
            Some(sub) => sub.clone().version(env!("CARGO_PKG_VERSION")),
            None => {
                let names: Vec<&str> = command.get_subcommands().map(|s| s.get_name()).collect();
                let commands = crate::i18n::code_list(&names);
                let error = command.error(
                    clap::error::ErrorKind::InvalidSubcommand,
                    t!(CLI_MAN_UNKNOWN_COMMAND, name, commands),
                );
                return super::usage(&error);
            }
        },
    };
    finish(
        roff(page)
            .and_then(|text| output::print(&text, &ReadSet::default()))
            .map(|()| Status::Pass),
    )
}

/// The man page of a command, in roff.
fn roff(command: clap::Command) -> Result<Vec<u8>, Error> {
    let mut page = Vec::new();
    // Writing into memory fails only where memory does.
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|error| Error::Stdout { error })?;
    Ok(page)
}
