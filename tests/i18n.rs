//! The message catalogs (`locales/`): every message has its Chinese, with the same arguments;
//! every id the source uses exists and every message is used; every `--help` text has its
//! Chinese; and the binary speaks the language `--lang` or the locale asks for.
//!
//! The catalogs are read with `fluent-syntax` (the parser `fluent-bundle` itself uses), the
//! source with a small lexer: neither goes through `core::i18n`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use assert_cmd::Command;
use fluent_syntax::ast;
use langfuse_otel::cli::{Cli, HelpIds};
use langfuse_otel::core::i18n::Lang;

/// Each message of one language: id -> (file, the variables it uses, its text without
/// placeables).
type Catalog = BTreeMap<String, Message>;

#[derive(Debug)]
struct Message {
    file: &'static str,
    variables: BTreeSet<String>,
    text: String,
}

fn catalog(lang: Lang) -> Catalog {
    let mut messages = Catalog::new();
    let mut problems = Vec::new();
    for (file, source) in lang.catalog_files() {
        let resource = match fluent_syntax::parser::parse(*source) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for error in errors {
                    let line = source[..error.pos.start.min(source.len())].lines().count();
                    problems.push(format!("{file}:{line}: {:?}", error.kind));
                }
                resource
            }
        };
        for entry in resource.body {
            match entry {
                ast::Entry::Message(message) => {
                    let id = message.id.name.to_string();
                    let mut variables = BTreeSet::new();
                    let mut text = String::new();
                    if let Some(pattern) = &message.value {
                        walk_pattern(pattern, &mut variables, &mut text);
                    } else {
                        problems.push(format!("{file}: `{id}` has no value"));
                    }
                    if !message.attributes.is_empty() {
                        problems.push(format!("{file}: `{id}` has attributes, which are not read"));
                    }
                    if let Some(first) = messages.insert(
                        id.clone(),
                        Message {
                            file,
                            variables,
                            text,
                        },
                    ) {
                        problems.push(format!(
                            "{file}: `{id}` defined again (first in {})",
                            first.file
                        ));
                    }
                }
                ast::Entry::Junk { content } => {
                    problems.push(format!("{file}: does not parse: {content:?}"));
                }
                _ => {}
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{}:\n{}",
        lang.tag(),
        problems.join("\n")
    );
    messages
}

fn walk_pattern(pattern: &ast::Pattern<&str>, variables: &mut BTreeSet<String>, text: &mut String) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => text.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                walk_expression(expression, variables, text)
            }
        }
    }
}

fn walk_expression(
    expression: &ast::Expression<&str>,
    variables: &mut BTreeSet<String>,
    text: &mut String,
) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, variables, text);
            for variant in variants {
                walk_pattern(&variant.value, variables, text);
            }
        }
        ast::Expression::Inline(inline) => walk_inline(inline, variables, text),
    }
}

fn walk_inline(
    inline: &ast::InlineExpression<&str>,
    variables: &mut BTreeSet<String>,
    text: &mut String,
) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            variables.insert(id.name.to_string());
        }
        ast::InlineExpression::StringLiteral { value } => text.push_str(value),
        ast::InlineExpression::Placeable { expression } => {
            walk_expression(expression, variables, text)
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                walk_inline(argument, variables, text);
            }
        }
        _ => {}
    }
}

fn is_help_id(id: &str) -> bool {
    id.starts_with("help-")
        && !id.starts_with("help-heading-")
        && !id.starts_with("help-flag-")
        && !id.starts_with("help-note-")
}

