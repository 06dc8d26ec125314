//! THE checks: the static checks of a configuration and the live test of each of its families,
//! returned as data. `test`, `doctor` and the wizard's Diagnose screen only gather inputs and render
//! what this module returns; none of them runs a check of its own.
//!
//! Reading a file ([`read_env_file`]) is blocking and kept apart, so that async callers run it on the
//! blocking pool; everything else here is either pure or async network work.

use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use crate::core::arrival::Arrival;
use crate::core::diagnosis::{Attempt, Outcome, Problem, Project};
use crate::core::doctor::{FileFacts, Finding, Severity, check_env, check_file};
use crate::core::dotenv::readers::{Loaded, Reader};
use crate::core::effective::{
    Environment, FileValue, Loader, check_environment, check_hosts, resolve,
};
use crate::core::host::{Host, Region};
use crate::core::server_text::ServerText;
use crate::core::target::{FamilyTarget, Target, targets_from_env};
use crate::exit::Exit;
use crate::io::envfile::{EnvFile, EnvFileError};
use crate::io::probe::{Prober, Report};
use crate::tr;

/// A `.env` as the checks need it: its text and what the file system and git say about it.
pub struct ReadFile {
    pub file: EnvFile,
    pub facts: FileFacts,
}

/// Reads a `.env` (following symlinks: checking never writes) and asks git about it. Blocking: async
/// callers run it with `spawn_blocking`. `Ok(None)` when there is no such file.
pub fn read_env_file(path: &Path) -> Result<Option<ReadFile>, EnvFileError> {
    let file = EnvFile::read(path, true)?;
    if !file.existed {
        return Ok(None);
    }
    let facts = file_facts(path, file.mode);
    Ok(Some(ReadFile { file, facts }))
}

/// What the static checks need to know about a .env beyond its text: git's answer (the one git
/// check, [`crate::apply::GitExposure`], which never asks git past an ignore file it would hang
/// on), a Node project beside it, and its mode.
pub fn file_facts(path: &Path, mode: Option<u32>) -> FileFacts {
    let git = crate::apply::GitExposure::of(path);
    FileFacts {
        node_project: crate::io::envfile::node_project(path),
        git_would_commit: git.unignored.iter().any(|p| p == path),
        git_tracked: git.tracked.iter().any(|p| p == path),
        mode,
    }
}

/// The process environment's variables that the checks look at: the one place the checks read the
/// environment (commands and the wizard call it at their edge and pass the result down).
pub fn process_environment() -> Environment {
    Environment::from_vars(
        std::env::vars_os().filter_map(|(name, value)| {
            Some((name.into_string().ok()?, value.into_string().ok()?))
        }),
    )
}

/// A `.env` read and examined as the app will see it: the process environment's values where its
/// loader lets them win. Blocking (it reads the file and asks git): async callers run it on the
/// blocking pool. `Ok(None)` when there is no such file.
pub fn examine_env_file(path: &Path) -> Result<Option<(ReadFile, Examined)>, EnvFileError> {
    let Some(read) = read_env_file(path)? else {
        return Ok(None);
    };
    let examined = examine_text(
        path.display().to_string(),
        &read.file.text,
        read.facts,
        &process_environment(),
    );
    Ok(Some((read, examined)))
}

/// One configuration after the static checks: what is wrong, and the families to test live.
#[derive(Debug)]
pub struct Examined {
    /// The file's path, `environment`, or `profile NAME`.
    pub source: String,
    /// What is wrong in the file's own text (quoting, encoding, URLs, git, permissions).
    pub findings: Vec<Finding>,
    /// What is wrong in what the app will see: variables of the environment that shadow the
    /// file's, settings that stop or divert export, families that disagree on the host.
    pub effective: Vec<Finding>,
    /// Each family the file configures, with the values the app gets (the environment's where
    /// python-dotenv and Node dotenv let it win), read the way its client reads them.
    pub families: Vec<FamilyTarget>,
}

impl Examined {
    /// Nothing of ours to check or test.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty() && self.effective.is_empty() && self.families.is_empty()
    }

    /// Every finding: the file's, then what the app will see.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().chain(&self.effective)
    }
}

