//! Every row of the README's exit-code table, provoked through the binary. `exit_code_cases!`
//! makes one test per row and the list of codes it covers; `every_documented_code_has_a_case`
//! fails when a code is added to `Exit::ALL` (and so to the README) without a case here.

mod common;

use std::fs::{self, File};
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use common::secret_service::SecretService;
use common::{PK, SK, bin, live_setup, ours, sandbox, setup, std_bin};
use langfuse_otel::core::host::Region;
use langfuse_otel::exit::Exit;
use langfuse_otel::io::sandbox::{Sandbox, SandboxConfig};
use tempfile::TempDir;

macro_rules! exit_code_cases {
    ($($code:literal => $name:ident $body:block)*) => {
        const COVERED: &[i32] = &[$($code),*];
        $(
            #[test]
            fn $name() {
                #[allow(clippy::redundant_closure_call)]
                let output: Option<Output> = (|| $body)();
                // `None`: the tools this row needs are missing (a failure under CI, said there).
                if let Some(output) = output {
                    assert_eq!(
                        output.status.code(),
                        Some($code),
                        "stdout:\n{}\nstderr:\n{}",
                        String::from_utf8_lossy(&output.stdout),
                        String::from_utf8_lossy(&output.stderr)
                    );
                }
            }
        )*
    };
}

fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn live(dir: &Path, server: &Sandbox) -> Output {
    live_setup(dir, PK, SK)
        .args(["--host", &server.url(), "--timeout", "2"])
        .output()
        .unwrap()
}

fn regions(servers: &[String]) -> String {
    let mut urls = servers.iter();
    common::region_hosts(|_| urls.next().expect("a server per cloud region").clone())
}

fn region_auto(dir: &Path, spec: &str) -> Output {
    live_setup(dir, PK, SK)
        .args([
            "--region",
            "auto",
            "--timeout",
            "2",
            "--connect-timeout",
            "1",
        ])
        .env("LANGFUSE_OTEL_REGION_HOSTS", spec)
        .output()
        .unwrap()
}

fn no_keyring_profile(dir: &Path, name: &str) {
    setup(dir, PK, SK)
        .args(["--region", "eu", "--profile", name])
        .assert()
        .success();
}

fn test_env(dir: &Path, text: &str) -> Output {
    fs::write(dir.join(".env"), text).unwrap();
    bin(dir)
        .args(["test", "--env-file", ".env", "--timeout", "2"])
        .output()
        .unwrap()
}