#[test]
fn every_message_has_its_chinese_with_the_same_arguments() {
    let en = catalog(Lang::En);
    let zh = catalog(Lang::ZhCn);
    let mut problems = Vec::new();
    for (id, english) in &en {
        match zh.get(id) {
            None => problems.push(format!("`{id}` ({}) has no Chinese", english.file)),
            Some(chinese) if chinese.variables != english.variables => problems.push(format!(
                "`{id}`: the Chinese uses {:?}, the English {:?}",
                chinese.variables, english.variables
            )),
            Some(_) => {}
        }
    }
    for (id, chinese) in &zh {
        if !en.contains_key(id) && !is_help_id(id) {
            problems.push(format!(
                "`{id}` ({}) is not an English message",
                chinese.file
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// An English sentence left in the Chinese catalog: text with two English words in a row
/// (outside `code` and placeables) whose Chinese has no Han character.
#[test]
fn chinese_messages_are_written_in_chinese() {
    let en = catalog(Lang::En);
    let zh = catalog(Lang::ZhCn);
    let prose = |text: &str| {
        let mut outside_code = String::new();
        for (i, part) in text.split('`').enumerate() {
            if i % 2 == 0 {
                outside_code.push_str(part);
                outside_code.push(' ');
            }
        }
        outside_code
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|word| word.len() >= 2)
            .count()
            >= 2
    };
    let han = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let untranslated: Vec<&String> = zh
        .iter()
        .filter(|(id, chinese)| {
            let english = en
                .get(*id)
                .map_or(chinese.text.as_str(), |m| m.text.as_str());
            prose(english) && !han(&chinese.text)
        })
        .map(|(id, _)| id)
        .collect();
    assert!(
        untranslated.is_empty(),
        "still in English: {untranslated:?}"
    );
}

/// The `tr!` and `tr_static!` calls of a Rust file: (message id, the argument names given).
fn message_uses(source: &str) -> Vec<(String, BTreeSet<String>)> {
    // Comments name the macros in examples; only code counts.
    let code: String = source
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let source = code.as_str();
    let mut uses = Vec::new();
    for macro_name in ["tr!(", "tr_static!("] {
        let mut rest = source;
        while let Some(at) = rest.find(macro_name) {
            let preceded_by_ident = rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            rest = &rest[at + macro_name.len()..];
            if preceded_by_ident {
                continue;
            }
            let body = balanced(rest);
            let Some(id) = body
                .trim_start()
                .strip_prefix('"')
                .and_then(|s| s.split('"').next())
            else {
                continue;
            };
            let names = split_top_level(body)
                .into_iter()
                .skip(1)
                .filter_map(|argument| {
                    let (name, _) = argument.split_once('=')?;
                    let name = name.trim();
                    name.chars()
                        .all(|c| c.is_alphanumeric() || c == '_')
                        .then(|| name.to_string())
                })
                .collect();
            uses.push((id.to_string(), names));
        }
    }
    uses
}

/// The text up to the `)` that closes the one already opened, strings and chars skipped.
fn balanced(text: &str) -> &str {
    let mut depth = 1;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return &text[..i];
                }
            }
            _ => {}
        }
    }
    text
}

fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut in_string, mut escaped) = (0, 0, false, false);
    for (i, c) in text.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

