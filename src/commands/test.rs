//! `langfuse-otel test`: the live test of an existing configuration, one variable family at a time.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use super::{live, profiles, say};
use crate::cli::TestArgs;
use crate::core::diagnosis::{Attempt, Problem, Project};
use crate::core::doctor::KNOWN;
use crate::core::dotenv::readers::{Loaded, Reader, clients_disagree};
use crate::core::host::{Host, Region};
use crate::core::target::{FamilyTarget, Target, targets_from_env};
use crate::exit::{Exit, Failure};
use crate::io::envfile::EnvFile;
use crate::io::probe::{Prober, Report};
use crate::io::profile::ProfileDir;
use crate::io::secret_store::SecretStore;

/// Where variables are read from.
enum Source {
    File(PathBuf),
    Environment,
    /// A profile's variables, its secret from the keyring.
    Profile(String),
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Environment => "environment".to_string(),
            Source::Profile(name) => format!("profile {name}"),
        }
    }
}

/// One family's result, as printed and as JSON.
#[derive(Serialize)]
pub(super) struct FamilyResult {
    pub(super) source: String,
    pub(super) family: &'static str,
    pub(super) ok: bool,
    exit_code: i32,
    #[serde(skip)]
    pub(super) exit: Exit,
    traces_url: Option<String>,
    /// Why the family could not be tested (a URL without scheme, gRPC, unusable keys).
    error: Option<String>,
    /// Header-list entries that strict parsers drop.
    dropped_headers: Vec<String>,
    project: Option<Project>,
    server_version: Option<String>,
    problems: Vec<ProblemJson>,
    checks: Vec<Attempt>,
    region_hint: Option<String>,
    test_trace: Option<String>,
    #[serde(skip)]
    report: Option<Report>,
}

#[derive(Serialize)]
struct ProblemJson {
    #[serde(flatten)]
    problem: Problem,
    cause: String,
    fix: String,
}

#[derive(Serialize)]
struct Summary<'a> {
    ok: bool,
    exit_code: i32,
    elapsed_ms: u64,
    families: &'a [FamilyResult],
}

pub fn run(args: TestArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let sources: Vec<Source> = if let Some(name) = &args.profile {
        vec![Source::Profile(name.clone())]
    } else if !args.env_files.is_empty() {
        args.env_files.iter().cloned().map(Source::File).collect()
    } else if Path::new(".env").exists() {
        vec![Source::File(PathBuf::from(".env"))]
    } else {
        vec![Source::Environment]
    };

    let mut found: Vec<(String, FamilyTarget)> = Vec::new();
    for source in &sources {
        let families = match source {
            Source::File(path) => {
                let file = EnvFile::read(path, true)?;
                if !file.existed {
                    return Err(Failure::new(
                        Exit::CannotRead,
                        format!("{} does not exist: give the .env to test", path.display()),
                    ));
                }
                // As the Python clients of every family load it; JavaScript clients (Node
                // dotenv) may read it otherwise, which is said here and is a doctor finding.
                for disagreement in clients_disagree(&file.text, &KNOWN) {
                    say!(
                        err,
                        "warning: {} line {}: {}",
                        path.display(),
                        disagreement.line,
                        disagreement.detail
                    );
                }
                let python = Loaded::read(&file.text, Reader::PythonDotenv);
                targets_from_env(&|name| python.get(name).map(str::to_string))
            }
            Source::Environment => targets_from_env(&|name| std::env::var(name).ok()),
            Source::Profile(name) => {
                let profile = ProfileDir::from_env()?.load(name)?;
                let secret =
                    profiles::secret_of(&profile, &SecretStore::new(args.keyring_timeout))?;
                let (_, _, variables) = profiles::variables_of(&profile, secret, &[])?;
                // Each family exactly as a client would read it from a .env.
                targets_from_env(&|name| {
                    variables
                        .iter()
                        .find(|v| v.name == name)
                        .map(|v| v.expose().to_string())
                })
            }
        };
        if families.is_empty() {
            return Err(Failure::new(
                Exit::InvalidInput,
                format!(
                    "{}: no TRACELOOP_*, OTEL_EXPORTER_OTLP_* or LANGFUSE_* variables to test; create them with `langfuse-otel setup`",
                    source.name()
                ),
            ));
        }
        found.extend(families.into_iter().map(|f| (source.name(), f)));
    }

    let runtime = live::runtime()?;
    let prober = live::prober(&args.probe, args.allow_http)?;
    let regions = live::region_hosts()?;
    let started = Instant::now();

    let results = test_families(
        &runtime,
        &prober,
        &regions,
        &found,
        args.probe.send_test_trace,
    );
    let elapsed = started.elapsed();
    let failed = results.iter().find(|r| !r.ok);
    let exit_code = failed.map_or(0, |r| r.exit_code);

    if args.json {
        let summary = Summary {
            ok: failed.is_none(),
            exit_code,
            elapsed_ms: elapsed.as_millis() as u64,
            families: &results,
        };
        let text =
            serde_json::to_string_pretty(&summary).map_err(|e| Failure::new(Exit::Failure, e))?;
        say!(out, "{text}");
    } else {
        for result in &results {
            print_family(result, out);
        }
        say!(
            out,
            "Tested {} famil{} in {}.",
            results.len(),
            if results.len() == 1 { "y" } else { "ies" },
            live::millis(elapsed)
        );
    }

    if failed.is_none()
        && let Some(name) = &args.profile
    {
        let dir = ProfileDir::from_env()?;
        let mut profile = dir.load(name)?;
        profile.last_tested = Some(crate::io::profile::now());
        dir.save(&profile)?;
    }
    match failed {
        None => Ok(()),
        Some(first) => {
            let names: Vec<String> = results
                .iter()
                .filter(|r| !r.ok)
                .map(|r| format!("{} ({})", r.family, r.source))
                .collect();
            let _ = err.flush();
            Err(Failure::new(
                first.exit,
                format!(
                    "the live test failed for {}: see the fix above",
                    names.join(", ")
                ),
            ))
        }
    }
}

