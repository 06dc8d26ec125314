//! Helpers shared by the integration tests: run the real binary in a temporary directory.
#![allow(dead_code)]

pub mod secret_service;

use std::path::Path;
use std::sync::OnceLock;

use assert_cmd::Command;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use tempfile::TempDir;

pub const PK: &str = "pk-lf-1c5d8a3e-0f3b-4c59-9d1a-5b8f2e7c4a10";
pub const SK: &str = "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b";

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
fn config_home() -> &'static Path {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| TempDir::new().unwrap()).path()
}

/// The binary, with no inherited Langfuse/OTel/proxy variables, no D-Bus session (the developer's
/// keyring is never touched), a private config directory, and `dir` as its working directory.
/// The config directory is one per working directory: a profile belongs to one host and project,
/// so unrelated tests (each in its own directory) must not share the profile `default`.
pub fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("langfuse-otel").unwrap();
    let config = config_home().join(
        dir.file_name()
            .map_or_else(|| "root".into(), |n| n.to_string_lossy().into_owned()),
    );
    cmd.current_dir(dir)
        .env("XDG_CONFIG_HOME", config)
        .env_remove("DBUS_SESSION_BUS_ADDRESS");
    for (name, _) in std::env::vars() {
        let upper = name.to_ascii_uppercase();
        if upper.starts_with("LANGFUSE_")
            || upper.starts_with("TRACELOOP_")
            || upper.starts_with("OTEL_")
            || upper.ends_with("_PROXY")
            || upper == "NO_COLOR"
        {
            cmd.env_remove(name);
        }
    }
    cmd
}

/// `setup --non-interactive --skip-test` with the secret on stdin (these tests need no server; the
/// live test has its own tests); the caller adds the host and options.
pub fn setup(dir: &Path, public: &str, secret: &str) -> Command {
    let mut cmd = live_setup(dir, public, secret);
    cmd.arg("--skip-test");
    cmd
}

/// `setup --non-interactive --no-keyring` with the live test (the keyring has its own tests).
pub fn live_setup(dir: &Path, public: &str, secret: &str) -> Command {
    let mut cmd = bin(dir);
    cmd.args([
        "setup",
        "--non-interactive",
        "--no-keyring",
        "--public-key",
        public,
        "--secret-key-stdin",
    ])
    .write_stdin(format!("{secret}\n"));
    cmd
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
