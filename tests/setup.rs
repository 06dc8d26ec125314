//! `setup --non-interactive` and `encode`, run as the real binary against temporary directories.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt as _;

use common::{PK, SK, bin, expected_header, get, git, read_dotenv, setup};
use predicates::prelude::*;
use tempfile::TempDir;

fn decoded_authorization(list: &str) -> String {
    common::otel_header(list, "Authorization").unwrap()
}

#[test]
fn every_region_and_a_self_hosted_url_give_a_file_that_decodes_to_the_exact_header() {
    let cases = [
        ("--region", "eu", "https://cloud.langfuse.com"),
        ("--region", "us", "https://us.cloud.langfuse.com"),
        ("--region", "jp", "https://jp.cloud.langfuse.com"),
        ("--region", "hipaa", "https://hipaa.cloud.langfuse.com"),
        ("--region", "local", "http://localhost:3000"),
        (
            "--host",
            "https://example.com/langfuse/api/public/otel/",
            "https://example.com/langfuse",
        ),
    ];
    // `?>` in base64 gives `+` and `/`, the characters Java and quote_plus get wrong.
    let pairs = [
        (PK, SK),
        ("pk-lf-?>?>", "sk-lf->>>?"),
        ("pk-lf-a", "sk-lf-b"),
    ];
    let mut profiles = Vec::new();
    for (flag, value, host) in cases {
        for (pk, sk) in pairs {
            let dir = TempDir::new().unwrap();
            // One profile per host and key pair: a profile never mixes two.
            let profile = format!("case-{}", profiles.len());
            profiles.push(profile.clone());
            setup(dir.path(), pk, sk)
                .args([flag, value, "--vars", "traceloop,otel,langfuse"])
                .args(["--profile", &profile])
                .assert()
                .success();
            let vars = read_dotenv(&dir.path().join(".env"));
            let base = format!("{host}/api/public/otel");
            assert_eq!(get(&vars, "TRACELOOP_BASE_URL"), Some(base.as_str()));
            assert_eq!(
                get(&vars, "OTEL_EXPORTER_OTLP_ENDPOINT"),
                Some(base.as_str())
            );
            assert_eq!(
                get(&vars, "OTEL_EXPORTER_OTLP_PROTOCOL"),
                Some("http/protobuf")
            );
            assert_eq!(get(&vars, "LANGFUSE_BASE_URL"), Some(host));
            assert_eq!(get(&vars, "LANGFUSE_HOST"), Some(host));
            assert_eq!(get(&vars, "LANGFUSE_PUBLIC_KEY"), Some(pk));
            assert_eq!(get(&vars, "LANGFUSE_SECRET_KEY"), Some(sk));
            for name in ["TRACELOOP_HEADERS", "OTEL_EXPORTER_OTLP_HEADERS"] {
                let list = get(&vars, name).unwrap();
                assert_eq!(
                    decoded_authorization(list),
                    expected_header(pk, sk),
                    "{name}"
                );
                assert!(!list.contains(' ') && !list.contains('+'), "{list}");
                assert_eq!(
                    common::otel_header(list, "x-langfuse-ingestion-version").as_deref(),
                    Some("4")
                );
            }
        }
    }
}

#[test]
fn default_families_are_traceloop_and_langfuse_and_the_file_is_private() {
    let dir = TempDir::new().unwrap();
    setup(dir.path(), PK, SK)
        .args(["--region", "eu"])
        .assert()
        .success();
    let path = dir.path().join(".env");
    let names: Vec<String> = read_dotenv(&path).into_iter().map(|(k, _)| k).collect();
    assert_eq!(
        names,
        [
            "TRACELOOP_BASE_URL",
            "TRACELOOP_HEADERS",
            "LANGFUSE_PUBLIC_KEY",
            "LANGFUSE_SECRET_KEY",
            "LANGFUSE_BASE_URL",
            "LANGFUSE_HOST"
        ]
    );
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .starts_with("# Langfuse / OpenTelemetry (written by langfuse-otel)\n")
    );
}

#[test]
fn the_secret_never_reaches_the_terminal() {
    let dir = TempDir::new().unwrap();
    let output = setup(dir.path(), PK, SK)
        .args(["--region", "eu", "--vars", "traceloop,otel,langfuse"])
        .output()
        .unwrap();
    assert!(output.status.success());
    for stream in [&output.stdout, &output.stderr] {
        common::assert_no_secret("setup's output", stream, &[(PK, SK)]);
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("sk-lf-...3f4b"), "{stdout}");
    assert!(
        stdout.contains("Authorization=Basic%20<redacted>"),
        "{stdout}"
    );
}

