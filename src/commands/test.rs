//! `langfuse-otel test`: the live test of an existing configuration, one variable family at a time.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::doctor::print_finding;
use super::{live, padded, profiles, say};
use crate::checkup::{self, Examined, FamilyCheck};
use crate::cli::TestArgs;
use crate::core::arrival::{Arrival, Arrived};
use crate::core::doctor::Finding;
use crate::core::effective::Environment;
use crate::exit::{Exit, Failure};
use crate::io::profile::ProfileDir;
use crate::io::secret_store::SecretStore;
use crate::tr;

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
            Source::Environment => tr!("cli-test-source-environment"),
            Source::Profile(name) => tr!("cli-test-source-profile", name = name),
        }
    }
}

/// A finding with the source it is about.
#[derive(Serialize)]
struct SourcedFinding {
    source: String,
    #[serde(flatten)]
    finding: Finding,
}

#[derive(Serialize)]
struct Summary<'a> {
    schema: u32,
    command: &'static str,
    ok: bool,
    exit_code: i32,
    elapsed_ms: u64,
    findings: &'a [SourcedFinding],
    families: &'a [FamilyCheck],
}

pub fn run(args: TestArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    // LANGFUSE_OTEL_PROFILE names the profile as in every command, unless files are named.
    let profile = args.profile.clone().or_else(|| {
        std::env::var("LANGFUSE_OTEL_PROFILE")
            .ok()
            .filter(|name| !name.is_empty() && args.env_files.is_empty())
    });
    let sources: Vec<Source> = if let Some(name) = &profile {
        vec![Source::Profile(name.clone())]
    } else if !args.env_files.is_empty() {
        args.env_files.iter().cloned().map(Source::File).collect()
    } else if Path::new(".env").exists() {
        vec![Source::File(PathBuf::from(".env"))]
    } else {
        vec![Source::Environment]
    };

    let environment = if args.no_env {
        Environment::default()
    } else {
        checkup::process_environment()
    };
    let mut examined: Vec<Examined> = Vec::new();
    for source in &sources {
        let name = source.name();
        let found = match source {
            Source::File(path) => {
                let read = super::read_env_file(path)?;
                checkup::examine_text(name, &read.file.text, read.facts, &environment)
            }
            Source::Environment => checkup::examine_environment(name, &environment),
            Source::Profile(profile_name) => {
                let profile = ProfileDir::from_env()?.load(profile_name)?;
                let store = SecretStore::new(args.keyring_timeout);
                let secret = profiles::secret_of(&profile, &store)?;
                let (_, _, variables) = profiles::variables_of(&profile, secret, &[], &store)?;
                // Each family exactly as a client would read it from a .env.
                checkup::examine_built(name, &|name| {
                    variables
                        .iter()
                        .find(|v| v.name == name)
                        .map(|v| v.expose().to_string())
                })
            }
        };
        if found.families.is_empty() {
            return Err(Failure::new(
                Exit::InvalidInput,
                tr!("cli-test-nothing-to-test", source = source.name()),
            ));
        }
        examined.push(found);
    }

    let runtime = live::runtime()?;
    let prober = live::prober(&args.probe, args.allow_http)?;
    let regions = live::region_hosts()?;
    let started = Instant::now();

    let results: Vec<FamilyCheck> = runtime
        .block_on(checkup::test_examined(
            &prober,
            &regions,
            &examined,
            checkup::LiveOptions {
                send_trace: args.probe.send_test_trace,
                arrival: args.arrival.then_some(args.arrival_timeout),
            },
        ))
        .into_iter()
        .flatten()
        .collect();
    let elapsed = started.elapsed();
    let failed = results.iter().find(|r| !r.ok);
    // What the app will see (the environment's shadowing variables, settings that stop export)
    // counts as much as the live test: a file that passes but is not what the app uses fails.
    let findings: Vec<SourcedFinding> = examined
        .iter()
        .flat_map(|e| {
            e.effective.iter().map(|finding| SourcedFinding {
                source: e.source.clone(),
                finding: finding.clone(),
            })
        })
        .collect();
    let exit = checkup::exit_of(findings.iter().map(|f| &f.finding), &results);

    if args.json {
        let summary = Summary {
            schema: super::JSON_SCHEMA_VERSION,
            command: "test",
            ok: exit == Exit::Ok,
            exit_code: exit.code(),
            elapsed_ms: elapsed.as_millis() as u64,
            findings: &findings,
            families: &results,
        };
        let text =
            serde_json::to_string_pretty(&summary).map_err(|e| Failure::new(Exit::Failure, e))?;
        say!(out, "{text}");
    } else {
        let mut shown_source = None;
        for finding in &findings {
            if shown_source != Some(&finding.source) {
                say!(
                    out,
                    "{}",
                    tr!(
                        "cli-test-as-the-app-sees-it",
                        source = finding.source.as_str()
                    )
                );
                shown_source = Some(&finding.source);
            }
            print_finding(&finding.finding, out);
        }
        if !findings.is_empty() {
            say!(out, "");
        }
        for result in &results {
            print_family(result, out);
        }
        say!(
            out,
            "{}",
            tr!(
                "cli-test-tested",
                count = results.len(),
                elapsed = live::millis(elapsed)
            )
        );
    }

    if exit == Exit::Ok
        && let Some(name) = &profile
    {
        let dir = ProfileDir::from_env()?;
        let mut profile = dir.load(name)?;
        profile.last_tested = Some(crate::io::profile::now());
        dir.save(&profile)?;
    }
    match failed {
        None if exit == Exit::Ok => Ok(()),
        None => Err(Failure::new(exit, tr!("cli-test-passes-but-app-would-not"))),
        Some(first) => {
            let names: Vec<String> = results
                .iter()
                .filter(|r| !r.ok)
                .map(|r| format!("{} ({})", r.family, r.source))
                .collect();
            let _ = err.flush();
            Err(Failure::new(
                first.exit,
                tr!("cli-test-failed-for", families = names.join(", ")),
            ))
        }
    }
}

