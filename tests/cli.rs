//! The CLI keeps its word: one vocabulary across commands, JSON reports that match their
//! documented schemas (checked with Python's `jsonschema`, an oracle that is not our code),
//! `rotate`'s plan, `profiles`, Node projects, and every flag a message names exists on the
//! command that printed it (the flag list comes from clap).

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use clap::CommandFactory as _;
use common::secret_service::SecretService;
use common::{PK, SK, bin, live_setup, sandbox, setup};
use langfuse_otel::cli::Cli;
use langfuse_otel::io::sandbox::{SandboxConfig, SandboxProject};
use tempfile::TempDir;

const NEW_PK: &str = "pk-lf-22222222-3333-4444-5555-666666666666";
const NEW_SK: &str = "sk-lf-77777777-8888-9999-aaaa-bbbbbbbbbbbb";

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The long flags of `langfuse-otel <command>`, from clap.
fn flags_of(command: &str) -> Vec<String> {
    let mut cli = Cli::command();
    cli.build();
    // `profiles remove`: the flags of each level on the way (the parent's are global there).
    let mut known: Vec<String> = Vec::new();
    let mut level = &cli;
    for word in command.split_whitespace() {
        level = level
            .find_subcommand(word)
            .unwrap_or_else(|| panic!("no command {command}"));
        known.extend(
            level
                .get_arguments()
                .filter_map(|a| a.get_long().map(|l| format!("--{l}"))),
        );
    }
    known.extend(["--help".to_string(), "--version".to_string()]);
    known
}

/// Every `--flag` named in `output` is a flag of `langfuse-otel <command>`; a flag inside a
/// quoted command line (`` `langfuse-otel setup --no-keyring` ``) is checked against that command.
fn assert_flags_exist(command: &str, output: &Output) {
    let said = text(output);
    let unknown = unknown_flags(command, &said);
    assert!(unknown.is_empty(), "{}", unknown.join("\n"));
}

/// What [`assert_flags_exist`] would complain of, one line per flag.
fn unknown_flags(command: &str, said: &str) -> Vec<String> {
    unknown_flags_among(command, &flags_of(command), said)
}

fn is_command(word: &str) -> bool {
    Cli::command().find_subcommand(word).is_some()
}

/// `known` are the flags of `command`; a command line of ours (`langfuse-otel <command> …`,
/// quoted, or unquoted to the end of its line as in `demo`'s transcript) is checked against the
/// command it names; another program's quoted command line (`node --env-file=.env app.js`) not at
/// all.
fn unknown_flags_among(command: &str, known: &[String], said: &str) -> Vec<String> {
    let mut unknown = Vec::new();
    let mut own = String::new();
    let ours = |line: &str, unknown: &mut Vec<String>| {
        let other = line.split_whitespace().next().unwrap_or_default();
        unknown.extend(check_flags(other, &flags_of(other), line, said));
    };
    for (index, part) in said.split('`').enumerate() {
        let quoted = index % 2 == 1;
        match part.strip_prefix("langfuse-otel ") {
            Some(line) if quoted && is_command(line.split_whitespace().next().unwrap_or("")) => {
                ours(line, &mut unknown);
            }
            None if quoted && !part.starts_with("--") => {}
            _ => {
                // A shell line continued with `\` is one command line.
                for line in part.replace("\\\n", " ").split_inclusive('\n') {
                    match line.split_once("langfuse-otel ") {
                        Some((before, rest))
                            if is_command(rest.split_whitespace().next().unwrap_or("")) =>
                        {
                            own.push_str(before);
                            ours(rest, &mut unknown);
                        }
                        _ => own.push_str(line),
                    }
                }
            }
        }
    }
    unknown.extend(check_flags(command, known, &own, said));
    unknown
}

/// The long flags of `command` and of its subcommands (`profiles.rs` prints for `profiles remove`).
fn flags_within(command: &str) -> Vec<String> {
    let mut cli = Cli::command();
    cli.build();
    let level = cli.find_subcommand(command).unwrap();
    let mut known = flags_of(command);
    for sub in level.get_subcommands() {
        known.extend(flags_of(&format!("{command} {}", sub.get_name())));
    }
    known
}