#[test]
fn the_secret_can_come_from_the_environment() {
    let dir = TempDir::new().unwrap();
    bin(dir.path())
        .args([
            "setup",
            "--non-interactive",
            "--region",
            "us",
            "--skip-test",
            "--no-keyring",
            "--profile",
            "from-environment",
        ])
        .env("LANGFUSE_PUBLIC_KEY", PK)
        .env("LANGFUSE_SECRET_KEY", SK)
        .assert()
        .success();
    let vars = read_dotenv(&dir.path().join(".env"));
    assert_eq!(get(&vars, "LANGFUSE_SECRET_KEY"), Some(SK));
}

#[test]
fn a_missing_secret_is_a_usage_error_that_says_how_to_give_it() {
    let dir = TempDir::new().unwrap();
    bin(dir.path())
        .args([
            "setup",
            "--non-interactive",
            "--region",
            "us",
            "--public-key",
            PK,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--secret-key-stdin"));
    assert!(!dir.path().join(".env").exists());
}

#[test]
fn merging_into_a_realistic_env_keeps_every_other_byte() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(".env");
    let original = "\u{feff}# My app\r\n\
        DATABASE_URL=\"postgres://u:p@db:5432/app\"\r\n\
        export OPENAI_API_KEY=sk-proj-abc # personal\r\n\
        \r\n\
        # hand-made, broken: raw space\r\n\
        export TRACELOOP_HEADERS=\"Authorization=Basic cGs6c2s=\" # from the docs\r\n\
        TRACELOOP_BASE_URL=cloud.langfuse.com\r\n\
        FEATURE_FLAGS='a,b,c'\r\n\
        TRACELOOP_HEADERS=duplicate";
    fs::write(&path, original).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();

    // Existing values differ: without --yes nothing is written, and the plan is shown.
    setup(dir.path(), PK, SK)
        .args(["--region", "eu"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("replace  TRACELOOP_HEADERS"))
        .stderr(predicate::str::contains("--yes"));
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
    assert!(!dir.path().join(".env.bak").exists());

    setup(dir.path(), PK, SK)
        .args(["--region", "eu", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains("tightened permissions"));
    let written = fs::read_to_string(&path).unwrap();
    // dotenvy refuses a file that starts with a BOM (the user's, kept as it was; python-dotenv
    // and Node dotenv skip it), so dotenvy reads the rest: never our own parser.
    let vars: Vec<(String, String)> =
        dotenvy::from_read_iter(written.strip_prefix('\u{feff}').unwrap().as_bytes())
            .map(|item| item.unwrap())
            .collect();
    let header = get(&vars, "TRACELOOP_HEADERS").unwrap().to_string();
    let expected = format!(
        "\u{feff}# My app\r\n\
        DATABASE_URL=\"postgres://u:p@db:5432/app\"\r\n\
        export OPENAI_API_KEY=sk-proj-abc # personal\r\n\
        \r\n\
        # hand-made, broken: raw space\r\n\
        export TRACELOOP_HEADERS={header} # from the docs\r\n\
        TRACELOOP_BASE_URL=https://cloud.langfuse.com/api/public/otel\r\n\
        FEATURE_FLAGS='a,b,c'\r\n\
        TRACELOOP_HEADERS={header}\r\n\
        LANGFUSE_PUBLIC_KEY={PK}\r\n\
        LANGFUSE_SECRET_KEY={SK}\r\n\
        LANGFUSE_BASE_URL=https://cloud.langfuse.com\r\n\
        LANGFUSE_HOST=https://cloud.langfuse.com"
    );
    assert_eq!(written, expected);
    assert_eq!(decoded_authorization(&header), expected_header(PK, SK));
    assert_eq!(
        fs::read_to_string(dir.path().join(".env.bak")).unwrap(),
        original
    );
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    // Running again changes nothing.
    setup(dir.path(), PK, SK)
        .args(["--region", "eu"])
        .assert()
        .success()
        .stdout(predicate::str::contains(".env: unchanged"));
    assert_eq!(fs::read_to_string(&path).unwrap(), expected);
}

#[test]
fn dry_run_writes_nothing() {
    let dir = TempDir::new().unwrap();
    setup(dir.path(), PK, SK)
        .args(["--region", "eu", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("would be created"))
        .stdout(predicate::str::contains("nothing was written"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// The plan says what will happen to the file: created, updated (an existing file without our
/// lines), or already up to date (the same keys again); the `--json` status says the same.
#[test]
fn the_plan_says_created_updated_or_already_up_to_date() {
    let dir = TempDir::new().unwrap();
    let run = |json: bool| {
        let mut command = setup(dir.path(), PK, SK);
        command.args(["--region", "eu", "--yes"]);
        if json {
            command.arg("--json");
        }
        let output = command.output().unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(run(false).contains(".env: to create"));
    fs::write(dir.path().join(".env"), "OTHER=1\n").unwrap();
    let stdout = run(false);
    assert!(stdout.contains(".env: to update"), "{stdout}");
    let stdout = run(false);
    assert!(stdout.contains(".env: already up to date"), "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&run(true)).unwrap();
    assert_eq!(json["files"][0]["status"], "unchanged", "{json}");
    fs::write(dir.path().join(".env"), "OTHER=1\n").unwrap();
    let json: serde_json::Value = serde_json::from_str(&run(true)).unwrap();
    assert_eq!(json["files"][0]["status"], "update", "{json}");
}

#[test]
fn bad_input_is_refused_with_the_reason_and_nothing_is_written() {
    let cases: [(&str, &str, &[&str], &str); 7] = [
        (
            SK,
            PK,
            &["--region", "eu"],
            "the keys are swapped: the public-key field holds a secret key",
        ),
        (
            PK,
            "pk-lf-other",
            &["--region", "eu"],
            "the secret-key field holds a public key",
        ),
        (
            PK,
            "lf-abc",
            &["--region", "eu"],
            "does not start with `sk-lf-`",
        ),
        (
            PK,
            "sk-lf-ab cd",
            &["--region", "eu"],
            "contains a space or line break at character 9",
        ),
        (
            PK,
            SK,
            &["--host", "http://langfuse.example.com"],
            "--allow-http",
        ),
        (
            PK,
            SK,
            &["--host", "grpc://cloud.langfuse.com"],
            "Langfuse accepts OTLP over HTTP only",
        ),
        (
            PK,
            SK,
            &["--host", "https://exa mple.com"],
            "is not a valid URL",
        ),
    ];
    for (pk, sk, args, message) in cases {
        let dir = TempDir::new().unwrap();
        let output = setup(dir.path(), pk, sk).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(65), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        common::assert_no_secret("stderr", stderr.as_bytes(), &[(pk, sk)]);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

#[test]
fn pasted_noise_is_cleaned_and_said() {
    let dir = TempDir::new().unwrap();
    setup(
        dir.path(),
        &format!(" \"{PK}\" "),
        &format!("LANGFUSE_SECRET_KEY='{SK}'"),
    )
    .args(["--host", "cloud.langfuse.com/api/public/otel/v1/traces"])
    .assert()
    .success()
    .stderr(predicate::str::contains(
        "removed the quotes around the public key",
    ))
    .stderr(predicate::str::contains(
        "pasted as `LANGFUSE_SECRET_KEY=...`",
    ))
    .stderr(predicate::str::contains("assumed `https://`"))
    .stderr(predicate::str::contains(
        "removed `/api/public/otel/v1/traces`",
    ));
    let vars = read_dotenv(&dir.path().join(".env"));
    assert_eq!(get(&vars, "LANGFUSE_PUBLIC_KEY"), Some(PK));
    assert_eq!(get(&vars, "LANGFUSE_SECRET_KEY"), Some(SK));
    assert_eq!(
        get(&vars, "TRACELOOP_BASE_URL"),
        Some("https://cloud.langfuse.com/api/public/otel")
    );
}

#[test]
fn a_problem_with_one_file_leaves_every_file_untouched() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.env"), "KEEP=1\n").unwrap();
    // The bad byte on the third line: the message counts lines from 1.
    fs::write(dir.path().join("b.env"), b"A=1\nB=2\nX=\xff\n").unwrap();
    setup(dir.path(), PK, SK)
        .args([
            "--region",
            "eu",
            "--env-file",
            "a.env",
            "--env-file",
            "b.env",
        ])
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "b.env is not UTF-8 text (invalid byte on line 3)",
        ));
    assert_eq!(
        fs::read_to_string(dir.path().join("a.env")).unwrap(),
        "KEEP=1\n"
    );
    assert_eq!(
        fs::read(dir.path().join("b.env")).unwrap(),
        b"A=1\nB=2\nX=\xff\n"
    );
}

#[test]
fn symlinks_and_directories_are_refused_clearly() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("real.env"), "A=1\n").unwrap();
    std::os::unix::fs::symlink("real.env", dir.path().join(".env")).unwrap();
    setup(dir.path(), PK, SK)
        .args(["--region", "eu"])
        .assert()
        .code(73)
        .stderr(predicate::str::contains("is a symbolic link (to real.env)"))
        .stderr(predicate::str::contains("--follow-symlinks"));
    assert_eq!(
        fs::read_to_string(dir.path().join("real.env")).unwrap(),
        "A=1\n"
    );

    setup(dir.path(), PK, SK)
        .args(["--region", "eu", "--follow-symlinks"])
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(dir.path().join(".env"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let vars = read_dotenv(&dir.path().join("real.env"));
    assert_eq!(get(&vars, "A"), Some("1"));
    assert_eq!(get(&vars, "LANGFUSE_SECRET_KEY"), Some(SK));

    fs::create_dir(dir.path().join("conf")).unwrap();
    setup(dir.path(), PK, SK)
        .args(["--region", "eu", "--env-file", "conf"])
        .assert()
        .code(73)
        .stderr(predicate::str::contains("is a directory"));
    setup(dir.path(), PK, SK)
        .args(["--region", "eu", "--env-file", "missing/.env"])
        .assert()
        .code(73)
        .stderr(predicate::str::contains("does not exist"));
    // A path through a regular file is the OS's "not a directory", not a missing file to create
    // (nor a directory to create first): exit 66, nothing written.
    fs::write(dir.path().join("notes.txt"), "mine\n").unwrap();
    setup(dir.path(), PK, SK)
        .args(["--region", "eu", "--env-file", "notes.txt/.env"])
        .assert()
        .code(66)
        .stderr(predicate::str::contains(
            "cannot read notes.txt/.env: Not a directory",
        ));
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine\n"
    );
}

#[test]
fn inside_a_git_work_tree_it_warns_and_can_ignore_the_file() {
    let dir = TempDir::new().unwrap();
    git(dir.path(), &["init", "-q"]);
    fs::write(dir.path().join(".gitignore"), "target/").unwrap();
    setup(dir.path(), PK, SK)
        .args(["--region", "eu"])
        .assert()
        .success()
        .stderr(predicate::str::contains("git would commit"))
        .stderr(predicate::str::contains("--gitignore"));
    assert_eq!(
        fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        "target/"
    );

    setup(dir.path(), PK, SK)
        .args(["--region", "eu", "--gitignore"])
        .assert()
        .success()
        .stderr(predicate::str::contains("added .env and .env.bak to"));
    assert_eq!(
        fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        "target/\n# secrets written by langfuse-otel\n/.env\n/.env.bak\n"
    );
    setup(dir.path(), PK, SK)
        .args(["--region", "eu"])
        .assert()
        .success()
        .stderr(predicate::str::contains("git would commit").not());
}

#[test]
fn encode_prints_the_variables_for_pasting_or_piping() {
    let dir = TempDir::new().unwrap();
    let output = bin(dir.path())
        .args([
            "encode",
            "--public-key",
            "pk-lf-?>?>",
            "--secret-key-stdin",
            "--vars",
            "otel",
            "--ingestion-version",
            "none",
        ])
        .write_stdin("sk-lf->>>?")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let b64 = expected_header("pk-lf-?>?>", "sk-lf->>>?")["Basic ".len()..].replace('+', "%2B");
    assert_eq!(
        stdout,
        format!(
            "OTEL_EXPORTER_OTLP_HEADERS=Authorization=Basic%20{b64}\nOTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf\nOTEL_LOGS_EXPORTER=none\nOTEL_METRICS_EXPORTER=none\n"
        )
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("base URL variables are left out"));

    let stdout = bin(dir.path())
        .args([
            "encode",
            "--public-key",
            PK,
            "--region",
            "jp",
            "--vars",
            "traceloop",
            "--format",
            "shell",
        ])
        .env("LANGFUSE_SECRET_KEY", SK)
        .output()
        .unwrap()
        .stdout;
    let stdout = String::from_utf8(stdout).unwrap();
    assert!(stdout.starts_with(
        "export TRACELOOP_BASE_URL='https://jp.cloud.langfuse.com/api/public/otel'\nexport TRACELOOP_HEADERS='Authorization=Basic%20"
    ));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn no_arguments_without_a_terminal_prints_help() {
    let dir = TempDir::new().unwrap();
    bin(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Usage: langfuse-otel"));
}

/// A profile belongs to one host and one project: a setup for another host does not join it. Without
/// `--yes` the choice is named (exit 3) and nothing is written; with it a new profile is made, and a
/// later `rotate` of the first never touches the second project's file.
#[test]
fn a_setup_for_another_host_never_joins_a_profile() {
    let config = TempDir::new().unwrap();
    let first = TempDir::new().unwrap();
    let second = TempDir::new().unwrap();
    setup(first.path(), PK, SK)
        .args(["--region", "eu", "--profile", "shop"])
        .env("XDG_CONFIG_HOME", config.path())
        .assert()
        .success();
    let refused = setup(second.path(), PK, SK)
        .args(["--region", "us", "--profile", "shop"])
        .env("XDG_CONFIG_HOME", config.path())
        .assert()
        .code(3);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(
        stderr.contains("belongs to https://cloud.langfuse.com"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--yes to create profile `shop-2`"),
        "{stderr}"
    );
    assert!(!second.path().join(".env").exists(), "nothing written");
    setup(second.path(), PK, SK)
        .args(["--region", "us", "--profile", "shop", "--yes"])
        .env("XDG_CONFIG_HOME", config.path())
        .assert()
        .success()
        .stderr(predicates::str::contains("new profile `shop-2`"));
    let profiles = config.path().join("langfuse-otel/profiles");
    let shop = std::fs::read_to_string(profiles.join("shop.toml")).unwrap();
    let shop2 = std::fs::read_to_string(profiles.join("shop-2.toml")).unwrap();
    assert!(shop.contains("https://cloud.langfuse.com\""), "{shop}");
    assert!(
        !shop.contains(&second.path().display().to_string()),
        "{shop}"
    );
    assert!(shop2.contains("https://us.cloud.langfuse.com\""), "{shop2}");
    assert!(
        !shop2.contains(&first.path().display().to_string()),
        "{shop2}"
    );
}

/// `rotate` skips, with a warning naming the file and why, a recorded .env that is gone and one
/// whose host is no longer the profile's, leaves the second byte for byte, and rewrites the rest.
#[test]
fn rotate_skips_a_file_that_is_gone_or_points_elsewhere_and_says_why() {
    let server = common::ours();
    let dir = TempDir::new().unwrap();
    let url = server.url();
    for name in ["a", "b", "c"] {
        fs::create_dir(dir.path().join(name)).unwrap();
    }
    bin(dir.path())
        .args([
            "setup",
            "--non-interactive",
            "--host",
            &url,
            "--public-key",
            PK,
        ])
        .args(["--secret-key-stdin", "--no-keyring", "--yes"])
        .args([
            "--env-file",
            "a/.env",
            "--env-file",
            "b/.env",
            "--env-file",
            "c/.env",
        ])
        .write_stdin(SK)
        .assert()
        .success();
    fs::remove_file(dir.path().join("b/.env")).unwrap();
    let elsewhere = fs::read_to_string(dir.path().join("c/.env"))
        .unwrap()
        .replace(&url, "http://127.0.0.1:1");
    fs::write(dir.path().join("c/.env"), &elsewhere).unwrap();
    let output = bin(dir.path())
        .args(["rotate", "--public-key", PK, "--secret-key-stdin"])
        .write_stdin(SK)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let b = dir.path().join("b/.env");
    let c = dir.path().join("c/.env");
    assert!(
        stderr.contains(&format!("warning: {}: no longer exists", b.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "warning: {}: its host is http://127.0.0.1:1, not the profile's {url}",
            c.display()
        )),
        "{stderr}"
    );
    assert_eq!(stderr.matches(": skipped").count(), 2, "{stderr}");
    assert!(!b.exists());
    assert_eq!(fs::read_to_string(&c).unwrap(), elsewhere);
    assert!(!stderr.contains(&format!(
        "{}: no longer",
        dir.path().join("a/.env").display()
    )));
}

/// Only a file others could read is reported as tightened; a private one (even executable) is
/// not, and every one ends private.
#[test]
fn only_a_file_others_could_read_is_reported_as_tightened() {
    use std::os::unix::fs::PermissionsExt as _;
    for (mode, tightened) in [(0o600, false), (0o700, false), (0o640, true), (0o604, true)] {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join(".env");
        fs::write(&path, "A=1\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        let output = setup(dir.path(), PK, SK)
            .args(["--region", "eu"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{mode:o}: {stderr}");
        assert_eq!(
            stderr.contains("tightened permissions"),
            tightened,
            "{mode:o}: {stderr}"
        );
        let now = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(now & 0o077, 0, "{mode:o} became {now:o}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains(".env: written (previous version in .env.bak)"),
            "{stdout}"
        );
    }
    // A new file is said to be one, with its mode.
    let dir = TempDir::new().unwrap();
    let output = setup(dir.path(), PK, SK)
        .args(["--region", "eu"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains(".env: written (new file, mode 0600)"),
        "{stdout}"
    );
}
