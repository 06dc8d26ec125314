//! Exit codes (documented in the README) and the error type commands return.

use std::fmt;

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
    pub fn code(self) -> i32 {
        self as i32
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
            E::NotFound(_) | E::Corrupt(_) => Exit::SecretNotFound,
        };
        Failure::new(exit, format!("{error}: {}", error.fix()))
    }
}

impl From<crate::io::profile::ProfileError> for Failure {
    fn from(error: crate::io::profile::ProfileError) -> Self {
        use crate::io::profile::ProfileError as E;
        let exit = match &error {
            E::BadName(_) => Exit::Usage,
            E::NotFound { .. } | E::Damaged { .. } | E::Invalid { .. } => Exit::ProfileNotFound,
            E::NoConfigDir | E::Io { .. } => Exit::CannotWrite,
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
