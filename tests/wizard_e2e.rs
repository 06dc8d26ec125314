//! The real binary in a real pseudo-terminal (tmux: send-keys to type, capture-pane to read),
//! against sandbox servers and a private Secret Service: from launch to a written .env, a second
//! run that rotates the keys, and a kill mid-flow that must leave the terminal restored and no
//! partial .env. Skipped (listed by `scripts/test.sh`) where tmux or the keyring programs are
//! missing, and a failure under `CI`.

mod common;

use common::runtime;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::secret_service::{SecretService, have};
use common::{PK, SK, assert_no_secret, expected_header, get, read_dotenv};
use langfuse_otel::core::host::Region;
use langfuse_otel::io::sandbox::{Sandbox, SandboxConfig, SandboxProject};
use tempfile::TempDir;

const NEW_PK: &str = "pk-lf-22222222-3333-4444-5555-666666666666";
const NEW_SK: &str = "sk-lf-77777777-8888-9999-aaaa-bbbbbbbbbbbb";
/// Every secret these tests type, with its public key.
const SECRETS: [(&str, &str); 2] = [(PK, SK), (NEW_PK, NEW_SK)];

/// A tmux server of its own, running one command in one pane.
struct Tmux {
    socket: String,
    dir: PathBuf,
}

impl Tmux {
    fn start(name: &str, dir: &Path, env: &[(String, String)], args: &str) -> Tmux {
        Tmux::start_sized(name, dir, env, args, (100, 30))
    }

