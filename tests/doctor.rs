//! `doctor` on real-world broken files: every static check with its line and fix, `--fix` through
//! the .env editor with a backup, and the repaired file passing the live test against the sandbox.

mod common;

use common::{ours, runtime};

use std::fs;
use std::os::unix::fs::PermissionsExt as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::{PK, SK, bin, expected_header, get, git, read_dotenv};
use langfuse_otel::io::sandbox::{Sandbox, SandboxConfig};
use predicates::prelude::*;
use tempfile::TempDir;

fn b64() -> String {
    STANDARD.encode(format!("{PK}:{SK}"))
}

/// What people write by hand after reading a few guides.
fn hand_made(url: &str) -> String {
    let host = url.split_once("://").map_or(url, |(_, rest)| rest);
    format!(
        "# app settings\r\nDEBUG=true\r\n\
         TRACELOOP_BASE_URL={host}/api/public/otel\r\n\
         TRACELOOP_HEADERS=\"Authorization=Basic {b64}\"\r\n\
         OTEL_EXPORTER_OTLP_ENDPOINT={url}\r\n\
         OTEL_EXPORTER_OTLP_HEADERS=Authorization=Basic+{b64}\r\n\
         LANGFUSE_PUBLIC_KEY={PK}\r\nLANGFUSE_SECRET_KEY={SK}\r\nLANGFUSE_HOST={url}\r\n",
        b64 = b64()
    )
}

