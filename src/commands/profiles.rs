//! `langfuse-otel profiles [list | remove NAME]`, and what other commands need of a profile: the
//! profile itself, its secret (keyring, or the .env files it wrote), and its variables.

use std::io::{BufRead as _, IsTerminal as _, Write};
use std::time::Duration;

use serde::Serialize;

use super::{live, padded, say};
use crate::cli::{ProfilesAction, ProfilesArgs};
use crate::core::diagnosis::describe_project;
use crate::core::host::Host;
use crate::core::keys::{KeyPair, SecretKey, parse_key_pair};
use crate::core::target::Target;
use crate::core::vars::{Config, Family, Variable, build_variables};
use crate::exit::{Exit, Failure};
use crate::io::profile::{Profile, ProfileDir, SecretLocation};
use crate::io::secret_store::SecretStore;
use crate::tr;

pub fn run(args: ProfilesArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let dir = ProfileDir::from_env()?;
    let store = SecretStore::new(args.keyring_timeout);
    match &args.action {
        None | Some(ProfilesAction::List) => list(&dir, store, &args, out),
        Some(ProfilesAction::Remove { name, yes }) => {
            remove(&dir, &store, name, *yes, args.json, out, err)
        }
    }
}

/// One profile as listed (and as `--json` prints it, schemas/profiles.json).
#[derive(Serialize)]
struct Listed {
    name: String,
    /// Why the profile cannot be read at all (then the fields below are empty).
    error: Option<String>,
    host: String,
    public_key: String,
    families: Vec<&'static str>,
    /// `keyring` or `env-file`.
    secret: &'static str,
    /// The secret could be read just now.
    secret_ok: bool,
    secret_error: Option<String>,
    env_files: Vec<ListedFile>,
    created: String,
    rotated: Option<String>,
    last_tested: Option<String>,
    /// `--check`: the live test with the profile's own variables.
    check: Option<Checked>,
    #[serde(skip)]
    exit: Exit,
}

#[derive(Serialize)]
struct ListedFile {
    path: String,
    exists: bool,
}

#[derive(Serialize)]
struct Checked {
    ok: bool,
    exit_code: i32,
    project: Option<String>,
    /// The first problem's cause, when the test failed.
    problem: Option<String>,
}

#[derive(Serialize)]
struct ListReport<'a> {
    profiles: &'a [Listed],
}

/// Every profile's secret, asked for all at once: one deadline for the lot, however many there
/// are (a hung keyring costs `--keyring-timeout` once, not once per profile).
fn secrets(
    profiles: &[Profile],
    store: SecretStore,
    timeout: Duration,
) -> Vec<Result<SecretKey, Failure>> {
    let (sender, receiver) = std::sync::mpsc::channel();
    for (index, profile) in profiles.iter().enumerate() {
        let sender = sender.clone();
        let profile = profile.clone();
        std::thread::spawn(move || {
            let _ = sender.send((index, secret_of(&profile, &store)));
        });
    }
    drop(sender);
    let deadline = std::time::Instant::now() + timeout + Duration::from_millis(250);
    let mut results: Vec<Option<Result<SecretKey, Failure>>> =
        profiles.iter().map(|_| None).collect();
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match receiver.recv_timeout(left) {
            Ok((index, result)) => results[index] = Some(result.map_err(Failure::from)),
            Err(_) => break,
        }
    }
    results
        .into_iter()
        .map(|result| {
            result.unwrap_or_else(|| {
                Err(Failure::new(
                    Exit::KeyringTimeout,
                    tr!("cli-profiles-keyring-timeout"),
                ))
            })
        })
        .collect()
}

