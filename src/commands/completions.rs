//! `langfuse-otel completions SHELL` and `langfuse-otel man`: generated from the same clap
//! definition that parses the command line, so they cannot drift from it.

use std::io::Write;

use super::{say, write_stdout};
use crate::cli::{CompletionsArgs, ManArgs};
use crate::exit::{Exit, Failure};
use crate::tr;

const BIN: &str = "langfuse-otel";

/// The command line without its hidden subcommands, which clap_complete would otherwise offer:
/// the same root (arguments, version, about) over the visible subcommands only. In English in
/// every language: a completion script is a file the user installs, and file contents never
/// change with the language.
fn visible_command() -> clap::Command {
    let full = crate::core::i18n::in_english(crate::cli::command);
    let mut visible = clap::Command::new(BIN)
        .version(env!("CARGO_PKG_VERSION"))
        .disable_help_subcommand(full.is_disable_help_subcommand_set())
        .args(full.get_arguments().cloned());
    if let Some(about) = full.get_about() {
        visible = visible.about(about.clone());
    }
    visible.subcommands(
        full.get_subcommands()
            .filter(|sub| !sub.is_hide_set())
            .cloned(),
    )
}

pub fn completions(args: CompletionsArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let mut command = visible_command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, BIN, &mut script);
    let mut script = String::from_utf8_lossy(&script).into_owned();
    match args.shell {
        clap_complete::Shell::Bash => script = fix_bash_states(&script),
        clap_complete::Shell::Fish => add_fish_positional_values(&mut script, &command),
        clap_complete::Shell::Elvish => script = add_elvish_values(&script, &command),
        _ => {}
    }
    write_stdout(out, &script)
}

/// clap_complete's fish generator completes options only (a documented limit of 4.6), so
/// `langfuse-otel completions <Tab>` offered file names. Each subcommand's first positional
/// argument with a fixed set of values (`completions SHELL`) gets a line, under the condition the
/// generator gives that subcommand's options, until one of the values is on the line.
fn add_fish_positional_values(script: &mut String, command: &clap::Command) {
    let using = format!("__fish_{}_using_subcommand", BIN.replace('-', "_"));
    for sub in command.get_subcommands() {
        let Some(first) = sub.get_positionals().next() else {
            continue;
        };
        let values: Vec<String> = first
            .get_possible_values()
            .into_iter()
            .filter(|value| !value.is_hide_set())
            .map(|value| value.get_name().to_string())
            .collect();
        if values.is_empty() {
            continue;
        }
        let values = values.join(" ");
        script.push_str(&format!(
            "complete -c {BIN} -n \"{using} {name}; and not __fish_seen_subcommand_from {values}\" -f -a \"{values}\"\n",
            name = sub.get_name(),
        ));
    }
}

/// clap_complete (4.6.12, clap-rs/clap#6421) spells a hyphenated binary's states one way in the
/// loop that walks the words (`langfuse__otel__subcmd__export`) and another in the arms that
/// complete them (`langfuse__subcmd__otel__subcmd__export`), so nothing after a subcommand would
/// complete. The arms are respelled as the loop spells them.
fn fix_bash_states(script: &str) -> String {
    let loop_spelling = BIN.replace('-', "__");
    let arm_spelling = BIN.replace('-', "__subcmd__");
    script.replace(&arm_spelling, &loop_spelling)
}

