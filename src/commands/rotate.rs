//! `langfuse-otel rotate`: a new key pair for a profile, tested, stored, and written into every
//! .env the profile recorded (each keeping its `.bak`); then where to revoke the old key.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::setup::{Job, Keep, Outcome, execute};
use super::{resolve_keys, say};
use crate::cli::RotateArgs;
use crate::core::dotenv::Document;
use crate::core::host::Host;
use crate::core::target::targets_from_env;
use crate::exit::{Exit, Failure};
use crate::io::envfile::EnvFile;
use crate::io::profile::{ProfileDir, SecretLocation};
use crate::io::secret_store::SecretStore;
use crate::tr;

#[derive(Serialize)]
struct RotateReport {
    profile: String,
    old_public_key: String,
    #[serde(flatten)]
    outcome: Outcome,
    /// Files the profile recorded that were left alone, with why.
    skipped: Vec<Skipped>,
    /// Where to revoke the old key: the project's API-keys settings page on the profile's host.
    revoke_at: String,
}

#[derive(Serialize)]
struct Skipped {
    path: String,
    reason: String,
}

pub fn run(args: RotateArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    if let Some(flag) = [("--host", &args.host), ("--vars", &args.vars)]
        .into_iter()
        .find_map(|(flag, value)| value.as_ref().map(|_| flag))
    {
        let name = &args.profile.profile;
        return Err(Failure::new(
            Exit::Usage,
            tr!("cli-rotate-no-such-flag", flag = flag, name = name.as_str()),
        ));
    }
    let profile = ProfileDir::from_env()?.load(&args.profile.profile)?;
    let keys = resolve_keys(&args.keys, !args.non_interactive && !args.json, err)?;
    let host = profile.host()?;
    let mut sink = std::io::sink();
    let text: &mut dyn Write = if args.json { &mut sink } else { out };

    say!(
        text,
        "{}",
        tr!(
            "cli-rotate-rotating",
            name = profile.name.as_str(),
            host = host.to_string(),
            old = profile.public_key.as_str(),
            new = keys.public.to_string()
        )
    );
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut skipped: Vec<Skipped> = Vec::new();
    for path in &profile.env_files {
        let exists = path.exists();
        let found = if exists { host_in(path) } else { None };
        let reason = match &found {
            _ if !exists => Some(tr!(
                "cli-rotate-file-gone",
                name = profile.name.as_str(),
                path = path.display()
            )),
            Some(other) if other != host.as_str() => Some(tr!(
                "cli-rotate-other-host",
                other = other.as_str(),
                host = host.to_string()
            )),
            _ => None,
        };
        if let Some(reason) = reason {
            say!(
                err,
                "{}",
                tr!(
                    "cli-rotate-skipped",
                    path = path.display(),
                    reason = reason.as_str()
                )
            );
            skipped.push(Skipped {
                path: path.display().to_string(),
                reason,
            });
            continue;
        }
        say!(
            text,
            "{}",
            tr!(
                "cli-rotate-will-rewrite",
                path = path.display(),
                host = found.as_deref().unwrap_or(host.as_str())
            )
        );
        paths.push(path.clone());
    }
    if paths.is_empty() && profile.secret == SecretLocation::EnvFile {
        return Err(Failure::new(
            Exit::CannotRead,
            tr!(
                "cli-rotate-nothing-to-rewrite",
                name = profile.name.as_str()
            ),
        ));
    }
    // The proxy's headers go into the live test; each file keeps its own (see apply::plan).
    let headers =
        crate::io::profile::headers_of(&profile, &SecretStore::new(args.profile.keyring_timeout))?;
    let keep = match profile
        .secret
        .store(SecretStore::new(args.profile.keyring_timeout))
    {
        Some(store) => Keep::Keyring(store),
        None => Keep::EnvFilesOnly,
    };
    let outcome = execute(
        Job {
            host: host.clone(),
            keys,
            families: profile.families.clone(),
            ingestion_version: profile.ingestion_version,
            signals: profile.signals(),
            headers,
            paths,
            follow_symlinks: args.follow_symlinks,
            force: args.force,
            replace: args.yes,
            dry_run: args.dry_run,
            gitignore: false,
            probe: (!args.skip_test).then_some((&args.probe, args.allow_http)),
            write_anyway: args.write_anyway,
            keep,
            profile: profile.name.clone(),
            rotating: true,
            node: false,
        },
        text,
        err,
    )?;
    let project = outcome.live_test.as_ref().and_then(|t| t.project.as_ref());
    let revoke_at = revoke_url(&host, project.map(|p| p.id.as_str()));
    if !args.dry_run {
        if profile.secret != SecretLocation::EnvFile {
            say!(
                text,
                "{}",
                tr!(
                    "cli-rotate-holds-new",
                    place = capitalized(profile.secret.place())
                )
            );
        }
        say!(
            text,
            "\n{}",
            tr!(
                "cli-rotate-revoke",
                old = profile.public_key.as_str(),
                revoke_at = revoke_at.as_str()
            )
        );
    }
    if args.json {
        super::print_json(
            out,
            "rotate",
            &RotateReport {
                profile: profile.name.clone(),
                old_public_key: profile.public_key.clone(),
                outcome,
                skipped,
                revoke_at,
            },
        )?;
    }
    Ok(())
}

/// The project's API-keys settings page (Langfuse's `/project/{id}/settings/api-keys`); without a
/// live test the project is not known, and the page is named instead.
pub(super) fn revoke_url(host: &Host, project_id: Option<&str>) -> String {
    match project_id {
        Some(id) => format!("{host}/project/{id}/settings/api-keys"),
        None => tr!("cli-rotate-revoke-page", host = host.to_string()),
    }
}

/// The Langfuse host a .env points at (its first family with a readable base URL).
fn host_in(path: &Path) -> Option<String> {
    let file = EnvFile::read(path, true).ok()?;
    let doc = Document::parse(&file.text);
    targets_from_env(&|name| doc.get_lenient(name).map(str::to_string))
        .into_iter()
        .find_map(|family| family.target.ok())
        .map(|target| target.host.as_str().to_string())
}

/// "the OS keyring" -> "The OS keyring", at the start of a sentence.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
