//! The leak test: every command run end to end against the sandbox (and a real Secret Service when
//! there is one), all their output captured, then every file they left outside the .env read: the
//! secret key and its base64 credential appear only in the .env (and its .bak) and in the output of
//! `encode` and `export`, where the user asked for them.

mod common;

use common::runtime;

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::secret_service::SecretService;
use common::{PK, SK};
use langfuse_otel::io::sandbox::{Sandbox, SandboxConfig, SandboxProject};
use tempfile::TempDir;

const NEW_PK: &str = "pk-lf-22222222-3333-4444-5555-666666666666";
const NEW_SK: &str = "sk-lf-77777777-8888-9999-aaaa-bbbbbbbbbbbb";

/// Every form of the secrets that must not leak.
fn secrets() -> Vec<String> {
    let mut forms = Vec::new();
    for (pk, sk) in [(PK, SK), (NEW_PK, NEW_SK)] {
        let b64 = STANDARD.encode(format!("{pk}:{sk}"));
        forms.push(sk.to_string());
        forms.push(sk["sk-lf-".len()..].to_string());
        forms.push(b64.trim_end_matches('=').to_string());
        forms.push(b64.replace('+', "%2B").trim_end_matches('=').to_string());
    }
    forms
}

fn assert_clean(what: &str, text: &str) {
    for secret in secrets() {
        assert!(!text.contains(&secret), "{what} leaks a secret:\n{text}");
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn no_command_leaks_the_secret_outside_the_env_and_explicit_output() {
    let mut config = SandboxConfig::with_keys(PK, SK);
    config.projects.push(SandboxProject {
        public_key: NEW_PK.into(),
        secret_key: NEW_SK.into(),
        id: "p2".into(),
        name: "p2".into(),
    });
    let server = runtime().block_on(Sandbox::start(config)).unwrap();
    let service = SecretService::start();
    let app = TempDir::new().unwrap();
    let fallback = TempDir::new().unwrap();
    let env: Vec<(String, String)> = match &service {
        Some(service) => service.env(),
        None => vec![
            (
                "XDG_CONFIG_HOME".into(),
                fallback.path().join("config").display().to_string(),
            ),
            ("HOME".into(), fallback.path().display().to_string()),
        ],
    };
    let keyring: &[&str] = if service.is_some() {
        &[]
    } else {
        &["--no-keyring"]
    };
    let run = |args: &[&str], stdin: Option<&str>, explicit: bool| {
        let mut cmd = common::bin(app.path());
        cmd.envs(env.clone()).args(args);
        if let Some(input) = stdin {
            cmd.write_stdin(input.to_string());
        }
        let output = cmd.output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_clean(&format!("stderr of {args:?}"), &stderr);
        if !explicit {
            assert_clean(&format!("stdout of {args:?}"), &stdout);
        }
        (output.status.code(), stdout)
    };
    let url = server.url();

    let mut setup = vec![
        "setup",
        "--non-interactive",
        "--host",
        &url,
        "--public-key",
        PK,
    ];
    setup.extend([
        "--secret-key-stdin",
        "--vars",
        "traceloop,otel,langfuse",
        "--send-test-trace",
    ]);
    setup.extend(keyring);
    assert_eq!(run(&setup, Some(SK), false).0, Some(0));
    // A failing setup: its messages must not quote what was typed.
    let mut wrong = vec![
        "setup",
        "--non-interactive",
        "--host",
        &url,
        "--public-key",
        PK,
    ];
    wrong.extend(["--secret-key-stdin", "--dry-run"]);
    wrong.extend(keyring);
    run(
        &wrong,
        Some("sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4c"),
        false,
    );
    run(
        &[
            "setup",
            "--non-interactive",
            "--region",
            "eu",
            "--public-key",
            SK,
            "--secret-key-stdin",
            "--skip-test",
        ],
        Some(PK),
        false,
    );
    assert_eq!(run(&["test"], None, false).0, Some(0));
    assert_eq!(
        run(&["test", "--json", "--send-test-trace"], None, false).0,
        Some(0)
    );
    run(&["doctor"], None, false);
    run(&["doctor", "--json"], None, false);
    run(&["doctor", "--fix"], None, false);
    run(&["profiles"], None, false);
    run(&["test", "--profile", "default", "--json"], None, false);
    // Where the user asked for the secret on stdout.
    let (_, encoded) = run(
        &["encode", "--public-key", PK, "--secret-key-stdin"],
        Some(SK),
        true,
    );
    assert!(encoded.contains("Authorization=Basic%20"));
    let (_, exported) = run(&["export", "--format", "json"], None, true);
    assert!(exported.contains(SK));
    let rotate = ["rotate", "--public-key", NEW_PK, "--secret-key-stdin"];
    assert_eq!(run(&rotate, Some(NEW_SK), false).0, Some(0));
    run(&["demo", "--env-file", "demo.env"], None, false);

    // Every file left behind, except the .env files themselves and the keyring's own store.
    let mut dirs = vec![app.path().to_path_buf(), fallback.path().to_path_buf()];
    if let Some(service) = &service {
        dirs.push(
            service
                .profile_file("default")
                .parent()
                .unwrap()
                .to_path_buf(),
        );
    }
    let mut checked = 0;
    for dir in dirs {
        for file in files_under(&dir) {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".env") || name.ends_with(".env.bak") {
                continue;
            }
            if let Ok(text) = fs::read_to_string(&file) {
                assert_clean(&file.display().to_string(), &text);
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "the profile at least is checked");
}