/// clap_complete's elvish completer offers a command's flags and subcommands but never a value
/// (`--format <Tab>` offered the flags again). Before it runs, the values of the option just
/// typed (`langfuse-otel;export;--format`), or of the command's first positional argument, are
/// offered instead: a map from the completer's own command path, built from the same definition.
fn add_elvish_values(script: &str, command: &clap::Command) -> String {
    fn quote(text: &str) -> String {
        format!("'{}'", text.replace('\'', "''"))
    }
    fn values_of(arg: &clap::Arg) -> Vec<String> {
        arg.get_possible_values()
            .into_iter()
            .filter(|value| !value.is_hide_set())
            .map(|value| quote(value.get_name()))
            .collect()
    }
    fn walk(
        path: &str,
        command: &clap::Command,
        options: &mut Vec<String>,
        first: &mut Vec<String>,
    ) {
        for arg in command.get_arguments().filter(|arg| !arg.is_positional()) {
            let values = values_of(arg);
            if values.is_empty() {
                continue;
            }
            let names = arg
                .get_long()
                .map(|long| format!("--{long}"))
                .into_iter()
                .chain(arg.get_short().map(|short| format!("-{short}")));
            for name in names {
                options.push(format!(
                    "&{}= [{}]",
                    quote(&format!("{path};{name}")),
                    values.join(" ")
                ));
            }
        }
        if let Some(values) = command.get_positionals().next().map(values_of)
            && !values.is_empty()
        {
            first.push(format!("&{}= [{}]", quote(path), values.join(" ")));
        }
        for sub in command.get_subcommands() {
            walk(&format!("{path};{}", sub.get_name()), sub, options, first);
        }
    }
    let (mut options, mut first) = (Vec::new(), Vec::new());
    walk(BIN, command, &mut options, &mut first);
    let call = "    $completions[$command]\n}";
    let Some(at) = script.rfind(call) else {
        return script.to_string();
    };
    let values = format!(
        "    var option-values = [{options}]\n    var first-values = [{first}]\n    \
         var typed = $command';'$words[-2]\n    \
         if (and (> (count $words) 2) (has-key $option-values $typed)) {{\n        \
         for value $option-values[$typed] {{ edit:complex-candidate $value }}\n    \
         }} else {{\n        \
         if (has-key $first-values $command) {{\n            \
         for value $first-values[$command] {{ edit:complex-candidate $value }}\n        \
         }}\n        $completions[$command]\n    }}\n}}",
        options = options.join(" "),
        first = first.join(" "),
    );
    format!("{}{values}{}", &script[..at], &script[at + call.len()..])
}

/// The page of `command`, as roff. Every character outside ASCII (the Chinese of `--lang`'s
/// help, a whole page under `--lang zh-CN`) is written as groff's `\[uXXXX]` escape: groff
/// reads its input as Latin-1 unless a preprocessor converts it, and `man -l` does not always.
fn render(command: &clap::Command) -> Result<Vec<u8>, Failure> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut page)
        .map_err(|e| {
            Failure::new(
                Exit::Failure,
                tr!("cli-man-cannot-render", error = e.to_string()),
            )
        })?;
    let page = String::from_utf8_lossy(&page);
    // Chinese has no spaces to break a line at: `\:` lets groff break after each wide character,
    // and lines are left-aligned (`.ad l`; the man macros read the string AD), since a line
    // broken between two characters has no space to stretch for justification.
    let chinese = crate::core::i18n::language() == crate::core::i18n::Lang::ZhCn;
    let mut ascii = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            ascii.push_str(&format!("\\[u{:04X}]", u32::from(c)));
            if chinese && unicode_width::UnicodeWidthChar::width(c) == Some(2) {
                ascii.push_str("\\:");
            }
        }
    }
    if chinese
        && let Some(title) = ascii.find("\n.TH ")
        && let Some(end) = ascii[title + 1..].find('\n')
    {
        ascii.insert_str(title + 1 + end + 1, ".ds AD l\n.ad l\n");
    }
    Ok(ascii.into_bytes())
}

/// `command` and every visible subcommand under it, depth first.
fn pages(command: &clap::Command, into: &mut Vec<clap::Command>) {
    into.push(command.clone());
    for sub in command.get_subcommands() {
        if !sub.is_hide_set() && sub.get_name() != "help" {
            pages(sub, into);
        }
    }
}

pub fn man(args: ManArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let mut root = crate::cli::command();
    // Gives every subcommand its display name (`langfuse-otel-setup`), the page's title.
    root.build();
    let Some(dir) = args.dir else {
        let mut command = &root;
        for name in &args.command {
            command = command
                .get_subcommands()
                .find(|sub| sub.get_name() == name && !sub.is_hide_set())
                .ok_or_else(|| {
                    Failure::new(Exit::Usage, tr!("cli-man-no-subcommand", name = name))
                })?;
        }
        return write_stdout(out, &String::from_utf8_lossy(&render(command)?));
    };
    let mut all = Vec::new();
    pages(&root, &mut all);
    for command in &all {
        let name = command.get_display_name().unwrap_or(command.get_name());
        let path = dir.join(format!("{name}.1"));
        crate::io::envfile::atomic_write(&path, &render(command)?, 0o644)
            .map_err(|e| Failure::new(Exit::CannotWrite, e.to_string()))?;
        say!(err, "{}", tr!("cli-man-wrote", path = &path));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_visible_command_is_a_valid_command_line_without_the_hidden_ones() {
        let visible = visible_command();
        visible.clone().debug_assert();
        let names: Vec<&str> = visible.get_subcommands().map(|s| s.get_name()).collect();
        assert!(!names.contains(&"sandbox"), "{names:?}");
        let full = crate::cli::command();
        let shown = full.get_subcommands().filter(|s| !s.is_hide_set()).count();
        assert_eq!(names.len(), shown);
    }
}