    /// The wizard in a terminal of `size` columns and rows.
    fn start_sized(
        name: &str,
        dir: &Path,
        env: &[(String, String)],
        args: &str,
        size: (u16, u16),
    ) -> Tmux {
        let (width, height) = (size.0.to_string(), size.1.to_string());
        let socket = format!("lfotel-{name}-{}", std::process::id());
        let bin = assert_cmd::cargo::cargo_bin("langfuse-otel");
        let mut exports = String::new();
        for (key, value) in env {
            exports.push_str(&format!("{key}='{value}' "));
        }
        let script = format!(
            "cd '{dir}' && env -u DBUS_SESSION_BUS_ADDRESS {exports} NO_COLOR=1 '{bin}' {args}; echo EXIT=$? > exit.txt; stty -a > stty.txt; sleep 120",
            dir = dir.display(),
            bin = bin.display()
        );
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
                "-x",
                &width,
                "-y",
                &height,
            ])
            .arg(script)
            .status()
            .unwrap();
        assert!(status.success());
        Tmux {
            socket,
            dir: dir.to_path_buf(),
        }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.tmux(&["send-keys", "-t", "main", key]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "main", "-l", text]);
        std::thread::sleep(Duration::from_millis(60));
    }

    /// A bracketed paste, as a terminal sends it.
    fn paste(&self, text: &str) {
        self.tmux(&["set-buffer", "--", text]);
        self.tmux(&["paste-buffer", "-p", "-t", "main"]);
        std::thread::sleep(Duration::from_millis(60));
    }

    /// The visible screen. Every capture is checked for every form of every secret the tests type,
    /// also with wrapped lines joined (a secret may wrap).
    fn screen(&self) -> String {
        let screen = self.tmux(&["capture-pane", "-p", "-t", "main"]);
        assert_no_secret("the screen", screen.as_bytes(), &SECRETS);
        let joined = self.tmux(&["capture-pane", "-p", "-J", "-t", "main"]);
        assert_no_secret("the screen", joined.as_bytes(), &SECRETS);
        screen
    }

    fn wait_for(&self, needle: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "waited for {needle:?}; the screen is:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn exit_code(&self) -> String {
        let path = self.dir.join("exit.txt");
        let started = Instant::now();
        while !path.exists() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the wizard did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(100));
        // Everything the terminal showed, the scrollback included.
        let history = self.tmux(&["capture-pane", "-p", "-J", "-S", "-", "-t", "main"]);
        assert_no_secret("the terminal's history", history.as_bytes(), &SECRETS);
        fs::read_to_string(path).unwrap().trim().to_string()
    }

    /// The wizard's process id: the child of the pane's shell.
    fn wizard_pid(&self) -> String {
        let shell = self.tmux(&["display-message", "-p", "-t", "main", "#{pane_pid}"]);
        let output = Command::new("pgrep")
            .args(["-P", shell.trim()])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

fn tools_present() -> bool {
    let missing: Vec<&str> = ["tmux", "pgrep"].into_iter().filter(|p| !have(p)).collect();
    if missing.is_empty() {
        return true;
    }
    common::skip(
        &format!("{} not installed", missing.join(", ")),
        "apt-get install tmux procps",
    );
    false
}

fn sandbox(pairs: &[(&str, &str)]) -> Sandbox {
    let mut config = SandboxConfig::with_keys(pairs[0].0, pairs[0].1);
    for (i, (public, secret)) in pairs.iter().enumerate().skip(1) {
        config.projects.push(SandboxProject {
            public_key: public.to_string(),
            secret_key: secret.to_string(),
            id: format!("p{i}"),
            name: "Sandbox project".into(),
        });
    }
    runtime().block_on(Sandbox::start(config)).unwrap()
}

fn decoded(path: &Path, variable: &str) -> Option<String> {
    let vars = read_dotenv(path);
    common::otel_header(get(&vars, variable)?, "Authorization")
}

#[test]
fn first_run_detects_the_region_and_writes_then_a_second_run_rotates() {
    if !tools_present() {
        return;
    }
    let Some(service) = SecretService::start() else {
        return;
    };
    // Four regions; only "US" knows the keys (old and new).
    let us = sandbox(&[(PK, SK), (NEW_PK, NEW_SK)]);
    let mut others: Vec<Sandbox> = Vec::new();
    let regions = common::region_hosts(|region| {
        if region == Region::Us {
            return us.url();
        }
        let other = sandbox(&[("pk-lf-x", "sk-lf-x")]);
        let url = other.url();
        others.push(other);
        url
    });
    let mut env = service.env();
    env.push(("LANGFUSE_OTEL_REGION_HOSTS".into(), regions));
    let app = TempDir::new().unwrap();
    fs::write(app.path().join(".env"), "# my app\nDEBUG=1\n").unwrap();

    let tmux = Tmux::start("first", app.path(), &env, "");
    tmux.wait_for("Set up a new profile");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Detect from my keys");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Public key");
    // Pasted as copied from a .env, with quotes and a line break: cleaned.
    tmux.paste(&format!("\"{PK}\"\n"));
    tmux.keys(&["Tab"]);
    tmux.paste(SK);
    // (Every capture is checked for the secret: see `Tmux::screen`.)
    let screen = tmux.wait_for("both keys look right");
    assert!(screen.contains("removed the quotes"), "{screen}");

    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Proven in");
    assert!(screen.contains("✓ US (Langfuse Cloud)"), "{screen}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("OS keyring available");
    // The profile name is asked (suggested from the directory): this one is called `default`.
    tmux.wait_for("new profile");
    tmux.keys(&["Tab", "Tab", "Tab", "Tab", "C-u"]);
    tmux.type_text("default");
    tmux.keys(&["Tab"]);
    let screen = tmux.wait_for("+ TRACELOOP_HEADERS=Authorization=Basic%20<redacted>");
    assert!(!screen.contains(&SK[6..]), "{screen}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("✓ Written.");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.exit_code(), "EXIT=0");
    drop(tmux);

    let env_path = app.path().join(".env");
    assert!(
        fs::read_to_string(&env_path)
            .unwrap()
            .starts_with("# my app\nDEBUG=1\n")
    );
    assert_eq!(
        decoded(&env_path, "TRACELOOP_HEADERS"),
        Some(expected_header(PK, SK))
    );
    assert_eq!(
        get(&read_dotenv(&env_path), "LANGFUSE_BASE_URL"),
        Some(us.url().as_str())
    );
    assert_eq!(service.lookup("default").as_deref(), Some(SK));
    let profile = fs::read_to_string(service.profile_file("default")).unwrap();
    assert!(
        profile.contains("secret = \"keyring\"") && profile.contains("last_tested"),
        "{profile}"
    );

    // Second run: rotate the profile's keys.
    let tmux = Tmux::start("second", app.path(), &env, "");
    tmux.wait_for("Rotate the keys of profile `default`");
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for("New keys for profile `default`");
    tmux.type_text(NEW_PK);
    tmux.keys(&["Tab"]);
    tmux.type_text(NEW_SK);
    tmux.wait_for("both keys look right");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Proven in");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Rewrites every .env of profile `default`");
    tmux.keys(&["Enter"]);
    tmux.wait_for("✓ Keys rotated.");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.exit_code(), "EXIT=0");
    assert_eq!(
        decoded(&env_path, "TRACELOOP_HEADERS"),
        Some(expected_header(NEW_PK, NEW_SK))
    );
    assert_eq!(
        decoded(&app.path().join(".env.bak"), "TRACELOOP_HEADERS"),
        Some(expected_header(PK, SK))
    );
    assert_eq!(service.lookup("default").as_deref(), Some(NEW_SK));
    // No file but the .env and its .bak holds a secret: profiles, config, the session's HOME.
    for dir in [app.path(), service.root()] {
        for file in common::files_under(dir) {
            if file.parent() == Some(app.path())
                && [".env", ".env.bak"].contains(&file.file_name().unwrap().to_str().unwrap())
            {
                continue;
            }
            assert_no_secret(
                &file.display().to_string(),
                &fs::read(&file).unwrap(),
                &SECRETS,
            );
        }
    }
}

