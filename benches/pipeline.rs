//! `cargo bench --bench pipeline`: the write pipeline as a user meets it, real processes against a
//! real loopback sandbox (the live test included), wall time as seen from outside.
//!
//! - `rotate` across 1,000 recorded .env files of 200 lines each, one per service directory in one
//!   git repository that ignores them (so the git checks run), all or nothing: target under 1 s.
//! - Lock contention: 8 `setup` runs on one .env (different profiles and families), started at
//!   once, against the same 8 run one after the other: target, the concurrent wall time within
//!   1.2x of the serial sum.

mod support;
use support::child::{finish, run, start};
use support::load_average;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use langfuse_otel::io::sandbox::{Sandbox, SandboxConfig, SandboxProject};

const PAIRS: [(&str, &str); 2] = [
    (
        "pk-lf-1c5d8a3e-0f3b-4c59-9d1a-5b8f2e7c4a10",
        "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b",
    ),
    (
        "pk-lf-22222222-3333-4444-5555-666666666666",
        "sk-lf-77777777-8888-9999-aaaa-bbbbbbbbbbbb",
    ),
];
const FILES: usize = 1000;
const USER_LINES: usize = 190;
const ROTATIONS: usize = 5;
const SETUPS: usize = 8;
const ROUNDS: usize = 5;

fn main() {
    let runtime = support::runtime();
    let project = |(public_key, secret_key): (&str, &str)| SandboxProject {
        public_key: public_key.to_string(),
        secret_key: secret_key.to_string(),
        id: "cm0bench0project".to_string(),
        name: "Bench project".to_string(),
    };
    let mut config = SandboxConfig::with_keys(PAIRS[0].0, PAIRS[0].1);
    config.projects = PAIRS.iter().map(|pair| project(*pair)).collect();
    let sandbox = runtime.block_on(Sandbox::start(config)).unwrap();
    rotation(&sandbox);
    contention(&sandbox);
}

/// The binary, with an environment that says nothing of Langfuse (or a proxy, or a keyring):
/// the tests' rule, `tests/common/scrub.rs`.
fn command(config: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_langfuse-otel"));
    support::scrub::scrub(&mut command).env("XDG_CONFIG_HOME", config);
    command
}

fn user_lines(service: usize) -> String {
    let mut text = String::new();
    for i in 0..USER_LINES {
        match i % 10 {
            0 => text.push_str(&format!("# service {service}, section {i}\n")),
            1 => text.push('\n'),
            2 => text.push_str(&format!(
                "export SERVICE_{i}_URL=\"https://svc-{service}.internal:8443/{i}\"\n"
            )),
            3 => text.push_str(&format!("FLAG_{i}='a # not a comment'  # a comment\n")),
            _ => text.push_str(&format!("VAR_{i}=value-{i}-abcdefghijklmnop\n")),
        }
    }
    text
}

fn rotation(sandbox: &Sandbox) {
    let root = tempfile::tempdir().unwrap();
    let config = root.path().join("config");
    let repo = root.path().join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    let git = Command::new("git")
        .args(["init", "--quiet"])
        .arg(&repo)
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        git,
        "git init failed: this benchmark runs git's checks for real"
    );
    std::fs::write(repo.join(".gitignore"), ".env\n.env.bak\n").unwrap();
    let paths: Vec<PathBuf> = (0..FILES)
        .map(|i| {
            let dir = repo.join(format!("svc-{i:04}"));
            std::fs::create_dir(&dir).unwrap();
            let path = dir.join(".env");
            std::fs::write(&path, user_lines(i)).unwrap();
            path
        })
        .collect();

    // The profile records the 1,000 files (no keyring: the secret lives in the files).
    let mut setup = command(&config);
    setup.args([
        "setup",
        "--non-interactive",
        "--no-keyring",
        "--yes",
        "--profile",
        "bench",
        "--host",
        &sandbox.url(),
        "--public-key",
        PAIRS[0].0,
        "--secret-key-stdin",
    ]);
    for path in &paths {
        setup.arg("--env-file").arg(path);
    }
    let started = Instant::now();
    run(setup, PAIRS[0].1);
    let setup_time = started.elapsed();
    let lines = std::fs::read_to_string(&paths[0]).unwrap().lines().count();

    let mut times = Vec::new();
    let mut cpu_times = Vec::new();
    for round in 0..ROTATIONS {
        let (public, secret) = PAIRS[(round + 1) % 2];
        let mut rotate = command(&config);
        rotate.args([
            "rotate",
            "--non-interactive",
            "--yes",
            "--profile",
            "bench",
            "--public-key",
            public,
            "--secret-key-stdin",
        ]);
        let (started, cpu) = (Instant::now(), children_cpu());
        let output = run(rotate, secret);
        times.push(started.elapsed());
        let (user, system) = children_cpu();
        cpu_times.push((user - cpu.0, system - cpu.1));
        // All or nothing: every file holds the new key, and nothing of the run is left over.
        for path in &paths {
            let text = std::fs::read_to_string(path).unwrap();
            assert!(
                text.contains(&format!("LANGFUSE_PUBLIC_KEY={public}")),
                "{} was not rotated: {}",
                path.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let leftovers = std::fs::read_dir(paths[0].parent().unwrap())
            .unwrap()
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.ends_with(".tmp") || name.ends_with(".lock")
            })
            .count();
        assert_eq!(leftovers, 0, "temp or lock files left behind");
    }
    times.sort();
    let median = times[times.len() / 2];
    let mut users: Vec<Duration> = cpu_times.iter().map(|c| c.0).collect();
    let mut systems: Vec<Duration> = cpu_times.iter().map(|c| c.1).collect();
    users.sort();
    systems.sort();
    println!(
        "rotate: {FILES} recorded .env files of {lines} lines (one per directory, one git repository), live test included, {ROTATIONS} runs; {}",
        load_average()
    );
    println!(
        "  rotate (plan, live test, lock, re-read, fsync, rename, git checks)  median {:>7.1} ms  min {:>7.1} ms  max {:>7.1} ms (target < 1000 ms: {})",
        ms(median),
        ms(times[0]),
        ms(times[times.len() - 1]),
        if median < Duration::from_secs(1) {
            "met"
        } else {
            "MISSED"
        }
    );
    println!(
        "  CPU of the rotate process and its git children: median user {:>7.1} ms, system {:>7.1} ms (wall minus CPU is waiting: for the disk, or for a core)",
        ms(users[users.len() / 2]),
        ms(systems[systems.len() / 2]),
    );
    println!(
        "  (the first setup writing the {FILES} files took {:.1} ms)",
        ms(setup_time)
    );
}

