//! Exit codes (documented in the README) and the error type commands return.

use std::fmt;
use std::io::{self, Write};

/// What the process exits with. Numbers follow BSD `sysexits.h` where one fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    /// Something unexpected: a bug, or an error with no better code.
    Failure = 1,
    /// The command line is wrong (clap's own code).
    Usage = 2,
    /// A non-interactive run would replace existing values; re-run with `--yes`.
    NeedsConfirmation = 3,
    /// Live test: Langfuse does not know the keys (401 "Invalid credentials").
    KeysRejected = 10,
    /// Live test: the Authorization header was missing or malformed (401).
    HeaderRejected = 11,
    /// Live test: the keys may not send traces (403: organization key, ingestion suspended), or
    /// belong to no project.
    AccessDenied = 12,
    /// Live test: wrong path, or a server without the OTel endpoint (404/405).
    NotFound = 13,
    /// Live test: the URL redirects (not followed).
    Redirected = 14,
    /// Live test: another 4xx, or a server that is not Langfuse.
    Rejected = 15,
    /// Live test: 5xx after retries.
    ServerError = 16,
    /// `test --arrival`: the test span did not become visible in Langfuse by the deadline (or
    /// could not be sent or read back).
    NotVisible = 17,
    /// Live test: the host name does not resolve.
    Dns = 20,
    /// Live test: connection refused.
    Refused = 21,
    /// Live test: TLS handshake failed.
    Tls = 22,
    /// Live test: no answer in time.
    Timeout = 23,
    /// Live test: the connection was reset, or another network failure.
    Network = 24,
    /// Live test: the proxy failed.
    Proxy = 25,
    /// `doctor`: the static checks found an error (and no live test failed first).
    ProblemsFound = 50,
    /// Region detection: no region accepts the keys.
    NoRegion = 30,
    /// Region detection: more than one region accepts the keys.
    SeveralRegions = 31,
    /// Region detection: no region could be reached (offline, or every region failed).
    RegionsUnreachable = 32,
    /// The OS keyring is not available (no Secret Service, no D-Bus session).
    KeyringUnavailable = 40,
    /// The OS keyring is locked.
    KeyringLocked = 41,
    /// The OS keyring did not answer in time.
    KeyringTimeout = 42,
    /// The keyring holds no (usable) secret for the profile.
    SecretNotFound = 43,
    /// No such profile, or a damaged one.
    ProfileNotFound = 44,
    /// `run`: the command could not be started (not executable: 126, not found: 127 are used too).
    CannotRun = 126,
    CommandNotFound = 127,
    /// Input is invalid: a host, a key, a value no .env dialect reads portably, a non-UTF-8 file.
    InvalidInput = 65,
    /// A file could not be read.
    CannotRead = 66,
    /// A file could not be written; the old one is intact.
    CannotWrite = 73,
    /// A .env changed under this run where it meant to write, or another process held its lock
    /// too long: nothing was written; run again.
    Conflict = 75,
}

impl Exit {
    /// Every code, in the order of the README's table and `langfuse-otel help exit-codes`.
    pub const ALL: [Exit; 33] = [
        Exit::Ok,
        Exit::Failure,
        Exit::Usage,
        Exit::NeedsConfirmation,
        Exit::KeysRejected,
        Exit::HeaderRejected,
        Exit::AccessDenied,
        Exit::NotFound,
        Exit::Redirected,
        Exit::Rejected,
        Exit::ServerError,
        Exit::NotVisible,
        Exit::Dns,
        Exit::Refused,
        Exit::Tls,
        Exit::Timeout,
        Exit::Network,
        Exit::Proxy,
        Exit::NoRegion,
        Exit::SeveralRegions,
        Exit::RegionsUnreachable,
        Exit::KeyringUnavailable,
        Exit::KeyringLocked,
        Exit::KeyringTimeout,
        Exit::SecretNotFound,
        Exit::ProfileNotFound,
        Exit::ProblemsFound,
        Exit::InvalidInput,
        Exit::CannotRead,
        Exit::CannotWrite,
        Exit::Conflict,
        Exit::CannotRun,
        Exit::CommandNotFound,
    ];

    pub fn code(self) -> i32 {
        self as i32
    }