#[test]
fn killed_mid_flow_it_restores_the_terminal_and_writes_nothing() {
    if !tools_present() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let env = vec![(
        "XDG_CONFIG_HOME".to_string(),
        config.path().display().to_string(),
    )];
    for (signal, code) in [("TERM", "143"), ("HUP", "129")] {
        let tmux = Tmux::start(&format!("kill-{signal}"), dir.path(), &env, "setup");
        tmux.wait_for("Set up a new profile");
        tmux.keys(&["Enter", "Down", "Enter"]);
        tmux.wait_for("Public key");
        tmux.type_text("pk-lf-half-typed");
        let pid = tmux.wizard_pid();
        assert!(!pid.is_empty(), "no wizard process");
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(tmux.exit_code(), format!("EXIT={code}"));
        let stty = fs::read_to_string(dir.path().join("stty.txt")).unwrap();
        let words: Vec<&str> = stty.split_whitespace().collect();
        assert!(
            words.contains(&"icanon") && words.contains(&"echo"),
            "raw mode left on:\n{stty}"
        );
        let screen = tmux.screen();
        assert!(
            !screen.contains("Public key"),
            "still on the alternate screen:\n{screen}"
        );
        let left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "exit.txt" && n != "stty.txt")
            .collect();
        assert!(left.is_empty(), "files left behind: {left:?}");
        fs::remove_file(dir.path().join("exit.txt")).unwrap();
        fs::remove_file(dir.path().join("stty.txt")).unwrap();
    }
}

#[test]
fn export_refuses_to_print_the_secret_to_a_terminal() {
    if !tools_present() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let env = vec![(
        "XDG_CONFIG_HOME".to_string(),
        config.path().display().to_string(),
    )];
    let tmux = Tmux::start("export", dir.path(), &env, "export");
    let screen = tmux.wait_for("refusing to print the secret key to a terminal");
    assert!(screen.contains("--force"), "{screen}");
    assert_eq!(tmux.exit_code(), "EXIT=2");
}

