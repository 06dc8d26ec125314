//! The keyring path against a real Secret Service: each test starts a private D-Bus session bus and
//! `gnome-keyring-daemon`, unlocked with a throwaway password, in a temporary HOME; the binary talks
//! to that bus only, and everything is torn down after. The developer's own keyring is never used.
//!
//! Where dbus-daemon, gnome-keyring-daemon or secret-tool are missing the tests are skipped and listed
//! by `scripts/test.sh`, except under `CI`, where missing means failure (`.ci/run` installs them).

mod common;

use common::sandbox;

use std::fs;
use std::time::Duration;

use common::secret_service::SecretService;
use common::{PK, SK, expected_header, get, read_dotenv};
use langfuse_otel::io::sandbox::SandboxConfig;
use predicates::prelude::*;
use tempfile::TempDir;

const NEW_PK: &str = "pk-lf-22222222-3333-4444-5555-666666666666";
const NEW_SK: &str = "sk-lf-77777777-8888-9999-aaaa-bbbbbbbbbbbb";

#[test]
fn setup_stores_the_secret_in_the_keyring_and_a_profile_without_it() {
    let Some(service) = SecretService::start() else {
        return;
    };
    let server = sandbox(SandboxConfig::with_keys(PK, SK));
    let dir = TempDir::new().unwrap();
    service
        .setup(dir.path(), PK, SK, &server.url())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Profile    default (secret key in the OS keyring)",
        ));
    assert_eq!(service.lookup("default").as_deref(), Some(SK));
    let profile = fs::read_to_string(service.profile_file("default")).unwrap();
    assert!(profile.contains("secret = \"keyring\""), "{profile}");
    assert!(profile.contains(PK));
    common::assert_no_secret("the profile", profile.as_bytes(), &[(PK, SK)]);
    assert!(profile.contains("last_tested = "));

    service
        .bin(dir.path())
        .arg("profiles")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "secret key  OS keyring — reachable ✓",
        ))
        .stdout(predicate::str::contains(PK))
        .stdout(predicate::str::contains(SK).not());
}

#[test]
fn run_gives_the_child_the_variables_and_writes_nothing() {
    let Some(service) = SecretService::start() else {
        return;
    };
    let server = sandbox(SandboxConfig::with_keys(PK, SK));
    let setup_dir = TempDir::new().unwrap();
    service
        .setup(setup_dir.path(), PK, SK, &server.url())
        .args(["--vars", "otel,langfuse"])
        .assert()
        .success();
    let run_dir = TempDir::new().unwrap();
    let output = service
        .bin(run_dir.path())
        .args(["run", "--", "sh", "-c"])
        .arg("printf '%s\\n' \"$OTEL_EXPORTER_OTLP_HEADERS\" \"$LANGFUSE_SECRET_KEY\" \"$OTEL_EXPORTER_OTLP_ENDPOINT\"; exit 7")
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(7),
        "the child's exit code is ours"
    );
    let lines: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(
        common::otel_header(&lines[0], "Authorization"),
        Some(expected_header(PK, SK))
    );
    assert_eq!(lines[1], SK);
    assert_eq!(lines[2], format!("{}/api/public/otel", server.url()));
    assert_eq!(fs::read_dir(run_dir.path()).unwrap().count(), 0);
    assert!(
        output.stderr.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&output.stderr)
    );

    service
        .bin(run_dir.path())
        .args(["run", "--", "no-such-command-here"])
        .assert()
        .code(127)
        .stderr(predicate::str::contains("no such command"));
}

