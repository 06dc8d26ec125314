//! `langfuse-otel sandbox` (hidden): the sandbox Langfuse in the foreground, for scripts and
//! benchmarks. Prints its URL, then serves until killed.

use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

use super::say;
use crate::cli::SandboxArgs;
use crate::exit::{Exit, Failure};
use crate::io::sandbox::{Sandbox, SandboxConfig};

/// `pk:sk` for `--keys-from-env`.
pub const SANDBOX_KEYS_VAR: &str = "LANGFUSE_OTEL_SANDBOX_KEYS";

pub fn run(args: SandboxArgs, out: &mut dyn Write, _err: &mut dyn Write) -> Result<(), Failure> {
    let mut config = if args.keys_from_env {
        let keys = std::env::var(SANDBOX_KEYS_VAR).unwrap_or_default();
        let Some((public, secret)) = keys.split_once(':') else {
            return Err(Failure::new(
                Exit::Usage,
                crate::tr!("cli-sandbox-keys-from-env", variable = SANDBOX_KEYS_VAR),
            ));
        };
        SandboxConfig::with_keys(public, secret)
    } else {
        SandboxConfig::demo()
    };
    config.hostile = args.hostile;
    let runtime = super::live::server_runtime()?;
    let sandbox = runtime
        .block_on(Sandbox::start_on(
            SocketAddr::from(([127, 0, 0, 1], args.port)),
            config,
        ))
        .map_err(|e| {
            Failure::new(
                Exit::Failure,
                crate::tr!(
                    "cli-sandbox-cannot-listen",
                    port = args.port.to_string(),
                    error = e.to_string()
                ),
            )
        })?;
    sandbox.faults().latency = Duration::from_millis(args.latency_ms);
    say!(out, "{}", sandbox.url());
    let _ = out.flush();
    runtime.block_on(std::future::pending::<()>());
    Ok(())
}
