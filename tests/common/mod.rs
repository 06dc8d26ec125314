//! Helpers shared by the integration tests: run the real binary in a temporary directory.
#![allow(dead_code)]

pub mod child;
pub mod scrub;
pub mod secret_service;

use std::io::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use assert_cmd::Command;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use langfuse_otel::core::host::Region;
use tempfile::TempDir;

pub const PK: &str = "pk-lf-1c5d8a3e-0f3b-4c59-9d1a-5b8f2e7c4a10";
pub const SK: &str = "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b";

/// True when `CI` is set (to anything but empty, `0` or `false`): then a test that cannot run fails.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// Where skipped tests are listed for `scripts/test.sh`'s summary (one tab-separated line each:
/// test, reason, the command that installs what is missing). libtest hides a passing test's
/// output, so a note on stderr alone is never seen.
pub const SKIP_LOG: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/skipped.tsv");

/// The running test cannot run here because of `reason`; `install` is the command that fixes it.
/// Under CI this panics (a skip there is a failure); otherwise it notes the skip on stderr and in
/// [`SKIP_LOG`], and the caller returns.
pub fn skip(reason: &str, install: &str) {
    // libtest names each test's thread after the test.
    let binary = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .map(|s| {
            s.rsplit_once('-')
                .map_or(s.clone(), |(name, _hash)| name.to_string())
        })
        .unwrap_or_default();
    let thread = std::thread::current();
    let test = format!("{binary}::{}", thread.name().unwrap_or("?"));
    assert!(
        !under_ci(),
        "{test}: {reason}. CI is set, so this is a failure, not a skip: {install}"
    );
    eprintln!("SKIPPED {test}: {reason} ({install})");
    let line = format!("{test}\t{reason}\t{install}\n");
    let appended = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(SKIP_LOG)
        .and_then(|mut file| file.write_all(line.as_bytes()));
    if let Err(e) = appended {
        panic!("{test} is skipped ({reason}) but {SKIP_LOG} cannot record it: {e}");
    }
}

/// `LANGFUSE_OTEL_REGION_HOSTS` pointing every cloud region ([`Region::CLOUD`]) at the URL
/// `url_of` gives it.
pub fn region_hosts(mut url_of: impl FnMut(Region) -> String) -> String {
    Region::CLOUD
        .iter()
        .map(|&region| format!("{}={}", region.slug(), url_of(region)))
        .collect::<Vec<_>>()
        .join(",")
}

/// One tokio runtime per test process, for the sandbox servers the tests start.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    })
}

/// A sandbox Langfuse on loopback.
pub fn sandbox(
    config: langfuse_otel::io::sandbox::SandboxConfig,
) -> langfuse_otel::io::sandbox::Sandbox {
    runtime()
        .block_on(langfuse_otel::io::sandbox::Sandbox::start(config))
        .unwrap()
}

/// A sandbox that knows [`PK`] / [`SK`].
pub fn ours() -> langfuse_otel::io::sandbox::Sandbox {
    sandbox(langfuse_otel::io::sandbox::SandboxConfig::with_keys(PK, SK))
}

/// A config directory for the whole test process, so no test touches the developer's profiles.
pub fn config_home() -> &'static Path {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| TempDir::new().unwrap()).path()
}

/// The config directory [`bin`] gives a command run in `dir`.
pub fn config_for(dir: &Path) -> std::path::PathBuf {
    config_home().join(
        dir.file_name()
            .map_or_else(|| "root".into(), |n| n.to_string_lossy().into_owned()),
    )
}

/// `git` in `dir`, with no system or user configuration of this machine; its exit code is the
/// caller's to judge.
pub fn git_output(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut command = std::process::Command::new("git");
    command
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir);
    for name in GIT_STEERING {
        command.env_remove(name);
    }
    command
        .output()
        .expect("git is needed for the .gitignore tests (.ci/run installs it)")
}

/// The variables that steer git's discovery (the tool then asks git itself for each directory):
/// a test runs git, and the tool, without them, whatever the shell it runs from has set.
pub const GIT_STEERING: [&str; 4] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_CEILING_DIRECTORIES",
    "GIT_DISCOVERY_ACROSS_FILESYSTEM",
];

