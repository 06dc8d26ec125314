//! The language changes the words people read, and nothing programs read: every command with JSON
//! output, and every command that writes a file, runs once in English and twice in Chinese (by
//! `--lang zh-CN` and by `LANG=zh_CN.UTF-8`), each in a directory of its own against the same
//! loopback sandbox. Standard output of the JSON commands, every file written (the .env, the
//! profile) and every exit code are compared byte for byte, after only what differs between two
//! runs in any language is masked (the run's directory, times, durations). The human output of
//! the same commands is checked to be Chinese under zh-CN and English otherwise.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{PK, SK, bin, config_for, ours};
use tempfile::TempDir;

/// How a run chooses its language.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Choice {
    English,
    Flag,
    Locale,
}

impl Choice {
    const ALL: [Choice; 3] = [Choice::English, Choice::Flag, Choice::Locale];

    fn chinese(self) -> bool {
        self != Choice::English
    }
}

/// One language's run of the whole sequence: a directory, and what each step gave.
struct Run {
    choice: Choice,
    dir: TempDir,
    steps: Vec<Step>,
    /// A private Secret Service's environment (its bus, HOME and config directory), if any.
    envs: Vec<(String, String)>,
    /// Directories besides the run's own whose names are masked (the Secret Service's root).
    places: Vec<String>,
}

/// One command's result: its name, exit code, standard output (masked when it is JSON), its
/// standard error, and whether its output is for people.
struct Step {
    name: String,
    code: Option<i32>,
    stdout: String,
    stderr: String,
    human: bool,
}