exit_code_cases! {
    0 => success {
        Some(bin(Path::new(".")).args(["encode", "--public-key", PK]).env("LANGFUSE_SECRET_KEY", SK).output().unwrap())
    }
    1 => stdout_that_cannot_be_written {
        let dir = TempDir::new().unwrap();
        let full = std_bin(dir.path())
            .args(["help", "exit-codes"])
            .stdout(File::options().write(true).open("/dev/full").unwrap())
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&full.stderr).contains("cannot write to standard output"));
        // A report printed line by line (`profiles`) fails the same way.
        let no_profiles = TempDir::new().unwrap();
        let listed = std_bin(dir.path())
            .arg("profiles")
            .env("XDG_CONFIG_HOME", no_profiles.path())
            .stdout(File::options().write(true).open("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(listed.status.code(), Some(1), "{listed:?}");
        // A reader that went away: exit 1, and nothing to say about it.
        let mut child = std_bin(dir.path())
            .args(["help", "environment"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let closed = child.wait_with_output().unwrap();
        assert_eq!(closed.status.code(), Some(1), "{closed:?}");
        assert!(closed.stderr.is_empty(), "{}", String::from_utf8_lossy(&closed.stderr));
        Some(full)
    }
    2 => usage {
        let dir = TempDir::new().unwrap();
        Some(setup(dir.path(), PK, SK).output().unwrap())
    }
    3 => needs_confirmation {
        let dir = TempDir::new().unwrap();
        setup(dir.path(), PK, SK).args(["--region", "eu"]).assert().success();
        let other = "pk-lf-00000000-0000-4000-8000-000000000000";
        Some(setup(dir.path(), other, SK).args(["--region", "eu"]).output().unwrap())
    }
    10 => keys_rejected {
        let server = sandbox(SandboxConfig::with_keys("pk-lf-other", "sk-lf-other"));
        let dir = TempDir::new().unwrap();
        Some(live(dir.path(), &server))
    }
    11 => header_rejected {
        let server = ours();
        let dir = TempDir::new().unwrap();
        Some(test_env(dir.path(), &format!(
            "OTEL_EXPORTER_OTLP_ENDPOINT={}/api/public/otel\nOTEL_EXPORTER_OTLP_HEADERS=Authorization=Token%20abc\n",
            server.url()
        )))
    }
    12 => access_denied {
        let mut config = SandboxConfig::with_keys(PK, SK);
        config.ingestion_suspended = true;
        let server = sandbox(config);
        let dir = TempDir::new().unwrap();
        Some(live(dir.path(), &server))
    }
    13 => not_found {
        let mut config = SandboxConfig::with_keys(PK, SK);
        config.otel_route = false;
        let server = sandbox(config);
        let dir = TempDir::new().unwrap();
        Some(live(dir.path(), &server))
    }
    14 => redirected {
        let server = ours();
        server.faults().redirect_to = Some("https://elsewhere.example".to_string());
        let dir = TempDir::new().unwrap();
        Some(live(dir.path(), &server))
    }
    15 => rejected {
        let server = ours();
        server.faults().fail_status = 418;
        server.faults().fail_next = u32::MAX;
        let dir = TempDir::new().unwrap();
        Some(live(dir.path(), &server))
    }
    16 => server_error {
        let server = ours();
        server.faults().fail_status = 503;
        server.faults().fail_next = u32::MAX;
        let dir = TempDir::new().unwrap();
        Some(live(dir.path(), &server))
    }
    17 => not_visible {
        let mut config = SandboxConfig::with_keys(PK, SK);
        config.visibility = langfuse_otel::io::sandbox::Visibility::Never;
        let server = sandbox(config);
        let dir = TempDir::new().unwrap();
        live(dir.path(), &server);
        Some(bin(dir.path()).args(["test", "--arrival", "--arrival-timeout", "1"]).output().unwrap())
    }
    20 => dns {
        let dir = TempDir::new().unwrap();
        Some(live_setup(dir.path(), PK, SK)
            .args(["--host", "https://no-such-host.invalid", "--timeout", "5"])
            .output()
            .unwrap())
    }
    21 => refused {
        let dir = TempDir::new().unwrap();
        Some(live_setup(dir.path(), PK, SK)
            .args(["--host", &format!("http://127.0.0.1:{}", closed_port())])
            .output()
            .unwrap())
    }
    22 => tls {
        // https to a server that speaks plain http.
        let server = ours();
        let dir = TempDir::new().unwrap();
        Some(live_setup(dir.path(), PK, SK)
            .args(["--host", &server.url().replace("http://", "https://"), "--timeout", "2"])
            .output()
            .unwrap())
    }
    23 => timeout {
        let server = ours();
        server.faults().latency = Duration::from_secs(3);
        let dir = TempDir::new().unwrap();
        Some(live_setup(dir.path(), PK, SK)
            .args(["--host", &server.url(), "--timeout", "0.3"])
            .output()
            .unwrap())
    }
    24 => network {
        let server = ours();
        server.faults().reset_next = u32::MAX;
        let dir = TempDir::new().unwrap();
        Some(live(dir.path(), &server))
    }
    25 => proxy {
        // Loopback is never proxied: a host elsewhere (never reached: the proxy is down).
        let dir = TempDir::new().unwrap();
        Some(live_setup(dir.path(), PK, SK)
            .args(["--host", "http://langfuse.example.invalid", "--allow-http"])
            .env("HTTP_PROXY", format!("http://127.0.0.1:{}", closed_port()))
            .output()
            .unwrap())
    }
    30 => no_region {
        let servers: Vec<Sandbox> = Region::CLOUD.iter().map(|_| sandbox(SandboxConfig::with_keys("pk-lf-o", "sk-lf-o"))).collect();
        let dir = TempDir::new().unwrap();
        Some(region_auto(dir.path(), &regions(&servers.iter().map(Sandbox::url).collect::<Vec<_>>())))
    }
    31 => several_regions {
        let servers: Vec<Sandbox> = Region::CLOUD.iter().map(|_| ours()).collect();
        let dir = TempDir::new().unwrap();
        Some(region_auto(dir.path(), &regions(&servers.iter().map(Sandbox::url).collect::<Vec<_>>())))
    }
    32 => no_region_reachable {
        // Offline: nothing answers anywhere.
        let urls: Vec<String> = Region::CLOUD.iter().map(|_| format!("http://127.0.0.1:{}", closed_port())).collect();
        let dir = TempDir::new().unwrap();
        let output = region_auto(dir.path(), &regions(&urls));
        assert!(String::from_utf8_lossy(&output.stderr).contains("could be reached"));
        Some(output)
    }
    40 => keyring_unavailable {
        // No D-Bus session at all (`bin` removes it).
        let dir = TempDir::new().unwrap();
        Some(bin(dir.path())
            .args(["setup", "--non-interactive", "--skip-test", "--region", "eu", "--public-key", PK, "--secret-key-stdin"])
            .write_stdin(SK)
            .output()
            .unwrap())
    }
    41 => keyring_locked {
        let service = SecretService::start()?;
        let server = ours();
        let dir = TempDir::new().unwrap();
        service.lock();
        Some(service.setup(dir.path(), PK, SK, &server.url()).output().unwrap())
    }
    42 => keyring_timeout {
        // A bus that accepts the connection and never answers.
        let dir = TempDir::new().unwrap();
        let socket = dir.path().join("silent-bus");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        Some(bin(dir.path())
            .args(["setup", "--non-interactive", "--skip-test", "--region", "eu", "--public-key", PK, "--secret-key-stdin", "--keyring-timeout", "0.5"])
            .write_stdin(SK)
            .env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", socket.display()))
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap())
    }
    43 => secret_not_found {
        // A --no-keyring profile whose .env no longer holds the secret.
        let dir = TempDir::new().unwrap();
        no_keyring_profile(dir.path(), "exit43");
        fs::write(dir.path().join(".env"), "OTHER=1\n").unwrap();
        Some(bin(dir.path()).args(["export", "--profile", "exit43"]).output().unwrap())
    }
    44 => no_such_profile {
        let dir = TempDir::new().unwrap();
        Some(bin(dir.path()).args(["run", "--profile", "no-such-profile", "--", "true"]).output().unwrap())
    }
    50 => doctor_found_problems {
        let dir = TempDir::new().unwrap();
        fs::write(dir.path().join(".env"), "TRACELOOP_BASE_URL=cloud.langfuse.com\nTRACELOOP_HEADERS=Authorization=Basic%20abc\n").unwrap();
        Some(bin(dir.path()).args(["doctor", "--offline"]).output().unwrap())
    }
    65 => invalid_input {
        let dir = TempDir::new().unwrap();
        Some(setup(dir.path(), "not-a-key", SK).args(["--region", "eu"]).output().unwrap())
    }
    66 => cannot_read {
        let dir = TempDir::new().unwrap();
        fs::create_dir(dir.path().join("configs")).unwrap();
        let doctor = bin(dir.path()).args(["doctor", "--offline", "configs"]).output().unwrap();
        assert_eq!(doctor.status.code(), Some(66), "{doctor:?}");
        let missing = bin(dir.path()).args(["test", "--env-file", "missing.env"]).output().unwrap();
        assert_eq!(missing.status.code(), Some(66), "{missing:?}");
        Some(bin(dir.path()).args(["test", "--env-file", "configs"]).output().unwrap())
    }
    73 => cannot_write {
        let dir = TempDir::new().unwrap();
        Some(setup(dir.path(), PK, SK).args(["--region", "eu", "--env-file", "missing-dir/.env"]).output().unwrap())
    }
    75 => conflict {
        // Another process holds the lock of the .env's directory (this test, as a second setup
        // would).
        let dir = TempDir::new().unwrap();
        let lock = File::open(dir.path()).unwrap();
        lock.lock().unwrap();
        let output = setup(dir.path(), PK, SK)
            .args(["--region", "eu"])
            .env("LANGFUSE_OTEL_LOCK_WAIT", "0.2")
            .output()
            .unwrap();
        assert!(!dir.path().join(".env").exists());
        Some(output)
    }
    126 => not_executable {
        let dir = TempDir::new().unwrap();
        no_keyring_profile(dir.path(), "exit126");
        fs::write(dir.path().join("script.sh"), "#!/bin/sh\n").unwrap();
        Some(bin(dir.path()).args(["run", "--profile", "exit126", "--", "./script.sh"]).output().unwrap())
    }
    127 => command_not_found {
        let dir = TempDir::new().unwrap();
        no_keyring_profile(dir.path(), "exit127");
        Some(bin(dir.path()).args(["run", "--profile", "exit127", "--", "no-such-command-anywhere"]).output().unwrap())
    }
}

#[test]
fn every_documented_code_has_a_case() {
    let mut documented: Vec<i32> = Exit::ALL.iter().map(|e| e.code()).collect();
    documented.sort_unstable();
    let mut covered = COVERED.to_vec();
    covered.sort_unstable();
    assert_eq!(covered, documented);
}
