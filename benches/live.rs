//! `cargo bench --bench live`: the live test against sandboxes with 100 ms of injected latency per
//! request, as the ratio of total wall time to one request's latency. The work is concurrent, so
//! the target is under 1.5 for both the plain test (three requests) and region auto-detection (four
//! regions). Wall time is the whole process, start-up included, as a user sees it.

mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use langfuse_otel::core::host::Region;
use langfuse_otel::io::sandbox::{Sandbox, SandboxConfig};

const PK: &str = "pk-lf-1c5d8a3e-0f3b-4c59-9d1a-5b8f2e7c4a10";
const SK: &str = "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b";
const LATENCY: Duration = Duration::from_millis(100);
const RUNS: usize = 15;

fn main() {
    let runtime = support::runtime();
    let start = |config: SandboxConfig| {
        let server = runtime.block_on(Sandbox::start(config)).unwrap();
        server.faults().latency = LATENCY;
        server
    };
    let home = start(SandboxConfig::with_keys(PK, SK));
    // US knows the keys; every other cloud region is a server that does not.
    let mut others: Vec<Sandbox> = Vec::new();
    let regions = Region::CLOUD
        .iter()
        .map(|&region| {
            let url = if region == Region::Us {
                home.url()
            } else {
                let other = start(SandboxConfig::with_keys("pk-lf-other", "sk-lf-other"));
                let url = other.url();
                others.push(other);
                url
            };
            format!("{}={url}", region.slug())
        })
        .collect::<Vec<_>>()
        .join(",");
    let dir = tempfile::tempdir().unwrap();
    let env_file = dir.path().join(".env");
    std::fs::write(
        &env_file,
        format!(
            "LANGFUSE_PUBLIC_KEY={PK}\nLANGFUSE_SECRET_KEY={SK}\nLANGFUSE_BASE_URL={}\n",
            home.url()
        ),
    )
    .unwrap();
    let bin = env!("CARGO_BIN_EXE_langfuse-otel");
    // SAFETY: single-threaded here; the children inherit a throwaway config directory.
    unsafe { std::env::set_var("XDG_CONFIG_HOME", dir.path().join("config")) };

    let plain = measure(|| {
        Command::new(bin)
            .args(["test", "--env-file"])
            .arg(&env_file)
            .output()
            .unwrap()
    });
    let detect = measure(|| {
        Command::new(bin)
            .args([
                "setup",
                "--non-interactive",
                "--region",
                "auto",
                "--skip-test",
                "--dry-run",
                "--public-key",
                PK,
                "--env-file",
            ])
            .arg(dir.path().join("detect.env"))
            .env("LANGFUSE_SECRET_KEY", SK)
            .env("LANGFUSE_OTEL_REGION_HOSTS", &regions)
            .output()
            .unwrap()
    });
    println!(
        "live test over loopback, {} ms injected per request, {RUNS} runs each",
        LATENCY.as_millis()
    );
    report("test (health + keys + export, concurrent)", &plain);
    report("setup --region auto (4 regions, concurrent)", &detect);
}

fn measure(run: impl Fn() -> std::process::Output) -> Vec<Duration> {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let output = run();
        let elapsed = started.elapsed();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        times.push(elapsed);
    }
    times.sort();
    times
}

fn report(name: &str, times: &[Duration]) {
    let median = times[times.len() / 2];
    let ratio = median.as_secs_f64() / LATENCY.as_secs_f64();
    println!(
        "{name:<46} median {:>6.1} ms  min {:>6.1} ms  ratio {ratio:.2} (target < 1.5: {})",
        median.as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0,
        if ratio < 1.5 { "met" } else { "MISSED" }
    );
}