pub(super) fn print_family(result: &FamilyCheck, out: &mut dyn Write) {
    let verdict = if result.ok {
        tr!("cli-test-ok")
    } else {
        tr!("cli-test-failed")
    };
    say!(out, "{} — {}: {verdict}", result.source, result.family);
    if let Some(error) = &result.error {
        say!(out, "  ✗ {error}");
    }
    for dropped in &result.dropped_headers {
        say!(
            out,
            "{}",
            tr!("cli-test-dropped-header", header = dropped.to_string())
        );
    }
    if let Some(report) = &result.report {
        live::print_report(report, out);
    }
    if let Some(hint) = &result.region_hint {
        say!(out, "{}", tr!("cli-test-hint", hint = hint.to_string()));
    }
    if let Some(trace) = &result.test_trace {
        say!(
            out,
            "{}",
            tr!("cli-test-test-span", trace = trace.to_string())
        );
    }
    if let Some(arrival) = &result.arrival {
        print_arrival(arrival, out);
    }
    say!(out, "");
}

fn print_arrival(arrival: &Arrival, out: &mut dyn Write) {
    let reads = tr!("cli-arrival-reads", count = arrival.reads);
    let label = padded(tr!("cli-arrival-label"), 14);
    let waited = live::millis(Duration::from_millis(arrival.waited_ms));
    match (arrival.outcome, arrival.visible_after_ms) {
        (Arrived::Visible | Arrived::Slow, Some(ms)) => {
            let mark = if arrival.outcome == Arrived::Slow {
                "!"
            } else {
                "✓"
            };
            say!(
                out,
                "  {mark} {label} {}  ({reads})",
                tr!(
                    "cli-arrival-visible",
                    after = live::millis(Duration::from_millis(ms))
                )
            );
        }
        (Arrived::Never, _) => say!(
            out,
            "  ✗ {label} {}  ({reads})",
            tr!("cli-arrival-not-visible", waited = waited)
        ),
        _ => say!(
            out,
            "  ✗ {label} {}  ({reads})",
            tr!("cli-arrival-not-proven")
        ),
    }
    match &arrival.link {
        Some(link) => say!(out, "    {link}"),
        None => say!(
            out,
            "{}",
            tr!("cli-arrival-trace-id", id = arrival.trace_id.to_string())
        ),
    }
    if let Some(cause) = &arrival.cause {
        say!(
            out,
            "{}",
            tr!("cli-arrival-cause", cause = cause.to_string())
        );
    }
    if let Some(fix) = &arrival.fix {
        say!(out, "{}", tr!("cli-live-fix", fix = fix.to_string()));
    }
}
