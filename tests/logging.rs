//! `-v`, `-vv`, `-vvv` and `RUST_LOG`: the log says what happened (each request with its method,
//! URL, status and time; keyring calls; file operations) and never holds the secret, in any
//! encoding, at any level, trace included.

mod common;

use std::fs;

use common::{PK, SK, assert_no_secret, bin, live_setup};
use langfuse_otel::io::sandbox::SandboxConfig;
use tempfile::TempDir;

/// Keys whose credential has `+` and `/` in the part that encodes the secret.
const PLUS_PK: &str = "pk-lf-?>?>";
const PLUS_SK: &str = "sk-lf->>>?>>>?>>>?";
const PAIRS: [(&str, &str); 2] = [(PK, SK), (PLUS_PK, PLUS_SK)];

/// The ways to ask for a log: flags, and RUST_LOG without them.
const LEVELS: [(&str, Option<&str>); 5] = [
    ("-v", None),
    ("-vv", None),
    ("-vvv", None),
    ("", Some("trace")),
    ("", Some("langfuse_otel=debug,hyper=trace")),
];

/// Runs every command that touches the secret with logging asked for in one way; returns the
/// stderr of each, labelled.
fn logs(flag: &str, rust_log: Option<&str>, public: &str, secret: &str) -> Vec<(String, String)> {
    let server = common::sandbox(SandboxConfig::with_keys(public, secret));
    let dir = TempDir::new().unwrap();
    let env_file = dir.path().join(".env");
    let mut runs = Vec::new();
    let mut record = |what: &str, mut cmd: assert_cmd::Command| {
        if !flag.is_empty() {
            cmd.arg(flag);
        }
        match rust_log {
            Some(filter) => cmd.env("RUST_LOG", filter),
            None => cmd.env_remove("RUST_LOG"),
        };
        let output = cmd.output().unwrap();
        runs.push((
            format!("{what} {flag} RUST_LOG={rust_log:?}"),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ));
        output
    };
    let mut setup = live_setup(dir.path(), public, secret);
    setup.args(["--host", &server.url(), "--send-test-trace"]);
    let output = record("setup", setup);
    assert!(output.status.success(), "{output:?}");
    let mut test = bin(dir.path());
    test.args(["test", "--env-file"]).arg(&env_file);
    assert!(record("test", test).status.success());
    let mut doctor = bin(dir.path());
    doctor.arg("doctor").arg(&env_file);
    record("doctor", doctor);
    // With the keyring: none is reachable here (no D-Bus), so the call and its failure are logged.
    let mut keyring = bin(dir.path());
    keyring
        .args([
            "setup",
            "--non-interactive",
            "--skip-test",
            "--yes",
            "--host",
            &server.url(),
            "--public-key",
            public,
            "--secret-key-stdin",
        ])
        .write_stdin(format!("{secret}\n"));
    record("setup with the keyring", keyring);
    // encode prints the secret on stdout, where asked; its log must still not hold it.
    let mut encode = bin(dir.path());
    encode
        .args(["encode", "--host", &server.url(), "--public-key", public])
        .env("LANGFUSE_SECRET_KEY", secret);
    record("encode", encode);
    assert!(fs::read_to_string(&env_file).unwrap().contains(public));
    runs
}

#[test]
fn no_log_level_holds_the_secret_and_each_says_what_happened() {
    for (flag, rust_log) in LEVELS {
        for (public, secret) in PAIRS {
            let runs = logs(flag, rust_log, public, secret);
            let all: String = runs.iter().map(|(_, log)| log.as_str()).collect();
            for (what, log) in &runs {
                assert_no_secret(what, log.as_bytes(), &PAIRS);
            }
            // Not vacuous: the log is there and says what the issue asks for.
            for needle in [
                "method=GET",
                "method=POST",
                "/api/public/otel/v1/traces",
                "status=200",
                "elapsed_ms=",
                "keyring call",
                "operation=\"set\"",
                "file written",
                "file read",
            ] {
                assert!(
                    all.contains(needle),
                    "{flag} RUST_LOG={rust_log:?}: no {needle:?} in\n{all}"
                );
            }
        }
    }
}

#[test]
fn without_a_flag_or_rust_log_nothing_is_logged() {
    let server = common::ours();
    let dir = TempDir::new().unwrap();
    let output = live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url()])
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("method="), "{stderr}");
    assert!(!stderr.contains("INFO"), "{stderr}");
}

#[test]
fn a_rust_log_that_cannot_be_read_is_said_once() {
    let dir = TempDir::new().unwrap();
    let output = bin(dir.path())
        .args(["encode", "--public-key", PK])
        .env("LANGFUSE_SECRET_KEY", SK)
        .env("RUST_LOG", "langfuse_otel=loud")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("warning: RUST_LOG").count(), 1, "{stderr}");
}