#[test]
fn a_hand_made_file_is_diagnosed_line_by_line_then_fixed_and_proven() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(".env");
    let original = hand_made(&server.url());
    fs::write(&path, &original).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();

    let output = bin(dir.path()).arg("doctor").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(65), "{stdout}");
    for expected in [
        "✗ line 3: TRACELOOP_BASE_URL has no http:// or https://",
        "✗ line 4: TRACELOOP_HEADERS has a raw space",
        "✗ line 5: OTEL_EXPORTER_OTLP_ENDPOINT does not end in /api/public/otel",
        "✗ line 6: OTEL_EXPORTER_OTLP_HEADERS has `Basic+...`",
        "! other users can read this .env (mode 0644)",
        "langfuse   ✓ static checks pass · ✓ authenticates live",
        "traceloop  ✗ 2 problems · ✗ fails live",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    assert!(!stdout.contains(&b64()) && !stdout.contains(SK), "{stdout}");

    let output = bin(dir.path()).args(["doctor", "--fix"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("--fix changes"), "{stdout}");
    assert!(
        stdout.contains("+ OTEL_EXPORTER_OTLP_ENDPOINT="),
        "{stdout}"
    );
    assert!(
        stdout.contains("(secret, hidden)") && !stdout.contains(&b64()),
        "{stdout}"
    );
    assert!(
        stdout.contains("traceloop  ✓ static checks pass · ✓ authenticates live"),
        "{stdout}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join(".env.bak")).unwrap(),
        original
    );
    let fixed = fs::read_to_string(&path).unwrap();
    assert!(
        fixed.starts_with("# app settings\r\nDEBUG=true\r\n"),
        "{fixed:?}"
    );
    assert!(
        fixed.ends_with("\r\n") && !fixed.contains("\r\r"),
        "CRLF kept: {fixed:?}"
    );
    let vars = read_dotenv(&path);
    for header in ["TRACELOOP_HEADERS", "OTEL_EXPORTER_OTLP_HEADERS"] {
        assert_eq!(
            common::otel_header(get(&vars, header).unwrap(), "Authorization"),
            Some(expected_header(PK, SK))
        );
    }
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn offline_and_json() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("prod.env");
    fs::write(&path, hand_made("https://cloud.langfuse.com")).unwrap();
    let output = bin(dir.path())
        .args(["doctor", "--offline", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(50),
        "static errors, no live test"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["sources"][0]["findings"].as_array().unwrap();
    let checks: Vec<&str> = findings
        .iter()
        .map(|f| f["check"].as_str().unwrap())
        .collect();
    assert_eq!(
        checks,
        [
            "no-scheme",
            "raw-space",
            "missing-otel-path",
            "quote-plus",
            "world-readable",
            "protocol-unset"
        ],
        "{json}"
    );
    assert_eq!(findings[1]["line"], 4);
    assert_eq!(findings[1]["variable"], "TRACELOOP_HEADERS");
    assert_eq!(findings[1]["fixable"], true);
    assert!(
        json["sources"][0]["families"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(!String::from_utf8_lossy(&output.stdout).contains(&b64()));
}

/// `doctor --offline` in `dir` finds nothing in the static checks.
fn passes_offline(dir: &std::path::Path) {
    bin(dir)
        .args(["doctor", "--offline"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "✓ no problems in the static checks",
        ));
}

#[test]
fn a_clean_file_passes_offline() {
    let dir = TempDir::new().unwrap();
    common::setup(dir.path(), PK, SK)
        .args(["--region", "eu", "--vars", "traceloop,langfuse"])
        .assert()
        .success();
    passes_offline(dir.path());
    // The otel family as setup writes it for traces only: the generic endpoint with the logs and
    // metrics exporters off, so no logs can reach Langfuse and there is nothing to warn about.
    common::setup(dir.path(), PK, SK)
        .args(["--region", "eu", "--vars", "otel", "--yes"])
        .assert()
        .success();
    let text = fs::read_to_string(dir.path().join(".env")).unwrap();
    assert!(text.contains("OTEL_LOGS_EXPORTER=none\n"), "{text}");
    assert!(text.contains("OTEL_METRICS_EXPORTER=none\n"), "{text}");
    passes_offline(dir.path());
    // The generic endpoint where logs are still exported (the exporter line removed by hand) is
    // a warning (not "pass"): an app that also exports logs gets 404 from Langfuse.
    let edited: String = text
        .lines()
        .filter(|l| !l.starts_with("OTEL_LOGS_EXPORTER"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.path().join(".env"), edited).unwrap();
    bin(dir.path())
        .args(["doctor", "--offline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("/api/public/otel/v1/logs: 404"))
        .stdout(predicate::str::contains("otel       ! 1 warning"));
}

#[test]
fn an_app_that_exports_logs_gets_traces_specific_variables_and_no_logs_warning() {
    let dir = TempDir::new().unwrap();
    common::setup(dir.path(), PK, SK)
        .args([
            "--region",
            "us",
            "--vars",
            "otel",
            "--signals",
            "Traces, logs",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Signals    traces,logs"));
    let vars = common::read_dotenv(&dir.path().join(".env"));
    let names: Vec<&str> = vars.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
            "OTEL_METRICS_EXPORTER"
        ]
    );
    assert_eq!(
        common::get(&vars, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
        Some("https://us.cloud.langfuse.com/api/public/otel/v1/traces")
    );
    passes_offline(dir.path());
    // A list without traces says why it is refused.
    common::setup(dir.path(), PK, SK)
        .args(["--region", "us", "--vars", "otel", "--signals", "logs"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must include traces"));
}

#[test]
fn the_environment_is_checked_when_there_is_no_env_file() {
    let dir = TempDir::new().unwrap();
    bin(dir.path())
        .args(["doctor", "--offline"])
        .env("TRACELOOP_BASE_URL", "cloud.langfuse.com")
        .env(
            "TRACELOOP_HEADERS",
            format!("Authorization=Basic%20{}", b64()),
        )
        .assert()
        .code(50)
        .stdout(predicate::str::contains("environment"))
        .stdout(predicate::str::contains(
            "TRACELOOP_BASE_URL has no http:// or https://",
        ));
    bin(dir.path())
        .args(["doctor", "--offline"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "no TRACELOOP_*, OTEL_EXPORTER_OTLP_* or LANGFUSE_* variables",
        ));
}

#[test]
fn git_and_node_projects() {
    let dir = TempDir::new().unwrap();
    git(dir.path(), &["init", "-q"]);
    fs::write(dir.path().join("package.json"), "{}").unwrap();
    // A Node project gets otel,langfuse by default; traceloop chosen anyway is what doctor warns of.
    common::setup(dir.path(), PK, SK)
        .args(["--region", "eu", "--vars", "traceloop,langfuse"])
        .assert()
        .success();
    bin(dir.path())
        .args(["doctor", "--offline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("git would commit this .env"))
        .stdout(predicate::str::contains(
            "Traceloop Node splits TRACELOOP_HEADERS on every `=`",
        ));
    bin(dir.path())
        .args(["doctor", "--offline", "--fix"])
        .assert()
        .success();
    assert!(
        fs::read_to_string(dir.path().join(".gitignore"))
            .unwrap()
            .contains("/.env\n")
    );
    bin(dir.path())
        .args(["doctor", "--offline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("git would commit").not());

    // A tracked .env is an error: the key is in the history.
    let tracked = TempDir::new().unwrap();
    git(tracked.path(), &["init", "-q"]);
    common::setup(tracked.path(), PK, SK)
        .args(["--region", "eu"])
        .assert()
        .success();
    git(tracked.path(), &["add", "-f", ".env"]);
    bin(tracked.path())
        .args(["doctor", "--offline"])
        .assert()
        .code(50)
        .stdout(predicate::str::contains("git tracks this .env"));
}

#[test]
fn keys_of_another_region_are_named_live() {
    let eu = runtime()
        .block_on(Sandbox::start(SandboxConfig::with_keys(
            "pk-lf-x", "sk-lf-x",
        )))
        .unwrap();
    let us = ours();
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join(".env"),
        format!(
            "TRACELOOP_BASE_URL={}/api/public/otel\nTRACELOOP_HEADERS=Authorization=Basic%20{}\n",
            eu.url(),
            b64()
        ),
    )
    .unwrap();
    bin(dir.path())
        .arg("doctor")
        .env(
            "LANGFUSE_OTEL_REGION_HOSTS",
            format!("eu={},us={}", eu.url(), us.url()),
        )
        .assert()
        .code(10)
        .stdout(predicate::str::contains(
            "these keys belong to the US (Langfuse Cloud) region",
        ));
}

/// git is run only where it could find a work tree (each run costs milliseconds): a `git` first on
/// PATH notes each run and hands over to the real one. Outside any repository it never runs; a
/// .env two directories below a repository's root is still found and warned about.
#[test]
fn git_is_asked_only_where_a_work_tree_can_be() {
    let tools = TempDir::new().unwrap();
    let (path, runs) = common::recording_git(tools.path());
    let env_text = format!(
        "LANGFUSE_PUBLIC_KEY={PK}\nLANGFUSE_SECRET_KEY={SK}\nLANGFUSE_BASE_URL=https://cloud.langfuse.com\n"
    );
    let doctor = |dir: &std::path::Path| {
        let mut command = bin(dir);
        command.args(["doctor", "--offline"]).env("PATH", &path);
        for name in common::GIT_STEERING {
            command.env_remove(name);
        }
        let output = command.output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    };

    let outside = TempDir::new().unwrap();
    assert!(
        !outside.path().ancestors().any(|d| d.join(".git").exists()),
        "the temporary directory is inside a git repository"
    );
    fs::write(outside.path().join(".env"), &env_text).unwrap();
    let report = doctor(outside.path());
    assert!(!report.contains("git would commit"), "{report}");
    assert!(!runs.exists(), "git ran outside any repository");

    let repository = TempDir::new().unwrap();
    git(repository.path(), &["init", "-q"]);
    let nested = repository.path().join("services").join("api");
    fs::create_dir_all(&nested).unwrap();
    fs::write(nested.join(".env"), &env_text).unwrap();
    let report = doctor(&nested);
    assert!(report.contains("git would commit this .env"), "{report}");
    let asked = fs::read_to_string(&runs).unwrap();
    assert!(asked.contains("rev-parse"), "{asked}");
}

#[test]
fn switching_the_signal_form_warns_of_the_other_forms_lines_left_in_the_file() {
    let dir = TempDir::new().unwrap();
    common::setup(dir.path(), PK, SK)
        .args(["--region", "eu", "--vars", "otel"])
        .assert()
        .success();
    // Now the app also exports logs: the generic endpoint stays in the file and would take them
    // to Langfuse. Setup says so, and doctor finds the 404 to come.
    common::setup(dir.path(), PK, SK)
        .args([
            "--region",
            "eu",
            "--vars",
            "otel",
            "--signals",
            "traces,logs",
            "--yes",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "it also sets OTEL_EXPORTER_OTLP_ENDPOINT, so the app's other signals still go there",
        ))
        .stderr(predicate::str::contains(
            "it also sets OTEL_LOGS_EXPORTER=none, which turns that signal off",
        ));
    let text = fs::read_to_string(dir.path().join(".env")).unwrap();
    let without_logs_off: String = text
        .lines()
        .filter(|l| !l.starts_with("OTEL_LOGS_EXPORTER"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.path().join(".env"), without_logs_off).unwrap();
    bin(dir.path())
        .args(["doctor", "--offline"])
        .assert()
        .stdout(predicate::str::contains("/api/public/otel/v1/logs: 404"));
    // And back: a traces-specific endpoint left in the file would take the traces elsewhere.
    let other = TempDir::new().unwrap();
    fs::write(
        other.path().join(".env"),
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://collector:4318/v1/traces\n",
    )
    .unwrap();
    common::setup(other.path(), PK, SK)
        .args(["--region", "eu", "--vars", "otel"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "it also sets OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, which OTel SDKs use instead of OTEL_EXPORTER_OTLP_ENDPOINT",
        ));
}

/// `--fix`'s file repairs touch only what was found: a symlinked `.env` that others can read is
/// refused without `--follow-symlinks` (its target keeps its mode), and a file whose mode was not
/// a finding keeps it while its values are repaired. (Both went unnoticed by cargo-mutants' first
/// run over `apply::repair_file_facts`.)
#[test]
fn fix_changes_a_mode_only_where_it_was_found_and_never_through_a_symlink() {
    let dir = TempDir::new().unwrap();
    common::setup(dir.path(), PK, SK)
        .args([
            "--region",
            "eu",
            "--vars",
            "traceloop",
            "--env-file",
            "real.env",
        ])
        .assert()
        .success();
    let real = dir.path().join("real.env");
    fs::set_permissions(&real, fs::Permissions::from_mode(0o644)).unwrap();
    std::os::unix::fs::symlink("real.env", dir.path().join(".env")).unwrap();
    bin(dir.path())
        .args(["doctor", "--offline", "--fix", ".env"])
        .assert()
        .code(langfuse_otel::exit::Exit::CannotWrite.code())
        .stderr(predicate::str::contains("symlink"));
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o644
    );

    // A mode that is not a finding (0700: no one else can read it) stays as it is, while the
    // value with a raw space is repaired.
    let dir = TempDir::new().unwrap();
    let basic = STANDARD.encode(format!("{PK}:{SK}"));
    let path = dir.path().join(".env");
    fs::write(
        &path,
        format!(
            "TRACELOOP_BASE_URL=https://cloud.langfuse.com/api/public/otel\nTRACELOOP_HEADERS=Authorization=Basic {basic}\n"
        ),
    )
    .unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o700)).unwrap();
    bin(dir.path())
        .args(["doctor", "--offline", "--fix"])
        .assert()
        .success();
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("Authorization=Basic%20")
    );
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o700
    );
}

fn mode(path: &std::path::Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// `--fix`'s repairs of the file itself, each where it was found: a `.env` git would commit gets
/// `.gitignore` lines that git then honours, and one that others can read becomes 0600, each said
/// in the report; a `.env` git already tracks gets no `.gitignore` lines (they would not untrack
/// it: the finding says what to run instead), while its mode is still repaired.
#[test]
fn fix_ignores_an_untracked_file_in_git_makes_it_private_and_leaves_a_tracked_one_to_the_user() {
    let dir = TempDir::new().unwrap();
    git(dir.path(), &["init", "-q"]);
    let setup = |name: &str| {
        common::setup(dir.path(), PK, SK)
            .args(["--region", "eu", "--vars", "traceloop", "--env-file", name])
            .assert()
            .success();
        let path = dir.path().join(name);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        path
    };

    let untracked = setup(".env");
    let output = bin(dir.path())
        .args(["doctor", "--offline", "--fix", ".env"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        stdout.contains("added to") && stdout.contains(".gitignore"),
        "{stdout}"
    );
    assert!(stdout.contains("chmod 600"), "{stdout}");
    assert_eq!(mode(&untracked), 0o600);
    let ignored = git(dir.path(), &["check-ignore", ".env"]);
    assert_eq!(String::from_utf8_lossy(&ignored.stdout), ".env\n");

    let tracked = setup("tracked.env");
    git(dir.path(), &["add", "-f", "tracked.env"]);
    let gitignore = fs::read_to_string(dir.path().join(".gitignore")).unwrap();
    let output = bin(dir.path())
        .args(["doctor", "--offline", "--fix", "tracked.env"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(langfuse_otel::exit::Exit::ProblemsFound.code()),
        "the tracked file is still an error: {output:?}"
    );
    assert!(stdout.contains("chmod 600"), "{stdout}");
    assert!(!stdout.contains("added to"), "{stdout}");
    assert_eq!(mode(&tracked), 0o600);
    assert_eq!(
        fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        gitignore,
        "no lines for a tracked file"
    );
}

/// JSON never changes with the language: `doctor --json` (findings with their causes and fixes)
/// and a JSON error are byte for byte the same under `LANG=zh_CN.UTF-8` as under English, while
/// the human report is in Chinese.
#[test]
fn json_is_the_same_in_every_language() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("prod.env");
    fs::write(&path, hand_made("https://cloud.langfuse.com")).unwrap();
    let run = |locale: &str, args: &[&str]| {
        bin(dir.path())
            .env("LANG", locale)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANGFUSE_SECRET_KEY", "sk-lf-abc123")
            .args(args)
            .output()
            .unwrap()
    };
    let file = path.to_str().unwrap();
    for args in [
        &["doctor", "--offline", "--json", file][..],
        &[
            "doctor",
            "--offline",
            "--json",
            "--env-file",
            "/nonexistent/dir/.env",
        ][..],
        &[
            "setup",
            "--non-interactive",
            "--json",
            "--host",
            "ftp://lf.example",
            "--public-key",
            "pk-lf-abc123",
            "--no-keyring",
        ][..],
    ] {
        let english = run("C.UTF-8", args);
        let chinese = run("zh_CN.UTF-8", args);
        assert!(!english.stdout.is_empty(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&english.stdout),
            String::from_utf8_lossy(&chinese.stdout),
            "{args:?}"
        );
        assert_eq!(english.status.code(), chinese.status.code(), "{args:?}");
    }
    let human = run("zh_CN.UTF-8", &["doctor", "--offline", file]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("TRACELOOP_HEADERS 的 Authorization 值里有未编码的空格"),
        "{text}"
    );
}