/// Issue 16's race, in the real binary: the test starts against a slow server, the user leaves with
/// Esc, changes the secret to a wrong one and tests again. The first run's success arrives while
/// the second runs, and must never be shown as "Proven" for the wrong keys.
#[test]
fn a_slow_result_for_old_keys_is_never_shown_as_proof_for_new_ones() {
    if !tools_present() {
        return;
    }
    let server = sandbox(&[(PK, SK)]);
    server.faults().latency = Duration::from_millis(1500);
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let env = vec![
        (
            "XDG_CONFIG_HOME".to_string(),
            config.path().display().to_string(),
        ),
        (
            "LANGFUSE_OTEL_REGION_HOSTS".to_string(),
            // Every region at this one server: the region hint after the failure asks nobody else.
            common::region_hosts(|_| server.url()),
        ),
    ];
    let tmux = Tmux::start("stale", dir.path(), &env, "");
    tmux.wait_for("Set up a new profile");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Detect from my keys");
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for("Public key");
    tmux.type_text(PK);
    tmux.keys(&["Tab"]);
    tmux.type_text(SK);
    tmux.wait_for("both keys look right");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Testing ");
    tmux.keys(&["Escape"]);
    tmux.wait_for("both keys look right");
    // One character of the secret changed: keys the server does not know.
    tmux.keys(&["BSpace"]);
    tmux.type_text("0");
    tmux.wait_for("both keys look right");
    tmux.keys(&["Enter"]);
    let started = Instant::now();
    let screen = loop {
        let screen = tmux.screen();
        assert!(
            !screen.contains("Proven"),
            "the old run's success is shown for the wrong keys:\n{screen}"
        );
        if screen.contains("The test failed") {
            break screen;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no result:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(25));
    };
    assert!(screen.contains("does not know these keys"), "{screen}");
    // Both runs reached the server: the first one's answer really did arrive late.
    let authorizations: Vec<String> = server
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/v1/traces"))
        .filter_map(|r| r.header("authorization").map(str::to_string))
        .collect();
    assert_eq!(authorizations.len(), 2, "{authorizations:?}");
    assert_ne!(authorizations[0], authorizations[1]);
    // Nothing was written, and nothing can be from here without a choice.
    tmux.keys(&["C-c"]);
    assert_eq!(tmux.exit_code(), "EXIT=130");
    assert!(!dir.path().join(".env").exists());
}

/// Region hosts for the wizard: every cloud region at these servers, in order (repeated).
fn regions(urls: &[String]) -> (String, String) {
    let mut i = 0;
    let spec = common::region_hosts(|_| {
        i += 1;
        urls[(i - 1) % urls.len()].clone()
    });
    ("LANGFUSE_OTEL_REGION_HOSTS".to_string(), spec)
}

/// Two setups, two hosts, the same profile name asked for: the second is refused on screen and
/// writes nothing until it gets a name of its own; the profiles never share a file. No D-Bus here,
/// so both also go through the keyring-unavailable choices: focused first, `n` acts on them.
#[test]
fn two_hosts_make_two_profiles_and_the_keyring_choice_comes_first() {
    if !tools_present() {
        return;
    }
    let eu = sandbox(&[(PK, SK)]);
    let us = sandbox(&[(NEW_PK, NEW_SK)]);
    let config = TempDir::new().unwrap();
    let env = vec![
        (
            "XDG_CONFIG_HOME".to_string(),
            config.path().display().to_string(),
        ),
        regions(&[eu.url(), us.url()]),
    ];
    let first = TempDir::new().unwrap();
    let second = TempDir::new().unwrap();
    for (dir, down, (public, secret), taken) in [
        (first.path(), 1, (PK, SK), false),
        (second.path(), 2, (NEW_PK, NEW_SK), true),
    ] {
        let tmux = Tmux::start(&format!("two-{down}"), dir, &env, "");
        tmux.wait_for("Set up a new profile");
        tmux.keys(&["Enter"]);
        tmux.wait_for("Detect from my keys");
        for _ in 0..down {
            tmux.keys(&["Down"]);
        }
        tmux.keys(&["Enter"]);
        tmux.wait_for("Public key");
        tmux.paste(&format!(
            "LANGFUSE_PUBLIC_KEY={public}\nLANGFUSE_SECRET_KEY={secret}\n"
        ));
        tmux.wait_for("both keys look right");
        tmux.keys(&["Enter"]);
        tmux.wait_for("Proven in");
        tmux.keys(&["Enter"]);
        // The keyring cannot be used: the cause in words, the choices focused and first.
        let screen = tmux.wait_for("› Retry the keyring");
        assert!(
            screen.contains("no D-Bus session bus in this terminal"),
            "{screen}"
        );
        assert!(!screen.contains("zbus"), "no raw D-Bus error:\n{screen}");
        tmux.keys(&["n"]);
        // (Words on one line at any width; the sentence around them wraps.)
        let screen = tmux.wait_for("(your choice; r retries)");
        let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("the secret stays only in the .env"),
            "{screen}"
        );
        assert!(
            screen.contains("[.env]"),
            "`n` typed into the path:\n{screen}"
        );
        // The profile field, two up from Write: the same name both times.
        tmux.keys(&["BTab", "BTab", "C-u"]);
        tmux.type_text("shop");
        if taken {
            let screen = tmux.wait_for("belongs to");
            assert!(screen.contains(&eu.url()), "{screen}");
            tmux.keys(&["Enter"]);
            tmux.wait_for("give another name");
            assert!(!dir.join(".env").exists(), "refused: nothing written");
            tmux.keys(&["C-u"]);
            tmux.type_text("shop-us");
            tmux.wait_for("new profile");
        }
        tmux.keys(&["Enter"]);
        tmux.wait_for("✓ Written.");
        tmux.keys(&["q"]);
        assert_eq!(tmux.exit_code(), "EXIT=0");
    }
    let profiles = config.path().join("langfuse-otel/profiles");
    let shop = fs::read_to_string(profiles.join("shop.toml")).unwrap();
    let shop_us = fs::read_to_string(profiles.join("shop-us.toml")).unwrap();
    let (first_env, second_env) = (
        fs::canonicalize(first.path()).unwrap().join(".env"),
        fs::canonicalize(second.path()).unwrap().join(".env"),
    );
    assert!(
        shop.contains(&eu.url()) && !shop.contains(&us.url()),
        "{shop}"
    );
    assert!(shop.contains(&first_env.display().to_string()), "{shop}");
    assert!(!shop.contains(&second_env.display().to_string()), "{shop}");
    assert!(shop_us.contains(&us.url()), "{shop_us}");
    assert!(
        !shop_us.contains(&first_env.display().to_string()),
        "{shop_us}"
    );
    assert_eq!(
        get(&read_dotenv(&second_env), "LANGFUSE_BASE_URL"),
        Some(us.url().as_str())
    );
}