/// A `git` in `dir` that appends each run's arguments to `dir/git-runs`, then hands over to the
/// real one: the PATH that puts it first, and the log (absent while git has not run).
pub fn recording_git(dir: &Path) -> (std::ffi::OsString, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt as _;
    let path = std::env::var_os("PATH").unwrap_or_default();
    let real = std::env::split_paths(&path)
        .map(|d| d.join("git"))
        .find(|p| p.is_file())
        .expect("git is needed for the git tests (.ci/run installs it)");
    let runs = dir.join("git-runs");
    let shim = dir.join("git");
    std::fs::write(
        &shim,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexec '{}' \"$@\"\n",
            runs.display(),
            real.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&shim, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = std::env::join_paths(
        std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&path)),
    )
    .unwrap();
    (path, runs)
}

/// [`git_output`] of a command that must succeed.
pub fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let output = git_output(dir, args);
    assert!(output.status.success(), "git {args:?}: {output:?}");
    output
}

/// The binary, with no inherited Langfuse/OTel/proxy (or other tracing vendors') variables, no D-Bus session (the developer's
/// keyring is never touched), a private config directory, and `dir` as its working directory.
/// The config directory is one per working directory: a profile belongs to one host and project,
/// so unrelated tests (each in its own directory) must not share the profile `default`.
pub fn bin(dir: &Path) -> Command {
    Command::from_std(std_bin(dir))
}

/// [`bin`] as a `std::process::Command`, for tests that need the running process (signals).
pub fn std_bin(dir: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("langfuse-otel"));
    scrub::scrub(&mut cmd)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", config_for(dir));
    cmd
}

/// `setup --non-interactive --skip-test` with the secret on stdin (these tests need no server; the
/// live test has its own tests); the caller adds the host and options.
pub fn setup(dir: &Path, public: &str, secret: &str) -> Command {
    let mut cmd = Command::from_std(std_setup(dir, public));
    cmd.write_stdin(format!("{secret}\n"));
    cmd
}

/// [`setup`] as a `std::process::Command`, the secret still to be written to its stdin (see
/// [`child::run`]), for tests that set up the process themselves (limits, signals).
pub fn std_setup(dir: &Path, public: &str) -> std::process::Command {
    let mut cmd = std_bin(dir);
    cmd.args(setup_args(public)).arg("--skip-test");
    cmd
}

/// `setup --non-interactive --no-keyring` with the live test (the keyring has its own tests).
pub fn live_setup(dir: &Path, public: &str, secret: &str) -> Command {
    let mut cmd = bin(dir);
    cmd.args(setup_args(public))
        .write_stdin(format!("{secret}\n"));
    cmd
}

/// Whether the tests run as root.
pub fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// `setup` (no keyring, no live test, EU, `--yes`, the secret on stdin) of `files` (none: the
/// `.env` of `dir`), run from `dir` as the user 65534 when the tests run as root, for whom file
/// modes do not hold (`setpriv`), and as this user otherwise; its profile goes to `config`, which
/// that user must be able to write.
pub fn setup_unprivileged(dir: &Path, config: &Path, files: &[&str]) -> Command {
    let wrapper: &[&str] = if is_root() {
        &[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
        ]
    } else {
        &[]
    };
    setup_wrapped(wrapper, dir, config, files)
}

/// [`setup_unprivileged`]'s run, the binary started through `wrapper` (a command line ending in
/// `--`, such as `setpriv ... --` or `unshare ... --`; empty: the binary itself).
pub fn setup_wrapped(wrapper: &[&str], dir: &Path, config: &Path, files: &[&str]) -> Command {
    let binary = assert_cmd::cargo::cargo_bin("langfuse-otel");
    let mut cmd = match wrapper {
        [program, args @ ..] => {
            let mut cmd = Command::new(program);
            cmd.args(args).arg(binary);
            cmd
        }
        [] => Command::new(binary),
    };
    cmd.current_dir(dir)
        .env("XDG_CONFIG_HOME", config)
        .env("HOME", config)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .args(setup_args(PK))
        .args(["--skip-test", "--yes", "--region", "eu"]);
    for file in files {
        cmd.args(["--env-file", file]);
    }
    cmd.write_stdin(SK);
    cmd
}

/// A `setup` with no keyring and the secret on stdin.
pub fn setup_args(public: &str) -> [&str; 6] {
    [
        "setup",
        "--non-interactive",
        "--no-keyring",
        "--public-key",
        public,
        "--secret-key-stdin",
    ]
}

