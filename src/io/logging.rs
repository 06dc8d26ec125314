//! `-v` / `-vv` / `-vvv` and `RUST_LOG`: what the tool does, as log lines on stderr.
//!
//! Requests (method, URL, status, time), keyring calls (operation, profile, time, outcome) and file
//! operations (path, size, mode). The events carry no secret, credential or header value: the places
//! that emit them take only those fields (see `io::probe`, `io::secret_store`, `io::envfile`).

use std::str::FromStr as _;

use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// Starts logging to stderr. `verbosity` is the count of `-v`; with none, `RUST_LOG` is read
/// (`info`, `langfuse_otel=debug`, ...); with neither, nothing is logged and nothing is set up.
/// Returns a warning to print when `RUST_LOG` cannot be read.
pub fn init(verbosity: u8) -> Option<String> {
    let (filter, warning) = match verbosity {
        0 => match std::env::var("RUST_LOG") {
            Ok(spec) if !spec.trim().is_empty() => match Targets::from_str(spec.trim()) {
                Ok(filter) => (filter, None),
                Err(e) => {
                    return Some(crate::tr!(
                        "core-log-bad-filter",
                        spec = format!("{spec:?}"),
                        error = e.to_string()
                    ));
                }
            },
            _ => return None,
        },
        1 => (
            Targets::new().with_target("langfuse_otel", LevelFilter::INFO),
            None,
        ),
        2 => (
            Targets::new().with_target("langfuse_otel", LevelFilter::DEBUG),
            None,
        ),
        _ => (Targets::new().with_default(LevelFilter::TRACE), None),
    };
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_timer(tracing_subscriber::fmt::time::Uptime::default())
        .with_ansi(false);
    // Fails only when a subscriber is already set (tests that call this twice): keep that one.
    let _ = tracing_subscriber::registry()
        .with(layer)
        .with(filter)
        .try_init();
    warning
}
