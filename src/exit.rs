//! The error type commands return, and how a run ends (message, exit code). The codes themselves
//! are data in [`crate::core::exit`].

use std::fmt;
use std::io::{self, Write};

pub use crate::core::exit::{Exit, markdown_table};

/// A failed command: what to print and what to exit with.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
    /// `run`: the child's own exit code, passed on as is (nothing printed).
    pub child_code: Option<u8>,
}

impl Failure {
    pub fn new(exit: Exit, message: impl fmt::Display) -> Self {
        Failure {
            exit,
            message: message.to_string(),
            child_code: None,
        }
    }

    /// Exits with a child process's code, silently: the child has said what it had to say.
    pub fn child(code: u8) -> Self {
        Failure {
            exit: Exit::Failure,
            message: String::new(),
            child_code: Some(code),
        }
    }

    pub fn code(&self) -> u8 {
        self.child_code.unwrap_or(self.exit.code() as u8)
    }
}

impl From<crate::io::secret_store::StoreError> for Failure {
    fn from(error: crate::io::secret_store::StoreError) -> Self {
        use crate::io::secret_store::StoreError as E;
        let exit = match &error {
            E::Unavailable(_) | E::KernelUnavailable(_) => Exit::KeyringUnavailable,
            E::Locked => Exit::KeyringLocked,
            E::Timeout(_) => Exit::KeyringTimeout,
            E::NotFound(_) | E::Corrupt(_) | E::Forgotten(_) => Exit::SecretNotFound,
        };
        // Commands that read a secret (run, export, test, profiles) have no --no-keyring: the fix
        // names `setup`, where it is.
        let fix = match &error {
            E::Unavailable(_) | E::KernelUnavailable(_) => {
                crate::tr!("cli-keyring-unavailable-fix")
            }
            E::Locked | E::Timeout(_) => crate::tr!("cli-keyring-locked-fix"),
            E::NotFound(_) | E::Corrupt(_) | E::Forgotten(_) => error.fix().to_string(),
        };
        Failure::new(
            exit,
            crate::tr!("cli-keyring-error", error = error.to_string(), fix = fix),
        )
    }
}

impl From<crate::io::profile::SecretError> for Failure {
    fn from(error: crate::io::profile::SecretError) -> Self {
        use crate::io::profile::SecretError as E;
        use crate::io::secret_store::StoreError;
        match error {
            E::Store {
                profile,
                error: error @ (StoreError::NotFound(_) | StoreError::Forgotten(_)),
            } => Failure::new(
                Exit::SecretNotFound,
                crate::tr!(
                    "cli-secret-not-found",
                    error = error.to_string(),
                    profile = profile.to_string()
                ),
            ),
            E::Store { error, .. } => Failure::from(error),
            E::NotInEnvFiles(_) | E::HeaderMissing(_) => Failure::new(Exit::SecretNotFound, error),
        }
    }
}

impl From<crate::io::profile::ProfileError> for Failure {
    fn from(error: crate::io::profile::ProfileError) -> Self {
        use crate::io::profile::ProfileError as E;
        let exit = match &error {
            E::BadName(_) => Exit::Usage,
            E::NotFound { .. } | E::Damaged { .. } | E::Invalid { .. } => Exit::ProfileNotFound,
            E::NoConfigDir | E::Io { .. } => Exit::CannotWrite,
            E::OtherTarget(_) => Exit::NeedsConfirmation,
        };
        Failure::new(exit, error)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

impl From<crate::core::host::HostError> for Failure {
    fn from(error: crate::core::host::HostError) -> Self {
        Failure::new(Exit::InvalidInput, error)
    }
}

impl From<crate::core::keys::KeyError> for Failure {
    fn from(error: crate::core::keys::KeyError) -> Self {
        Failure::new(Exit::InvalidInput, error)
    }
}

impl From<crate::io::envfile::EnvFileError> for Failure {
    fn from(error: crate::io::envfile::EnvFileError) -> Self {
        use crate::io::envfile::EnvFileError as E;
        let exit = match &error {
            E::NotUtf8 { .. } | E::NotRegular { .. } | E::TooLarge { .. } => Exit::InvalidInput,
            E::Read { .. } => Exit::CannotRead,
            E::Locked { .. } => Exit::Conflict,
            E::Symlink { .. }
            | E::IsDirectory(_)
            | E::NoDirectory(_)
            | E::Write { .. }
            | E::ReadOnly { .. }
            | E::OtherOwner { .. } => Exit::CannotWrite,
        };
        Failure::new(exit, error)
    }
}

/// Standard output that remembers its first failure: a report that never arrived is a failed
/// command (exit 1), even where a command writes through `say!` and carries on.
pub struct WatchedOutput<W: Write> {
    inner: W,
    failed: Option<io::Error>,
}

impl<W: Write> WatchedOutput<W> {
    pub fn new(inner: W) -> Self {
        WatchedOutput {
            inner,
            failed: None,
        }
    }

    fn watch<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(error) = &result
            && self.failed.is_none()
        {
            self.failed = Some(io::Error::new(error.kind(), error.to_string()));
        }
        result
    }

    /// Flushes, and gives the first write failure, if any.
    pub fn finish(mut self) -> Option<io::Error> {
        let flushed = self.inner.flush();
        let _ = self.watch(flushed);
        self.failed
    }
}

impl<W: Write> Write for WatchedOutput<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.watch(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.watch(result)
    }
}

/// The process's exit code for a command's result and what became of its standard output. A
/// failed command keeps its own code (it says more); otherwise output that could not be written
/// is exit 1, silently for a closed pipe (`... | head` is not an error worth a message).
pub fn conclude(
    result: Result<(), Failure>,
    stdout_failure: Option<io::Error>,
    err: &mut dyn Write,
) -> u8 {
    match (result, stdout_failure) {
        (Err(failure), _) => {
            if !failure.message.is_empty() {
                let _ = writeln!(
                    err,
                    "{}",
                    crate::tr!("cli-error", message = &failure.message)
                );
            }
            failure.code()
        }
        (Ok(()), None) => 0,
        (Ok(()), Some(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            Exit::Failure.code() as u8
        }
        (Ok(()), Some(error)) => {
            let _ = writeln!(
                err,
                "{}",
                crate::tr!("cli-error-stdout", error = error.to_string())
            );
            Exit::Failure.code() as u8
        }
    }
}

/// `langfuse-otel help exit-codes`.
pub fn help_text() -> String {
    let mut text = crate::tr!("cli-exit-codes-heading");
    text.push_str("\n\n");
    for exit in Exit::ALL {
        text.push_str(&format!("  {:>3}  {}\n", exit.code(), exit.meaning()));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_exit_1_without_a_message_and_a_failed_command_keeps_its_code() {
        let mut err = Vec::new();
        let pipe = io::Error::from(io::ErrorKind::BrokenPipe);
        assert_eq!(conclude(Ok(()), Some(pipe), &mut err), 1);
        assert!(err.is_empty());
        let full = io::Error::from(io::ErrorKind::StorageFull);
        assert_eq!(conclude(Ok(()), Some(full), &mut err), 1);
        assert!(String::from_utf8_lossy(&err).contains("standard output"));
        let failed = Err(Failure::new(Exit::KeysRejected, "rejected"));
        let pipe = io::Error::from(io::ErrorKind::BrokenPipe);
        assert_eq!(conclude(failed, Some(pipe), &mut Vec::new()), 10);
        assert_eq!(conclude(Ok(()), None, &mut Vec::new()), 0);
    }
}