/// The loader whose view the live test takes: python-dotenv's and Node dotenv's (the same), since
/// that is how most apps read a `.env`, and the one where the environment can hide the file.
pub const TESTED_LOADER: Loader = Loader::PythonDotenv;

/// The static checks of a `.env`'s text, and its families as the app will see them with `env`
/// already in its environment (an empty [`Environment`]: the file alone).
pub fn examine_text(source: String, text: &str, facts: FileFacts, env: &Environment) -> Examined {
    let findings = check_file(text, facts);
    // As the tested loader's parser reads the text (python-dotenv; where Node dotenv reads one
    // of our variables otherwise, `check_file` says so).
    let loaded = Loaded::read(text, Reader::PythonDotenv);
    let in_file = |name: &str| loaded.get(name).map(str::to_string);
    let configured: Vec<_> = targets_from_env(&in_file)
        .into_iter()
        .map(|f| f.family)
        .collect();
    let file = |name: &str| {
        loaded.get(name).map(|value| FileValue {
            value: value.to_string(),
            line: loaded.line(name),
        })
    };
    let seen = |name: &str| resolve(TESTED_LOADER, in_file(name), env.get(name));
    let families: Vec<FamilyTarget> = targets_from_env(&seen)
        .into_iter()
        .filter(|f| configured.contains(&f.family))
        .collect();
    let mut effective = check_environment(&file, env, &configured);
    effective.extend(check_hosts(&families));
    Examined {
        source,
        findings,
        effective,
        families,
    }
}

/// The checks of variables that come from no file (the process environment itself).
pub fn examine_environment(source: String, env: &Environment) -> Examined {
    let lookup = |name: &str| env.get(name).map(str::to_string);
    let families = targets_from_env(&lookup);
    let configured: Vec<_> = families.iter().map(|f| f.family).collect();
    let mut effective = check_environment(&|_| None, env, &configured);
    effective.extend(check_hosts(&families));
    Examined {
        source,
        findings: check_env(&lookup),
        effective,
        families,
    }
}

/// Variables whose values were built by us (a profile): only the families, no static checks.
pub fn examine_built(source: String, lookup: &dyn Fn(&str) -> Option<String>) -> Examined {
    Examined {
        source,
        findings: Vec::new(),
        effective: Vec::new(),
        families: targets_from_env(lookup),
    }
}

/// One family's live result.
#[derive(Clone, Debug, Serialize)]
pub struct FamilyCheck {
    pub source: String,
    pub family: &'static str,
    pub ok: bool,
    pub exit_code: i32,
    #[serde(skip)]
    pub exit: Exit,
    pub traces_url: Option<String>,
    /// Why the family could not be tested (a URL without scheme, gRPC, unusable keys).
    pub error: Option<String>,
    /// Header-list entries that strict parsers drop.
    pub dropped_headers: Vec<String>,
    pub project: Option<Project>,
    pub server_version: Option<ServerText>,
    pub problems: Vec<ProblemReport>,
    pub checks: Vec<Attempt>,
    pub region_hint: Option<String>,
    pub test_trace: Option<String>,
    /// `test --arrival`: whether a real span became visible, and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrival: Option<Arrival>,
    #[serde(skip)]
    pub report: Option<Report>,
}

/// What the live test does beyond the three checks.
#[derive(Clone, Copy, Debug, Default)]
pub struct LiveOptions {
    /// Send one test span and give its link.
    pub send_trace: bool,
    /// Send one test span and read it back until visible, for at most this long.
    pub arrival: Option<Duration>,
}

/// A live problem with its cause and fix in words.
#[derive(Clone, Debug, Serialize)]
pub struct ProblemReport {
    #[serde(flatten)]
    pub problem: Problem,
    pub cause: String,
    pub fix: String,
}

