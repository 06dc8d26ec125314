//! Exit codes: one table (documented in the README and by `help exit-codes`), pure data that the
//! domain's judgements (a live test's verdict, an arrival check) name and the commands exit with.

use crate::tr_static;

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
            Exit::Ok => tr_static!("core-exit-ok"),
            Exit::Failure => tr_static!("core-exit-failure"),
            Exit::Usage => tr_static!("core-exit-usage"),
            Exit::NeedsConfirmation => tr_static!("core-exit-needs-confirmation"),
            Exit::KeysRejected => tr_static!("core-exit-keys-rejected"),
            Exit::HeaderRejected => tr_static!("core-exit-header-rejected"),
            Exit::AccessDenied => tr_static!("core-exit-access-denied"),
            Exit::NotFound => tr_static!("core-exit-not-found"),
            Exit::Redirected => tr_static!("core-exit-redirected"),
            Exit::Rejected => tr_static!("core-exit-rejected"),
            Exit::ServerError => tr_static!("core-exit-server-error"),
            Exit::NotVisible => tr_static!("core-exit-not-visible"),
            Exit::Dns => tr_static!("core-exit-dns"),
            Exit::Refused => tr_static!("core-exit-refused"),
            Exit::Tls => tr_static!("core-exit-tls"),
            Exit::Timeout => tr_static!("core-exit-timeout"),
            Exit::Network => tr_static!("core-exit-network"),
            Exit::Proxy => tr_static!("core-exit-proxy"),
            Exit::NoRegion => tr_static!("core-exit-no-region"),
            Exit::SeveralRegions => tr_static!("core-exit-several-regions"),
            Exit::RegionsUnreachable => tr_static!("core-exit-regions-unreachable"),
            Exit::KeyringUnavailable => tr_static!("core-exit-keyring-unavailable"),
            Exit::KeyringLocked => tr_static!("core-exit-keyring-locked"),
            Exit::KeyringTimeout => tr_static!("core-exit-keyring-timeout"),
            Exit::SecretNotFound => tr_static!("core-exit-secret-not-found"),
            Exit::ProfileNotFound => tr_static!("core-exit-profile-not-found"),
            Exit::ProblemsFound => tr_static!("core-exit-problems-found"),
            Exit::InvalidInput => tr_static!("core-exit-invalid-input"),
            Exit::CannotRead => tr_static!("core-exit-cannot-read"),
            Exit::CannotWrite => tr_static!("core-exit-cannot-write"),
            Exit::Conflict => tr_static!("core-exit-conflict"),
            Exit::CannotRun => tr_static!("core-exit-cannot-run"),
            Exit::CommandNotFound => tr_static!("core-exit-command-not-found"),
        }
    }
}

/// The README's table (a test keeps the two equal).
pub fn markdown_table() -> String {
    let mut text = String::from("| code | meaning |\n|---|---|\n");
    // The README is English.
    crate::core::i18n::in_english(|| {
        for exit in Exit::ALL {
            text.push_str(&format!("| {} | {} |\n", exit.code(), exit.meaning()));
        }
    });
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
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(&markdown_table()),
            "README's exit-code table differs from Exit::ALL; it should read:\n{}",
            markdown_table()
        );
    }
}