impl Run {
    fn new(choice: Choice) -> Run {
        Run {
            choice,
            dir: TempDir::new().unwrap(),
            steps: Vec::new(),
            envs: Vec::new(),
            places: Vec::new(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The command in this run's directory and language; `stdin` for the secret.
    fn run(&mut self, name: &str, args: &[&str], stdin: Option<&str>, human: bool) -> &Step {
        let mut command = bin(self.path());
        command.envs(self.envs.iter().cloned());
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
            command.env_remove(variable);
        }
        match self.choice {
            Choice::English => {
                command.args(["--lang", "en"]);
            }
            Choice::Flag => {
                command.args(["--lang", "zh-CN"]);
            }
            Choice::Locale => {
                command.env("LANG", "zh_CN.UTF-8");
            }
        }
        command.args(args);
        if let Some(stdin) = stdin {
            command.write_stdin(stdin.to_string());
        }
        if name.starts_with("encode") {
            command.env("LANGFUSE_SECRET_KEY", SK);
        }
        let output: Output = command.output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stdout = if human {
            stdout
        } else {
            self.masked_json(name, &stdout)
        };
        self.steps.push(Step {
            name: name.to_string(),
            code: output.status.code(),
            stdout,
            stderr: String::from_utf8(output.stderr).unwrap(),
            human,
        });
        self.steps.last().unwrap()
    }

    /// The run's own directories replaced by a placeholder.
    fn unplaced(&self, text: &str) -> String {
        let dir = self.path().display().to_string();
        let config = config_for(self.path()).display().to_string();
        let mut text = text.replace(&config, "<CONFIG>").replace(&dir, "<DIR>");
        for place in &self.places {
            text = text.replace(place, "<PLACE>");
        }
        text
    }

    /// JSON output with the run's directory, times and durations masked; anything else as it is
    /// (a report that is not JSON is a difference too).
    fn masked_json(&self, name: &str, text: &str) -> String {
        if name.starts_with("export") || name.starts_with("encode") {
            return text.to_string();
        }
        let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else {
            return text.to_string();
        };
        mask(&mut value);
        self.unplaced(&serde_json::to_string_pretty(&value).unwrap())
    }

    /// Every file under the run's directory and its config directory, masked as the JSON is.
    fn files(&self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        for root in [self.path().to_path_buf(), config_for(self.path())] {
            for path in common::files_under(&root) {
                let relative = path.strip_prefix(&root).unwrap().display().to_string();
                let text = fs::read_to_string(&path).unwrap();
                let text = text
                    .lines()
                    .map(|line| match line.split_once(" = ") {
                        Some((key, _)) if TIMES.contains(&key.trim()) => format!("{key} = <TIME>"),
                        _ => line.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                files.push((relative, self.unplaced(&text)));
            }
        }
        files.sort();
        files
    }
}

/// Fields that differ between two runs in the same language.
const TIMES: [&str; 3] = ["created", "rotated", "last_tested"];

fn mask(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                if key.ends_with("_ms") || TIMES.contains(&key.as_str()) {
                    if !field.is_null() {
                        *field = serde_json::Value::String("<MASKED>".into());
                    }
                } else {
                    mask(field);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(mask),
        _ => {}
    }
}

fn han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The same sequence in one language: setup (human and JSON), encode, export in every format,
/// test, doctor, explain and profiles, JSON and human, and failures of each kind.
fn sequence(choice: Choice, host: &str) -> Run {
    let mut run = Run::new(choice);
    let secret = format!("{SK}\n");
    let setup = [
        "setup",
        "--non-interactive",
        "--no-keyring",
        "--host",
        host,
        "--public-key",
        PK,
        "--secret-key-stdin",
        "--vars",
        "traceloop,otel,langfuse",
    ];
    run.run("setup", &setup, Some(&secret), true);
    let mut json_setup = setup.to_vec();
    json_setup.extend(["--json", "--env-file", "json/.env", "--profile", "json"]);
    fs::create_dir(run.path().join("json")).unwrap();
    run.run("setup --json", &json_setup, Some(&secret), false);
    // A setup that stops: values that differ need --yes (exit 3), the file stays as it was.
    let mut other = setup.to_vec();
    other[6] = "pk-lf-00000000-0000-0000-0000-000000000000";
    other.push("--skip-test");
    run.run("setup (needs --yes)", &other, Some(&secret), true);

    let encode = ["encode", "--public-key", PK, "--host", host];
    run.run("encode", &encode, None, false);
    for format in ["dotenv", "shell", "json", "k8s-secret", "docker", "github"] {
        let mut args = encode.to_vec();
        args.extend(["--format", format, "--vars", "otel"]);
        run.run(&format!("encode {format}"), &args, None, false);
        run.run(
            &format!("export {format}"),
            &["export", "--format", format],
            None,
            false,
        );
    }
    run.run(
        "encode (no host)",
        &["encode", "--public-key", PK],
        None,
        true,
    );

    run.run("test --json", &["test", "--json", "--no-env"], None, false);
    run.run("test", &["test", "--no-env"], None, true);
    run.run(
        "doctor --json",
        &["doctor", "--json", "--no-env", "--env-file", ".env"],
        None,
        false,
    );
    run.run(
        "doctor",
        &["doctor", "--no-env", "--env-file", ".env"],
        None,
        true,
    );
    let line = r#"Failed to export batch code: 401, reason: {"message":"No authorization header"}"#;
    run.run("explain --json", &["explain", "--json", line], None, false);
    run.run("explain", &["explain", line], None, true);
    run.run(
        "explain --json (unrecognised)",
        &["explain", "--json", "--no-env-file", "all good"],
        None,
        false,
    );
    run.run("profiles --json", &["profiles", "--json"], None, false);
    // Completion scripts are files the user installs: the same in every language.
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        run.run(
            &format!("completions {shell}"),
            &["completions", shell],
            None,
            false,
        );
    }
    run.run("profiles", &["profiles"], None, true);

    // A broken file: doctor's findings and exit code, offline, JSON and human.
    fs::write(
        run.path().join("broken.env"),
        "OTEL_EXPORTER_OTLP_ENDPOINT=https://cloud.langfuse.com/api/public/otel\n\
         OTEL_EXPORTER_OTLP_HEADERS=Authorization=Basic abc\n",
    )
    .unwrap();
    run.run(
        "doctor --json (broken)",
        &["doctor", "--json", "--offline", "--no-env", "broken.env"],
        None,
        false,
    );
    run.run(
        "doctor (broken)",
        &["doctor", "--offline", "--no-env", "broken.env"],
        None,
        true,
    );
    // A failure before any report: the JSON error object, in English in every language.
    run.run(
        "test --json (missing file)",
        &["test", "--json", "--env-file", "missing.env"],
        None,
        false,
    );
    run
}

#[test]
fn json_files_and_exit_codes_are_the_same_in_every_language_and_people_read_their_own() {
    let server = ours();
    let host = server.url();
    let runs: Vec<Run> = Choice::ALL.iter().map(|c| sequence(*c, &host)).collect();
    let english = &runs[0];

    // The sequence did what it says in English: each step's exit code is the one expected, so a
    // comparison of three runs that all failed early proves nothing.
    let codes: Vec<(&str, Option<i32>)> = english
        .steps
        .iter()
        .map(|s| (s.name.as_str(), s.code))
        .collect();
    for (name, code) in &codes {
        let expected = match *name {
            "setup (needs --yes)" => 3,
            "explain --json (unrecognised)" => 1,
            "doctor --json (broken)" | "doctor (broken)" => 50,
            "test --json (missing file)" => 66,
            _ => 0,
        };
        let step = english.steps.iter().find(|s| s.name == *name).unwrap();
        assert_eq!(
            *code,
            Some(expected),
            "{name}:\n{}\n{}",
            step.stdout,
            step.stderr
        );
    }
    let files = english.files();
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert!(
        names.contains(&".env") && names.contains(&"json/.env") && names.len() >= 5,
        "{names:?}"
    );

    for run in &runs[1..] {
        let choice = run.choice;
        assert_eq!(run.steps.len(), english.steps.len());
        for (zh, en) in run.steps.iter().zip(&english.steps) {
            assert_eq!(zh.code, en.code, "{choice:?} {}: exit code", en.name);
            if en.human {
                continue;
            }
            assert_eq!(
                zh.stdout, en.stdout,
                "{choice:?} {}: standard output differs from English",
                en.name
            );
            // (The English help of --lang names 简体中文, and the completion scripts carry it.)
            assert!(
                en.name.starts_with("completions") || !han(&zh.stdout),
                "{choice:?} {}: Chinese in JSON:\n{}",
                en.name,
                zh.stdout
            );
        }
        assert_eq!(run.files(), files, "{choice:?}: the files differ");
    }

    // People read their own language: every human report, and every message on stderr.
    for run in &runs {
        for step in &run.steps {
            // Under --json everything is said in English (a failure's message is the JSON's
            // `error`); a program reads it.
            if !step.human {
                continue;
            }
            let said = format!("{}{}", step.stdout, step.stderr);
            assert_eq!(
                han(&said),
                run.choice.chinese(),
                "{:?} {}:\n{said}",
                run.choice,
                step.name
            );
        }
    }
    let human = |run: &Run, name: &str| {
        let step = run.steps.iter().find(|s| s.name == name).unwrap();
        format!("{}{}", step.stdout, step.stderr)
    };
    for run in &runs[1..] {
        let setup = human(run, "setup");
        for english in ["Keys", "Families", "Next:", "Live test", "Profile"] {
            assert!(!setup.contains(english), "{english} in:\n{setup}");
        }
        assert!(setup.contains("下一步："), "{setup}");
        assert!(human(run, "doctor (broken)").contains("结论（离线：未做在线测试）："));
        assert!(human(run, "encode (no host)").contains("提示："));
        assert!(human(run, "setup (needs --yes)").contains("错误："));
    }
    assert!(human(english, "setup").contains("\nNext: "));
}

#[test]
fn a_difference_in_a_file_or_a_json_report_is_seen() {
    // The oracle itself: masking leaves real differences alone.
    let run = Run::new(Choice::English);
    fs::write(run.path().join(".env"), "A=1\n").unwrap();
    let before = run.files();
    fs::write(run.path().join(".env"), "A=2\n").unwrap();
    assert_ne!(before, run.files());
    let a = run.masked_json("x", r#"{"elapsed_ms": 5, "cause": "a"}"#);
    let b = run.masked_json("x", r#"{"elapsed_ms": 9, "cause": "a"}"#);
    let c = run.masked_json("x", r#"{"elapsed_ms": 9, "cause": "原因"}"#);
    assert_eq!(a, b);
    assert_ne!(b, c);
}

/// The keyring's path through the commands, each language with a private Secret Service of its
/// own: setup stores the secret there, export and run read it back, rotate replaces it, profiles
/// lists and removes the profile. JSON, exit codes and what the keyring holds are the same in
/// every language.
#[test]
fn the_keyring_path_is_the_same_in_every_language() {
    let server = ours();
    let host = server.url();
    let mut runs = Vec::new();
    let mut services = Vec::new();
    for choice in Choice::ALL {
        let Some(service) = common::secret_service::SecretService::start() else {
            return;
        };
        let mut run = Run::new(choice);
        run.envs = service.env();
        run.places = vec![service.root().display().to_string()];
        let secret = format!("{SK}\n");
        let setup = [
            "setup",
            "--non-interactive",
            "--host",
            &host,
            "--public-key",
            PK,
            "--secret-key-stdin",
            "--vars",
            "otel",
        ];
        run.run("setup", &setup, Some(&secret), true);
        let mut json = setup.to_vec();
        json.extend(["--json", "--yes"]);
        run.run("setup --json", &json, Some(&secret), false);
        assert_eq!(service.lookup("default").as_deref(), Some(SK), "{choice:?}");
        run.run("export json", &["export", "--format", "json"], None, false);
        run.run(
            "run",
            &[
                "run",
                "--",
                "sh",
                "-c",
                "printf %s \"$OTEL_EXPORTER_OTLP_HEADERS\"",
            ],
            None,
            false,
        );
        run.run(
            "rotate --json",
            &["rotate", "--json", "--public-key", PK, "--secret-key-stdin"],
            Some(&secret),
            false,
        );
        run.run(
            "rotate",
            &["rotate", "--public-key", PK, "--secret-key-stdin"],
            Some(&secret),
            true,
        );
        run.run(
            "profiles --json",
            &["profiles", "--json", "--check"],
            None,
            false,
        );
        run.run("profiles --check", &["profiles", "--check"], None, true);
        run.run(
            "profiles remove --json",
            &["profiles", "remove", "default", "--yes", "--json"],
            None,
            false,
        );
        assert_eq!(service.lookup("default"), None, "{choice:?}");
        run.run("export (no profile)", &["export"], None, true);
        runs.push(run);
        services.push(service);
    }
    let english = &runs[0];
    for step in &english.steps {
        let expected = if step.name == "export (no profile)" {
            44
        } else {
            0
        };
        assert_eq!(
            step.code,
            Some(expected),
            "{}:\n{}\n{}",
            step.name,
            step.stdout,
            step.stderr
        );
    }
    for run in &runs[1..] {
        for (zh, en) in run.steps.iter().zip(&english.steps) {
            assert_eq!(zh.code, en.code, "{:?} {}: exit code", run.choice, en.name);
            if en.human {
                assert!(
                    han(&format!("{}{}", zh.stdout, zh.stderr)),
                    "{:?} {}:\n{}{}",
                    run.choice,
                    en.name,
                    zh.stdout,
                    zh.stderr
                );
            } else {
                assert_eq!(zh.stdout, en.stdout, "{:?} {}", run.choice, en.name);
            }
        }
        assert_eq!(
            run.files(),
            english.files(),
            "{:?}: the files differ",
            run.choice
        );
    }
}
