//! The leak test: every command run end to end against the sandbox (and a real Secret Service when
//! there is one), all their output captured, then every file they left outside the .env read: the
//! secret key and its base64 credential appear only in the .env (and its .bak) and in the output of
//! `encode` and `export`, where the user asked for them.

mod common;

use common::runtime;

use std::fs;

use common::secret_service::SecretService;
use common::{PK, SK, assert_no_secret, find_secret, secret_forms};
use langfuse_otel::io::sandbox::{Sandbox, SandboxConfig, SandboxProject};
use tempfile::TempDir;

const NEW_PK: &str = "pk-lf-22222222-3333-4444-5555-666666666666";
const NEW_SK: &str = "sk-lf-77777777-8888-9999-aaaa-bbbbbbbbbbbb";
/// A secret no server knows: typed into the failing runs.
const WRONG_SK: &str = "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4c";
/// Keys whose credential has `+` and `/` in the part that encodes the secret.
const PLUS_PK: &str = "pk-lf-?>?>";
const PLUS_SK: &str = "sk-lf->>>?>>>?>>>?";

/// Every secret the test uses, with the public key it is paired with.
const PAIRS: [(&str, &str); 4] = [
    (PK, SK),
    (NEW_PK, NEW_SK),
    (PK, WRONG_SK),
    (PLUS_PK, PLUS_SK),
];

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn assert_clean(what: &str, text: &[u8]) {
    assert_no_secret(what, text, &PAIRS);
}

#[test]
fn the_needles_find_every_encoding_of_a_secret() {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(format!("{PLUS_PK}:{PLUS_SK}"));
    assert!(b64.contains('+') && b64.contains('/'), "{b64}");
    let found = |text: &str| find_secret(text.as_bytes(), &PAIRS).is_some();
    assert!(found(&format!(
        "Authorization=Basic%20{}",
        b64.replace('+', "%2B")
    )));
    assert!(found(&format!(
        "Authorization=Basic%20{}",
        b64.replace('+', "%2b")
    )));
    assert!(found(&format!("Basic {b64}")));
    assert!(found(&format!(
        "Basic+{}",
        b64.replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D")
    )));
    assert!(found(&b64.replace('+', "-").replace('/', "_")));
    // A credential or a key cut short at either end is still found.
    let full = base64::engine::general_purpose::STANDARD.encode(format!("{PK}:{SK}"));
    assert!(found(&full[..full.len() - 12]));
    assert!(found(&full[full.len() - 20..]));
    assert!(found(&SK[..20]));
    assert!(found(&format!("…{}", &SK[SK.len() - 14..])));
    assert!(found(&format!("echo {WRONG_SK}")));
    assert!(found(&NEW_SK[6..]));
    // And not what may be shown: the public key, its base64, the masked secret.
    let public_b64 = base64::engine::general_purpose::STANDARD.encode(format!("{PK}:"));
    assert!(!found(&format!(
        "{PK} {} sk-lf-...3f4b",
        &public_b64[..public_b64.len() - 4]
    )));
    for (public, secret) in PAIRS {
        assert!(secret_forms(public, secret).len() >= 5);
    }
}

/// Where a run's output may hold a secret: nowhere, or on stdout because the user asked for it.
#[derive(Clone, Copy, PartialEq)]
enum Stdout {
    Clean,
    Explicit,
}

