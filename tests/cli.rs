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
    let mut own = String::new();
    for (index, part) in said.split('`').enumerate() {
        let quoted = index % 2 == 1;
        match part.strip_prefix("langfuse-otel ") {
            Some(line) if quoted => {
                let other = line.split_whitespace().next().unwrap_or_default();
                check_flags(other, &flags_of(other), line, &said);
            }
            // Another program's command line (`node --env-file=.env app.js`).
            None if quoted && !part.starts_with("--") => {}
            _ => own.push_str(part),
        }
    }
    check_flags(command, &flags_of(command), &own, &said);
}

fn check_flags(command: &str, known: &[String], text: &str, said: &str) {
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
        assert!(
            known.contains(&flag),
            "`{command}` named {flag}, which it does not have:\n{said}"
        );
    }
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
