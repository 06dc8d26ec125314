//! `langfuse-otel setup`: validate, then write the variables into each .env.

use std::io::Write;
use std::path::{Path, PathBuf};

use secrecy::ExposeSecret as _;
use serde::Serialize;

use super::{HostChoice, label, live, padded, resolve_host, resolve_keys, say};
use crate::apply::GitExposure;
use crate::apply::{self, FileResult, PlanRequest, Planned};
use crate::cli::{ProbeArgs, SetupArgs};
use crate::core::credential::{BasicCredential, ExtraHeader};
use crate::core::diagnosis::Project;
use crate::core::dotenv::ChangeKind;
use crate::core::host::Host;
use crate::core::keys::KeyPair;
use crate::core::target::Target;
use crate::core::vars::{
    Config, Family, Signals, build_variables, holds_secret, normalize_families,
};
use crate::exit::{Exit, Failure};
use crate::io::profile::{Fit, ProfileDir, ProfileUpdate, SecretLocation, validate_name};
use crate::io::secret_store::{SecretStore, StoreError};
use crate::{tr, tr_static};

pub fn run(args: SetupArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    // Checked before anything is asked or resolved: a bad header is a typo, found at once.
    args.vars
        .extra_headers()
        .map_err(|e| Failure::new(Exit::Usage, e.to_string()))?;
    args.vars
        .signals()
        .map_err(|e| Failure::new(Exit::Usage, e))?;
    let Some(choice) = resolve_host(&args.host, err)? else {
        return Err(Failure::new(Exit::Usage, tr!("cli-setup-no-host")));
    };
    let keys = resolve_keys(&args.keys, !args.non_interactive && !args.json, err)?;
    run_with_keys(args, choice, keys, out, err)
}

/// Where the secret key goes besides the .env files.
pub(super) enum Keep {
    /// The OS keyring, under this profile.
    Keyring(SecretStore),
    /// Only the .env files (`--no-keyring`); the profile says so.
    EnvFilesOnly,
    /// Neither keyring nor profile (`demo`).
    Nothing,
}

/// Everything `setup` and `rotate` do once the inputs are known.
pub(super) struct Job<'a> {
    pub host: Host,
    pub keys: KeyPair,
    pub families: Vec<Family>,
    pub ingestion_version: Option<u8>,
    pub signals: Signals,
    /// An access proxy's headers (`--header`).
    pub headers: Vec<ExtraHeader>,
    pub paths: Vec<PathBuf>,
    pub follow_symlinks: bool,
    /// Replace a read-only file or another user's file (`--force`).
    pub force: bool,
    /// Replacing existing values is allowed (`--yes`; always for `rotate`).
    pub replace: bool,
    pub dry_run: bool,
    pub gitignore: bool,
    /// `None`: `--skip-test`.
    pub probe: Option<(&'a ProbeArgs, bool)>,
    pub write_anyway: bool,
    pub keep: Keep,
    pub profile: String,
    pub rotating: bool,
    /// A Node project: the closing hint names dotenv / `node --env-file`.
    pub node: bool,
}

/// What `setup` and `rotate` did, for `--json` (schemas/setup.json, schemas/rotate.json).
#[derive(Serialize, Default)]
pub(super) struct Outcome {
    pub host: String,
    pub public_key: String,
    pub families: Vec<&'static str>,
    /// `None`: not tested (`--skip-test`).
    pub live_test: Option<LiveResult>,
    pub files: Vec<FileOutcome>,
    pub dry_run: bool,
    /// `keyring`, `env-file`, or none (`demo`, a dry run).
    pub secret: Option<&'static str>,
    pub profile: Option<String>,
}

#[derive(Serialize)]
pub(super) struct LiveResult {
    pub ok: bool,
    pub exit_code: i32,
    pub traces_url: String,
    pub project: Option<Project>,
}

