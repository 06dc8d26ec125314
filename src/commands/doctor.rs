//! `langfuse-otel doctor [PATH...]`: the static checks of [`crate::core::doctor`] with their lines,
//! causes and fixes, `--fix` through the .env editor, then the live test of each family alone.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::test::print_family;
use super::{live, say};
use crate::apply;
use crate::checkup::{self, Examined, FamilyCheck, family_verdicts};
use crate::cli::DoctorArgs;
use crate::core::doctor::{Finding, Severity, repairs};
use crate::core::dotenv::Document;
use crate::core::effective::Environment;
use crate::core::vars::may_show;
use crate::exit::{Exit, Failure};
use crate::io::envfile::{EnvFile, backup_path};
use crate::tr;

#[derive(Serialize)]
struct SourceReport {
    source: String,
    findings: Vec<Finding>,
    /// What `--fix` changed.
    fixed: Vec<String>,
    /// Why `--fix` could not rebuild the values, when it could not.
    fix_error: Option<String>,
    families: Vec<FamilyCheck>,
}

#[derive(Serialize)]
struct Report<'a> {
    schema: u32,
    command: &'static str,
    ok: bool,
    exit_code: i32,
    sources: &'a [SourceReport],
}

enum Source {
    File(PathBuf),
    Environment,
}

pub fn run(args: DoctorArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    // `--env-file` and the positional paths are the same thing; LANGFUSE_OTEL_PROFILE names the
    // profile (whose .env files are checked) as in every command, unless files are named.
    let files: Vec<PathBuf> = args.env_files.iter().chain(&args.paths).cloned().collect();
    let profile = args.profile.clone().or_else(|| {
        std::env::var("LANGFUSE_OTEL_PROFILE")
            .ok()
            .filter(|name| !name.is_empty() && files.is_empty())
    });
    let sources = if let Some(name) = &profile {
        let profile = crate::io::profile::ProfileDir::from_env()?.load(name)?;
        if profile.env_files.is_empty() {
            return Err(Failure::new(
                Exit::InvalidInput,
                tr!("cli-doctor-profile-without-env-file", name = name.as_str()),
            ));
        }
        profile.env_files.into_iter().map(Source::File).collect()
    } else if !files.is_empty() {
        files.into_iter().map(Source::File).collect()
    } else if Path::new(".env").exists() {
        vec![Source::File(PathBuf::from(".env"))]
    } else {
        vec![Source::Environment]
    };
    let live = if args.offline {
        None
    } else {
        Some((
            live::runtime()?,
            live::prober(&args.probe, args.allow_http)?,
            live::region_hosts()?,
        ))
    };

    let environment = if args.no_env {
        Environment::default()
    } else {
        checkup::process_environment()
    };
    let mut reports = Vec::new();
    for source in sources {
        let (examined, fixed, fix_error) = match source {
            Source::File(path) => examine_file(
                &path,
                &environment,
                args.fix,
                apply::CommitOptions::new(args.follow_symlinks, args.force),
                args.json,
                out,
                err,
            )?,
            Source::Environment => {
                let examined =
                    checkup::examine_environment(tr!("cli-test-source-environment"), &environment);
                if args.fix && examined.all_findings().any(|f| f.fixable) {
                    say!(err, "{}", tr!("cli-doctor-fix-environment"));
                }
                (examined, Vec::new(), None)
            }
        };
        if examined.is_empty() {
            return Err(Failure::new(
                Exit::InvalidInput,
                tr!(
                    "cli-doctor-nothing-to-check",
                    source = examined.source.as_str()
                ),
            ));
        }
        let families = match &live {
            Some((runtime, prober, regions)) => runtime.block_on(checkup::test_examined(
                prober,
                regions,
                std::slice::from_ref(&examined),
                checkup::LiveOptions::default(),
            )),
            None => Vec::new(),
        }
        .into_iter()
        .flatten()
        .collect();
        reports.push(SourceReport {
            findings: examined.all_findings().cloned().collect(),
            source: examined.source,
            fixed,
            fix_error,
            families,
        });
    }

    let live_failure = reports.iter().flat_map(|r| &r.families).any(|f| !f.ok);
    let exit = checkup::exit_of(
        reports.iter().flat_map(|r| &r.findings),
        reports.iter().flat_map(|r| &r.families),
    );

    if args.json {
        let text = serde_json::to_string_pretty(&Report {
            schema: super::JSON_SCHEMA_VERSION,
            command: "doctor",
            ok: exit == Exit::Ok,
            exit_code: exit.code(),
            sources: &reports,
        })
        .map_err(|e| Failure::new(Exit::Failure, e))?;
        say!(out, "{text}");
    } else {
        for report in &reports {
            print_source(report, args.offline, out);
        }
    }
    match exit {
        Exit::Ok => Ok(()),
        exit => Err(Failure::new(
            exit,
            if live_failure {
                tr!("cli-doctor-live-failure")
            } else {
                tr!("cli-doctor-problems")
            },
        )),
    }
}

/// A file after the checks (and `--fix`): what was found, what was fixed, why not.
type FileOutcome = (Examined, Vec<String>, Option<String>);

