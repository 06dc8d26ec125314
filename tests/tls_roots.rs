//! The system's TLS roots are read only when a target speaks TLS: a plain-http test on loopback
//! must not depend on (or pay for) /etc/ssl/certs, and an https target must still be verified
//! against them.

mod common;

use std::fs;

use common::{PK, SK, bin, expected_header, ours};
use predicates::prelude::*;
use tempfile::TempDir;

fn env_file(dir: &TempDir, url: &str) -> std::path::PathBuf {
    let header = langfuse_otel::core::credential::encode_header_list([(
        "Authorization",
        expected_header(PK, SK).as_str(),
    )]);
    let path = dir.path().join("test.env");
    fs::write(
        &path,
        format!(
            "OTEL_EXPORTER_OTLP_ENDPOINT={url}/api/public/otel\nOTEL_EXPORTER_OTLP_HEADERS={header}\n"
        ),
    )
    .unwrap();
    path
}

#[test]
fn a_plain_http_target_never_reads_the_tls_roots() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    let path = env_file(&dir, &server.url());
    // Roots that cannot be loaded: building a TLS client fails with "No CA certificates".
    bin(dir.path())
        .env("SSL_CERT_FILE", dir.path().join("no-such-bundle.pem"))
        .env("SSL_CERT_DIR", dir.path().join("no-such-dir"))
        .args(["test", "--env-file"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("otel: OK"));
}

#[test]
fn an_https_target_is_verified_against_the_system_roots() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    let path = env_file(&dir, &format!("https://{}", server.addr()));
    bin(dir.path())
        .env("SSL_CERT_FILE", dir.path().join("no-such-bundle.pem"))
        .env("SSL_CERT_DIR", dir.path().join("no-such-dir"))
        .args(["test", "--env-file"])
        .arg(&path)
        .assert()
        .code(22)
        .stdout(predicate::str::contains("No CA certificates"));
}