fn rust_files(dir: &Path, into: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

#[test]
fn every_message_the_source_names_exists_with_its_arguments_and_every_message_is_used() {
    let en = catalog(Lang::En);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut used = BTreeSet::new();
    let mut problems = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let shown = file.strip_prefix(root).unwrap().display().to_string();
        for (id, names) in message_uses(&source) {
            match en.get(&id) {
                None => problems.push(format!("{shown}: `{id}` is not in locales/en")),
                Some(message) => {
                    let missing: Vec<_> = message.variables.difference(&names).collect();
                    let extra: Vec<_> = names.difference(&message.variables).collect();
                    if !missing.is_empty() || !extra.is_empty() {
                        problems.push(format!(
                            "{shown}: `{id}` uses {:?} but is given {:?}",
                            message.variables, names
                        ));
                    }
                }
            }
            used.insert(id);
        }
    }
    // clap's own words are used by name from src/cli.rs like every other message.
    for id in en.keys() {
        if !used.contains(id) {
            problems.push(format!("`{id}` ({}) is never used", en[id].file));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_lexer_finds_ids_and_argument_names() {
    let uses = message_uses(
        r#"let a = tr!("one"); f(tr!("two", path = p.display(), count = v.len(),)); not_tr!("x");
           tr_static!("three") ; tr!("four", text = format!("{a}, {b}"), n = g(1, 2))"#,
    );
    let ids: Vec<_> = uses.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["one", "two", "four", "three"]);
    assert_eq!(uses[1].1, BTreeSet::from(["path".into(), "count".into()]));
    assert_eq!(uses[2].1, BTreeSet::from(["text".into(), "n".into()]));
}

/// Every `--help` text clap shows (about, long about, examples, each visible argument's help)
/// and the ids `locales/zh-CN/help.ftl` gives for them.
fn help_texts(command: &clap::Command, path: &str, into: &mut BTreeMap<String, String>) {
    let texts = [
        command.get_about(),
        command.get_long_about(),
        command.get_after_help(),
        command.get_after_long_help(),
    ];
    for (name, text) in HelpIds::COMMAND_TEXTS.into_iter().zip(texts) {
        if let Some(text) = text {
            into.insert(HelpIds::command(path, name), text.to_string());
        }
    }
    for arg in command.get_arguments() {
        if arg.is_hide_set() {
            continue;
        }
        let id = arg.get_id().as_str();
        if let Some(help) = arg.get_help() {
            into.insert(HelpIds::arg(path, id, false), help.to_string());
        }
        if let Some(help) = arg.get_long_help() {
            into.insert(HelpIds::arg(path, id, true), help.to_string());
        }
    }
    for sub in command.get_subcommands() {
        if !sub.is_hide_set() {
            help_texts(sub, &format!("{path}-{}", sub.get_name()), into);
        }
    }
}

#[test]
fn every_help_text_has_its_chinese_and_every_chinese_help_text_a_place() {
    use clap::CommandFactory as _;
    let mut english = BTreeMap::new();
    help_texts(&Cli::command(), "root", &mut english);
    let zh = catalog(Lang::ZhCn);
    let mut problems = Vec::new();
    for (id, text) in &english {
        if !zh.contains_key(id) {
            problems.push(format!("{id} = {text:?}"));
        }
    }
    for (id, message) in &zh {
        if is_help_id(id) && !english.contains_key(id) {
            problems.push(format!("`{id}` ({}) names no help text", message.file));
        }
    }
    assert!(
        problems.is_empty(),
        "help texts without Chinese (or the reverse):\n{}",
        problems.join("\n")
    );
}

fn bin() -> Command {
    let mut command = Command::cargo_bin("langfuse-otel").unwrap();
    for variable in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(variable);
    }
    command
}

fn stdout(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn help_speaks_the_language_of_lang_then_of_the_locale() {
    let english = stdout(bin().args(["setup", "--help"]));
    assert!(english.contains("Usage:"), "{english}");
    for chosen in [
        stdout(bin().args(["--lang", "zh-CN", "setup", "--help"])),
        stdout(bin().args(["setup", "--lang=zh_CN", "--help"])),
        stdout(bin().args(["setup", "--help"]).env("LANG", "zh_CN.UTF-8")),
        stdout(
            bin()
                .args(["setup", "--help"])
                .env("LC_MESSAGES", "zh_SG.UTF-8")
                .env("LANG", "en_US.UTF-8"),
        ),
        stdout(
            bin()
                .args(["setup", "--help"])
                .env("LC_ALL", "zh_CN.UTF-8")
                .env("LANG", "en_US.UTF-8"),
        ),
    ] {
        assert!(chosen.contains("用法:"), "{chosen}");
        for english_word in [
            "Usage:",
            "Options:",
            "Arguments:",
            "[default:",
            "[possible values:",
            "[env:",
            "Print help",
        ] {
            assert!(
                !chosen.contains(english_word),
                "{english_word} in:\n{chosen}"
            );
        }
    }
    for english in [
        stdout(bin().args(["setup", "--help"]).env("LANG", "zh_TW.UTF-8")),
        stdout(
            bin()
                .args(["setup", "--help"])
                .env("LC_ALL", "en_US.UTF-8")
                .env("LANG", "zh_CN.UTF-8"),
        ),
        stdout(
            bin()
                .args(["--lang", "en", "setup", "--help"])
                .env("LANG", "zh_CN.UTF-8"),
        ),
    ] {
        assert!(english.contains("Usage:"), "{english}");
    }
}

#[test]
fn an_unknown_language_is_a_usage_error_that_names_the_choices() {
    let output = bin().args(["--lang", "fr", "doctor"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("en or zh-CN"), "{stderr}");
}

/// A run parses only the catalog files its messages' prefixes name (`i18n::files_for`): a
/// message in another file would never be found, and a reference to another file's term or
/// message would not resolve.
#[test]
fn each_message_is_where_its_prefix_says_and_refers_only_within_its_file() {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        for (path, source) in lang.catalog_files() {
            let name = path.rsplit('/').next().unwrap();
            let resource = fluent_syntax::parser::parse(*source).unwrap_or_else(|(r, _)| r);
            let mut defined = BTreeSet::new();
            let mut referenced = BTreeSet::new();
            for entry in &resource.body {
                match entry {
                    ast::Entry::Message(message) => {
                        let id = message.id.name;
                        defined.insert(id.to_string());
                        if !langfuse_otel::core::i18n::files_for(id).contains(&name) {
                            problems.push(format!(
                                "{path}: `{id}` is not found there (its prefix names {:?})",
                                langfuse_otel::core::i18n::files_for(id)
                            ));
                        }
                        if let Some(pattern) = &message.value {
                            references(pattern, &mut referenced);
                        }
                    }
                    ast::Entry::Term(term) => {
                        defined.insert(format!("-{}", term.id.name));
                        references(&term.value, &mut referenced);
                    }
                    _ => {}
                }
            }
            for missing in referenced.difference(&defined) {
                problems.push(format!(
                    "{path}: refers to `{missing}`, defined in no message or term of this file"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn references(pattern: &ast::Pattern<&str>, into: &mut BTreeSet<String>) {
    fn inline(expression: &ast::InlineExpression<&str>, into: &mut BTreeSet<String>) {
        match expression {
            ast::InlineExpression::MessageReference { id, .. } => {
                into.insert(id.name.to_string());
            }
            ast::InlineExpression::TermReference { id, .. } => {
                into.insert(format!("-{}", id.name));
            }
            ast::InlineExpression::Placeable { expression } => placeable(expression, into),
            _ => {}
        }
    }
    fn placeable(expression: &ast::Expression<&str>, into: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Inline(expression) => inline(expression, into),
            ast::Expression::Select { selector, variants } => {
                inline(selector, into);
                for variant in variants {
                    references(&variant.value, into);
                }
            }
        }
    }
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            placeable(expression, into);
        }
    }
}

/// clap's usage errors in Chinese: the same exit code as in English, every argument and value
/// the English names, and no English sentence left; English is clap's own text, unchanged.
#[test]
fn usage_errors_speak_the_language_with_the_same_exit_code() {
    let cases: &[&[&str]] = &[
        &["setup", "--bogus"],
        &["setup", "--regoin", "eu"],
        &["setup", "--region", "mars"],
        &["test", "--timeout", "abc"],
        &["doctor", "--fix", "--fix"],
        &["explain", "--env-file"],
        &["profiles", "remove"],
        &["bogus"],
        &["explain", "--env-file", "a", "--no-env-file"],
        &["--lang", "fr", "doctor"],
    ];
    for args in cases {
        let english = bin().args(*args).output().unwrap();
        let chinese = bin()
            .args(*args)
            .env("LANG", "zh_CN.UTF-8")
            .output()
            .unwrap();
        let (en, zh) = (
            String::from_utf8_lossy(&english.stderr),
            String::from_utf8_lossy(&chinese.stderr),
        );
        assert_eq!(english.status.code(), Some(2), "{args:?}: {en}");
        assert_eq!(chinese.status.code(), Some(2), "{args:?}: {zh}");
        assert!(en.starts_with("error: "), "{args:?}: {en}");
        assert!(zh.starts_with("错误："), "{args:?}: {zh}");
        for english_words in [
            "error:",
            "unexpected",
            "invalid value",
            "Usage:",
            "For more information",
            "tip:",
        ] {
            assert!(
                !zh.contains(english_words),
                "{args:?}: {english_words:?} in\n{zh}"
            );
        }
        // Every quoted name or value of the English is in the Chinese too.
        for quoted in en.split('\'').skip(1).step_by(2) {
            if !quoted.contains(' ') || quoted.starts_with("--") {
                assert!(
                    zh.contains(quoted),
                    "{args:?}: {quoted:?} missing from\n{zh}\n(English:\n{en})"
                );
            }
        }
        assert!(english.stdout.is_empty() && chinese.stdout.is_empty());
    }
}

/// The commands say nothing to people outside the catalog: no string literal of
/// `src/commands/`, `src/main.rs`, `src/exit.rs` (their code, not their unit tests) holds two
/// English words in a row, except shell lines the commands print or generate as they are.
#[test]
fn the_commands_have_no_english_prose_outside_the_catalog() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/commands"), &mut files);
    files.push(root.join("src/main.rs"));
    files.push(root.join("src/exit.rs"));
    // Shell lines, printed or generated byte for byte in every language.
    let verbatim = ["   $ langfuse-otel ", "complete -c "];
    let mut prose = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        let shown = file.strip_prefix(root).unwrap().display().to_string();
        for literal in string_literals(code) {
            if verbatim.iter().any(|v| literal.starts_with(v)) {
                continue;
            }
            if english_words_in_a_row(&literal) {
                prose.push(format!("{shown}: {literal:?}"));
            }
        }
    }
    assert!(
        prose.is_empty(),
        "English outside tr!():\n{}",
        prose.join("\n")
    );
    assert!(english_words_in_a_row("cannot write {name}: {error}"));
    assert!(!english_words_in_a_row("cli-setup-no-host"));
    assert!(!english_words_in_a_row("{}: {}"));
}

/// Two words of two or more ASCII letters, separated by one space (placeables like `{name}`
/// are not words).
fn english_words_in_a_row(text: &str) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    words.windows(2).any(|pair| {
        pair.iter().all(|word| {
            let word = word.trim_end_matches([',', ':', ';', '.']);
            word.len() >= 2 && word.chars().all(|c| c.is_ascii_alphabetic())
        })
    })
}

/// The `"..."` literals of Rust code, comments skipped (escapes kept as written).
fn string_literals(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut chars = line.chars().peekable();
        let mut previous = ' ';
        while let Some(c) = chars.next() {
            if c == '/' && chars.peek() == Some(&'/') {
                break;
            }
            if c == '"' && previous != '\'' {
                let mut literal = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            literal.push(c);
                            if let Some(next) = chars.next() {
                                literal.push(next);
                            }
                        }
                        '"' => break,
                        _ => literal.push(c),
                    }
                }
                found.push(literal);
            }
            previous = c;
        }
    }
    found
}