/// The long flags of every command and subcommand, at any depth.
fn flags_of_any_command() -> Vec<String> {
    fn collect(command: &clap::Command, known: &mut Vec<String>) {
        known.extend(
            command
                .get_arguments()
                .filter_map(|a| a.get_long().map(|l| format!("--{l}"))),
        );
        for sub in command.get_subcommands() {
            collect(sub, known);
        }
    }
    let mut cli = Cli::command();
    cli.build();
    let mut known = vec!["--help".to_string(), "--version".to_string()];
    collect(&cli, &mut known);
    known
}

/// The text of every string literal in Rust source (escapes left as written), and of the doc
/// comments when `docs` is set (clap turns an argument's doc comment into its help).
fn literals_of(source: &str, docs: bool) -> Vec<String> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
                let comment = &source[at..end];
                if docs && (comment.starts_with("///") || comment.starts_with("//!")) {
                    found.push(comment[3..].to_string());
                }
                at = end;
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at = source[at + 2..]
                    .find("*/")
                    .map_or(source.len(), |i| at + 2 + i + 2);
            }
            b'\'' => {
                // A char literal ('"', '\'', '\u{1b}') or a lifetime ('a).
                if bytes.get(at + 1) == Some(&b'\\') {
                    at = source[at + 2..]
                        .find('\'')
                        .map_or(source.len(), |i| at + 2 + i + 1);
                } else if let Some(c) = source[at + 1..].chars().next()
                    && source[at + 1 + c.len_utf8()..].starts_with('\'')
                {
                    at += 1 + c.len_utf8() + 1;
                } else {
                    at += 1;
                }
            }
            b'r' if (bytes.get(at + 1) == Some(&b'"') || bytes.get(at + 1) == Some(&b'#'))
                && (at == 0
                    || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_')) =>
            {
                let hashes = bytes[at + 1..].iter().take_while(|b| **b == b'#').count();
                let open = at + 1 + hashes;
                if bytes.get(open) != Some(&b'"') {
                    at += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let end = source[open + 1..]
                    .find(&close)
                    .map_or(source.len(), |i| open + 1 + i);
                found.push(source[open + 1..end].to_string());
                at = end + close.len();
            }
            b'"' => {
                let mut end = at + 1;
                while end < bytes.len() && bytes[end] != b'"' {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                found.push(unescape(&source[at + 1..end.min(bytes.len())]));
                at = end + 1;
            }
            _ => at += 1,
        }
    }
    found
}

/// A string literal's text as printed, as far as lines go: `\n` is a line break, `\` before a
/// line break joins the lines, other escapes stand for their character.
fn unescape(literal: &str) -> String {
    let mut out = String::new();
    let mut chars = literal.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('\n') => while chars.next_if(|c| c.is_whitespace()).is_some() {},
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Every flag any message names exists where it can be shown: a message of
/// `src/commands/<command>.rs`, or of a catalog (`locales/*/*.ftl`, both languages) that this
/// file uses, on that command (or on the command a quoted `langfuse-otel …` line names); anywhere
/// else on some command (shared code prints for several commands; the tests above check each
/// command's own output at run time).
#[test]
fn every_flag_named_in_the_source_exists() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.join("src");
    let flags = FlagCheck::new();
    let mut sources = Vec::new();
    let mut files = vec![root.clone()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(&root).unwrap().to_path_buf();
            sources.push((relative, fs::read_to_string(&path).unwrap()));
        }
    }
    let (mut checked, mut unknown) = (0, Vec::new());
    for (relative, source) in &sources {
        let in_cli = relative == Path::new("cli.rs");
        for literal in literals_of(source, in_cli) {
            let context = format!("{} says: {literal}", relative.display());
            checked += flags.check(&literal, relative, &context, &mut unknown);
        }
    }
    // The messages moved into the catalogs: each is checked as said by every file that uses
    // it (`tr!("id"...)`), the help texts of help.ftl as cli.rs's doc comments are.
    let mut catalogs = 0;
    for language in fs::read_dir(manifest.join("locales")).unwrap() {
        for file in fs::read_dir(language.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let shown = path.strip_prefix(manifest).unwrap().display().to_string();
            for (id, text) in catalog_messages(&fs::read_to_string(&path).unwrap()) {
                catalogs += 1;
                let context = format!("{shown}: {id} says: {text}");
                let quoted = format!("\"{id}\"");
                let users: Vec<&Path> = sources
                    .iter()
                    .filter(|(_, source)| source.contains(&quoted))
                    .map(|(relative, _)| relative.as_path())
                    .collect();
                if users.is_empty() {
                    checked += flags.check(&text, Path::new("cli.rs"), &context, &mut unknown);
                }
                for user in users {
                    checked += flags.check(&text, user, &context, &mut unknown);
                }
            }
        }
    }
    assert!(unknown.is_empty(), "{}", unknown.join("\n"));
    // The scan found the messages (a lexer that lost its way would find none and pass).
    assert!(checked > 50, "only {checked} literals name a flag");
    assert!(catalogs > 100, "only {catalogs} catalog messages found");
}

