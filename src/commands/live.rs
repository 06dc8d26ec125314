//! What `setup`, `test` and `demo` share about the live test: the runtime, the prober, the region
//! list, and how a report is told to the user.

use std::io::Write;
use std::time::Duration;

use super::{label, padded, say};
use crate::cli::ProbeArgs;
use crate::core::diagnosis::{Problem, check_summary, describe_project};
use crate::core::host::{Host, Region, parse_region_hosts};
use crate::exit::{Exit, Failure};
use crate::io::probe::{ProbeOptions, Prober, RegionAnswer, Report};
use crate::tr;

/// Points the cloud regions elsewhere (tests and benchmarks): `eu=URL,us=URL,...`.
pub const REGION_HOSTS_VAR: &str = "LANGFUSE_OTEL_REGION_HOSTS";

pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            Failure::new(
                Exit::Failure,
                tr!("cli-live-runtime", error = e.to_string()),
            )
        })
}

/// A runtime whose worker thread serves a sandbox while the command does its own work.
pub fn server_runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| {
            Failure::new(
                Exit::Failure,
                tr!("cli-live-server-runtime", error = e.to_string()),
            )
        })
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
    say!(out, "{}{}", label(tr!("cli-live-label")), report.traces_url);
    if let Some(proxy) = &report.via_proxy {
        say!(
            out,
            "{}",
            tr!("cli-live-via-proxy", proxy = proxy.to_string())
        );
    }
    for attempt in [&report.health, &report.credentials, &report.ingest] {
        let (mark, text) = check_summary(attempt, &report.verdict);
        let tries = if attempt.attempts > 1 {
            tr!("cli-live-tries", count = attempt.attempts)
        } else {
            String::new()
        };
        say!(
            out,
            "  {mark} {} {text}  ({}{tries})",
            padded(attempt.check.label(), 14),
            millis(attempt.elapsed)
        );
    }
    for problem in &report.verdict.problems {
        say!(
            out,
            "{}",
            tr!("cli-live-fix", fix = problem.fix().to_string())
        );
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
        "{}",
        tr!(
            "cli-live-region-hint",
            region = hint.region.label().to_string(),
            host = hint.host.to_string(),
            project = project,
            slug = hint.region.slug()
        )
    );
}

/// The one region that knows the keys, or a failure that lists every region's answer.
pub fn pick_region(answers: &[RegionAnswer], out: &mut dyn Write) -> Result<RegionAnswer, Failure> {
    say!(out, "{}", tr!("cli-live-asking-regions"));
    for answer in answers {
        match &answer.result {
            Ok(project) => say!(
                out,
                "  ✓ {} {}",
                padded(answer.region.label(), 24),
                describe_project(project)
            ),
            Err(problem) => say!(
                out,
                "  ✗ {} {}",
                padded(answer.region.label(), 24),
                problem.cause()
            ),
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
                    tr!("cli-live-regions-unreachable"),
                ));
            }
            Err(Failure::new(Exit::NoRegion, tr!("cli-live-no-region")))
        }
        several => {
            let names: Vec<&str> = several.iter().map(|a| a.region.slug()).collect();
            Err(Failure::new(
                Exit::SeveralRegions,
                tr!("cli-live-several-regions", regions = names.join(", ")),
            ))
        }
    }
}

pub use crate::checkup::send_test_trace;
