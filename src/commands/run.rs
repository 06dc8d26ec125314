//! `langfuse-otel run -- CMD ARGS...`: the child gets the profile's variables in its environment,
//! read from the keyring at start; nothing is written to disk, and the child's exit code is ours.

use std::io::{self, Write};
use std::process::Command;

use super::profiles;
use crate::cli::RunArgs;
use crate::exit::{Exit, Failure};
use crate::io::profile::ProfileDir;
use crate::io::secret_store::SecretStore;

pub fn run(args: RunArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let profile = ProfileDir::from_env()?.load(&args.profile.profile)?;
    let secret = profiles::secret_of(&profile, &SecretStore::new(args.profile.keyring_timeout))?;
    let (_, _, variables) = profiles::variables_of(&profile, secret, &args.vars)?;
    let Some((program, rest)) = args.command.split_first() else {
        return Err(Failure::new(
            Exit::Usage,
            "give the command to run after `--`",
        ));
    };
    let _ = out.flush();
    let _ = err.flush();
    let mut command = Command::new(program);
    command.args(rest);
    for variable in &variables {
        command.env(variable.name, variable.expose());
    }
    let status = command.status().map_err(|e| {
        let name = program.to_string_lossy();
        match e.kind() {
            io::ErrorKind::NotFound => Failure::new(
                Exit::CommandNotFound,
                format!("cannot run `{name}`: no such command (check the name and PATH)"),
            ),
            io::ErrorKind::PermissionDenied => Failure::new(
                Exit::CannotRun,
                format!("cannot run `{name}`: permission denied (is it executable?)"),
            ),
            _ => Failure::new(Exit::CannotRun, format!("cannot run `{name}`: {e}")),
        }
    })?;
    match exit_code(&status) {
        0 => Ok(()),
        code => Err(Failure::child(code)),
    }
}

/// The child's code; killed by a signal, 128 + the signal, as shells report it.
fn exit_code(status: &std::process::ExitStatus) -> u8 {
    if let Some(code) = status.code() {
        return code as u8;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        if let Some(signal) = status.signal() {
            return 128u8.wrapping_add(signal as u8);
        }
    }
    1
}