/// With no region reachable, detection says "no network" (not "no region accepts these keys"),
/// and Retry, the first choice, asks again.
#[test]
fn offline_detection_says_so_and_retries() {
    if !tools_present() {
        return;
    }
    // A port that takes each connection and closes it unanswered, counting them: to the wizard,
    // a network that fails; to the test, proof of each attempt.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let attempts = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = std::sync::Arc::clone(&attempts);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            drop(stream);
        }
    });
    let closed = vec![url];
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let env = vec![
        (
            "XDG_CONFIG_HOME".to_string(),
            config.path().display().to_string(),
        ),
        regions(&closed),
    ];
    let tmux = Tmux::start("offline", dir.path(), &env, "");
    tmux.wait_for("Set up a new profile");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Detect from my keys");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Public key");
    tmux.paste(&format!("{PK} {SK}"));
    tmux.wait_for("both keys look right");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("No network");
    assert!(!screen.contains("accepts these keys"), "{screen}");
    assert!(!screen.contains("Continue anyway"), "{screen}");
    assert!(screen.contains("› Retry"), "{screen}");
    let first = attempts.load(std::sync::atomic::Ordering::SeqCst);
    assert!(first >= 4, "every region asked: {first}");
    tmux.keys(&["Enter"]);
    let started = Instant::now();
    while attempts.load(std::sync::atomic::Ordering::SeqCst) < first + 4 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "Retry asked nobody"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    tmux.wait_for("No network");
    tmux.keys(&["C-c"]);
    assert_eq!(tmux.exit_code(), "EXIT=130");
}