/// The flags of each command, and the check of one message against them.
struct FlagCheck {
    commands: Vec<String>,
    any: Vec<String>,
}

impl FlagCheck {
    fn new() -> Self {
        let mut cli = Cli::command();
        cli.build();
        FlagCheck {
            commands: cli
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect(),
            any: flags_of_any_command(),
        }
    }

    /// Checks `message`, said by the source file `said_by` (relative to src/); 1 when it names
    /// a flag at all.
    fn check(
        &self,
        message: &str,
        said_by: &Path,
        context: &str,
        unknown: &mut Vec<String>,
    ) -> usize {
        // A lone `--flag` literal is an argument handed to another program (git's), not a
        // message.
        if !message.contains("--") || !message.trim().contains(char::is_whitespace) {
            return 0;
        }
        let own = said_by
            .strip_prefix("commands")
            .ok()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            // `help`'s topics speak of every command.
            .filter(|name| self.commands.contains(name) && name != "help");
        match &own {
            Some(command) => unknown.extend(unknown_flags_among(
                command,
                &flags_within(command),
                context,
            )),
            None => {
                // Quoted command lines are checked against the command they name; the rest
                // against every flag there is.
                for (index, part) in message.split('`').enumerate() {
                    match part.strip_prefix("langfuse-otel ") {
                        Some(line) if index % 2 == 1 => {
                            let other = line.split_whitespace().next().unwrap_or_default();
                            if self.commands.iter().any(|c| c == other) {
                                unknown.extend(check_flags(other, &flags_of(other), line, context));
                            }
                        }
                        None if index % 2 == 1 && !part.starts_with("--") => {}
                        _ => unknown.extend(check_flags("any command", &self.any, part, context)),
                    }
                }
            }
        }
        1
    }
}