/// The catalogs are parsed a message at a time (`core::i18n`): each message, formatted through
/// it, reads exactly as in a bundle of its whole file (`fluent-bundle` over the file's text), for
/// numbers that pick each plural form and for text arguments.
#[test]
fn each_message_parsed_alone_formats_as_in_its_whole_file() {
    use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
    use langfuse_otel::core::i18n;
    for lang in Lang::ALL {
        let messages = catalog(lang);
        let mut checked = 0;
        for (file, source) in lang.catalog_files() {
            let mut whole = FluentBundle::new_concurrent(vec![lang.tag().parse().unwrap()]);
            whole.set_use_isolating(false);
            whole
                .add_resource(FluentResource::try_new(source.to_string()).unwrap())
                .unwrap();
            for (id, message) in messages.iter().filter(|(_, m)| m.file == *file) {
                let values: [fn() -> FluentValue<'static>; 4] = [
                    || FluentValue::from(1),
                    || FluentValue::from(7),
                    || FluentValue::from(0),
                    || FluentValue::from("a/b c"),
                ];
                let mut formatted_once = false;
                for value in values {
                    let mut args = FluentArgs::new();
                    for variable in &message.variables {
                        args.set(variable.clone(), value());
                    }
                    let pattern = whole.get_message(id).unwrap().value().unwrap();
                    let mut errors = Vec::new();
                    let expected = whole.format_pattern(pattern, Some(&args), &mut errors);
                    if !errors.is_empty() {
                        continue;
                    }
                    formatted_once = true;
                    let ours = i18n::with_language(lang, || i18n::message(id, Some(&args)));
                    assert_eq!(ours, expected, "{file}: {id}");
                }
                assert!(formatted_once, "{file}: {id} formats with no argument set");
                checked += 1;
            }
        }
        assert_eq!(checked, messages.len(), "{}", lang.tag());
    }
}
