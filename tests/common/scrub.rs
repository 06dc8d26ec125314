//! The one rule for the environment a test or bench runs the binary in (tests/common and
//! benches/support both use it).

use std::process::Command;

/// Removes the inherited variables that would change what the binary does: Langfuse, OTel and
/// other tracing vendors' variables, proxies, `NO_COLOR`, and the D-Bus session (the developer's
/// keyring is never touched).
pub fn scrub(command: &mut Command) -> &mut Command {
    command.env_remove("DBUS_SESSION_BUS_ADDRESS");
    for (name, _) in std::env::vars() {
        let upper = name.to_ascii_uppercase();
        if upper.starts_with("LANGFUSE_")
            || upper.starts_with("TRACELOOP_")
            || upper.starts_with("OTEL_")
            || upper.starts_with("DD_TRACE_")
            || upper.starts_with("SENTRY_")
            || upper.starts_with("LOGFIRE_")
            || upper.ends_with("_PROXY")
            || upper == "NO_COLOR"
        {
            command.env_remove(name);
        }
    }
    command
}