/// Each message of a Fluent catalog with its text as shown: variables as `X`, string literals
/// (`{"{"}`) as their text, the lines of a multi-line value joined. Read with `fluent-syntax`,
/// not through the code under test; terms (`-name`) and attributes are skipped.
fn catalog_messages(source: &str) -> Vec<(String, String)> {
    use fluent_syntax::ast;
    fn pattern(pattern: &ast::Pattern<&str>, text: &mut String) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => text.push_str(value),
                ast::PatternElement::Placeable { expression } => expression_text(expression, text),
            }
        }
    }
    fn expression_text(expression: &ast::Expression<&str>, text: &mut String) {
        match expression {
            ast::Expression::Select { variants, .. } => {
                for variant in variants {
                    pattern(&variant.value, text);
                    text.push(' ');
                }
            }
            ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
                text.push_str(value)
            }
            ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
                expression_text(expression, text)
            }
            ast::Expression::Inline(_) => text.push('X'),
        }
    }
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(resource, _)| resource);
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            ast::Entry::Message(message) => {
                let mut text = String::new();
                pattern(message.value.as_ref()?, &mut text);
                Some((message.id.name.to_string(), text))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_wrong_flag_in_a_catalog_message_is_caught() {
    let flags = FlagCheck::new();
    let said = |text: &str, by: &str| {
        let (_, text) = catalog_messages(text).remove(0);
        let mut unknown = Vec::new();
        flags.check(&text, Path::new(by), &text, &mut unknown);
        unknown
    };
    let setup = "commands/setup.rs";
    assert!(said("cli-x = 用 --dry-run 看看会改什么", setup).is_empty());
    assert_eq!(said("cli-x = 用 --dry-runs 看看会改什么", setup).len(), 1);
    // export has no --dry-run.
    assert_eq!(
        said("cli-x = 用 --dry-run 看看", "commands/export.rs").len(),
        1
    );
    // A quoted command line is checked against the command it names, wherever it is said.
    let quoted = "cli-x =\n    先运行\n    `langfuse-otel rotate --profile { $name } --gitignore`";
    assert_eq!(said(quoted, "exit.rs").len(), 1);
    assert!(said(&quoted.replace(" --gitignore", ""), "exit.rs").is_empty());
}

fn check_flags(command: &str, known: &[String], text: &str, said: &str) -> Vec<String> {
    let mut unknown = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("--") {
        let name: String = rest[at + 2..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '-')
            .collect();
        rest = &rest[at + 2..];
        // `--` alone, before a command.
        if name.is_empty() || name.starts_with('-') {
            continue;
        }
        let flag = format!("--{}", name.trim_end_matches('-'));
        if !known.contains(&flag) {
            unknown.push(format!(
                "`{command}` named {flag}, which it does not have:\n{said}"
            ));
        }
    }
    unknown
}

/// Validates `document` against `schemas/<schema>.json` with Python's jsonschema.
fn assert_schema(schema: &str, document: &[u8]) {
    let probe = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        common::skip(
            "python3 with jsonschema is missing",
            "python3 -m pip install jsonschema",
        );
        return;
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(format!("{schema}.json"));
    let mut child = Command::new("python3")
        .args([
            "-c",
            "import json, sys, jsonschema\n\
             schema = json.load(open(sys.argv[1]))\n\
             jsonschema.Draft202012Validator.check_schema(schema)\n\
             jsonschema.Draft202012Validator(schema).validate(json.load(sys.stdin))",
        ])
        .arg(&path)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(document).unwrap();
    let result = child.wait_with_output().unwrap();
    assert!(
        result.status.success(),
        "not valid against schemas/{schema}.json:\n{}\n{}",
        String::from_utf8_lossy(document),
        String::from_utf8_lossy(&result.stderr)
    );
}

fn two_projects() -> SandboxConfig {
    let mut config = SandboxConfig::with_keys(PK, SK);
    config.projects.push(SandboxProject {
        public_key: NEW_PK.to_string(),
        secret_key: NEW_SK.to_string(),
        id: "cm0sandbox0project".to_string(),
        name: "Sandbox project".to_string(),
    });
    config
}

#[test]
fn every_json_report_matches_its_schema_and_errors_are_json_too() {
    let server = sandbox(two_projects());
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let xdg = ("XDG_CONFIG_HOME", config.path());

    let output = live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url(), "--vars", "otel,langfuse", "--json"])
        .env(xdg.0, xdg.1)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert_schema("setup", &output.stdout);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["files"][0]["status"], "create");
    assert_eq!(report["live_test"]["project"]["id"], "cm0sandbox0project");

    for args in [
        vec!["test", "--json", "--env-file", ".env"],
        vec!["doctor", "--json", "--env-file", ".env"],
    ] {
        let output = bin(dir.path())
            .args(&args)
            .env(xdg.0, xdg.1)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", text(&output));
        assert_schema(args[0], &output.stdout);
    }

    let output = bin(dir.path())
        .args([
            "rotate",
            "--json",
            "--public-key",
            NEW_PK,
            "--secret-key-stdin",
        ])
        .write_stdin(NEW_SK)
        .env(xdg.0, xdg.1)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert_schema("rotate", &output.stdout);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["revoke_at"],
        format!(
            "{}/project/cm0sandbox0project/settings/api-keys",
            server.url()
        )
    );

    let output = bin(dir.path())
        .args(["profiles", "--json", "--check"])
        .env(xdg.0, xdg.1)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert_schema("profiles", &output.stdout);

    // A failure that printed no report: JSON on stdout, the same exit code.
    let output = setup(dir.path(), PK, SK)
        .arg("--json")
        .env(xdg.0, xdg.1)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_schema("error", &output.stdout);
    let output = bin(dir.path())
        .args(["test", "--json", "--env-file", "missing.env"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(66));
    assert_schema("error", &output.stdout);
}

