//! `run -- CMD` as a faithful parent: the command gets the profile's variables, every signal a
//! supervisor or a terminal sends reaches it exactly once, and its exit status is ours. A real
//! child (`sh` with traps) in a plain process tree and in a real pseudo-terminal (tmux).

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::secret_service::have;
use common::{PK, SK, bin, config_for, setup, std_bin};
use tempfile::TempDir;

const HOST: &str = "http://localhost:3000";

/// A profile that keeps its secret in the .env it wrote (no keyring needed to run).
fn profile(dir: &Path, name: &str) {
    setup(dir, PK, SK)
        .args(["--host", HOST, "--profile", name])
        .assert()
        .success();
}

fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let started = Instant::now();
    while !ready() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn lines(path: &Path) -> Vec<String> {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

const SIGNALS: [&str; 7] = ["INT", "TERM", "HUP", "QUIT", "USR1", "WINCH", "USR2"];

/// A shell that records each signal it gets in `signals`, and exits 42 on `USR2` (the last one).
fn trapping_script() -> String {
    let mut script = String::new();
    for signal in SIGNALS {
        let action = if signal == "USR2" { "; exit 42" } else { "" };
        script.push_str(&format!(
            "trap 'echo {signal} >> signals{action}' {signal}\n"
        ));
    }
    script.push_str("echo \"$TRACELOOP_BASE_URL\" > endpoint\necho ready > ready\n");
    script.push_str("while :; do sleep 0.05; done\n");
    script
}

fn kill(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .args(["-s", signal, &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -s {signal} {pid}");
}

/// Kills what a failed assertion left running (a no-op once the process is gone and reaped).
struct KillOnDrop(u32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = Command::new("kill")
                .args(["-9", &self.0.to_string()])
                .status();
        }
    }
}

#[test]
fn every_forwarded_signal_reaches_the_command_once_and_its_exit_code_is_ours() {
    let dir = TempDir::new().unwrap();
    profile(dir.path(), "signals");
    let mut child = std_bin(dir.path())
        .args(["run", "--profile", "signals", "--", "sh", "-c"])
        .arg(trapping_script())
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let signals = dir.path().join("signals");
    let pid = child.id();
    let _reaper = KillOnDrop(pid);
    wait_until("the command to start", || dir.path().join("ready").exists());
    assert_eq!(
        lines(&dir.path().join("endpoint")),
        [format!("{HOST}/api/public/otel")]
    );
    // The one process a supervisor knows is the one that gets the signal: ours.
    for (sent, signal) in SIGNALS.iter().enumerate() {
        kill(pid, signal);
        if *signal != "USR2" {
            wait_until(signal, || lines(&signals).len() == sent + 1);
        }
    }
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(42), "{status:?}");
    assert_eq!(
        lines(&signals),
        SIGNALS,
        "each signal exactly once, in order"
    );
}

#[test]
fn a_command_killed_by_a_signal_is_reported_as_killed_by_it() {
    let dir = TempDir::new().unwrap();
    profile(dir.path(), "killed");
    let mut child = std_bin(dir.path())
        .args(["run", "--profile", "killed", "--", "sh", "-c"])
        .arg("echo $$ > pid; echo ready > ready; while :; do sleep 0.05; done")
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    wait_until("the command to start", || dir.path().join("ready").exists());
    kill(child.id(), "TERM");
    let status = child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt as _;
    // A shell waiting for us then reports 143, as for the command run directly.
    assert_eq!(status.signal(), Some(15), "{status:?}");
    // The process we killed was the command itself: nothing of it is left running.
    let ready = fs::read_to_string(dir.path().join("pid")).unwrap();
    let alive = Command::new("kill")
        .args(["-0", ready.trim()])
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(!alive.success(), "the command outlived langfuse-otel");
}

#[test]
fn exit_codes_of_the_command_pass_through() {
    let dir = TempDir::new().unwrap();
    profile(dir.path(), "codes");
    for code in [0, 1, 3, 77, 255] {
        bin(dir.path())
            .args(["run", "--profile", "codes", "--", "sh", "-c"])
            .arg(format!("exit {code}"))
            .assert()
            .code(code);
    }
    bin(dir.path())
        .args(["run", "--profile", "codes", "--", "no-such-command-here"])
        .assert()
        .code(127);
    let script = dir.path().join("not-executable.sh");
    fs::write(&script, "#!/bin/sh\nexit 0\n").unwrap();
    bin(dir.path())
        .args(["run", "--profile", "codes", "--"])
        .arg(&script)
        .assert()
        .code(126);
}

