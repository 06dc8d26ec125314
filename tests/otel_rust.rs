//! Rust's OpenTelemetry OTLP exporter (`opentelemetry-otlp`, HTTP/protobuf) configured only from a
//! `.env` written by the real binary and loaded with `dotenvy`, sending a real span to the sandbox:
//! the header it sends must be exactly `Basic base64(pk:sk)`.
//!
//! One test in this file on purpose: it sets process environment variables, which the exporter
//! reads, and no other test may run beside it in this process.

mod common;

use common::{expected_header, setup};
use langfuse_otel::io::sandbox::{Sandbox, SandboxConfig};
use opentelemetry::trace::{Tracer as _, TracerProvider as _};
use opentelemetry_sdk::trace::SdkTracerProvider;

#[test]
fn opentelemetry_otlp_sends_exactly_the_header_our_env_file_holds() {
    // reqwest is built here without a crypto provider of its own (ring is chosen in Cargo.toml and
    // installed by io::probe); an application using opentelemetry-otlp installs one the same way.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    // Base64 with `+` and `/`, and every padding length.
    let pairs = [
        ("pk-lf-?>?>", "sk-lf->>>?"),
        ("pk-lf-a", "sk-lf-b"),
        ("pk-lf-ab", "sk-lf-?>?"),
        (common::PK, common::SK),
    ];
    for (pk, sk) in pairs {
        let server = runtime
            .block_on(Sandbox::start(SandboxConfig::with_keys(pk, sk)))
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        setup(dir.path(), pk, sk)
            .args(["--host", &server.url(), "--vars", "otel"])
            .assert()
            .success();
        for name in [
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
        ] {
            // SAFETY: this test is alone in its process (see the module comment).
            unsafe { std::env::remove_var(name) };
        }
        dotenvy::from_path_override(dir.path().join(".env")).unwrap();

        let exporter = opentelemetry_otlp::SpanExporter::builder()
            .with_http()
            .build()
            .unwrap();
        let provider = SdkTracerProvider::builder()
            .with_simple_exporter(exporter)
            .build();
        provider.tracer("conformance").in_span("one span", |_| {});
        provider.shutdown().unwrap();

        let posts: Vec<_> = server
            .requests()
            .into_iter()
            .filter(|r| r.method == "POST")
            .collect();
        assert_eq!(posts.len(), 1, "{pk}: {posts:?}");
        assert_eq!(posts[0].path, "/api/public/otel/v1/traces");
        assert_eq!(
            posts[0].header("authorization"),
            Some(expected_header(pk, sk).as_str()),
            "{pk}"
        );
        assert_eq!(posts[0].header("x-langfuse-ingestion-version"), Some("4"));
        assert!(!posts[0].body.is_empty());
    }
}