/// The whole setup at 60x18, the smallest supported terminal: on every screen the footer is the
/// last row, the selection and the action are in view, and the write goes through.
#[test]
fn every_screen_works_at_60x18() {
    if !tools_present() {
        return;
    }
    let server = sandbox(&[(PK, SK)]);
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let env = vec![
        (
            "XDG_CONFIG_HOME".to_string(),
            config.path().display().to_string(),
        ),
        regions(&[server.url()]),
    ];
    let tmux = Tmux::start_sized("small", dir.path(), &env, "", (60, 18));
    // The footer is the terminal's last row (waited for: a capture can land mid-draw).
    let footer = |_: &str, needle: &str| {
        let started = Instant::now();
        loop {
            let screen = tmux.screen();
            let rows: Vec<&str> = screen.lines().collect();
            if rows.len() == 18 && rows[17].contains(needle) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "footer {needle:?} not on the last row:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let screen = tmux.wait_for("› Set up a new profile");
    footer(&screen, "quit");
    tmux.keys(&["Enter"]);
    tmux.wait_for("› Detect from my keys");
    // The last region: selected and visible, and its URL field after Enter.
    tmux.keys(&["Up"]);
    let screen = tmux.wait_for("› Self-hosted");
    footer(&screen, "Ctrl-C");
    tmux.keys(&["Enter"]);
    tmux.type_text("langfuse.example.com");
    let screen = tmux.wait_for("URL  [langfuse.example.com");
    assert!(
        screen.contains("will use https://langfuse.example.com"),
        "{screen}"
    );
    tmux.keys(&["Escape", "Down", "Down", "Enter"]);
    let screen = tmux.wait_for("Public key");
    footer(&screen, "Ctrl-C");
    tmux.paste(&format!("{PK}\n{SK}\n"));
    tmux.wait_for("both keys look right");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Proven in");
    footer(&screen, "Ctrl-C");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("› Retry the keyring");
    assert!(
        screen.contains("[ Write ]"),
        "the action is cut off:\n{screen}"
    );
    footer(&screen, "Ctrl-C quit");
    tmux.keys(&["n"]);
    let screen = tmux.wait_for("› [ Write ]");
    footer(&screen, "quit");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("✓ Written.");
    footer(&screen, "quit");
    // Ctrl-C after a successful write is a normal exit.
    tmux.keys(&["C-c"]);
    assert_eq!(tmux.exit_code(), "EXIT=0");
    assert!(dir.path().join(".env").exists());
}

/// In a git work tree where nothing ignores the .env, the Output screen warns and offers the
/// .gitignore lines; Enter writes them with the .env, and git then ignores the .env and its backup.
#[test]
fn in_a_git_work_tree_the_output_screen_offers_the_gitignore_lines() {
    if !tools_present() {
        return;
    }
    if !have("git") {
        common::skip("git not installed", "apt-get install git");
        return;
    }
    let server = sandbox(&[(PK, SK)]);
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .status()
            .unwrap()
            .code()
    };
    assert_eq!(git(&["init", "-q"]), Some(0));
    let env = vec![
        (
            "XDG_CONFIG_HOME".to_string(),
            config.path().display().to_string(),
        ),
        regions(&[server.url()]),
    ];
    let tmux = Tmux::start("git", dir.path(), &env, "");
    tmux.wait_for("Set up a new profile");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Detect from my keys");
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for("Public key");
    tmux.paste(&format!("{PK} {SK}"));
    tmux.wait_for("both keys look right");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Proven in");
    tmux.keys(&["Enter"]);
    // No D-Bus here: the keyring choice first; `n` keeps the secret only in the .env.
    tmux.wait_for("› Retry the keyring");
    tmux.keys(&["n"]);
    let screen = tmux.wait_for("git would commit .env and .env.bak");
    assert!(
        screen.contains("[x] add /.env and /.env.bak to .gitignore"),
        "{screen}"
    );
    assert_eq!(git(&["check-ignore", "-q", ".env"]), Some(1));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("✓ Written.");
    assert!(screen.contains("added .env and .env.bak to"), "{screen}");
    tmux.keys(&["q"]);
    assert_eq!(tmux.exit_code(), "EXIT=0");
    for name in [".env", ".env.bak"] {
        assert_eq!(git(&["check-ignore", "-q", name]), Some(0), "{name}");
    }
    assert_eq!(
        get(
            &read_dotenv(&dir.path().join(".env")),
            "LANGFUSE_SECRET_KEY"
        ),
        Some(SK)
    );
}

/// `setup --host ... --public-key ... --env-file web/.env` in a terminal opens the wizard with
/// those answers filled in and said, in a Node project (package.json beside the .env): the otel and
/// langfuse families are preselected, and Done names `node --env-file`.
#[test]
fn flags_prefill_the_wizard_and_a_node_project_gets_the_node_families() {
    if !tools_present() {
        return;
    }
    let Some(service) = SecretService::start() else {
        return;
    };
    let server = sandbox(&[(PK, SK)]);
    let app = TempDir::new().unwrap();
    fs::create_dir(app.path().join("web")).unwrap();
    fs::write(app.path().join("web/package.json"), "{}\n").unwrap();
    let args = format!(
        "setup --host {} --public-key {PK} --env-file web/.env",
        server.url()
    );
    let tmux = Tmux::start("prefill", app.path(), &service.env(), &args);
    let screen = tmux.wait_for("From the command line");
    assert!(screen.contains("a Node project"), "{screen}");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Self-hosted");
    assert!(screen.contains(&server.url()), "{screen}");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Public key");
    assert!(screen.contains(PK), "{screen}");
    // The public key is given: the secret field has the focus.
    tmux.type_text(SK);
    tmux.wait_for("both keys look right");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Proven in");
    tmux.keys(&["Enter"]);
    tmux.wait_for("OS keyring available");
    let screen = tmux.wait_for("+ OTEL_EXPORTER_OTLP_ENDPOINT=");
    assert!(!screen.contains("TRACELOOP_HEADERS"), "{screen}");
    assert!(screen.contains("web/.env"), "{screen}");
    tmux.keys(&["Tab", "Tab", "Tab", "Tab", "C-u"]);
    tmux.type_text("web");
    tmux.keys(&["Tab", "Enter"]);
    let screen = tmux.wait_for("✓ Written.");
    assert!(screen.contains("node --env-file=.env"), "{screen}");
    // On by default: one real span, read back from the sandbox through the public API.
    tmux.wait_for("the test span is visible in Langfuse after");
    let reads = server
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET" && r.path.starts_with("/api/public/traces/"))
        .count();
    assert!(reads >= 1, "the span was read back");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.exit_code(), "EXIT=0");
    let vars = read_dotenv(&app.path().join("web/.env"));
    assert_eq!(
        common::otel_header(
            get(&vars, "OTEL_EXPORTER_OTLP_HEADERS").unwrap(),
            "Authorization"
        ),
        Some(expected_header(PK, SK))
    );
    assert_eq!(get(&vars, "OTEL_LOGS_EXPORTER"), Some("none"));
    assert!(get(&vars, "TRACELOOP_HEADERS").is_none());
}

