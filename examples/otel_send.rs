//! `otel_send PATH`: Rust's OpenTelemetry OTLP exporter (HTTP/protobuf), configured from the
//! environment alone after `dotenvy` loads the .env at PATH, sends one span. Used by the client
//! conformance suite (tests/clients), which records what arrives.

use opentelemetry::trace::{Tracer as _, TracerProvider as _};
use opentelemetry_sdk::trace::SdkTracerProvider;

fn main() {
    let path = std::env::args().nth(1).expect("usage: otel_send PATH");
    // reqwest is built here without a crypto provider of its own (ring is chosen in Cargo.toml and
    // installed by io::probe); an application using opentelemetry-otlp installs one the same way.
    let _ = rustls::crypto::ring::default_provider().install_default();
    dotenvy::from_path_override(&path).expect("a readable .env");
    let exporter = opentelemetry_otlp::SpanExporter::builder()
        .with_http()
        .build()
        .expect("an exporter from the environment");
    let provider = SdkTracerProvider::builder()
        .with_simple_exporter(exporter)
        .build();
    provider.tracer("conformance").in_span("one span", |_| {});
    provider.shutdown().expect("the span is sent");
}