#[test]
fn rotate_shows_its_plan_skips_another_hosts_file_and_says_where_to_revoke() {
    let server = sandbox(two_projects());
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let xdg = ("XDG_CONFIG_HOME", config.path());
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url(), "--vars", "otel,langfuse"])
        .args(["--env-file", "a.env", "--env-file", "b.env"])
        .env(xdg.0, xdg.1)
        .assert()
        .success();
    // b.env now points elsewhere; a.env's protocol was edited by hand.
    let b = fs::read_to_string(dir.path().join("b.env")).unwrap();
    let b = b.replace(&server.url(), "https://other.example");
    fs::write(dir.path().join("b.env"), &b).unwrap();
    let a = fs::read_to_string(dir.path().join("a.env"))
        .unwrap()
        .replace("http/protobuf", "http/json");
    fs::write(dir.path().join("a.env"), &a).unwrap();

    let rotate = |extra: &[&str]| {
        bin(dir.path())
            .args(["rotate", "--public-key", NEW_PK, "--secret-key-stdin"])
            .args(extra)
            .write_stdin(NEW_SK)
            .env(xdg.0, xdg.1)
            .output()
            .unwrap()
    };
    let refused = rotate(&[]);
    assert_eq!(refused.status.code(), Some(3), "{}", text(&refused));
    assert_flags_exist("rotate", &refused);
    assert!(
        text(&refused).contains("other.example"),
        "{}",
        text(&refused)
    );
    assert_eq!(fs::read_to_string(dir.path().join("a.env")).unwrap(), a);

    // A dry run stops where the real run would; with --yes it shows the whole plan.
    let dry = rotate(&["--dry-run"]);
    assert_eq!(dry.status.code(), Some(3), "{}", text(&dry));
    let dry = rotate(&["--dry-run", "--yes"]);
    assert_eq!(dry.status.code(), Some(0), "{}", text(&dry));
    assert!(text(&dry).contains("Dry run"));
    assert_eq!(fs::read_to_string(dir.path().join("a.env")).unwrap(), a);

    let done = rotate(&["--yes"]);
    assert_eq!(done.status.code(), Some(0), "{}", text(&done));
    assert_flags_exist("rotate", &done);
    let a_after = fs::read_to_string(dir.path().join("a.env")).unwrap();
    assert!(a_after.contains(NEW_PK) && !a_after.contains(PK));
    assert_eq!(fs::read_to_string(dir.path().join("b.env")).unwrap(), b);
    assert!(
        text(&done).contains(&format!(
            "{}/project/cm0sandbox0project/settings/api-keys",
            server.url()
        )),
        "{}",
        text(&done)
    );
}

#[test]
fn profiles_fail_when_one_is_unusable_and_remove_asks() {
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let xdg = ("XDG_CONFIG_HOME", config.path());
    for name in ["good", "broken"] {
        setup(dir.path(), PK, SK)
            .args(["--region", "eu", "--profile", name, "--env-file"])
            .arg(format!("{name}.env"))
            .env(xdg.0, xdg.1)
            .assert()
            .success();
    }
    fs::write(dir.path().join("broken.env"), "OTHER=1\n").unwrap();
    let listed = bin(dir.path())
        .arg("profiles")
        .env(xdg.0, xdg.1)
        .output()
        .unwrap();
    assert_eq!(listed.status.code(), Some(43), "{}", text(&listed));
    assert!(text(&listed).contains("broken"));
    assert_flags_exist("profiles", &listed);
    let json = bin(dir.path())
        .args(["profiles", "--json"])
        .env(xdg.0, xdg.1)
        .output()
        .unwrap();
    assert_eq!(json.status.code(), Some(43));
    assert_schema("profiles", &json.stdout);

    // No terminal to ask: --yes or nothing happens.
    let refused = bin(dir.path())
        .args(["profiles", "remove", "broken"])
        .env(xdg.0, xdg.1)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(3), "{}", text(&refused));
    assert!(
        config
            .path()
            .join("langfuse-otel/profiles/broken.toml")
            .exists()
    );
    assert_flags_exist("profiles remove", &refused);
    bin(dir.path())
        .args(["profiles", "remove", "broken", "--yes"])
        .env(xdg.0, xdg.1)
        .assert()
        .success();
    assert!(
        !config
            .path()
            .join("langfuse-otel/profiles/broken.toml")
            .exists()
    );
    bin(dir.path())
        .arg("profiles")
        .env(xdg.0, xdg.1)
        .assert()
        .success();
}

