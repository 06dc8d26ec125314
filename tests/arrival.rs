//! `test --arrival` against the sandbox: a real span is sent and read back through the public
//! traces API until visible; the time is reported, and when it is slow or never shows, the likely
//! cause is named.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{PK, SK, bin, live_setup, sandbox};
use langfuse_otel::io::sandbox::{SandboxConfig, Visibility};
use tempfile::TempDir;

fn server(visibility: Visibility, version: &str) -> langfuse_otel::io::sandbox::Sandbox {
    let mut config = SandboxConfig::with_keys(PK, SK);
    config.visibility = visibility;
    config.version = version.to_string();
    sandbox(config)
}

fn configured(dir: &Path, url: &str, vars: &str) {
    live_setup(dir, PK, SK)
        .args(["--host", url, "--vars", vars])
        .assert()
        .success();
}

fn arrival(dir: &Path, timeout: &str) -> (Option<i32>, serde_json::Value) {
    let output = bin(dir)
        .args(["test", "--json", "--arrival", "--arrival-timeout", timeout])
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)));
    (output.status.code(), json)
}

fn family<'a>(json: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    json["families"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["family"] == name)
        .unwrap_or_else(|| panic!("no {name} in {json}"))
}

#[test]
fn a_visible_span_is_reported_with_its_time_and_link() {
    let server = server(Visibility::Immediate, "3.160.0");
    let dir = TempDir::new().unwrap();
    configured(dir.path(), &server.url(), "traceloop,langfuse");
    let (code, json) = arrival(dir.path(), "10");
    assert_eq!(code, Some(0), "{json}");
    for name in ["traceloop", "langfuse"] {
        let a = &family(&json, name)["arrival"];
        assert_eq!(a["outcome"], "visible", "{a}");
        assert!(a["visible_after_ms"].as_u64().unwrap() < 10_000);
        let id = a["trace_id"].as_str().unwrap();
        assert_eq!(
            a["link"],
            format!("{}/project/cm0sandbox0project/traces/{id}", server.url())
        );
        // Read back through the public API with the family's own credential.
        assert!(server.requests().iter().any(|r| r.method == "GET"
            && r.path == format!("/api/public/traces/{id}")
            && r.header("authorization").is_some()));
    }
    let text = bin(dir.path())
        .args(["test", "--arrival"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.contains("✓ arrival        test span visible after"),
        "{stdout}"
    );
}

#[test]
fn a_slow_span_without_the_v4_header_is_reported_with_its_time_and_the_header_named() {
    // Langfuse's v4 fast path: at once with the header, after a delay without it.
    let delay = Duration::from_millis(2500);
    let server = server(Visibility::SlowWithoutV4Header(delay), "3.160.0");
    let dir = TempDir::new().unwrap();
    configured(dir.path(), &server.url(), "otel");
    let (code, json) = arrival(dir.path(), "8");
    assert_eq!(code, Some(0), "{json}");
    assert_eq!(
        family(&json, "otel")["arrival"]["outcome"],
        "visible",
        "{json}"
    );

    let env = dir.path().join(".env");
    let text = std::fs::read_to_string(&env).unwrap();
    assert!(text.contains(",x-langfuse-ingestion-version=4"));
    std::fs::write(&env, text.replace(",x-langfuse-ingestion-version=4", "")).unwrap();
    let (code, json) = arrival(dir.path(), "8");
    assert_eq!(code, Some(0), "slow is not a failure: {json}");
    let a = &family(&json, "otel")["arrival"];
    assert_eq!(a["outcome"], "slow", "{a}");
    let after = a["visible_after_ms"].as_u64().unwrap();
    assert!(after >= delay.as_millis() as u64 && after < 8_000, "{a}");
    assert!(
        a["cause"]
            .as_str()
            .unwrap()
            .contains("x-langfuse-ingestion-version: 4"),
        "{a}"
    );
    assert!(
        a["fix"]
            .as_str()
            .unwrap()
            .contains("x-langfuse-ingestion-version=4"),
        "{a}"
    );
}

#[test]
fn a_span_that_never_shows_fails_at_the_deadline_with_the_cause_named() {
    for (version, cause) in [("3.160.0", "worker"), ("3.120.0", "older than 3.154")] {
        let server = server(Visibility::Never, version);
        let dir = TempDir::new().unwrap();
        configured(dir.path(), &server.url(), "traceloop");
        let (code, json) = arrival(dir.path(), "2");
        assert_eq!(code, Some(17), "{json}");
        let f = family(&json, "traceloop");
        assert_eq!(f["ok"], false);
        let a = &f["arrival"];
        assert_eq!(a["outcome"], "never", "{a}");
        assert!(a["waited_ms"].as_u64().unwrap() >= 2_000, "{a}");
        assert!(a["reads"].as_u64().unwrap() >= 2, "{a}");
        let text = a["cause"].as_str().unwrap();
        assert!(
            text.starts_with("not visible after 2 s") && text.contains(cause),
            "{a}"
        );
    }
}
