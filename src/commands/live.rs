//! What `setup`, `test` and `demo` share about the live test: the runtime, the prober, the region
//! list, and how a report is told to the user.

use std::io::Write;
use std::time::Duration;

use super::say;
use crate::cli::ProbeArgs;
use crate::core::diagnosis::{Problem, check_summary, describe_project};
use crate::core::host::{Host, Region, parse_region_hosts};
use crate::exit::{Exit, Failure};
use crate::io::probe::{ProbeOptions, Prober, RegionAnswer, Report};

/// Points the cloud regions elsewhere (tests and benchmarks): `eu=URL,us=URL,...`.
pub const REGION_HOSTS_VAR: &str = "LANGFUSE_OTEL_REGION_HOSTS";

pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            Failure::new(
                Exit::Failure,
                format!("cannot start the async runtime: {e}"),
            )
        })
}

/// A runtime whose worker thread serves a sandbox while the command does its own work.
pub fn server_runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| Failure::new(Exit::Failure, format!("cannot start the runtime: {e}")))
}

pub fn prober(args: &ProbeArgs, allow_http: bool) -> Result<Prober, Failure> {
    Prober::new(ProbeOptions {
        connect_timeout: args.connect_timeout,
        timeout: args.timeout,
        allow_http,
        ..ProbeOptions::default()
    })
    .map_err(|e| Failure::new(Exit::Failure, e))
}

/// The cloud regions, as overridden by [`REGION_HOSTS_VAR`].
pub fn region_hosts() -> Result<Vec<(Region, Host)>, Failure> {
    let spec = std::env::var(REGION_HOSTS_VAR).unwrap_or_default();
    parse_region_hosts(&spec)
        .map_err(|e| Failure::new(Exit::Usage, format!("{REGION_HOSTS_VAR}: {e}")))
}

pub fn millis(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

/// One line per check, then the fix for each problem.
pub fn print_report(report: &Report, out: &mut dyn Write) {
    say!(out, "Live test  {}", report.traces_url);
    if let Some(proxy) = &report.via_proxy {
        say!(
            out,
            "  via proxy {proxy} (HTTPS_PROXY / HTTP_PROXY; NO_PROXY skips it)"
        );
    }
    for attempt in [&report.health, &report.credentials, &report.ingest] {
        let (mark, text) = check_summary(attempt, &report.verdict);
        let tries = if attempt.attempts > 1 {
            format!(", {} tries", attempt.attempts)
        } else {
            String::new()
        };
        say!(
            out,
            "  {mark} {:<14} {text}  ({}{tries})",
            attempt.check.label(),
            millis(attempt.elapsed)
        );
    }
    for problem in &report.verdict.problems {
        say!(out, "  fix: {}", problem.fix());
    }
}

pub fn print_region_hint(hint: &RegionAnswer, out: &mut dyn Write) {
    let project = hint
        .result
        .as_ref()
        .map(describe_project)
        .unwrap_or_default();
    say!(
        out,
        "  hint: these keys belong to the {} region ({}), {project}: use --region {}",
        hint.region.label(),
        hint.host,
        hint.region.slug()
    );
}

/// The one region that knows the keys, or a failure that lists every region's answer.
pub fn pick_region(answers: &[RegionAnswer], out: &mut dyn Write) -> Result<RegionAnswer, Failure> {
    say!(out, "Asking every cloud region which one knows these keys:");
    for answer in answers {
        match &answer.result {
            Ok(project) => say!(
                out,
                "  ✓ {:<24} {}",
                answer.region.label(),
                describe_project(project)
            ),
            Err(problem) => say!(out, "  ✗ {:<24} {}", answer.region.label(), problem.cause()),
        }
    }
    let accepted: Vec<&RegionAnswer> = answers.iter().filter(|a| a.result.is_ok()).collect();
    match accepted.as_slice() {
        [one] => Ok((*one).clone()),
        [] => {
            let unreachable = answers.iter().all(|a| {
                matches!(
                    a.result,
                    Err(Problem::Network(_) | Problem::ServerError { .. })
                )
            });
            if unreachable {
                return Err(Failure::new(
                    Exit::RegionsUnreachable,
                    "no Langfuse Cloud region could be reached (network failures or server errors), so the keys' region is unknown: check the network and try again, or name the region with --region",
                ));
            }
            Err(Failure::new(
                Exit::NoRegion,
                "no Langfuse Cloud region accepts these keys: check both keys (Project settings → API keys), or give --host for a self-hosted server",
            ))
        }
        several => {
            let names: Vec<&str> = several.iter().map(|a| a.region.slug()).collect();
            Err(Failure::new(
                Exit::SeveralRegions,
                format!(
                    "more than one region accepts these keys ({}): choose one with --region",
                    names.join(", ")
                ),
            ))
        }
    }
}

pub use crate::checkup::send_test_trace;