fn contention(sandbox: &Sandbox) {
    let families = [
        "traceloop",
        "otel",
        "langfuse",
        "traceloop,otel",
        "otel,langfuse",
        "traceloop,langfuse",
        "traceloop,otel,langfuse",
        "langfuse",
    ];
    let mut serial_sums = Vec::new();
    let mut concurrent_walls = Vec::new();
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        let path = dir.path().join(".env");
        let (public, secret) = PAIRS[round % 2];
        let setup = |i: usize| {
            let mut command = command(&config);
            command.current_dir(dir.path()).args([
                "setup",
                "--non-interactive",
                "--no-keyring",
                "--yes",
                "--profile",
                &format!("p{i}"),
                "--vars",
                families[i],
                "--host",
                &sandbox.url(),
                "--public-key",
                public,
                "--secret-key-stdin",
                "--env-file",
            ]);
            command.arg(&path);
            command
        };
        let fresh = |path: &Path| std::fs::write(path, user_lines(0)).unwrap();

        fresh(&path);
        let mut serial = Duration::ZERO;
        for i in 0..SETUPS {
            let started = Instant::now();
            run(setup(i), secret);
            serial += started.elapsed();
        }

        fresh(&path);
        let _ = std::fs::remove_dir_all(&config);
        let started = Instant::now();
        let children: Vec<_> = (0..SETUPS).map(|i| start(setup(i), secret)).collect();
        for child in children {
            finish(child);
        }
        concurrent_walls.push(started.elapsed());
        serial_sums.push(serial);
        // Every run's variables are in the file, and the user's lines too.
        let text = std::fs::read_to_string(&path).unwrap();
        for name in [
            "TRACELOOP_HEADERS",
            "OTEL_EXPORTER_OTLP_HEADERS",
            "LANGFUSE_SECRET_KEY",
            "VAR_189",
        ] {
            assert!(
                text.contains(name),
                "{name} missing after the concurrent runs"
            );
        }
    }
    let ratios: Vec<f64> = concurrent_walls
        .iter()
        .zip(&serial_sums)
        .map(|(c, s)| c.as_secs_f64() / s.as_secs_f64())
        .collect();
    let mut sorted = ratios.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    println!("lock contention: {SETUPS} setups (live test included) on one .env, {ROUNDS} rounds");
    for ((c, s), r) in concurrent_walls.iter().zip(&serial_sums).zip(&ratios) {
        println!(
            "  serial sum {:>7.1} ms  concurrent wall {:>7.1} ms  ratio {r:.2}",
            ms(*s),
            ms(*c)
        );
    }
    println!(
        "  median ratio {median:.2} (target <= 1.2: {})",
        if median <= 1.2 { "met" } else { "MISSED" }
    );
}

/// User and system CPU time of every child process waited for so far.
fn children_cpu() -> (Duration, Duration) {
    // SAFETY: getrusage only writes the struct passed.
    let mut usage = unsafe { std::mem::zeroed::<libc::rusage>() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    (time(usage.ru_utime), time(usage.ru_stime))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
