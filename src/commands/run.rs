//! `langfuse-otel run -- CMD ARGS...`: the child gets the profile's variables in its environment,
//! read from the keyring at start; nothing is written to disk, and the child's exit code is ours.
//!
//! On Unix the command replaces this process (`exec`), as `env` and `exec` in a shell do: nothing
//! has to happen after it, so it keeps our process id and our place in the terminal's foreground
//! group. Every signal a supervisor or a terminal sends (SIGINT, SIGTERM, SIGHUP, SIGQUIT,
//! SIGUSR1/2, SIGWINCH, and even SIGKILL, which no parent could forward) reaches the command
//! itself, exactly once, and whoever waits for us gets its exit status unchanged (128 + the signal
//! in a shell when a signal ended it). Elsewhere it runs as a child whose code is passed on.

use std::ffi::OsStr;
use std::io::{self, Write};
use std::process::Command;

use super::{profiles, say};
use crate::cli::RunArgs;
use crate::core::effective::SIGNAL_SPECIFIC;
use crate::exit::{Exit, Failure};
use crate::io::profile::ProfileDir;
use crate::io::secret_store::SecretStore;
use crate::tr;

pub fn run(args: RunArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let profile = ProfileDir::from_env()?.load(&args.profile.profile)?;
    let store = SecretStore::new(args.profile.keyring_timeout);
    let secret = profiles::secret_of(&profile, &store)?;
    let (_, _, variables) = profiles::variables_of(&profile, secret, &args.vars, &store)?;
    let Some((program, rest)) = args.command.split_first() else {
        return Err(Failure::new(Exit::Usage, tr!("cli-run-no-command")));
    };
    let mut command = Command::new(program);
    command.args(rest);
    let mut kept = Vec::new();
    for variable in &variables {
        if args.keep_env && std::env::var_os(variable.name).is_some() {
            kept.push(variable.name);
        } else {
            command.env(variable.name, variable.expose());
        }
    }
    if !kept.is_empty() {
        say!(err, "{}", tr!("cli-run-kept", variables = kept.join(", ")));
    }
    // Ours win: a signal-specific variable left in the environment would replace the generic one
    // we set, in every OTel SDK for the endpoint and in Python and Java for the headers.
    if !args.keep_env {
        let mut removed = Vec::new();
        for (generic, specific) in SIGNAL_SPECIFIC {
            if variables.iter().any(|v| v.name == generic) && std::env::var_os(specific).is_some() {
                command.env_remove(specific);
                removed.push(specific);
            }
        }
        if !removed.is_empty() {
            say!(
                err,
                "{}",
                tr!("cli-run-unset", variables = removed.join(", "))
            );
        }
    }
    let _ = out.flush();
    let _ = err.flush();
    start(command, program)
}

#[cfg(unix)]
fn start(mut command: Command, program: &OsStr) -> Result<(), Failure> {
    use std::os::unix::process::CommandExt as _;
    // Only returns when the command could not be started.
    Err(cannot_start(program, command.exec()))
}

#[cfg(not(unix))]
fn start(mut command: Command, program: &OsStr) -> Result<(), Failure> {
    let status = command
        .status()
        .map_err(|error| cannot_start(program, error))?;
    match status.code() {
        Some(0) => Ok(()),
        Some(code) => Err(Failure::child(code as u8)),
        None => Err(Failure::child(1)),
    }
}

fn cannot_start(program: &OsStr, error: io::Error) -> Failure {
    let name = program.to_string_lossy();
    match error.kind() {
        io::ErrorKind::NotFound => Failure::new(
            Exit::CommandNotFound,
            tr!("cli-run-not-found", name = &name),
        ),
        io::ErrorKind::PermissionDenied => Failure::new(
            Exit::CannotRun,
            tr!("cli-run-permission-denied", name = &name),
        ),
        _ => Failure::new(
            Exit::CannotRun,
            tr!("cli-run-failed", name = &name, error = error.to_string()),
        ),
    }
}