fn list(
    dir: &ProfileDir,
    store: SecretStore,
    args: &ProfilesArgs,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let names = dir.names()?;
    let mut listed: Vec<Listed> = Vec::new();
    let mut loaded: Vec<Profile> = Vec::new();
    for name in &names {
        match dir.load(name) {
            Ok(profile) => loaded.push(profile),
            Err(error) => listed.push(Listed {
                name: name.clone(),
                error: Some(error.to_string()),
                host: String::new(),
                public_key: String::new(),
                families: Vec::new(),
                secret: "keyring",
                secret_ok: false,
                secret_error: None,
                env_files: Vec::new(),
                created: String::new(),
                rotated: None,
                last_tested: None,
                check: None,
                exit: Exit::ProfileNotFound,
            }),
        }
    }
    let secrets = secrets(&loaded, store, args.keyring_timeout);
    let mut targets = Vec::new();
    for (profile, secret) in loaded.iter().zip(secrets) {
        let secret = secret.and_then(|secret| variables_of(profile, secret, &[], &store));
        let (secret_ok, secret_error, exit) = match &secret {
            Ok((_, host, variables)) => {
                targets.push((
                    listed.len(),
                    Target::for_variables(host, variables, variables),
                ));
                (true, None, Exit::Ok)
            }
            Err(failure) => (false, Some(failure.message.clone()), failure.exit),
        };
        listed.push(Listed {
            name: profile.name.clone(),
            error: None,
            host: profile.host.clone(),
            public_key: profile.public_key.clone(),
            families: profile.families.iter().map(|f| f.name()).collect(),
            secret: profile.secret.word(),
            secret_ok,
            secret_error,
            env_files: profile
                .env_files
                .iter()
                .map(|f| ListedFile {
                    path: f.display().to_string(),
                    exists: f.exists(),
                })
                .collect(),
            created: profile.created.clone(),
            rotated: profile.rotated.clone(),
            last_tested: profile.last_tested.clone(),
            check: None,
            exit,
        });
    }
    if args.check && !targets.is_empty() {
        let runtime = live::runtime()?;
        let prober = live::prober(&args.probe, true)?;
        let reports = runtime.block_on(async {
            let mut tasks = tokio::task::JoinSet::new();
            for (index, target) in targets {
                let prober = prober.clone();
                tasks.spawn(async move { (index, prober.test(&target).await) });
            }
            tasks.join_all().await
        });
        for (index, report) in reports {
            let verdict = &report.verdict;
            let entry = &mut listed[index];
            if !verdict.ok() {
                entry.exit = verdict.exit();
            }
            entry.check = Some(Checked {
                ok: verdict.ok(),
                exit_code: verdict.exit().code(),
                project: verdict.project.as_ref().map(describe_project),
                problem: verdict.problems.first().map(|p| p.cause()),
            });
        }
    }
    let failed = listed.iter().find(|l| l.exit != Exit::Ok).map(|l| l.exit);
    if args.json {
        let exit = failed.unwrap_or(Exit::Ok);
        super::print_json_with(out, "profiles", exit, &ListReport { profiles: &listed })?;
    } else if names.is_empty() {
        say!(
            out,
            "{}",
            tr!("cli-profiles-none", dir = dir.path().display())
        );
    } else if args.check {
        print_table(&listed, out);
    } else {
        for entry in &listed {
            print_listed(entry, out);
        }
    }
    match failed {
        None => Ok(()),
        Some(exit) => {
            let names: Vec<&str> = listed
                .iter()
                .filter(|l| l.exit != Exit::Ok)
                .map(|l| l.name.as_str())
                .collect();
            Err(Failure::new(
                exit,
                tr!("cli-profiles-not-usable", names = names.join(", ")),
            ))
        }
    }
}

fn print_listed(entry: &Listed, out: &mut dyn Write) {
    say!(out, "{}", entry.name);
    if let Some(error) = &entry.error {
        say!(out, "  ✗ {error}\n");
        return;
    }
    let field = |text: String| padded(text, 12);
    say!(out, "  {}{}", field(tr!("cli-profiles-host")), entry.host);
    say!(
        out,
        "  {}{}",
        field(tr!("cli-profiles-public-key")),
        entry.public_key
    );
    say!(
        out,
        "  {}{}",
        field(tr!("cli-profiles-families")),
        entry.families.join(", ")
    );
    let place = match entry.secret {
        "keyring" => tr!("cli-profiles-in-keyring"),
        _ => tr!("cli-profiles-in-env-files"),
    };
    let secret = field(tr!("cli-profiles-secret-key"));
    match &entry.secret_error {
        None => say!(
            out,
            "  {secret}{}",
            tr!("cli-profiles-reachable", place = place.as_str())
        ),
        Some(error) => say!(
            out,
            "  {secret}{}",
            tr!(
                "cli-profiles-unreachable",
                place = place.as_str(),
                error = error.as_str()
            )
        ),
    }
    for file in &entry.env_files {
        let state = if file.exists {
            String::new()
        } else {
            tr!("cli-profiles-missing")
        };
        say!(out, "  {}{}{state}", padded(".env", 12), file.path);
    }
    let mut times = tr!("cli-profiles-created", time = entry.created.as_str());
    if let Some(rotated) = &entry.rotated {
        times.push_str(&tr!("cli-profiles-rotated", time = rotated.as_str()));
    }
    if let Some(tested) = &entry.last_tested {
        times.push_str(&tr!("cli-profiles-last-tested", time = tested.as_str()));
    }
    say!(out, "  {times}");
    say!(out, "");
}

