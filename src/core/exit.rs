//! Exit codes: one table (documented in the README and by `help exit-codes`), pure data that the
//! domain's judgements (a live test's verdict, an arrival check) name and the commands exit with.

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
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(&markdown_table()),
            "README's exit-code table differs from Exit::ALL; it should read:\n{}",
            markdown_table()
        );
    }
}