#[derive(Serialize)]
pub(super) struct FileOutcome {
    pub path: String,
    /// `create`, `update`, `unchanged`, or (dry run / refused) `would-create`, `would-update`.
    pub status: &'static str,
    pub changes: Vec<Change>,
}

#[derive(Serialize)]
pub(super) struct Change {
    pub variable: &'static str,
    /// `add`, `replace` or `keep`.
    pub change: &'static str,
}

/// A Node app reads the `otel` and `langfuse` families (the OTel JS SDK and Langfuse's JS SDK);
/// a `package.json` beside a .env (or here, without one) says this is a Node project.
pub(super) fn node_project(paths: &[PathBuf]) -> bool {
    if paths.is_empty() {
        return crate::io::envfile::node_project(Path::new(".env"));
    }
    paths.iter().any(|p| crate::io::envfile::node_project(p))
}

/// The variables `rotate` replaces in every file without asking: the keys themselves.
fn is_key_variable(name: &str) -> bool {
    holds_secret(name) || name == "LANGFUSE_PUBLIC_KEY"
}

/// `setup` once the host choice and the keys are known (`demo` starts here).
pub(super) fn run_with_keys(
    args: SetupArgs,
    choice: HostChoice,
    keys: KeyPair,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    validate_name(&args.profile.profile)?;
    let host = match choice {
        HostChoice::Fixed(host) => host,
        HostChoice::Auto => {
            let runtime = live::runtime()?;
            let prober = live::prober(&args.probe, args.host.allow_http)?;
            let regions = live::region_hosts()?;
            let authorization = BasicCredential::new(&keys).header_value();
            let answers = runtime
                .block_on(prober.detect_region(&regions, Some(authorization.expose_secret())));
            let found = live::pick_region(&answers, out)?;
            say!(out, "");
            found.host
        }
    };
    let paths = if args.no_env_file {
        Vec::new()
    } else if args.env_files.is_empty() {
        vec![PathBuf::from(".env")]
    } else {
        args.env_files.clone()
    };
    let node = node_project(&paths);
    let families = if !args.vars.vars.is_empty() {
        normalize_families(&args.vars.vars)
    } else if node {
        say!(err, "{}", tr!("cli-setup-node-project"));
        Family::NODE_DEFAULT.to_vec()
    } else {
        Family::DEFAULT.to_vec()
    };
    let headers = args
        .vars
        .extra_headers()
        .map_err(|e| Failure::new(Exit::Usage, e.to_string()))?;
    for note in headers.iter().filter_map(ExtraHeader::note) {
        say!(err, "{}", tr!("cli-note", message = note.to_string()));
    }
    if !headers.is_empty() && families.contains(&Family::Langfuse) {
        say!(err, "{}", tr!("cli-setup-langfuse-headers"));
    }
    let signals = args
        .vars
        .signals()
        .map_err(|e| Failure::new(Exit::Usage, e))?;
    let keep = if args.ephemeral {
        Keep::Nothing
    } else if args.no_keyring {
        Keep::EnvFilesOnly
    } else if args.kernel_keyring {
        Keep::Keyring(SecretStore::new(args.profile.keyring_timeout).kernel())
    } else {
        Keep::Keyring(SecretStore::new(args.profile.keyring_timeout))
    };
    let json = args.json;
    let mut sink = std::io::sink();
    let text: &mut dyn Write = if json { &mut sink } else { out };
    let outcome = execute(
        Job {
            host,
            keys,
            families,
            ingestion_version: args.vars.ingestion_version.0,
            signals,
            headers,
            paths,
            follow_symlinks: args.follow_symlinks,
            force: args.force,
            replace: args.yes,
            dry_run: args.dry_run,
            gitignore: args.gitignore,
            probe: (!args.skip_test).then_some((&args.probe, args.host.allow_http)),
            write_anyway: args.write_anyway,
            keep,
            profile: args.profile.profile.clone(),
            rotating: false,
            node,
        },
        text,
        err,
    )?;
    if json {
        super::print_json(out, "setup", &outcome)?;
    }
    Ok(())
}