/// Tests every family at once, each alone.
pub(super) fn test_families(
    runtime: &tokio::runtime::Runtime,
    prober: &Prober,
    regions: &[(Region, Host)],
    found: &[(String, FamilyTarget)],
    send_trace: bool,
) -> Vec<FamilyResult> {
    runtime.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for (index, (source, family)) in found.iter().enumerate() {
            let (source, family_name) = (source.clone(), family.family.name());
            let target = family.target.clone();
            let prober = prober.clone();
            let regions = regions.to_vec();
            tasks.spawn(async move {
                let result = match target {
                    Ok(target) => {
                        test_one(&prober, &regions, source, family_name, &target, send_trace).await
                    }
                    Err(error) => FamilyResult {
                        source,
                        family: family_name,
                        ok: false,
                        exit_code: Exit::InvalidInput.code(),
                        exit: Exit::InvalidInput,
                        traces_url: None,
                        error: Some(error.to_string()),
                        dropped_headers: Vec::new(),
                        project: None,
                        server_version: None,
                        problems: Vec::new(),
                        checks: Vec::new(),
                        region_hint: None,
                        test_trace: None,
                        report: None,
                    },
                };
                (index, result)
            });
        }
        let mut results = tasks.join_all().await;
        results.sort_by_key(|(index, _)| *index);
        results.into_iter().map(|(_, r)| r).collect()
    })
}

async fn test_one(
    prober: &Prober,
    regions: &[(Region, Host)],
    source: String,
    family: &'static str,
    target: &Target,
    send_trace: bool,
) -> FamilyResult {
    let report = prober.test(target).await;
    let hint = prober.region_hint(regions, &report, target).await;
    let test_trace = if send_trace && report.verdict.ok() {
        Some(
            match live::send_test_trace(prober, target, report.verdict.project.as_ref()).await {
                Ok(link) => link,
                Err(problem) => format!("not sent: {problem}"),
            },
        )
    } else {
        None
    };
    FamilyResult {
        source,
        family,
        ok: report.verdict.ok(),
        exit_code: report.verdict.exit().code(),
        exit: report.verdict.exit(),
        traces_url: Some(report.traces_url.clone()),
        error: None,
        dropped_headers: target.dropped.iter().map(|e| e.to_string()).collect(),
        project: report.verdict.project.clone(),
        server_version: report.verdict.server_version.clone(),
        problems: report
            .verdict
            .problems
            .iter()
            .map(|p| ProblemJson {
                problem: p.clone(),
                cause: p.cause(),
                fix: p.fix(),
            })
            .collect(),
        checks: vec![
            report.health.clone(),
            report.credentials.clone(),
            report.ingest.clone(),
        ],
        region_hint: hint.map(|h| {
            format!(
                "these keys belong to the {} region ({}): use --region {}",
                h.region.label(),
                h.host,
                h.region.slug()
            )
        }),
        test_trace,
        report: Some(report),
    }
}

pub(super) fn print_family(result: &FamilyResult, out: &mut dyn Write) {
    let verdict = if result.ok { "OK" } else { "FAILED" };
    say!(out, "{} — {}: {verdict}", result.source, result.family);
    if let Some(error) = &result.error {
        say!(out, "  ✗ {error}");
    }
    for dropped in &result.dropped_headers {
        say!(
            out,
            "  ! dropped by strict parsers (OTel Python, so Traceloop Python): {dropped}"
        );
    }
    if let Some(report) = &result.report {
        live::print_report(report, out);
    }
    if let Some(hint) = &result.region_hint {
        say!(out, "  hint: {hint}");
    }
    if let Some(trace) = &result.test_trace {
        say!(out, "  test span: {trace}");
    }
    say!(out, "");
}
