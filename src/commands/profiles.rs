//! `langfuse-otel profiles [list | remove NAME]`, and what other commands need of a profile: the
//! profile itself, its secret (keyring, or the .env files it wrote), and its variables.

use std::io::Write;

use super::say;
use crate::cli::{ProfilesAction, ProfilesArgs};
use crate::core::host::Host;
use crate::core::keys::{KeyPair, SecretKey, parse_key_pair};
use crate::core::vars::{Config, Family, Variable, build_variables};
use crate::exit::{Exit, Failure};
use crate::io::profile::{Profile, ProfileDir, SecretLocation};
use crate::io::secret_store::SecretStore;

pub fn run(args: ProfilesArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let dir = ProfileDir::from_env()?;
    let store = SecretStore::new(args.keyring_timeout);
    match args.action {
        None | Some(ProfilesAction::List) => list(&dir, &store, out),
        Some(ProfilesAction::Remove { name }) => remove(&dir, &store, &name, out, err),
    }
}

fn list(dir: &ProfileDir, store: &SecretStore, out: &mut dyn Write) -> Result<(), Failure> {
    let names = dir.names()?;
    if names.is_empty() {
        say!(
            out,
            "No profiles yet (looked in {}): create one with `langfuse-otel setup`.",
            dir.path().display()
        );
        return Ok(());
    }
    for name in names {
        let profile = match dir.load(&name) {
            Ok(profile) => profile,
            Err(error) => {
                say!(out, "{name}\n  ✗ {error}\n");
                continue;
            }
        };
        let families: Vec<&str> = profile.families.iter().map(|f| f.name()).collect();
        say!(out, "{}", profile.name);
        say!(out, "  host        {}", profile.host);
        say!(out, "  public key  {}", profile.public_key);
        say!(out, "  families    {}", families.join(", "));
        let secret = match profile.secret {
            SecretLocation::Keyring => match store.get(&profile.name) {
                Ok(_) => "OS keyring — reachable ✓".to_string(),
                Err(error) => format!("OS keyring — not reachable ✗: {error}"),
            },
            SecretLocation::EnvFile => match crate::io::profile::secret_from_env_files(&profile) {
                Ok(_) => "only in the .env files (--no-keyring) — readable ✓".to_string(),
                Err(error) => format!("only in the .env files (--no-keyring) — ✗ {error}"),
            },
        };
        say!(out, "  secret key  {secret}");
        for file in &profile.env_files {
            let state = if file.exists() { "" } else { "  (missing)" };
            say!(out, "  .env        {}{state}", file.display());
        }
        let mut times = format!("created {}", profile.created);
        if let Some(rotated) = &profile.rotated {
            times.push_str(&format!(", rotated {rotated}"));
        }
        if let Some(tested) = &profile.last_tested {
            times.push_str(&format!(", last tested {tested}"));
        }
        say!(out, "  {times}");
        say!(out, "");
    }
    Ok(())
}

fn remove(
    dir: &ProfileDir,
    store: &SecretStore,
    name: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let profile = dir.load(name)?;
    if profile.secret == SecretLocation::Keyring {
        store.delete(name).map_err(|e| {
            let failure = Failure::from(e);
            Failure::new(
                failure.exit,
                format!(
                    "{}; the profile was kept so nothing is left behind in the keyring",
                    failure.message
                ),
            )
        })?;
    }
    dir.remove(name)?;
    say!(out, "Removed profile `{name}` and its keyring entry.");
    if !profile.env_files.is_empty() {
        let files: Vec<String> = profile
            .env_files
            .iter()
            .map(|f| f.display().to_string())
            .collect();
        say!(
            err,
            "note: the .env files it wrote still hold the key: {}",
            files.join(", ")
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
) -> Result<(KeyPair, Host, Vec<Variable>), Failure> {
    let (keys, _) = parse_key_pair(&profile.public_key, secret.expose()).map_err(|e| {
        Failure::new(
            Exit::ProfileNotFound,
            format!("profile `{}` is not usable: {e}", profile.name),
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
    });
    Ok((keys, host, variables))
}