pub(super) fn execute(
    mut job: Job<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let mut outcome = Outcome {
        host: job.host.as_str().to_string(),
        public_key: job.keys.public.as_str().to_string(),
        families: job.families.iter().map(|f| f.name()).collect(),
        dry_run: job.dry_run,
        ..Outcome::default()
    };
    let profiles = match job.keep {
        Keep::Nothing => None,
        _ => Some(ProfileDir::from_env()?),
    };
    if let Some(dir) = &profiles {
        // A damaged profile is reported before anything else happens.
        dir.find(&job.profile)?;
        if !job.rotating {
            job.profile = separate_profile(dir, &job, err)?;
        }
    }
    // Read every file before anything else, so a local problem is found before any network call
    // and a problem with the second file does not leave the first one changed.
    let request = PlanRequest {
        paths: &job.paths,
        follow_symlinks: job.follow_symlinks,
        force: job.force,
        host: &job.host,
        keys: &job.keys,
        families: &job.families,
        ingestion_version: job.ingestion_version,
        signals: job.signals,
        headers: &job.headers,
        rotating: job.rotating,
    };
    let plans = apply::plan(&request)?;
    let variables = build_variables(&Config {
        host: Some(&job.host),
        keys: &job.keys,
        families: &job.families,
        ingestion_version: job.ingestion_version,
        signals: job.signals,
        headers: &job.headers,
    });

    say!(out, "{}{}", label("Langfuse"), job.host.describe());
    say!(
        out,
        "{}{} / {}",
        label(tr!("cli-setup-label-keys")),
        job.keys.public,
        job.keys.secret.masked()
    );
    let names: Vec<&str> = job.families.iter().map(|f| f.name()).collect();
    match job.ingestion_version {
        Some(version) if job.families.iter().any(|f| *f != Family::Langfuse) => say!(
            out,
            "{}{} (x-langfuse-ingestion-version={version})",
            label(tr!("cli-setup-label-families")),
            names.join(", ")
        ),
        _ => say!(
            out,
            "{}{}",
            label(tr!("cli-setup-label-families")),
            names.join(", ")
        ),
    }
    if job.families.contains(&Family::Otel) {
        say!(
            out,
            "{}{}{}",
            label(tr!("cli-setup-label-signals")),
            job.signals.describe(),
            if job.signals.is_traces_only() {
                tr!("cli-setup-signals-traces-only")
            } else {
                tr!("cli-setup-signals-traces-specific")
            }
        );
    }
    if !job.headers.is_empty() {
        let shown: Vec<String> = job
            .headers
            .iter()
            .map(|h| format!("{}={}", h.name(), h.shown()))
            .collect();
        say!(
            out,
            "{}{}",
            label(tr!("cli-setup-label-headers")),
            shown.join(", ")
        );
    }

    let mut tested = false;
    match job.probe {
        Some((probe, allow_http)) => {
            let runtime = live::runtime()?;
            let prober = live::prober(probe, allow_http)?;
            say!(out, "");
            let target = Target::for_variables(&job.host, &variables, &variables);
            let report = runtime.block_on(prober.test(&target));
            live::print_report(&report, out);
            outcome.live_test = Some(LiveResult {
                ok: report.verdict.ok(),
                exit_code: report.verdict.exit().code(),
                traces_url: report.traces_url.clone(),
                project: report.verdict.project.clone(),
            });
            if report.verdict.ok() {
                tested = true;
                if probe.send_test_trace {
                    match runtime.block_on(live::send_test_trace(
                        &prober,
                        &target,
                        report.verdict.project.as_ref(),
                    )) {
                        Ok(link) => say!(
                            out,
                            "  ✓ {} {}",
                            padded(tr!("cli-test-span"), 13),
                            tr!("cli-test-span-sent", link = link.to_string())
                        ),
                        Err(problem) => {
                            say!(out, "  ✗ {} {problem}", padded(tr!("cli-test-span"), 13))
                        }
                    }
                }
            } else {
                let regions = live::region_hosts()?;
                if let Some(hint) = runtime.block_on(prober.region_hint(&regions, &report, &target))
                {
                    live::print_region_hint(&hint, out);
                }
                if !job.write_anyway {
                    return Err(Failure::new(
                        report.verdict.exit(),
                        tr!(
                            "cli-setup-live-test-failed",
                            cause = report.verdict.problems[0].cause().to_string()
                        ),
                    ));
                }
                say!(err, "{}", tr!("cli-setup-write-anyway"));
            }
        }
        None => say!(err, "{}", tr!("cli-setup-skip-test")),
    }

    // Rotation replaces the keys without asking; anything else that differs (an endpoint edited
    // by hand) needs --yes, as in `setup`.
    let needs_yes = !job.replace
        && plans.iter().any(|plan| {
            plan.edit
                .changes
                .iter()
                .zip(&plan.variables)
                .any(|(change, variable)| {
                    change.kind == ChangeKind::Updated
                        && !(job.rotating && is_key_variable(variable.name))
                })
        });
    let pending = job.dry_run || needs_yes;
    for plan in &plans {
        say!(out, "");
        report_plan(plan, pending, out);
        outcome.files.push(file_outcome(plan));
        for warning in other_signal_form(plan, &job) {
            say!(
                err,
                "{}",
                tr!(
                    "cli-warning",
                    message = format!("{}: {warning}", plan.file.path.display())
                )
            );
        }
    }
    if plans.is_empty() {
        say!(out, "\n{}", tr!("cli-setup-no-env-file"));
    }
    if needs_yes {
        return Err(Failure::new(
            Exit::NeedsConfirmation,
            tr!("cli-setup-needs-yes"),
        ));
    }
    if job.dry_run {
        // The keyring is asked now, so that a dry run fails where the real run would.
        if let Keep::Keyring(store) = &job.keep {
            match store.get(&job.profile) {
                Ok(_) | Err(StoreError::NotFound(_)) => {
                    say!(
                        out,
                        "\n{}{}",
                        label(tr!("cli-setup-label-keyring")),
                        tr!("cli-setup-keyring-available")
                    )
                }
                Err(error) => {
                    return Err(Failure::new(
                        Failure::from(error.clone()).exit,
                        tr!(
                            "cli-setup-dry-run-keyring",
                            error = error.to_string(),
                            fix = error.fix().to_string()
                        ),
                    ));
                }
            }
        }
        say!(out, "\n{}", tr!("cli-setup-dry-run"));
        return Ok(outcome);
    }

    // With --gitignore, the .gitignore lines come before anything else is written: if they
    // cannot be, nothing is.
    let paths: Vec<PathBuf> = plans.iter().map(|plan| plan.file.path.clone()).collect();
    let exposures = GitExposure::of_all(&paths);
    if job.gitignore {
        for done in apply::ignore_all_in_git(&exposures)? {
            say!(err, "{}", tr!("cli-note", message = done.to_string()));
        }
    }

    // The keyring first: if it is unavailable, nothing is written and nothing is half-done.
    let location = match &job.keep {
        Keep::Keyring(store) => {
            store.set(&job.profile, &job.keys.secret).map_err(|error| {
                Failure::new(
                    Failure::from(error.clone()).exit,
                    tr!(
                        "cli-setup-cannot-store-secret",
                        error = error.to_string(),
                        fix = error.fix().to_string()
                    ),
                )
            })?;
            if !job.rotating {
                // The proxy's secret headers beside the key (an empty set clears an old one).
                store
                    .set_headers(&job.profile, &job.headers)
                    .map_err(|error| {
                        Failure::new(
                            Failure::from(error.clone()).exit,
                            tr!(
                                "cli-setup-cannot-store-headers",
                                error = error.to_string(),
                                fix = error.fix().to_string()
                            ),
                        )
                    })?;
            }
            Some(SecretLocation::of(store))
        }
        Keep::EnvFilesOnly => Some(SecretLocation::EnvFile),
        Keep::Nothing => None,
    };

    let committed = apply::commit(&plans, &request.options())?;
    for note in &committed.notes {
        say!(err, "{}", tr!("cli-note", message = note.to_string()));
    }
    for result in &committed.files {
        report_write(result, out, err);
    }
    for file in &mut outcome.files {
        file.status = match file.status {
            "would-create" => "create",
            "would-update" => "update",
            other => other,
        };
    }
    outcome.secret = location.map(SecretLocation::word);
    for warning in apply::git_warnings(&exposures, job.gitignore) {
        let fix = match warning {
            apply::GitWarning::WouldCommit(_) => tr!("cli-setup-gitignore-fix"),
            apply::GitWarning::Tracked(_) | apply::GitWarning::Unknown(..) => String::new(),
        };
        say!(
            err,
            "{}",
            tr!("cli-warning", message = format!("{warning}{fix}"))
        );
    }

    if let (Some(dir), Some(location)) = (&profiles, location) {
        let profile = dir.record(ProfileUpdate {
            name: &job.profile,
            host: &job.host,
            public_key: job.keys.public.as_str(),
            families: &job.families,
            ingestion_version: job.ingestion_version,
            signals: job.signals,
            headers: &job.headers,
            secret: location,
            files: &job.paths,
            rotated: job.rotating,
            tested,
        })?;
        say!(
            out,
            "\n{}{}",
            label(tr!("cli-setup-label-profile")),
            tr!(
                "cli-setup-profile",
                name = profile.name.as_str(),
                kept = location.kept().to_string()
            )
        );
        outcome.profile = Some(profile.name);
    }
    if !job.rotating {
        let next = if job.paths.is_empty() {
            tr!("cli-setup-next-run", profile = job.profile.as_str())
        } else {
            crate::core::vars::loading_hint(job.node).to_string()
        };
        say!(out, "\n{}", tr!("cli-setup-next", next = next));
    }
    Ok(outcome)
}