#[test]
fn rotate_updates_the_keyring_and_every_recorded_env_with_backups() {
    let Some(service) = SecretService::start() else {
        return;
    };
    let mut config = SandboxConfig::with_keys(PK, SK);
    config
        .projects
        .push(langfuse_otel::io::sandbox::SandboxProject {
            public_key: NEW_PK.into(),
            secret_key: NEW_SK.into(),
            id: "p2".into(),
            name: "Sandbox project".into(),
        });
    let server = sandbox(config);
    let app = TempDir::new().unwrap();
    let worker = TempDir::new().unwrap();
    fs::write(app.path().join(".env"), "# app\nDEBUG=1\n").unwrap();
    service
        .setup(app.path(), PK, SK, &server.url())
        .assert()
        .success();
    service
        .setup(worker.path(), PK, SK, &server.url())
        .args(["--vars", "otel"])
        .assert()
        .success();
    let before_app = fs::read_to_string(app.path().join(".env")).unwrap();

    // A wrong new secret is refused by the live test: nothing changes anywhere.
    service
        .bin(app.path())
        .args(["rotate", "--public-key", NEW_PK, "--secret-key-stdin"])
        .write_stdin("sk-lf-not-the-right-one-000000000000")
        .assert()
        .code(10);
    assert_eq!(service.lookup("default").as_deref(), Some(SK));
    assert_eq!(
        fs::read_to_string(app.path().join(".env")).unwrap(),
        before_app
    );

    service
        .bin(app.path())
        .args(["rotate", "--public-key", NEW_PK, "--secret-key-stdin"])
        .write_stdin(NEW_SK)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{}: written (previous version in",
            app.path().join(".env").canonicalize().unwrap().display()
        )))
        .stdout(predicate::str::contains(
            "The OS keyring holds the new secret key.",
        ));
    assert_eq!(service.lookup("default").as_deref(), Some(NEW_SK));
    for (dir, family_var) in [
        (&app, "TRACELOOP_HEADERS"),
        (&worker, "OTEL_EXPORTER_OTLP_HEADERS"),
    ] {
        let path = dir.path().join(".env");
        let vars = read_dotenv(&path);
        assert_eq!(
            common::otel_header(get(&vars, family_var).unwrap(), "Authorization"),
            Some(expected_header(NEW_PK, NEW_SK))
        );
        let backup = read_dotenv(&dir.path().join(".env.bak"));
        assert_eq!(
            common::otel_header(get(&backup, family_var).unwrap(), "Authorization"),
            Some(expected_header(PK, SK))
        );
    }
    let app_env = fs::read_to_string(app.path().join(".env")).unwrap();
    assert!(app_env.starts_with("# app\nDEBUG=1\n"), "{app_env}");
    // Only the families each file had: the worker's .env got no Traceloop variables.
    assert!(
        !fs::read_to_string(worker.path().join(".env"))
            .unwrap()
            .contains("TRACELOOP")
    );
    let profile = fs::read_to_string(service.profile_file("default")).unwrap();
    assert!(
        profile.contains(NEW_PK) && profile.contains("rotated = "),
        "{profile}"
    );
}

#[test]
fn export_prints_the_secret_only_when_asked_and_not_to_a_terminal() {
    let Some(service) = SecretService::start() else {
        return;
    };
    let server = sandbox(SandboxConfig::with_keys(PK, SK));
    let dir = TempDir::new().unwrap();
    service
        .setup(dir.path(), PK, SK, &server.url())
        .args(["--profile", "work"])
        .assert()
        .success();
    let output = service
        .bin(dir.path())
        .args([
            "export",
            "--profile",
            "work",
            "--format",
            "json",
            "--vars",
            "langfuse",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["LANGFUSE_SECRET_KEY"], SK);
    assert_eq!(json["LANGFUSE_PUBLIC_KEY"], PK);
    let shell = service
        .bin(dir.path())
        .args(["export", "--profile", "work", "--format", "shell"])
        .output()
        .unwrap();
    let shell = String::from_utf8(shell.stdout).unwrap();
    assert!(
        shell.contains(&format!("export LANGFUSE_SECRET_KEY='{SK}'")),
        "{shell}"
    );
    service
        .bin(dir.path())
        .args(["export", "--profile", "nope"])
        .assert()
        .code(44)
        .stderr(predicate::str::contains(
            "no profile named `nope` (profiles: work)",
        ));
}

#[test]
fn profiles_remove_deletes_the_profile_and_its_keyring_entry() {
    let Some(service) = SecretService::start() else {
        return;
    };
    let server = sandbox(SandboxConfig::with_keys(PK, SK));
    let dir = TempDir::new().unwrap();
    service
        .setup(dir.path(), PK, SK, &server.url())
        .args(["--profile", "old"])
        .assert()
        .success();
    assert!(service.lookup("old").is_some());
    service
        .bin(dir.path())
        .args(["profiles", "remove", "old", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "the .env files it wrote still hold the key",
        ));
    assert!(service.lookup("old").is_none());
    assert!(!service.profile_file("old").exists());
    service
        .bin(dir.path())
        .arg("profiles")
        .assert()
        .success()
        .stdout(predicate::str::contains("No profiles yet"));
}

#[test]
fn a_locked_keyring_is_named_and_nothing_is_written() {
    let Some(service) = SecretService::start() else {
        return;
    };
    let server = sandbox(SandboxConfig::with_keys(PK, SK));
    let dir = TempDir::new().unwrap();
    service.lock();
    service
        .setup(dir.path(), PK, SK, &server.url())
        .assert()
        .code(41)
        .stderr(predicate::str::contains("the OS keyring is locked"))
        .stderr(predicate::str::contains("Nothing was written"))
        .stderr(predicate::str::contains("--no-keyring"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    assert!(!service.profile_file("default").exists());

    // The user's choice: the secret only in the .env, said in the profile.
    service
        .setup(dir.path(), PK, SK, &server.url())
        .arg("--no-keyring")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "secret key only in the .env files",
        ));
    service
        .bin(dir.path())
        .arg("profiles")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "only in the .env files it wrote — reachable ✓",
        ));
}

