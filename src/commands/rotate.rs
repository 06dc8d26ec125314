//! `langfuse-otel rotate`: a new key pair for a profile, tested, stored, and written into every
//! .env the profile recorded (each keeping its `.bak`).

use std::io::Write;

use super::setup::{Job, Keep, execute};
use super::{resolve_keys, say};
use crate::cli::RotateArgs;
use crate::exit::{Exit, Failure};
use crate::io::profile::{ProfileDir, SecretLocation};
use crate::io::secret_store::SecretStore;

pub fn run(args: RotateArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let profile = ProfileDir::from_env()?.load(&args.profile.profile)?;
    let keys = resolve_keys(&args.keys, err)?;
    let (present, missing): (Vec<_>, Vec<_>) =
        profile.env_files.iter().cloned().partition(|p| p.exists());
    for path in &missing {
        say!(
            err,
            "warning: {} is recorded in profile `{}` but no longer exists: skipped (run setup with --env-file to write it again)",
            path.display(),
            profile.name
        );
    }
    if present.is_empty() && profile.secret == SecretLocation::EnvFile {
        return Err(Failure::new(
            Exit::CannotRead,
            format!(
                "profile `{}` keeps its secret only in .env files, and none of them exists any more: run `langfuse-otel setup --profile {}`",
                profile.name, profile.name
            ),
        ));
    }
    let keep = match profile.secret {
        SecretLocation::Keyring => Keep::Keyring(SecretStore::new(args.profile.keyring_timeout)),
        SecretLocation::EnvFile => Keep::EnvFilesOnly,
    };
    say!(out, "Rotating profile `{}`", profile.name);
    execute(
        Job {
            host: profile.host()?,
            keys,
            families: profile.families.clone(),
            ingestion_version: profile.ingestion_version,
            paths: present,
            follow_symlinks: args.follow_symlinks,
            force: args.force,
            replace: true,
            dry_run: false,
            gitignore: false,
            probe: (!args.skip_test).then_some((&args.probe, args.allow_http)),
            write_anyway: args.write_anyway,
            keep,
            profile: profile.name.clone(),
            rotating: true,
        },
        out,
        err,
    )?;
    if profile.secret == SecretLocation::Keyring {
        say!(out, "The OS keyring holds the new secret key.");
    }
    Ok(())
}
