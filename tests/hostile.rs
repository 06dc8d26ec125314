//! A hostile server (the sandbox's hostile mode): every string it sends carries escape sequences,
//! C0/C1 controls, bidi overrides, line breaks that forge a line of our output, overlong text and
//! the Authorization header it received, raw and encoded. `setup`, `test`, `test --json`, `doctor`,
//! `doctor --json` (the real binary) and the wizard (a real pty) run against it; what they print
//! is judged byte by byte with checks written here, not with the sanitizer's own predicates.

mod common;

use std::fs;
use std::process::Command;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::secret_service::{SecretService, have};
use common::{PK, SK, bin, live_setup, runtime};
use langfuse_otel::io::sandbox::{HOSTILE_FORGED_LINE, HOSTILE_MARK, Sandbox, SandboxConfig};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use tempfile::TempDir;

/// A secret the hostile server does not know: sent, rejected, and echoed back in the 401.
const WRONG_SK: &str = "sk-lf-99999999-8888-4777-a666-555555555555";

fn hostile(public: &str, secret: &str) -> Sandbox {
    let mut config = SandboxConfig::with_keys(public, secret);
    config.hostile = true;
    runtime().block_on(Sandbox::start(config)).unwrap()
}

/// Every form of a sent secret that must not be shown.
fn secret_forms() -> Vec<String> {
    let mut forms = Vec::new();
    for sk in [SK, WRONG_SK] {
        let b64 = STANDARD.encode(format!("{PK}:{sk}"));
        let header = format!("Basic {b64}");
        forms.extend([
            sk.to_string(),
            sk["sk-lf-".len()..].to_string(),
            b64.trim_end_matches('=').to_string(),
            b64.replace('+', "%2B").trim_end_matches('=').to_string(),
            utf8_percent_encode(&header, NON_ALPHANUMERIC).to_string(),
            // Pieces: a line cut at the terminal's width shows only part of the text.
            sk["sk-lf-".len().."sk-lf-".len() + 12].to_string(),
            b64[8..24].to_string(),
        ]);
    }
    forms
}

/// What a terminal must never receive from a server, judged on decoded text.
fn assert_safe_text(what: &str, text: &str) {
    for (i, c) in text.chars().enumerate() {
        let code = c as u32;
        let control = (code < 0x20 && c != '\n') || (0x7f..=0x9f).contains(&code);
        let bidi_or_invisible = matches!(
            code,
            0x061C | 0x200B..=0x200F | 0x202A..=0x202E | 0x2066..=0x2069 | 0xFEFF | 0x2028 | 0x2029
        );
        assert!(
            !control && !bidi_or_invisible,
            "{what}: U+{code:04X} at char {i}:\n{text}"
        );
    }
    assert!(
        !text.contains(HOSTILE_MARK),
        "{what}: an escape sequence's payload got through:\n{text}"
    );
    for line in text.lines() {
        assert!(
            !line.starts_with(HOSTILE_FORGED_LINE.trim_end()),
            "{what}: a forged line:\n{text}"
        );
    }
    for form in secret_forms() {
        assert!(
            !text.contains(&form),
            "{what}: shows the credential ({form}):\n{text}"
        );
    }
}

/// JSON escapes controls (`\u001b`): judge every string it holds, decoded, and the text as sent.
fn assert_safe_json(what: &str, text: &str) {
    assert_safe_text(what, text);
    fn walk(what: &str, value: &serde_json::Value) {
        match value {
            serde_json::Value::String(s) => assert_safe_text(what, s),
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(what, v)),
            serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| {
                assert_safe_text(what, k);
                walk(what, v)
            }),
            _ => {}
        }
    }
    let value: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: not JSON ({e}):\n{text}"));
    walk(what, &value);
}