#[test]
fn the_profiles_values_win_unless_keep_env() {
    let dir = TempDir::new().unwrap();
    profile(dir.path(), "keep");
    let print = "printf '%s|%s' \"$TRACELOOP_BASE_URL\" \"$LANGFUSE_PUBLIC_KEY\"";
    let ours = format!("{HOST}/api/public/otel|{PK}");
    bin(dir.path())
        .env("TRACELOOP_BASE_URL", "https://stale.example")
        .args(["run", "--profile", "keep", "--", "sh", "-c", print])
        .assert()
        .success()
        .stdout(ours.clone());
    let output = bin(dir.path())
        .env("TRACELOOP_BASE_URL", "https://stale.example")
        .args([
            "run",
            "--keep-env",
            "--profile",
            "keep",
            "--",
            "sh",
            "-c",
            print,
        ])
        .assert()
        .success()
        .stdout(format!("https://stale.example|{PK}"))
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("--keep-env") && stderr.contains("TRACELOOP_BASE_URL"));
    assert!(!stderr.contains("stale.example"), "{stderr}");
}

#[test]
fn a_signal_specific_variable_that_would_replace_the_profiles_is_unset_for_the_command() {
    let dir = TempDir::new().unwrap();
    setup(dir.path(), PK, SK)
        .args(["--host", HOST, "--profile", "signal", "--vars", "otel"])
        .assert()
        .success();
    let print = "printf '%s|%s' \"${OTEL_EXPORTER_OTLP_TRACES_ENDPOINT-unset}\" \"$OTEL_EXPORTER_OTLP_ENDPOINT\"";
    let output = bin(dir.path())
        .env(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "http://collector:4318/v1/traces",
        )
        .args(["run", "--profile", "signal", "--", "sh", "-c", print])
        .assert()
        .success()
        .stdout(format!("unset|{HOST}/api/public/otel"))
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
        "{stderr}"
    );
    // --keep-env keeps the environment as it is.
    bin(dir.path())
        .env(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "http://collector:4318/v1/traces",
        )
        .args([
            "run",
            "--keep-env",
            "--profile",
            "signal",
            "--",
            "sh",
            "-c",
            print,
        ])
        .assert()
        .success()
        .stdout(format!(
            "http://collector:4318/v1/traces|{HOST}/api/public/otel"
        ));
}

/// In a terminal, Ctrl-C goes to the whole foreground group and a resize to the foreground: the
/// command must get each once (a forwarding parent would double the SIGINT, a parent that ignores
/// signals would die with 130 and leave the command's code unreported).
#[test]
fn in_a_terminal_ctrl_c_and_a_resize_reach_the_command_once() {
    if !have("tmux") {
        common::skip("tmux is not installed", "apt-get install tmux");
        return;
    }
    let dir = TempDir::new().unwrap();
    profile(dir.path(), "pty");
    fs::write(
        dir.path().join("child.sh"),
        "trap 'echo INT >> signals; exit 7' INT\ntrap 'echo WINCH >> winch' WINCH\necho ready > ready\nwhile :; do sleep 0.05; done\n",
    )
    .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("langfuse-otel");
    let socket = format!("lfotel-run-{}", std::process::id());
    let script = format!(
        "cd '{dir}' && env -u DBUS_SESSION_BUS_ADDRESS XDG_CONFIG_HOME='{config}' '{bin}' run --profile pty -- sh child.sh; echo $? > exit.txt; sleep 60",
        dir = dir.path().display(),
        config = config_for(dir.path()).display(),
        bin = bin.display(),
    );
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .args(["-L", &socket])
            .args(args)
            .output()
            .unwrap()
    };
    let started = tmux(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        "main",
        "-x",
        "100",
        "-y",
        "30",
        &script,
    ]);
    assert!(started.status.success(), "{started:?}");
    let result = std::panic::catch_unwind(|| {
        wait_until("the command to start", || dir.path().join("ready").exists());
        tmux(&["resize-window", "-t", "main", "-x", "70", "-y", "20"]);
        wait_until("SIGWINCH", || dir.path().join("winch").exists());
        tmux(&["send-keys", "-t", "main", "C-c"]);
        wait_until("the exit code", || {
            fs::read_to_string(dir.path().join("exit.txt")).is_ok_and(|s| s.ends_with('\n'))
        });
        assert_eq!(lines(&dir.path().join("exit.txt")), ["7"]);
        assert_eq!(
            lines(&dir.path().join("signals")),
            ["INT"],
            "SIGINT exactly once"
        );
    });
    tmux(&["kill-server"]);
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}