/// The `otel` variables of the other signal form that a file keeps, and what they then do: a
/// setup only sets its own variables, so a traces-specific endpoint left in the file would take
/// the traces elsewhere (every SDK prefers it), and a generic one left beside traces-specific
/// variables would still send the app's logs and metrics to Langfuse.
fn other_signal_form(plan: &Planned, job: &Job<'_>) -> Vec<String> {
    if job.rotating || !job.families.contains(&Family::Otel) {
        return Vec::new();
    }
    let doc = crate::core::dotenv::Document::parse(&plan.file.text);
    let written = |name: &str| plan.variables.iter().any(|v| v.name == name);
    let mut warnings = Vec::new();
    for (generic, specific) in crate::core::effective::SIGNAL_SPECIFIC {
        let (left, written_one) = if job.signals.is_traces_only() {
            (specific, generic)
        } else {
            (generic, specific)
        };
        if doc.get(left).is_some() && written(written_one) && !written(left) {
            warnings.push(if job.signals.is_traces_only() {
                tr!(
                    "cli-setup-other-form-specific",
                    left = left,
                    written = written_one
                )
            } else {
                tr!("cli-setup-other-form-generic", left = left)
            });
        }
    }
    for (listed, name) in [
        (job.signals.logs, "OTEL_LOGS_EXPORTER"),
        (job.signals.metrics, "OTEL_METRICS_EXPORTER"),
    ] {
        if listed
            && doc
                .get(name)
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("none"))
        {
            warnings.push(tr!("cli-setup-exporter-none", name = name));
        }
    }
    warnings
}