/// Tests every family at once, each alone; results in the order given.
pub async fn test_families(
    prober: &Prober,
    regions: &[(Region, Host)],
    found: &[(String, &FamilyTarget)],
    options: LiveOptions,
) -> Vec<FamilyCheck> {
    let mut tasks = tokio::task::JoinSet::new();
    let prober = prober.sharing_identical_requests();
    // The results' words (causes, fixes, hints) are in the caller's language, also when a
    // worker thread runs the task.
    let lang = crate::core::i18n::language();
    for (index, (source, family)) in found.iter().enumerate() {
        let (source, family_name) = (source.clone(), family.family.name());
        let target = family.target.clone();
        let prober = prober.clone();
        let regions = regions.to_vec();
        tasks.spawn(crate::core::i18n::speaking(lang, async move {
            let result = match target {
                Ok(target) => {
                    test_one(&prober, &regions, source, family_name, &target, options).await
                }
                Err(error) => FamilyCheck {
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
                    arrival: None,
                    report: None,
                },
            };
            (index, result)
        }));
    }
    let mut results = tasks.join_all().await;
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Tests every family of every examined configuration.
pub async fn test_examined(
    prober: &Prober,
    regions: &[(Region, Host)],
    examined: &[Examined],
    options: LiveOptions,
) -> Vec<Vec<FamilyCheck>> {
    let found: Vec<(String, &FamilyTarget)> = examined
        .iter()
        .flat_map(|e| e.families.iter().map(|f| (e.source.clone(), f)))
        .collect();
    let mut flat = test_families(prober, regions, &found, options)
        .await
        .into_iter();
    examined
        .iter()
        .map(|e| flat.by_ref().take(e.families.len()).collect())
        .collect()
}

async fn test_one(
    prober: &Prober,
    regions: &[(Region, Host)],
    source: String,
    family: &'static str,
    target: &Target,
    options: LiveOptions,
) -> FamilyCheck {
    let report = prober.test(target).await;
    let hint = prober.region_hint(regions, &report, target).await;
    let arrival = match options.arrival {
        Some(deadline) if report.verdict.ok() => Some(
            arrival(
                prober,
                target,
                report.verdict.server_version.as_ref(),
                report.verdict.project.as_ref(),
                deadline,
            )
            .await,
        ),
        _ => None,
    };
    let test_trace = if options.send_trace && arrival.is_none() && report.verdict.ok() {
        Some(
            match send_test_trace(prober, target, report.verdict.project.as_ref()).await {
                Ok(link) => link,
                Err(problem) => tr!("core-checkup-trace-not-sent", problem = problem.to_string()),
            },
        )
    } else {
        None
    };
    let exit = match &arrival {
        Some(arrival) if arrival.exit != Exit::Ok => arrival.exit,
        _ => report.verdict.exit(),
    };
    FamilyCheck {
        source,
        family,
        ok: exit == Exit::Ok,
        exit_code: exit.code(),
        exit,
        traces_url: Some(report.traces_url.clone()),
        error: None,
        dropped_headers: target.dropped.iter().map(|e| e.to_string()).collect(),
        project: report.verdict.project.clone(),
        server_version: report.verdict.server_version.clone(),
        problems: report
            .verdict
            .problems
            .iter()
            .map(|p| ProblemReport {
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
            tr!(
                "core-checkup-region-hint",
                region = h.region.name(),
                host = h.host.to_string(),
                slug = h.region.slug()
            )
        }),
        test_trace,
        arrival,
        report: Some(report),
    }
}

/// Sends one real span with exactly the target's headers, then reads it back through Langfuse's
/// public API (`GET /api/public/traces/{id}`) until it is visible or `deadline` passes.
pub async fn arrival(
    prober: &Prober,
    target: &Target,
    server_version: Option<&ServerText>,
    project: Option<&Project>,
    deadline: Duration,
) -> Arrival {
    use crate::core::arrival::{Arrived, Context, Read, judge, read_state};
    use crate::core::credential::{INGESTION_VERSION_HEADER, find_header};
    use crate::core::diagnosis::problem_of;
    use crate::core::otlp::TestSpan;

    let context = Context {
        sent_v4_header: find_header(&target.headers, INGESTION_VERSION_HEADER)
            .is_some_and(|v| v.trim() == "4"),
        server_version: server_version.map(|v| v.as_str().to_string()),
        deadline,
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let span = TestSpan::new(now, 1_000_000);
    let trace_id = span.trace_id_hex();
    let started = tokio::time::Instant::now();
    let sent = prober.ingest(target, span.encode()).await;
    let accepted = matches!(&sent.outcome, Outcome::Reply(r) if (200..300).contains(&r.status) && !r.is_html());
    let mut result = if !accepted {
        let problem = problem_of(&sent, server_version);
        judge(
            trace_id,
            None,
            started.elapsed(),
            0,
            Some((Arrived::NotSent, problem)),
            &context,
        )
    } else {
        let mut reads = 0;
        let mut pause = Duration::from_millis(250);
        loop {
            let read = prober
                .read_trace(
                    &target.host,
                    target.authorization(),
                    &target.extra_headers(),
                    &trace_id,
                )
                .await;
            reads += 1;
            match read_state(&read) {
                Read::Visible => {
                    let after = started.elapsed();
                    break judge(trace_id, Some(after), after, reads, None, &context);
                }
                Read::Failed(problem) => {
                    break judge(
                        trace_id,
                        None,
                        started.elapsed(),
                        reads,
                        Some((Arrived::Unreadable, problem)),
                        &context,
                    );
                }
                Read::NotYet => {}
            }
            let left = deadline.saturating_sub(started.elapsed());
            if left.is_zero() {
                break judge(trace_id, None, started.elapsed(), reads, None, &context);
            }
            tokio::time::sleep(pause.min(left)).await;
            pause = (pause * 3 / 2).min(Duration::from_secs(5));
        }
    };
    result.link = project.map(|p| {
        format!(
            "{}/project/{}/traces/{}",
            target.host, p.id, result.trace_id
        )
    });
    result
}

/// Sends one test span to the target and returns the link to it in Langfuse's UI.
pub async fn send_test_trace(
    prober: &Prober,
    target: &Target,
    project: Option<&Project>,
) -> Result<String, Problem> {
    use crate::core::diagnosis::problem_of;
    use crate::core::otlp::TestSpan;
    use std::time::{SystemTime, UNIX_EPOCH};
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let span = TestSpan::new(now, 1_000_000);
    let attempt = prober.ingest(target, span.encode()).await;
    match &attempt.outcome {
        Outcome::Reply(reply) if (200..300).contains(&reply.status) => Ok(match project {
            Some(project) => format!(
                "{}/project/{}/traces/{}",
                target.host,
                project.id,
                span.trace_id_hex()
            ),
            None => tr!("core-checkup-trace-id", id = span.trace_id_hex()),
        }),
        _ => Err(problem_of(&attempt, None)),
    }
}

/// A family's standing across the static checks and the live test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FamilyVerdict {
    pub family: &'static str,
    pub errors: usize,
    pub warnings: usize,
    /// `None`: not tested live.
    pub live_ok: Option<bool>,
}

/// One verdict per family named by a finding or tested live, in name order.
pub fn family_verdicts(findings: &[Finding], families: &[FamilyCheck]) -> Vec<FamilyVerdict> {
    let mut names: Vec<&'static str> = findings
        .iter()
        .filter_map(|f| f.family.map(|x| x.name()))
        .collect();
    names.extend(families.iter().map(|f| f.family));
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|family| {
            let count = |severity| {
                findings
                    .iter()
                    .filter(|f| {
                        f.family.map(|x| x.name()) == Some(family) && f.severity == severity
                    })
                    .count()
            };
            FamilyVerdict {
                family,
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                live_ok: families.iter().find(|f| f.family == family).map(|f| f.ok),
            }
        })
        .collect()
}

/// The exit code of a checkup: the first live failure's, else [`Exit::ProblemsFound`] when a static
/// check found an error, else success.
pub fn exit_of<'a>(
    findings: impl IntoIterator<Item = &'a Finding>,
    families: impl IntoIterator<Item = &'a FamilyCheck>,
) -> Exit {
    if let Some(failed) = families.into_iter().find(|f| !f.ok) {
        return failed.exit;
    }
    if findings.into_iter().any(|f| f.severity == Severity::Error) {
        Exit::ProblemsFound
    } else {
        Exit::Ok
    }
}