fn output_of(cmd: &mut assert_cmd::Command) -> (String, String) {
    let output = cmd.output().unwrap();
    (
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

/// setup, test, test --json, doctor, doctor --json against `server`; every output judged. Returns
/// everything printed, for the caller's own checks.
fn run_all(server: &Sandbox, secret: &str) -> String {
    let dir = TempDir::new().unwrap();
    let mut all = String::new();
    let (out, err) = output_of(live_setup(dir.path(), PK, secret).args([
        "--host",
        &server.url(),
        "--write-anyway",
    ]));
    assert_safe_text("setup stdout", &out);
    assert_safe_text("setup stderr", &err);
    assert!(dir.path().join(".env").exists(), "{out}{err}");
    all.push_str(&out);
    all.push_str(&err);
    for (args, json) in [
        (&["test"][..], false),
        (&["test", "--json"][..], true),
        (&["doctor"][..], false),
        (&["doctor", "--json"][..], true),
    ] {
        let what = args.join(" ");
        let (out, err) = output_of(bin(dir.path()).args(args));
        if json {
            assert_safe_json(&format!("{what} stdout"), &out);
        } else {
            assert_safe_text(&format!("{what} stdout"), &out);
        }
        assert_safe_text(&format!("{what} stderr"), &err);
        all.push_str(&out);
        all.push_str(&err);
    }
    all
}

#[test]
fn nothing_a_hostile_server_sends_reaches_the_output_raw() {
    // Accepted keys: the version, project and organization names are shown.
    let server = hostile(PK, SK);
    let all = run_all(&server, SK);
    assert!(all.contains("project \""), "{all}");
    assert!(all.contains("Sandbox organization"), "{all}");
    assert!(
        all.contains("<redacted>"),
        "the server echoed the credential:\n{all}"
    );

    // Rejected keys: the error bodies (401 with the echoed header) are shown.
    let server = hostile(PK, "sk-lf-another-secret-0000000000");
    let all = run_all(&server, WRONG_SK);
    assert!(all.contains("rejected the request (401)"), "{all}");
    assert!(all.contains("bad request from Basic <redacted>"), "{all}");
}

#[test]
fn a_hostile_redirect_target_is_shown_sanitized() {
    let elsewhere = hostile(PK, SK);
    let server = hostile(PK, SK);
    server.faults().redirect_to = Some(format!("http://localhost:{}", elsewhere.addr().port()));
    let dir = TempDir::new().unwrap();
    let (out, err) = output_of(live_setup(dir.path(), PK, SK).args(["--host", &server.url()]));
    assert_safe_text("setup stdout", &out);
    assert_safe_text("setup stderr", &err);
    assert!(out.contains("redirects to http://localhost:"), "{out}");
    assert!(out.contains("auth=Basic%20<redacted>"), "{out}");
    assert!(elsewhere.requests().is_empty());
}

#[test]
fn a_hostile_server_cannot_reach_the_wizards_terminal() {
    let missing: Vec<&str> = ["tmux"].into_iter().filter(|p| !have(p)).collect();
    if !missing.is_empty() {
        common::skip("tmux not installed", "apt-get install tmux");
        return;
    }
    let Some(service) = SecretService::start() else {
        return;
    };
    // Every cloud region is the hostile server: region detection shows its project name.
    let server = hostile(PK, SK);
    let url = server.url();
    let mut env = service.env();
    env.push((
        "LANGFUSE_OTEL_REGION_HOSTS".into(),
        common::region_hosts(|_| url.clone()),
    ));
    let dir = TempDir::new().unwrap();
    let socket = format!("lfotel-hostile-{}", std::process::id());
    let raw = dir.path().join("raw.out");
    let bin = assert_cmd::cargo::cargo_bin("langfuse-otel");
    let exports: String = env.iter().map(|(k, v)| format!("{k}='{v}' ")).collect();
    let script = format!(
        "sleep 0.5; cd '{}' && env -u DBUS_SESSION_BUS_ADDRESS {exports} NO_COLOR=1 '{}'; sleep 120",
        dir.path().display(),
        bin.display()
    );
    let tmux = |args: &[&str]| {
        let output = Command::new("tmux")
            .args(["-L", &socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    struct Kill<F: Fn(&[&str]) -> String>(F);
    impl<F: Fn(&[&str]) -> String> Drop for Kill<F> {
        fn drop(&mut self) {
            (self.0)(&["kill-server"]);
        }
    }
    let tmux = Kill(tmux);
    let status = Command::new("tmux")
        .args([
            "-L",
            &socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "main",
        ])
        .args(["-x", "100", "-y", "30", &script])
        .status()
        .unwrap();
    assert!(status.success());
    // Every byte the wizard writes to the terminal, as the terminal receives it.
    (tmux.0)(&[
        "pipe-pane",
        "-t",
        "main",
        &format!("cat >> '{}'", raw.display()),
    ]);
    let title = (tmux.0)(&["display-message", "-p", "-t", "main", "#{pane_title}"]);
    let wait_for = |needle: &str| -> String {
        let started = Instant::now();
        loop {
            let screen = (tmux.0)(&["capture-pane", "-p", "-t", "main"]);
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "waited for {needle:?}; the screen is:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let keys = |keys: &[&str]| {
        for key in keys {
            (tmux.0)(&["send-keys", "-t", "main", key]);
            std::thread::sleep(Duration::from_millis(60));
        }
    };
    let paste = |text: &str| {
        (tmux.0)(&["set-buffer", "--", text]);
        (tmux.0)(&["paste-buffer", "-p", "-t", "main"]);
        std::thread::sleep(Duration::from_millis(60));
    };
    wait_for("Set up a new profile");
    keys(&["Enter"]);
    wait_for("Detect from my keys");
    keys(&["Enter"]);
    wait_for("Public key");
    paste(PK);
    keys(&["Tab"]);
    paste(SK);
    wait_for("both keys look right");
    keys(&["Enter"]);
    // Four regions answer with the hostile project: more than one region knows the keys.
    let screen = wait_for("Sandbox organization");
    std::thread::sleep(Duration::from_millis(300));
    let history = (tmux.0)(&["capture-pane", "-p", "-J", "-S", "-", "-t", "main"]);
    assert_safe_text("the wizard's screen", &screen);
    assert_safe_text("the wizard's history", &history);
    assert_eq!(
        (tmux.0)(&["display-message", "-p", "-t", "main", "#{pane_title}"]),
        title,
        "the pane's title changed"
    );
    let bytes = fs::read(&raw).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains(HOSTILE_MARK),
        "an escape sequence reached the terminal"
    );
    for c in [
        '\u{202e}', '\u{2066}', '\u{200f}', '\u{9b}', '\u{9d}', '\u{85}',
    ] {
        assert!(!text.contains(c), "U+{:04X} reached the terminal", c as u32);
    }
    for form in secret_forms() {
        assert!(
            !text.contains(form.as_str()),
            "the terminal received {form}"
        );
    }
}