#[test]
fn no_keyring_on_the_bus_is_named() {
    // No Secret Service needed: an address where no bus listens.
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let mut cmd = common::bin(dir.path());
    cmd.args([
        "setup",
        "--non-interactive",
        "--skip-test",
        "--region",
        "eu",
        "--public-key",
        PK,
        "--secret-key-stdin",
    ])
    .write_stdin(SK)
    .env("XDG_CONFIG_HOME", config.path())
    .env(
        "DBUS_SESSION_BUS_ADDRESS",
        format!("unix:path={}/no-bus-here", dir.path().display()),
    );
    cmd.assert()
        .code(40)
        .stderr(predicate::str::contains("the OS keyring is not available"))
        .stderr(predicate::str::contains("--no-keyring"))
        .stderr(predicate::str::contains(SK).not());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_keyring_that_never_answers_times_out() {
    // A socket that accepts connections and then says nothing, like a hung bus or an unlock
    // prompt nobody answers.
    let dir = TempDir::new().unwrap();
    let socket = dir.path().join("silent-bus");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let config = TempDir::new().unwrap();
    let work = TempDir::new().unwrap();
    common::bin(work.path())
        .args([
            "setup",
            "--non-interactive",
            "--skip-test",
            "--region",
            "eu",
            "--public-key",
            PK,
            "--secret-key-stdin",
            "--keyring-timeout",
            "0.5",
        ])
        .write_stdin(SK)
        .env("XDG_CONFIG_HOME", config.path())
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", socket.display()),
        )
        // A guard against a hang, not a timing target: exit 42 can only come from the deadline.
        .timeout(Duration::from_secs(30))
        .assert()
        .code(42)
        .stderr(predicate::str::contains("did not answer within 0.5 s"));
    assert_eq!(fs::read_dir(work.path()).unwrap().count(), 0);
}

/// An access proxy's headers are kept in the keyring beside the key (never in the profile file),
/// and `run` and `rotate` get it back from there: `run` gives the child the full header
/// list, and `rotate`'s live test passes the proxy (which refuses every request without it).
#[test]
fn a_secret_proxy_header_lives_in_the_keyring_and_run_and_rotate_use_it() {
    let Some(service) = SecretService::start() else {
        return;
    };
    const PROXY_SECRET: &str = "proxy-secret-abcdef0123456789";
    let mut config = SandboxConfig::with_keys(PK, SK);
    config
        .projects
        .push(langfuse_otel::io::sandbox::SandboxProject {
            public_key: NEW_PK.into(),
            secret_key: NEW_SK.into(),
            id: "cm0sandbox0project".into(),
            name: "Sandbox project".into(),
        });
    config.access_headers = vec![
        ("X-Tenant".into(), "acme".into()),
        ("CF-Access-Client-Secret".into(), PROXY_SECRET.into()),
    ];
    let server = sandbox(config);
    let dir = TempDir::new().unwrap();
    let secret_header = format!("CF-Access-Client-Secret={PROXY_SECRET}");
    service
        .setup(dir.path(), PK, SK, &server.url())
        .args(["--vars", "otel", "--header", "X-Tenant=acme", "--header"])
        .arg(&secret_header)
        .assert()
        .success();
    let profile = fs::read_to_string(service.profile_file("default")).unwrap();
    assert!(profile.contains("X-Tenant"), "{profile}");
    assert!(profile.contains("CF-Access-Client-Secret"), "{profile}");
    assert!(!profile.contains(PROXY_SECRET), "{profile}");
    assert!(!profile.contains("acme"), "{profile}");
    // Every extra header's value is a secret: both are kept in the keyring, none in the profile.
    let stored = service.lookup("default.headers").expect("a headers entry");
    assert!(stored.contains(PROXY_SECRET), "the keyring holds the value");
    assert!(
        stored.contains("acme"),
        "the tenant's value is kept there too"
    );

    let output = service
        .bin(dir.path())
        .args([
            "run",
            "--",
            "sh",
            "-c",
            "printf '%s' \"$OTEL_EXPORTER_OTLP_HEADERS\"",
        ])
        .output()
        .unwrap();
    let list = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        common::otel_header(&list, "CF-Access-Client-Secret").as_deref(),
        Some(PROXY_SECRET),
        "{list}"
    );
    assert_eq!(
        common::otel_header(&list, "X-Tenant").as_deref(),
        Some("acme")
    );

    // Rotation: the live test passes the proxy only with the header from the keyring, and the
    // file keeps it.
    service
        .bin(dir.path())
        .args([
            "rotate",
            "--non-interactive",
            "--public-key",
            NEW_PK,
            "--secret-key-stdin",
        ])
        .write_stdin(NEW_SK)
        .assert()
        .success();
    let vars = read_dotenv(&dir.path().join(".env"));
    let list = get(&vars, "OTEL_EXPORTER_OTLP_HEADERS").unwrap();
    assert_eq!(
        common::otel_header(list, "Authorization").as_deref(),
        Some(expected_header(NEW_PK, NEW_SK).as_str())
    );
    assert_eq!(
        common::otel_header(list, "CF-Access-Client-Secret").as_deref(),
        Some(PROXY_SECRET)
    );
}