/// `--check`: one line per profile, like `gh auth status`.
fn print_table(listed: &[Listed], out: &mut dyn Write) {
    let rows: Vec<[String; 6]> = listed
        .iter()
        .map(|entry| {
            let files = entry.env_files.len();
            let missing = entry.env_files.iter().filter(|f| !f.exists).count();
            [
                entry.name.clone(),
                entry.host.clone(),
                entry
                    .check
                    .as_ref()
                    .and_then(|c| c.project.clone())
                    .unwrap_or_else(|| "-".to_string()),
                match (&entry.error, entry.secret_ok, entry.secret) {
                    (Some(_), _, _) => tr!("cli-profiles-cell-damaged"),
                    (None, true, "keyring") => tr!("cli-profiles-cell-keyring"),
                    (None, true, _) => tr!("cli-profiles-cell-env-only"),
                    (None, false, _) => tr!("cli-profiles-cell-unreachable"),
                },
                if missing > 0 {
                    tr!(
                        "cli-profiles-cell-missing",
                        files = files,
                        missing = missing
                    )
                } else {
                    files.to_string()
                },
                match (&entry.check, &entry.error, &entry.secret_error) {
                    (Some(check), _, _) if check.ok => tr!("cli-profiles-cell-authenticates"),
                    (Some(check), _, _) => tr!(
                        "cli-profiles-cell-failed",
                        problem = check.problem.clone().unwrap_or_default(),
                        code = check.exit_code
                    ),
                    (None, Some(error), _) | (None, None, Some(error)) => format!("✗ {error}"),
                    (None, None, None) => tr!("cli-profiles-cell-not-tested"),
                },
            ]
        })
        .collect();
    let header = [
        tr!("cli-profiles-column-profile"),
        tr!("cli-profiles-column-host"),
        tr!("cli-profiles-column-project"),
        tr!("cli-profiles-column-keyring"),
        tr!("cli-profiles-column-files"),
        tr!("cli-profiles-column-result"),
    ];
    // Columns by display width: a Chinese heading or a project name takes two columns a character.
    let width_of = |text: &str| unicode_width::UnicodeWidthStr::width(text);
    let mut widths = header.clone().map(|h| width_of(&h));
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(width_of(cell));
        }
    }
    let line = |cells: &[String]| {
        let mut text = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                text.push_str(cell);
            } else {
                text.push_str(&padded(cell, width + 2));
            }
        }
        text
    };
    say!(out, "{}", line(&header));
    for row in &rows {
        say!(out, "{}", line(row));
    }
}

fn remove(
    dir: &ProfileDir,
    store: &SecretStore,
    name: &str,
    yes: bool,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let profile = dir.load(name)?;
    if !yes {
        let stdin = std::io::stdin();
        if json || !stdin.is_terminal() {
            return Err(Failure::new(
                Exit::NeedsConfirmation,
                tr!("cli-profiles-remove-needs-yes", name = name),
            ));
        }
        let place = match profile.secret {
            SecretLocation::EnvFile => String::new(),
            keyring => tr!("cli-profiles-remove-and-secret", place = keyring.place()),
        };
        say!(
            err,
            "{}",
            tr!(
                "cli-profiles-remove-ask",
                name = name,
                host = profile.host.to_string(),
                place = place
            )
        );
        let mut answer = String::new();
        let _ = stdin.lock().read_line(&mut answer);
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "Yes" | "YES" | "是") {
            say!(err, "{}", tr!("cli-profiles-kept", name = name));
            return Ok(());
        }
    }
    if let Some(store) = profile.secret.store(*store) {
        store.delete(name).map_err(|e| {
            let failure = Failure::from(e);
            Failure::new(
                failure.exit,
                tr!(
                    "cli-profiles-remove-failed",
                    error = failure.message.as_str()
                ),
            )
        })?;
    }
    dir.remove(name)?;
    if json {
        super::print_json(
            out,
            "profiles",
            &serde_json::json!({ "removed": name, "env_files": profile.env_files }),
        )?;
    } else {
        match profile.secret {
            SecretLocation::EnvFile => say!(out, "{}", tr!("cli-profiles-removed", name = name)),
            keyring => say!(
                out,
                "{}",
                tr!(
                    "cli-profiles-removed-with-secret",
                    name = name,
                    place = keyring.place()
                )
            ),
        }
    }
    if !profile.env_files.is_empty() {
        let files: Vec<String> = profile
            .env_files
            .iter()
            .map(|f| f.display().to_string())
            .collect();
        say!(
            err,
            "{}",
            tr!("cli-profiles-files-keep-key", files = files.join(", "))
        );
    }
    Ok(())
}

/// The key pair, host and variables of a profile (`families` empty: the profile's own).
pub(super) use crate::io::profile::secret_of;

/// The key pair, host and variables of a profile (`families` empty: the profile's own).
pub(super) fn variables_of(
    profile: &Profile,
    secret: SecretKey,
    families: &[Family],
    store: &SecretStore,
) -> Result<(KeyPair, Host, Vec<Variable>), Failure> {
    // Asks the keyring only when the profile has a secret-bearing extra header.
    let headers = crate::io::profile::headers_of(profile, store)?;
    let (keys, _) = parse_key_pair(&profile.public_key, secret.expose()).map_err(|e| {
        Failure::new(
            Exit::ProfileNotFound,
            tr!(
                "cli-profiles-unusable",
                name = profile.name.as_str(),
                error = e.to_string()
            ),
        )
    })?;
    let host = profile.host()?;
    let families = if families.is_empty() {
        profile.families.clone()
    } else {
        families.to_vec()
    };
    let variables = build_variables(&Config {
        host: Some(&host),
        keys: &keys,
        families: &families,
        ingestion_version: profile.ingestion_version,
        signals: profile.signals(),
        headers: &headers,
    });
    Ok((keys, host, variables))
}