/// The file's status before writing; after a write, `would-` is dropped.
fn file_outcome(plan: &Planned) -> FileOutcome {
    let status = match (plan.file.existed, plan.edit.is_noop()) {
        (true, true) => "unchanged",
        (false, _) => "would-create",
        (true, false) => "would-update",
    };
    FileOutcome {
        path: plan.file.path.display().to_string(),
        status,
        changes: plan
            .edit
            .changes
            .iter()
            .zip(&plan.variables)
            .map(|(change, variable)| Change {
                variable: variable.name,
                change: match change.kind {
                    ChangeKind::Added => "add",
                    ChangeKind::Updated => "replace",
                    ChangeKind::Unchanged => "keep",
                },
            })
            .collect(),
    }
}

/// A profile belongs to one host and one project: when the named one belongs to another, nothing
/// is mixed. Without `--yes` the choice is named (exit 3); with it, a new profile is made.
fn separate_profile(
    dir: &ProfileDir,
    job: &Job<'_>,
    err: &mut dyn Write,
) -> Result<String, Failure> {
    let public_key = job.keys.public.as_str();
    let Fit::Other(existing) = dir.fit(&job.profile, &job.host, public_key)? else {
        return Ok(job.profile.clone());
    };
    let free = dir.name_for(&job.profile, &job.host, public_key)?;
    if !job.replace {
        return Err(Failure::new(
            Exit::NeedsConfirmation,
            tr!(
                "cli-setup-profile-elsewhere",
                name = existing.name.as_str(),
                host = existing.host.to_string(),
                public_key = existing.public_key.to_string(),
                new_host = job.host.to_string(),
                free = free.as_str()
            ),
        ));
    }
    say!(
        err,
        "{}",
        tr!(
            "cli-setup-profile-new",
            name = existing.name.as_str(),
            host = existing.host.to_string(),
            free = free.as_str()
        )
    );
    Ok(free)
}

