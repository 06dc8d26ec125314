//! A private Secret Service for tests: a D-Bus session bus and `gnome-keyring-daemon`, unlocked
//! with a throwaway password, in a temporary HOME. The developer's own keyring is never used.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// A private Secret Service session.
pub struct SecretService {
    root: TempDir,
    bus: String,
    dbus: Child,
    keyring: Child,
}

pub fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

impl SecretService {
    /// `None` when the programs are missing outside CI (see [`super::skip`]); a failure under CI.
    pub fn start() -> Option<SecretService> {
        let missing: Vec<&str> = [
            "dbus-daemon",
            "gnome-keyring-daemon",
            "secret-tool",
            "dbus-send",
        ]
        .into_iter()
        .filter(|p| !have(p))
        .collect();
        if !missing.is_empty() {
            super::skip(
                &format!("{} not installed", missing.join(", ")),
                "apt-get install dbus gnome-keyring libsecret-tools",
            );
            return None;
        }
        let root = TempDir::new().unwrap();
        for dir in ["home", "run", "config", "data"] {
            fs::create_dir(root.path().join(dir)).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            fs::set_permissions(root.path().join("run"), fs::Permissions::from_mode(0o700))
                .unwrap();
        }
        let socket = root.path().join("run/bus");
        let bus = format!("unix:path={}", socket.display());
        let dbus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile"])
            .arg(format!("--address={bus}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for(|| socket.exists(), "the D-Bus socket");
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .envs(Self::env_of(root.path(), &bus))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        {
            let mut stdin = keyring.stdin.take().unwrap();
            stdin.write_all(b"throwaway-test-password").unwrap();
        }
        let service = SecretService {
            root,
            bus,
            dbus,
            keyring,
        };
        wait_for(
            || {
                service
                    .dbus_send(&[
                        "--dest=org.freedesktop.DBus",
                        "/org/freedesktop/DBus",
                        "org.freedesktop.DBus.NameHasOwner",
                        "string:org.freedesktop.secrets",
                    ])
                    .contains("boolean true")
            },
            "gnome-keyring-daemon on the bus",
        );
        Some(service)
    }

    pub fn env_of(root: &Path, bus: &str) -> Vec<(String, String)> {
        let path = |p: &str| root.join(p).display().to_string();
        vec![
            ("HOME".into(), path("home")),
            ("XDG_RUNTIME_DIR".into(), path("run")),
            ("XDG_CONFIG_HOME".into(), path("config")),
            ("XDG_DATA_HOME".into(), path("data")),
            ("DBUS_SESSION_BUS_ADDRESS".into(), bus.to_string()),
        ]
    }

    /// The session's HOME, runtime, config and data directories are under this one.
    pub fn root(&self) -> &Path {
        self.root.path()
    }

    pub fn env(&self) -> Vec<(String, String)> {
        Self::env_of(self.root.path(), &self.bus)
    }

    /// The binary, on this session's bus, with this session's HOME and config.
    pub fn bin(&self, dir: &Path) -> assert_cmd::Command {
        let mut cmd = super::bin(dir);
        cmd.envs(self.env());
        cmd
    }

    pub fn setup(&self, dir: &Path, public: &str, secret: &str, host: &str) -> assert_cmd::Command {
        let mut cmd = self.bin(dir);
        cmd.args([
            "setup",
            "--non-interactive",
            "--host",
            host,
            "--public-key",
            public,
            "--secret-key-stdin",
        ])
        .write_stdin(secret.to_string());
        cmd
    }

    pub fn dbus_send(&self, args: &[&str]) -> String {
        let output = Command::new("dbus-send")
            .args(["--session", "--print-reply"])
            .args(args)
            .envs(self.env())
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// What `secret-tool` finds for a profile: an independent read of the real store.
    pub fn lookup(&self, profile: &str) -> Option<String> {
        let output = Command::new("secret-tool")
            .args(["lookup", "service", "langfuse-otel", "username", profile])
            .envs(self.env())
            .output()
            .unwrap();
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }

    pub fn lock(&self) {
        let reply = self.dbus_send(&[
            "--dest=org.freedesktop.secrets",
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.Lock",
            "array:objpath:/org/freedesktop/secrets/collection/login",
        ]);
        assert!(reply.contains("collection/login"), "{reply}");
    }

    pub fn profile_file(&self, name: &str) -> PathBuf {
        self.root
            .path()
            .join(format!("config/langfuse-otel/profiles/{name}.toml"))
    }
}

impl Drop for SecretService {
    fn drop(&mut self) {
        for child in [&mut self.keyring, &mut self.dbus] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

pub fn wait_for(mut ready: impl FnMut() -> bool, what: &str) {
    let started = Instant::now();
    while !ready() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{what} did not come up"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