#[test]
fn values_are_taken_in_any_case_and_with_spaces_and_encode_offers_no_auto() {
    let dir = TempDir::new().unwrap();
    let output = bin(dir.path())
        .args([
            "encode",
            "--public-key",
            PK,
            "--region",
            "EU",
            "--vars",
            " Otel, langfuse ",
        ])
        .env("LANGFUSE_SECRET_KEY", SK)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("OTEL_EXPORTER_OTLP_ENDPOINT=https://cloud.langfuse.com"));
    assert!(stdout.contains("LANGFUSE_BASE_URL="));
    assert!(!stdout.contains("TRACELOOP_"));

    let help = bin(dir.path()).args(["encode", "--help"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&help.stdout).contains("auto"));
    bin(dir.path())
        .args(["encode", "--public-key", PK, "--region", "auto"])
        .env("LANGFUSE_SECRET_KEY", SK)
        .assert()
        .code(2);
}

#[test]
fn doctor_takes_env_file_and_test_honours_the_profile_variable() {
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let server = sandbox(SandboxConfig::with_keys(PK, SK));
    live_setup(dir.path(), PK, SK)
        .args([
            "--host",
            &server.url(),
            "--profile",
            "fromenv",
            "--env-file",
            "x.env",
        ])
        .env("XDG_CONFIG_HOME", config.path())
        .assert()
        .success();
    let by_flag = bin(dir.path())
        .args(["doctor", "--offline", "--env-file", "x.env"])
        .output()
        .unwrap();
    let by_path = bin(dir.path())
        .args(["doctor", "--offline", "x.env"])
        .output()
        .unwrap();
    assert_eq!(by_flag.status.code(), Some(0), "{}", text(&by_flag));
    assert_eq!(by_flag.stdout, by_path.stdout);
    // No ./.env here and nothing in the environment: the profile is what gets tested.
    let tested = bin(dir.path())
        .arg("test")
        .env("XDG_CONFIG_HOME", config.path())
        .env("LANGFUSE_OTEL_PROFILE", "fromenv")
        .output()
        .unwrap();
    assert_eq!(tested.status.code(), Some(0), "{}", text(&tested));
    assert!(
        text(&tested).contains("profile fromenv"),
        "{}",
        text(&tested)
    );
}

#[test]
fn setup_without_a_terminal_says_how_and_a_dry_run_asks_the_keyring() {
    let dir = TempDir::new().unwrap();
    let output = bin(dir.path()).arg("setup").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("--non-interactive"));
    assert_flags_exist("setup", &output);
    assert!(!dir.path().join(".env").exists());

    // No D-Bus session: the real run would fail with 40, so the dry run does.
    let dry = bin(dir.path())
        .args([
            "setup",
            "--non-interactive",
            "--skip-test",
            "--dry-run",
            "--region",
            "eu",
        ])
        .args(["--public-key", PK, "--secret-key-stdin"])
        .write_stdin(SK)
        .output()
        .unwrap();
    assert_eq!(dry.status.code(), Some(40), "{}", text(&dry));
    assert_flags_exist("setup", &dry);
    assert!(!dir.path().join(".env").exists());
}

#[test]
fn a_node_project_gets_the_families_node_reads_and_a_node_hint() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("package.json"), "{\"name\":\"app\"}\n").unwrap();
    let output = setup(dir.path(), PK, SK)
        .args(["--region", "eu"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let env = fs::read_to_string(dir.path().join(".env")).unwrap();
    assert!(env.contains("OTEL_EXPORTER_OTLP_HEADERS=") && env.contains("LANGFUSE_BASE_URL="));
    assert!(!env.contains("TRACELOOP_"), "{env}");
    let said = text(&output);
    assert!(
        said.contains("node --env-file") && !said.contains("python-dotenv"),
        "{said}"
    );
    assert_flags_exist("setup", &output);
}

#[test]
fn messages_of_run_and_export_name_only_their_own_flags() {
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let Some(service) = SecretService::start() else {
        return;
    };
    let mut keyring_profile = service.setup(dir.path(), PK, SK, "https://cloud.langfuse.com");
    keyring_profile.args(["--skip-test", "--profile", "k"]);
    keyring_profile.assert().success();
    let profiles = service.root().join("config");
    // The keyring gone (no D-Bus session): each says what to do with the flags it has.
    for args in [
        vec!["run", "--profile", "k", "--", "true"],
        vec!["export", "--profile", "k"],
        vec!["test", "--profile", "k"],
    ] {
        let output = bin(dir.path())
            .args(&args)
            .env("XDG_CONFIG_HOME", &profiles)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(40), "{}", text(&output));
        assert_flags_exist(args[0], &output);
    }
    drop(config);
}

