//! `langfuse-otel help [COMMAND... | exit-codes | environment]`, as `gh help` does: a command's
//! long help, or a topic that belongs to no single command.

use std::io::Write;

use super::write_stdout;
use crate::cli::HelpArgs;
use crate::exit::{self, Exit, Failure};
use crate::tr;

/// The topics besides the commands.
pub const TOPICS: [&str; 2] = ["exit-codes", "environment"];

/// A topic's one-line summary, in the user's language.
fn summary(topic: &str) -> String {
    match topic {
        "exit-codes" => tr!("cli-help-topic-exit-codes"),
        _ => tr!("cli-help-topic-environment"),
    }
}

pub fn run(args: HelpArgs, out: &mut dyn Write, _err: &mut dyn Write) -> Result<(), Failure> {
    let words: Vec<&str> = args.topic.iter().map(String::as_str).collect();
    let text = match words.as_slice() {
        [] => {
            let mut text = crate::cli::command().render_long_help().to_string();
            text.push('\n');
            text.push_str(&tr!("cli-help-topics-heading"));
            text.push('\n');
            for topic in TOPICS {
                text.push_str(&format!("  {topic:<12} {}\n", summary(topic)));
            }
            text
        }
        ["exit-codes"] => exit::help_text(),
        ["environment"] => tr!("cli-help-environment") + "\n",
        path => {
            // Exactly what `langfuse-otel COMMAND... --help` prints.
            let mut argv = vec!["langfuse-otel"];
            argv.extend(path.iter().copied());
            argv.push("--help");
            match crate::cli::command().try_get_matches_from(argv) {
                Err(shown) if shown.kind() == clap::error::ErrorKind::DisplayHelp => {
                    shown.render().to_string()
                }
                _ => {
                    return Err(Failure::new(
                        Exit::Usage,
                        tr!("cli-help-unknown", topic = path.join(" ")),
                    ));
                }
            }
        }
    };
    write_stdout(out, &text)
}