/// Every form of a secret key that must not leak, each with a label: the raw key, its part after
/// `sk-lf-`, and the part of the Basic credential `base64(pk:sk)` that encodes only secret bytes, as
/// base64, with `+` as `%2B` (either case), fully URL-encoded, and as base64url; each also by its
/// first and last characters, so a value cut short is still found. Computed here by hand, not by
/// the code under test.
pub fn secret_forms(public: &str, secret: &str) -> Vec<(String, String)> {
    let mut forms: Vec<(String, String)> = Vec::new();
    let mut add = |label: String, form: String| {
        if !form.is_empty() && !forms.iter().any(|(_, f)| *f == form) {
            forms.push((label, form));
        }
    };
    // The whole string, and its first and last `width` characters (ASCII here).
    let windows = |text: &str, width: usize| -> Vec<(&'static str, String)> {
        let mut out = vec![("", text.to_string())];
        if text.len() > width {
            out.push((" (its start)", text[..width].to_string()));
            out.push((" (its end)", text[text.len() - width..].to_string()));
        }
        out
    };
    add("the raw secret key".into(), secret.to_string());
    if let Some(body) = secret.strip_prefix("sk-lf-").filter(|b| b.len() >= 12) {
        // 12 characters: far more than the 4 a masked key shows (`sk-lf-...3f4b`).
        for (part, window) in windows(body, 12) {
            add(format!("the secret key after sk-lf-{part}"), window);
        }
    }
    let credential = STANDARD.encode(format!("{public}:{secret}"));
    // Base64 turns 3 bytes into 4 characters: from the first group that starts at or after the
    // secret, every character depends on secret bytes only.
    let first_secret_group = (public.len() + 1).div_ceil(3) * 4;
    let tail = credential[first_secret_group.min(credential.len())..].trim_end_matches('=');
    let core = if tail.len() >= 16 {
        tail
    } else {
        credential.trim_end_matches('=')
    };
    type Encode = fn(&str) -> String;
    let encodings: [(&str, Encode); 5] = [
        ("the base64 credential", |s| s.to_string()),
        ("the credential with + as %2B", |s| s.replace('+', "%2B")),
        ("the credential with + as %2b", |s| s.replace('+', "%2b")),
        ("the URL-encoded credential", |s| {
            s.replace('+', "%2B")
                .replace('/', "%2F")
                .replace('=', "%3D")
        }),
        ("the credential as base64url", |s| {
            s.replace('+', "-").replace('/', "_")
        }),
    ];
    for (part, window) in windows(core, 16) {
        for (label, encode) in encodings {
            add(format!("{label}{part}"), encode(&window));
        }
    }
    forms
}

/// The first form ([`secret_forms`]) of any of the `pairs`' secrets found in `text`: its label
/// and the form.
pub fn find_secret(text: &[u8], pairs: &[(&str, &str)]) -> Option<(String, String)> {
    pairs.iter().find_map(|(public, secret)| {
        secret_forms(public, secret).into_iter().find(|(_, form)| {
            text.windows(form.len())
                .any(|window| window == form.as_bytes())
        })
    })
}

/// Panics when `text` holds any form ([`secret_forms`]) of any of the `pairs`' secrets.
pub fn assert_no_secret(what: &str, text: &[u8], pairs: &[(&str, &str)]) {
    if let Some((label, form)) = find_secret(text, pairs) {
        panic!(
            "{what} holds {label} ({form}):\n{}",
            String::from_utf8_lossy(text)
        );
    }
}

/// Every regular file under `dir`, at any depth (no sockets, no FIFOs).
pub fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            out.extend(files_under(&path));
        } else if kind.is_file() {
            out.push(path);
        }
    }
    out
}

/// The value of header `name` in an `OTEL_EXPORTER_OTLP_HEADERS`-style list as the OpenTelemetry
/// Rust SDK reads it: pairs split on `,`, each on its first `=`, trimmed, the value percent-decoded
/// (the `percent-encoding` crate). An oracle written apart from the code under test, so a bug
/// shared by our encoder and our decoder still shows.
pub fn otel_header(list: &str, name: &str) -> Option<String> {
    list.split(',')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| key.trim().eq_ignore_ascii_case(name))
        .map(|(_, value)| {
            percent_encoding::percent_decode_str(value.trim())
                .decode_utf8()
                .expect("a percent-decoded header value is UTF-8")
                .into_owned()
        })
}

/// `Basic base64(pk:sk)`: what every client must send.
pub fn expected_header(public: &str, secret: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{public}:{secret}")))
}

/// The file as Rust's `dotenvy` reads it.
pub fn read_dotenv(path: &Path) -> Vec<(String, String)> {
    dotenvy::from_path_iter(path)
        .unwrap()
        .map(|item| item.unwrap())
        .collect()
}

pub fn get<'a>(vars: &'a [(String, String)], name: &str) -> Option<&'a str> {
    vars.iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
