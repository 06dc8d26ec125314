//! What the app will see: `test` and `doctor` read the process environment with the .env, as
//! python-dotenv's `load_dotenv()` and Node's `dotenv.config()` combine them (the environment wins),
//! and `--no-env` checks the file alone. Against the sandbox Langfuse, with the real binary.

mod common;

use std::path::Path;

use common::{PK, SK, bin, live_setup, ours};
use tempfile::TempDir;

const OLD_SK: &str = "sk-lf-00000000-1111-2222-3333-444444444444";

/// A .env with every family, written by `setup` against the sandbox (so the file alone passes).
fn configured(dir: &Path, url: &str) {
    live_setup(dir, PK, SK)
        .args(["--host", url, "--vars", "traceloop,otel,langfuse"])
        .assert()
        .success();
}

fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut cmd = bin(dir);
    cmd.args(args);
    for (name, value) in env {
        cmd.env(name, value);
    }
    let output = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !text.contains(OLD_SK) && !text.contains(SK),
        "a secret leaked:\n{text}"
    );
    (output.status.code(), text)
}

#[test]
fn a_stale_secret_exported_by_the_shell_is_found_and_fails_test_and_doctor() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    configured(dir.path(), &server.url());
    let stale = [("LANGFUSE_SECRET_KEY", OLD_SK)];

    let (code, text) = run(dir.path(), &["test"], &stale);
    assert_eq!(
        code,
        Some(10),
        "the app would send the old key: 401\n{text}"
    );
    for expected in [
        "LANGFUSE_SECRET_KEY is already set in the environment (sk-lf-...4444)",
        "not the .env's (sk-lf-...3f4b)",
        "wins with: python-dotenv load_dotenv(), Node dotenv.config()",
        "loses with: langfuse-otel run, docker compose env_file",
        "load_dotenv(override=True)",
        ".env — langfuse: FAILED",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // Only the family that reads the variable is affected.
    assert!(text.contains(".env — traceloop: OK"), "{text}");

    let (code, text) = run(dir.path(), &["doctor"], &stale);
    assert_eq!(code, Some(10), "{text}");
    assert!(
        text.contains("langfuse   ✗ 1 problem · ✗ fails live"),
        "{text}"
    );

    // The file alone is fine.
    let (code, text) = run(dir.path(), &["test", "--no-env"], &stale);
    assert_eq!(code, Some(0), "{text}");
    assert!(!text.contains("already set in the environment"), "{text}");
    let (code, text) = run(dir.path(), &["doctor", "--no-env"], &stale);
    assert_eq!(code, Some(0), "{text}");
}

#[test]
fn a_traces_endpoint_left_in_the_shell_sends_the_otel_family_elsewhere() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    configured(dir.path(), &server.url());
    // A collector from an earlier project that is not running: connection refused.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let collector = format!("http://127.0.0.1:{port}/v1/traces");
    let env = [("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.as_str())];

    let (code, text) = run(dir.path(), &["test", "--json"], &env);
    assert_ne!(code, Some(0), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&text[..text.rfind('}').unwrap() + 1]).unwrap();
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == "signal-override")
        .unwrap_or_else(|| panic!("no signal-override in {json}"));
    assert_eq!(finding["variable"], "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["shadow"]["environment"], collector);
    assert_eq!(
        finding["shadow"]["beats"],
        serde_json::json!(["python-dotenv", "node-dotenv"])
    );
    let otel = json["families"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["family"] == "otel")
        .unwrap();
    assert_eq!(
        otel["ok"], false,
        "the app's traces go to the collector: {otel}"
    );
    assert_eq!(otel["traces_url"], collector);
    assert_eq!(json["exit_code"], code.unwrap());

    let (code, _) = run(dir.path(), &["test", "--no-env"], &env);
    assert_eq!(code, Some(0));
}

#[test]
fn settings_that_stop_export_fail_even_when_every_family_authenticates() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    configured(dir.path(), &server.url());
    for (env, expected) in [
        (
            ("OTEL_SDK_DISABLED", "true"),
            "OTEL_SDK_DISABLED (set in the environment)=true",
        ),
        (
            ("OTEL_TRACES_EXPORTER", "console"),
            "OTEL_TRACES_EXPORTER (set in the environment)=console",
        ),
        (
            ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc"),
            "has no gRPC endpoint",
        ),
        (("DD_TRACE_OTEL_ENABLED", "true"), "Datadog"),
    ] {
        let (code, text) = run(dir.path(), &["test"], &[env]);
        assert!(
            text.contains(expected),
            "{env:?}: missing {expected:?} in:\n{text}"
        );
        assert_ne!(code, Some(0), "{env:?}:\n{text}");
        let (code, text) = run(dir.path(), &["test", "--no-env"], &[env]);
        assert_eq!(code, Some(0), "{env:?} with --no-env:\n{text}");
    }
    // A warning alone (another vendor that may take over) does not fail the test.
    let (code, text) = run(dir.path(), &["test"], &[("LOGFIRE_TOKEN", "pylf_v1_x")]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("logfire.configure()"), "{text}");
}

#[test]
fn doctor_fix_sets_http_protobuf_for_a_grpc_protocol_in_the_file() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    configured(dir.path(), &server.url());
    let path = dir.path().join(".env");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
        "OTEL_EXPORTER_OTLP_PROTOCOL=grpc",
    );
    std::fs::write(&path, text).unwrap();
    let (code, text) = run(dir.path(), &["doctor", "--offline"], &[]);
    assert_eq!(code, Some(50), "{text}");
    assert!(
        text.contains("Langfuse accepts OTLP over HTTP only"),
        "{text}"
    );
    let (code, text) = run(dir.path(), &["doctor", "--fix"], &[]);
    assert_eq!(code, Some(0), "{text}");
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(
        fixed.contains("OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf"),
        "{fixed}"
    );
}
