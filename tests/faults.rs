//! Faults a real network and real servers produce, against the sandbox: each ends in a bounded
//! time with its own message and exit code.

mod common;

use common::ours;

use std::time::Duration;

use common::{PK, SK, live_setup};
use langfuse_otel::core::host::Region;
use langfuse_otel::io::sandbox::Sandbox;
use predicates::prelude::*;
use tempfile::TempDir;

#[test]
fn a_connection_reset_mid_response_is_retried_then_reported() {
    let server = ours();
    server.faults().truncate_next = u32::MAX;
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url()])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(24)
        .stdout(predicate::str::contains("3 tries"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    let server = ours();
    server.faults().truncate_next = 1;
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url(), "--dry-run"])
        .assert()
        .success();
}

#[test]
fn a_slow_loris_answer_is_cut_at_the_timeout() {
    let server = ours();
    server.faults().slow_body = Some(Duration::from_millis(200));
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url(), "--timeout", "0.5"])
        // A guard against a hang; the assertion is the exit code, which only the timeout gives.
        .timeout(Duration::from_secs(60))
        .assert()
        .code(23)
        .stdout(predicate::str::contains("no answer within 0.5 s"));
}

#[test]
fn an_oversized_answer_is_read_only_as_far_as_needed() {
    let server = ours();
    server.faults().huge_body = Some(256 * 1024 * 1024);
    let dir = TempDir::new().unwrap();
    // 256 MiB on every route: the probe reads at most 16 KiB of each and moves on.
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url()])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(15)
        .stdout(predicate::str::contains(
            "answered, but not as Langfuse does",
        ));
}

#[test]
fn a_5xx_storm_over_every_region_stays_bounded_and_says_so() {
    let servers: Vec<Sandbox> = Region::CLOUD.iter().map(|_| ours()).collect();
    for server in &servers {
        server.faults().fail_status = 503;
        server.faults().fail_next = u32::MAX;
    }
    let mut urls = servers.iter().map(Sandbox::url);
    let spec = common::region_hosts(|_| urls.next().unwrap());
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--region", "auto"])
        .env("LANGFUSE_OTEL_REGION_HOSTS", &spec)
        .timeout(Duration::from_secs(60))
        .assert()
        .code(32)
        .stderr(predicate::str::contains(
            "no Langfuse Cloud region could be reached",
        ));
    for server in &servers {
        let tries = server
            .requests()
            .iter()
            .filter(|r| r.path == "/api/public/projects")
            .count();
        assert_eq!(tries, 3, "one try and two retries per region");
    }
}