/// `--non-interactive` never reads a terminal: with the secret to come from a terminal's stdin, it
/// stops with exit 2 and says how, instead of prompting (a real pty: tmux).
#[test]
fn non_interactive_never_prompts_on_a_terminal() {
    if !common::secret_service::have("tmux") {
        common::skip("tmux is not installed", "apt-get install tmux");
        return;
    }
    let dir = TempDir::new().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("langfuse-otel");
    let socket = format!("lfotel-cli-{}", std::process::id());
    let script = format!(
        "cd '{dir}' && env -u DBUS_SESSION_BUS_ADDRESS XDG_CONFIG_HOME='{dir}/config' '{bin}' setup --non-interactive --skip-test --no-keyring --region eu --public-key {PK} --secret-key-stdin; echo $? > exit.txt; sleep 60",
        dir = dir.path().display(),
        bin = bin.display(),
    );
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .args(["-L", &socket])
            .args(args)
            .output()
            .unwrap()
    };
    let started = tmux(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        "main",
        "-x",
        "100",
        "-y",
        "30",
        &script,
    ]);
    assert!(started.status.success(), "{started:?}");
    let exit = dir.path().join("exit.txt");
    let begun = std::time::Instant::now();
    while !fs::read_to_string(&exit).is_ok_and(|s| s.ends_with('\n'))
        && begun.elapsed() < std::time::Duration::from_secs(20)
    {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let screen =
        String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", "main"]).stdout).into_owned();
    tmux(&["kill-server"]);
    assert_eq!(
        fs::read_to_string(&exit).unwrap_or_default().trim(),
        "2",
        "{screen}"
    );
    assert!(screen.contains("never prompts"), "{screen}");
    assert!(!screen.contains("Secret key (sk-lf-"), "{screen}");
    assert!(!dir.path().join(".env").exists());
}

#[test]
fn help_has_topics_like_gh() {
    let dir = TempDir::new().unwrap();
    let codes = bin(dir.path())
        .args(["help", "exit-codes"])
        .output()
        .unwrap();
    assert_eq!(codes.status.code(), Some(0));
    let listed = String::from_utf8_lossy(&codes.stdout).into_owned();
    for exit in langfuse_otel::exit::Exit::ALL {
        let row = format!("{:>3}  {}", exit.code(), exit.meaning());
        assert!(listed.contains(&row), "missing {row}:\n{listed}");
    }
    let environment = bin(dir.path())
        .args(["help", "environment"])
        .output()
        .unwrap();
    let environment = String::from_utf8_lossy(&environment.stdout).into_owned();
    for name in [
        "LANGFUSE_OTEL_PROFILE",
        "LANGFUSE_SECRET_KEY",
        "HTTPS_PROXY",
        "NO_COLOR",
    ] {
        assert!(environment.contains(name), "{name}:\n{environment}");
    }
    let top = bin(dir.path()).arg("help").output().unwrap();
    let top = String::from_utf8_lossy(&top.stdout).into_owned();
    assert!(
        top.contains("exit-codes") && top.contains("environment"),
        "{top}"
    );
    // `help COMMAND` is that command's --help.
    let via_help = bin(dir.path()).args(["help", "rotate"]).output().unwrap();
    let via_flag = bin(dir.path()).args(["rotate", "--help"]).output().unwrap();
    assert_eq!(via_help.stdout, via_flag.stdout);
    bin(dir.path())
        .args(["help", "no-such-topic"])
        .assert()
        .code(2);
}

/// `rotate` keeps the profile's host and families: asked to change them, it names the `setup` line
/// that does (exit 2), instead of clap's bare "unexpected argument", and changes nothing.
#[test]
fn rotate_names_the_setup_line_for_a_new_host_or_families() {
    let dir = TempDir::new().unwrap();
    for (flag, value) in [
        ("--host", "https://us.cloud.langfuse.com"),
        ("--vars", "otel"),
    ] {
        let output = bin(dir.path())
            .args(["rotate", "--profile", "work", flag, value])
            .args(["--public-key", NEW_PK, "--non-interactive"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{}", text(&output));
        let said = text(&output);
        assert!(
            said.contains(&format!("`langfuse-otel setup --profile work {flag} ...`")),
            "{said}"
        );
        assert_flags_exist("rotate", &output);
    }
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}