/// A flag the wizard has no field for (`--header`) keeps `setup` out of the wizard, and says so.
#[test]
fn a_flag_without_a_wizard_field_runs_setup_without_the_wizard_and_says_so() {
    if !tools_present() {
        return;
    }
    let app = TempDir::new().unwrap();
    let tmux = Tmux::start(
        "nofield",
        app.path(),
        &[],
        &format!(
            "setup --region eu --public-key {PK} --header X-Tenant=acme --skip-test --no-keyring"
        ),
    );
    let screen = tmux.wait_for("no field for");
    assert!(
        screen.contains("--skip-test, --header given, which the wizard has no field for"),
        "{screen}"
    );
    assert!(!screen.contains("Set up a new profile"), "{screen}");
}

/// What the wizard says at each step of a setup, in one language: the words the test waits for.
struct Words {
    setup: &'static str,
    detect: &'static str,
    public_key: &'static str,
    both_keys: &'static str,
    proven: &'static str,
    keyring_choice: &'static str,
    write: &'static str,
    written: &'static str,
    quit: &'static str,
}

const ENGLISH: Words = Words {
    setup: "› Set up a new profile",
    detect: "› Detect from my keys",
    public_key: "Public key",
    both_keys: "both keys look right",
    proven: "Proven in",
    keyring_choice: "› Retry the keyring",
    write: "› [ Write ]",
    written: "✓ Written.",
    quit: "quit",
};

const CHINESE: Words = Words {
    setup: "› 新建配置档",
    detect: "› 根据密钥自动识别",
    public_key: "公钥",
    both_keys: "两个密钥格式都正确",
    proven: "验证通过",
    keyring_choice: "› 重试密钥环",
    write: "› [ 写入 ]",
    written: "✓ 已写入。",
    quit: "退出",
};