#[test]
fn no_command_leaks_the_secret_outside_the_env_and_explicit_output() {
    let mut config = SandboxConfig::with_keys(PK, SK);
    for (i, (public, secret)) in [(NEW_PK, NEW_SK), (PLUS_PK, PLUS_SK)].iter().enumerate() {
        config.projects.push(SandboxProject {
            public_key: public.to_string(),
            secret_key: secret.to_string(),
            id: format!("p{}", i + 2),
            name: format!("p{}", i + 2),
        });
    }
    let server = runtime().block_on(Sandbox::start(config)).unwrap();
    // A skip (outside CI) is listed by scripts/test.sh; the rest runs with --no-keyring.
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
    let mut ran = 0;
    let mut run = |args: &[&str], stdin: Option<&str>, stdout: Stdout, code: i32| -> String {
        let mut cmd = common::bin(app.path());
        cmd.envs(env.clone()).args(args);
        if let Some(input) = stdin {
            cmd.write_stdin(format!("{input}\n"));
        }
        let output = cmd.output().unwrap();
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        assert_clean(&format!("stderr of {args:?}"), &output.stderr);
        if stdout == Stdout::Clean {
            assert_clean(&format!("stdout of {args:?}"), &output.stdout);
        }
        assert_eq!(
            output.status.code(),
            Some(code),
            "exit code of {args:?}; stdout:\n{text}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        ran += 1;
        text
    };
    let url = server.url();
    let setup = |public: &str, extra: &[&str]| -> Vec<String> {
        let base = [
            "setup",
            "--non-interactive",
            "--host",
            &url,
            "--public-key",
            public,
            "--secret-key-stdin",
        ];
        base.iter().chain(extra).map(|s| s.to_string()).collect()
    };

    let first = setup(
        PK,
        &["--vars", "traceloop,otel,langfuse", "--send-test-trace"],
    );
    run(
        &[strs(&first), keyring.to_vec()].concat(),
        Some(SK),
        Stdout::Clean,
        0,
    );
    // Failing runs: their messages must not quote what was typed. A secret no server knows (401).
    let wrong = setup(PK, &["--dry-run"]);
    run(
        &[strs(&wrong), keyring.to_vec()].concat(),
        Some(WRONG_SK),
        Stdout::Clean,
        10,
    );
    // ... and written anyway (a warning, exit 0), then tested: the failure names the keys, never
    // the credential.
    let anyway = setup(
        PK,
        &[
            "--write-anyway",
            "--vars",
            "otel",
            "--env-file",
            "wrong.env",
            "--no-keyring",
        ],
    );
    run(&strs(&anyway), Some(WRONG_SK), Stdout::Clean, 0);
    run(
        &["test", "--env-file", "wrong.env"],
        None,
        Stdout::Clean,
        10,
    );
    run(&["doctor", "wrong.env"], None, Stdout::Clean, 10);
    // The keys swapped: a secret where the public key goes.
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
        Stdout::Clean,
        65,
    );
    run(&["test"], None, Stdout::Clean, 0);
    run(
        &["test", "--json", "--send-test-trace"],
        None,
        Stdout::Clean,
        0,
    );
    run(&["doctor"], None, Stdout::Clean, 0);
    run(&["doctor", "--json"], None, Stdout::Clean, 0);
    run(&["doctor", "--fix"], None, Stdout::Clean, 0);
    run(&["profiles"], None, Stdout::Clean, 0);
    run(
        &["test", "--profile", "default", "--json"],
        None,
        Stdout::Clean,
        0,
    );
    // A credential with `+` and `/`: written %2B-encoded, tested, checked.
    let plus = setup(
        PLUS_PK,
        &[
            "--vars",
            "otel,traceloop",
            "--env-file",
            "plus.env",
            "--no-keyring",
            "--profile",
            "plus",
        ],
    );
    run(&strs(&plus), Some(PLUS_SK), Stdout::Clean, 0);
    run(&["test", "--env-file", "plus.env"], None, Stdout::Clean, 0);
    run(&["doctor", "plus.env", "--json"], None, Stdout::Clean, 0);
    // A log line with credentials in it, pasted into `explain`: read, never echoed.
    use base64::Engine as _;
    let plus_b64 = base64::engine::general_purpose::STANDARD.encode(format!("{PLUS_PK}:{PLUS_SK}"));
    let line = format!(
        "Failed to export spans: 401 Unauthorized; headers: Authorization=Basic%20{} \
         Authorization: Basic {plus_b64} secret_key={NEW_SK}",
        plus_b64.replace('+', "%2B")
    );
    run(&["explain", &line], None, Stdout::Clean, 0);
    run(
        &["explain", "--json", "--no-env-file"],
        Some(&line),
        Stdout::Clean,
        0,
    );

    // Where the user asked for the secret on stdout.
    let encoded = run(
        &["encode", "--public-key", PK, "--secret-key-stdin"],
        Some(SK),
        Stdout::Explicit,
        0,
    );
    assert!(encoded.contains("Authorization=Basic%20"));
    let exported = run(&["export", "--format", "json"], None, Stdout::Explicit, 0);
    assert!(exported.contains(SK));
    let rotate = ["rotate", "--public-key", NEW_PK, "--secret-key-stdin"];
    run(&rotate, Some(NEW_SK), Stdout::Clean, 0);
    run(&["test"], None, Stdout::Clean, 0);
    run(&["demo", "--env-file", "demo.env"], None, Stdout::Clean, 0);
    assert!(ran >= 20);

    // Every file left behind, except the .env files we wrote (and their .bak), byte for byte.
    let mut dirs = vec![app.path().to_path_buf(), fallback.path().to_path_buf()];
    if let Some(service) = &service {
        dirs.push(service.root().to_path_buf());
    }
    let written = [".env", "wrong.env", "plus.env"];
    let mut checked = 0;
    for dir in dirs {
        for file in common::files_under(&dir) {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let env = name.strip_suffix(".bak").unwrap_or(&name);
            if file.parent() == Some(app.path()) && written.contains(&env) {
                continue;
            }
            assert_clean(&file.display().to_string(), &fs::read(&file).unwrap());
            checked += 1;
        }
    }
    assert!(checked >= 2, "the profiles at least are checked");
}