fn examine_file(
    path: &Path,
    environment: &Environment,
    fix: bool,
    options: apply::CommitOptions,
    quiet: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<FileOutcome, Failure> {
    let name = path.display().to_string();
    let read = super::read_env_file(path)?;
    let file = read.file;
    let mut examined = checkup::examine_text(name.clone(), &file.text, read.facts, environment);
    let mut fixed = Vec::new();
    let mut fix_error = None;
    let all: Vec<Finding> = examined.all_findings().cloned().collect();
    if fix && all.iter().any(|f| f.fixable) {
        match repairs(&file.text, &all) {
            Err(reason) => fix_error = Some(reason),
            Ok(values) if !values.is_empty() => {
                let planned = apply::plan_repairs(path, &file.text, &values, &options)?;
                if !quiet {
                    say!(
                        out,
                        "{}",
                        tr!("cli-doctor-fix-changes", name = name.as_str())
                    );
                    let old = Document::parse(&file.text);
                    for (variable, value) in &values {
                        let masked = |v: &str| {
                            if !may_show(variable, v) {
                                tr!("cli-doctor-secret-hidden")
                            } else {
                                v.to_string()
                            }
                        };
                        if let Some(a) = old.assignments(variable).last() {
                            say!(out, "  - {variable}={}", masked(old.raw_value(a)));
                        }
                        say!(out, "  + {variable}={}", masked(value));
                    }
                }
                let committed = apply::commit(std::slice::from_ref(&planned), &options)?;
                for note in &committed.notes {
                    say!(err, "{}", tr!("cli-note", message = note.to_string()));
                }
                fixed.extend(values.iter().map(|(n, _)| n.to_string()));
                if let Some(report) = committed.files.first().and_then(|f| f.written.as_ref()) {
                    let backup = report.backup.clone().unwrap_or_else(|| backup_path(path));
                    say!(
                        err,
                        "{}",
                        tr!(
                            "cli-doctor-rewritten",
                            name = name.as_str(),
                            backup = backup.display()
                        )
                    );
                }
            }
            Ok(_) => {}
        }
        fixed.extend(apply::repair_file_facts(
            path,
            &examined.findings,
            &options,
        )?);
        let reread = EnvFile::read(path, true)?;
        examined = checkup::examine_text(
            name,
            &reread.text,
            checkup::file_facts(path, reread.mode),
            environment,
        );
    }
    Ok((examined, fixed, fix_error))
}

fn print_source(report: &SourceReport, offline: bool, out: &mut dyn Write) {
    say!(out, "{}", report.source);
    if report.findings.is_empty() {
        say!(out, "{}", tr!("cli-doctor-no-problems"));
    }
    for finding in &report.findings {
        print_finding(finding, out);
    }
    if !report.fixed.is_empty() {
        say!(
            out,
            "{}",
            tr!("cli-doctor-fixed", variables = report.fixed.join(", "))
        );
    }
    if let Some(error) = &report.fix_error {
        say!(
            out,
            "{}",
            tr!("cli-doctor-fix-failed", error = error.as_str())
        );
    }
    say!(out, "");
    if offline {
        say!(out, "{}", tr!("cli-doctor-verdicts-offline"));
    } else {
        for family in &report.families {
            print_family(family, out);
        }
        say!(out, "{}", tr!("cli-doctor-verdicts"));
    }
    for verdict in family_verdicts(&report.findings, &report.families) {
        let family = verdict.family;
        let static_part = match (verdict.errors, verdict.warnings) {
            (0, 0) => tr!("cli-doctor-static-pass"),
            (0, warnings) => tr!("cli-doctor-warnings", count = warnings),
            (errors, _) => tr!("cli-doctor-errors", count = errors),
        };
        let live_part = match verdict.live_ok {
            Some(true) => tr!("cli-doctor-live-ok"),
            Some(false) => tr!("cli-doctor-live-failed"),
            None if offline => String::new(),
            None => tr!("cli-doctor-live-untested"),
        };
        say!(out, "  {family:<10} {static_part}{live_part}");
    }
    say!(out, "");
}

fn loaders(list: &[crate::core::effective::Loader]) -> String {
    list.iter()
        .map(|l| l.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A finding as `doctor` and `test` print it: mark, line, cause, where a shadowing variable wins,
/// the fix.
pub(super) fn print_finding(finding: &Finding, out: &mut dyn Write) {
    let mark = match finding.severity {
        Severity::Error => "✗",
        Severity::Warning => "!",
    };
    let line = finding
        .line
        .map_or_else(String::new, |l| tr!("cli-finding-line", line = l));
    say!(out, "  {mark} {line}{}", finding.cause);
    if let Some(shadow) = &finding.shadow {
        say!(
            out,
            "{}",
            tr!("cli-finding-wins-with", loaders = loaders(&shadow.beats))
        );
        if !shadow.loses_to.is_empty() {
            say!(
                out,
                "{}",
                tr!(
                    "cli-finding-loses-with",
                    loaders = loaders(&shadow.loses_to)
                )
            );
        }
    }
    say!(
        out,
        "{}",
        tr!("cli-finding-fix", fix = finding.fix.to_string())
    );
}