/// The locale variables of a run: `LANG` decides (the others set empty, so the test runner's own
/// locale does not).
fn locale(lang: &str) -> Vec<(String, String)> {
    vec![
        ("LANG".to_string(), lang.to_string()),
        ("LC_ALL".to_string(), String::new()),
        ("LC_MESSAGES".to_string(), String::new()),
    ]
}

/// One setup at 60x18 from the start screen to a written .env (EU region, no keyring: the secret
/// goes to the .env only), in the language `LANG` asks for. Returns the .env's bytes.
fn set_up_at_60x18(name: &str, lang: &str, words: &Words, server: &Sandbox) -> (TempDir, Vec<u8>) {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join(".env"), "# my app\nDEBUG=1\n").unwrap();
    let mut env = locale(lang);
    env.push((
        "XDG_CONFIG_HOME".to_string(),
        dir.path().join("config").display().to_string(),
    ));
    env.push(regions(&[server.url()]));
    let tmux = Tmux::start_sized(name, dir.path(), &env, "", (60, 18));
    let screen = tmux.wait_for(words.setup);
    let footer = screen.lines().last().unwrap_or_default().to_string();
    assert!(footer.contains(words.quit), "{screen}");
    tmux.keys(&["Enter"]);
    tmux.wait_for(words.detect);
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for(words.public_key);
    tmux.paste(&format!("{PK}\n{SK}\n"));
    tmux.wait_for(words.both_keys);
    tmux.keys(&["Enter"]);
    tmux.wait_for(words.proven);
    tmux.keys(&["Enter"]);
    tmux.wait_for(words.keyring_choice);
    tmux.keys(&["n"]);
    tmux.wait_for(words.write);
    tmux.keys(&["Enter"]);
    tmux.wait_for(words.written);
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.exit_code(), "EXIT=0");
    let written = fs::read(dir.path().join(".env")).unwrap();
    (dir, written)
}

/// `LANG=zh_CN.UTF-8`: the wizard speaks Chinese from its first screen to the written .env, at the
/// smallest size it supports, and the .env it writes is byte for byte the one the English wizard
/// writes for the same answers. A second run diagnoses that .env: its rows are worded on tokio's
/// threads (the effects), and they are Chinese too.
#[test]
fn under_a_chinese_locale_the_wizard_speaks_chinese_and_writes_the_same_env() {
    if !tools_present() {
        return;
    }
    let server = sandbox(&[(PK, SK)]);
    let (_english_dir, english) = set_up_at_60x18("lang-en", "en_US.UTF-8", &ENGLISH, &server);
    let (chinese_dir, chinese) = set_up_at_60x18("lang-zh", "zh_CN.UTF-8", &CHINESE, &server);
    assert!(
        String::from_utf8_lossy(&chinese).contains("TRACELOOP_HEADERS="),
        "{}",
        String::from_utf8_lossy(&chinese)
    );
    assert_eq!(
        String::from_utf8_lossy(&chinese),
        String::from_utf8_lossy(&english),
        "the .env differs with the language"
    );
    assert_eq!(chinese, english);

    let mut env = locale("zh_CN.UTF-8");
    env.push((
        "XDG_CONFIG_HOME".to_string(),
        chinese_dir.path().join("config").display().to_string(),
    ));
    env.push(regions(&[server.url()]));
    let tmux = Tmux::start_sized("lang-zh-diagnose", chinese_dir.path(), &env, "", (60, 18));
    tmux.wait_for("› 新建配置档");
    // Setup, rotate and export the profile just made, then diagnose the .env.
    tmux.keys(&["Down", "Down", "Down"]);
    tmux.wait_for("› 诊断");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("个通过");
    assert!(screen.contains("项目“"), "{screen}");
    for english in ["error(s)", "testing", "project \"", "choose", "quit"] {
        assert!(!screen.contains(english), "{english:?} in:\n{screen}");
    }
    tmux.keys(&["q"]);
    assert_eq!(tmux.exit_code(), "EXIT=0");
}