    /// The README's line for the code (`help exit-codes` prints the same).
    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Ok => "success",
            Exit::Failure => {
                "unexpected failure, or standard output could not be written (a reader that closed the pipe early: exit 1 without a message)"
            }
            Exit::Usage => "usage: a wrong or missing argument (a missing key, no region or host)",
            Exit::NeedsConfirmation => {
                "a non-interactive run would replace existing values: re-run with `--yes`"
            }
            Exit::KeysRejected => {
                "live test: keys rejected (401 \"Invalid credentials\"; a hint names the region that knows them)"
            }
            Exit::HeaderRejected => {
                "live test: Authorization header missing or malformed (401 \"No authorization header\" / \"Invalid authorization header\")"
            }
            Exit::AccessDenied => {
                "live test: the keys may not send traces (403: organization key, ingestion suspended) or belong to no project"
            }
            Exit::NotFound => {
                "live test: wrong path or a server without the OTel endpoint (404 page, 405); the URL tried is shown"
            }
            Exit::Redirected => "live test: the URL redirects (not followed; the target is shown)",
            Exit::Rejected => {
                "live test: another 4xx, or a server at that URL that is not Langfuse"
            }
            Exit::ServerError => "live test: 5xx after the retries",
            Exit::NotVisible => {
                "`test --arrival`: the test span was not visible in Langfuse by `--arrival-timeout` (or could not be sent or read back); the likely cause is named"
            }
            Exit::Dns => "live test: the host name does not resolve (DNS)",
            Exit::Refused => "live test: connection refused",
            Exit::Tls => "live test: TLS handshake failed (the cause is shown)",
            Exit::Timeout => "live test: no answer within the timeout",
            Exit::Network => "live test: connection reset, or another network failure",
            Exit::Proxy => "live test: the proxy failed",
            Exit::NoRegion => "`--region auto`: no region accepts the keys",
            Exit::SeveralRegions => "`--region auto`: more than one region accepts the keys",
            Exit::RegionsUnreachable => {
                "`--region auto`: no region could be reached (offline, or every region failed with a network or server error)"
            }
            Exit::KeyringUnavailable => {
                "the OS keyring is not available (no Secret Service or D-Bus session)"
            }
            Exit::KeyringLocked => {
                "the OS keyring is locked (an unlock needs a prompt this session cannot show)"
            }
            Exit::KeyringTimeout => "the OS keyring did not answer within `--keyring-timeout`",
            Exit::SecretNotFound => {
                "the keyring (or, with `--no-keyring`, the recorded .env files) holds no usable secret for the profile"
            }
            Exit::ProfileNotFound => "no such profile, or a damaged one",
            Exit::ProblemsFound => {
                "`doctor`: the static checks found an error; `doctor` and `test`: the environment or a setting means the app would not export what the .env says (no live test failed first)"
            }
            Exit::InvalidInput => {
                "invalid input: a host, a key, a value no `.env` dialect reads portably, a non-UTF-8 file, a .env that is not a regular file (FIFO, socket, device) or is over 4 MiB, more than 64 KiB on standard input; in `test`, a family that cannot be tested as written (no scheme, gRPC, plain http to another machine)"
            }
            Exit::CannotRead => {
                "a file (or standard input) could not be read: missing, a directory, no permission"
            }
            Exit::CannotWrite => {
                "a file could not be written (symlink, directory, missing directory, read-only or another user's file without `--force`, I/O error); every file is as it was"
            }
            Exit::Conflict => {
                "a .env changed under the run in one of our variables, or another process held its lock too long: nothing was written; run again"
            }
            Exit::CannotRun => {
                "`run`: the command is not executable; otherwise `run` exits with the command's own status (128 + N when signal N ended it)"
            }
            Exit::CommandNotFound => "`run`: the command was not found",
        }
    }
}

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
            E::Unavailable(_) => Exit::KeyringUnavailable,
            E::Locked => Exit::KeyringLocked,
            E::Timeout(_) => Exit::KeyringTimeout,
            E::NotFound(_) | E::Corrupt(_) | E::Forgotten(_) => Exit::SecretNotFound,
        };
        // Commands that read a secret (run, export, test, profiles) have no --no-keyring: the fix
        // names `setup`, where it is.
        let fix = match &error {
            E::Unavailable(_) => {
                "start a Secret Service (gnome-keyring, KeePassXC) in this session, or set the profile up again with `langfuse-otel setup --no-keyring` to keep the secret only in the .env"
            }
            E::Locked | E::Timeout(_) => {
                "unlock the keyring (log in to the desktop session, or `gnome-keyring-daemon --unlock`) and retry"
            }
            E::NotFound(_) | E::Corrupt(_) | E::Forgotten(_) => error.fix(),
        };
        Failure::new(exit, format!("{error}: {fix}"))
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
                format!("{error}: store it again with `langfuse-otel rotate --profile {profile}`"),
            ),
            E::Store { error, .. } => Failure::from(error),
            E::NotInEnvFiles(_) => Failure::new(Exit::SecretNotFound, error),
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
                let _ = writeln!(err, "error: {failure}");
            }
            failure.code()
        }
        (Ok(()), None) => 0,
        (Ok(()), Some(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            Exit::Failure.code() as u8
        }
        (Ok(()), Some(error)) => {
            let _ = writeln!(err, "error: cannot write to standard output: {error}");
            Exit::Failure.code() as u8
        }
    }
}

/// `langfuse-otel help exit-codes`.
pub fn help_text() -> String {
    let mut text = String::from("Exit codes of langfuse-otel (the same for every command):\n\n");
    for exit in Exit::ALL {
        text.push_str(&format!("  {:>3}  {}\n", exit.code(), exit.meaning()));
    }
    text
}

/// The README's table (a test keeps the two equal).
pub fn markdown_table() -> String {
    let mut text = String::from("| code | meaning |\n|---|---|\n");
    for exit in Exit::ALL {
        text.push_str(&format!("| {} | {} |\n", exit.code(), exit.meaning()));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_and_the_readme_shows_this_table() {
        let mut codes: Vec<i32> = Exit::ALL.iter().map(|e| e.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Exit::ALL.len(), "a code is listed twice");
        let readme = include_str!("../README.md");
        assert!(
            readme.contains(&markdown_table()),
            "README's exit-code table differs from Exit::ALL; it should read:\n{}",
            markdown_table()
        );
    }

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