fn report_plan(plan: &Planned, pending: bool, out: &mut dyn Write) {
    let path = plan.file.path.display();
    let status = match (plan.file.existed, plan.edit.is_noop()) {
        (false, _) if pending => tr!("cli-plan-would-create"),
        (false, _) => tr!("cli-plan-to-create"),
        (true, true) => tr!("cli-plan-up-to-date"),
        (true, false) if pending => tr!("cli-plan-would-change"),
        (true, false) => tr!("cli-plan-to-update"),
    };
    // One write for the file's whole block (see `say!`).
    let mut block = format!("{path}: {status}\n");
    for (change, variable) in plan.edit.changes.iter().zip(&plan.variables) {
        let word = match change.kind {
            ChangeKind::Added => tr_static!("cli-plan-add"),
            ChangeKind::Updated => tr_static!("cli-plan-replace"),
            ChangeKind::Unchanged => tr_static!("cli-plan-keep"),
        };
        let times = if change.occurrences > 1 {
            tr!("cli-plan-lines", count = change.occurrences)
        } else {
            String::new()
        };
        block.push_str(&format!(
            "  {} {}={}{times}\n",
            padded(word, 8),
            variable.name,
            variable.shown
        ));
    }
    let _ = out.write_all(block.as_bytes());
}

fn report_write(result: &FileResult, out: &mut dyn Write, err: &mut dyn Write) {
    let path = result.path.display();
    match &result.written {
        None => {
            if let Some(mode) = result.mode.filter(|m| m & 0o077 != 0) {
                say!(
                    err,
                    "{}",
                    tr!(
                        "cli-setup-readable",
                        path = path.to_string(),
                        mode = format!("{mode:04o}")
                    )
                );
            }
            say!(
                out,
                "{}",
                tr!("cli-setup-unchanged", path = path.to_string())
            );
        }
        Some(report) => {
            say!(out, "{}", apply::describe(result));
            if let Some(old) = report.tightened_from {
                say!(
                    err,
                    "{}",
                    tr!(
                        "cli-setup-tightened",
                        path = path.to_string(),
                        old = format!("{old:04o}"),
                        new = format!("{:04o}", report.mode)
                    )
                );
            }
        }
    }
}
