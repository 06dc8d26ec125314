//! `langfuse-otel demo`: the whole flow against a sandbox Langfuse on loopback, with demo keys, so a
//! newcomer with no account (or no network) sees what setup writes and how the live test proves it.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use super::{HostChoice, say, setup, test};
use crate::cli::{
    DemoArgs, HostArgs, IngestionVersion, KeyArgs, ProbeArgs, ProfileArgs, SetupArgs, TestArgs,
    VarArgs,
};
use crate::core::credential::BasicCredential;
use crate::core::host::{HostPick, normalize_host};
use crate::core::keys::{mask_secret, parse_key_pair};
use crate::core::vars::{DEFAULT_INGESTION_VERSION, Family};
use crate::exit::{Exit, Failure};
use crate::io::sandbox::{DEMO_PUBLIC_KEY, DEMO_SECRET_KEY, Sandbox, SandboxConfig};
use crate::tr;

pub fn run(args: DemoArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    // The sandbox runs on its own threads while setup and test run their own runtimes.
    let server = super::live::server_runtime()?;
    let sandbox = server
        .block_on(Sandbox::start(SandboxConfig::demo()))
        .map_err(|e| {
            Failure::new(
                Exit::Failure,
                tr!("cli-demo-cannot-start", error = e.to_string()),
            )
        })?;
    let env_file = match args.env_file {
        Some(path) => path,
        None => demo_dir()?.join(".env"),
    };

    if super::wizard::interactive() {
        let url = sandbox.url();
        let path = env_file.display().to_string();
        super::wizard::run(
            super::wizard::WizardOptions {
                ephemeral: true,
                ..Default::default()
            },
            move |app| {
                app.region_choice = HostPick::ALL
                    .iter()
                    .position(|c| *c == HostPick::SelfHosted)
                    .unwrap_or(0);
                app.url.set(&url);
                app.keys.public.set(DEMO_PUBLIC_KEY);
                app.keys.secret.set(DEMO_SECRET_KEY);
                app.output.path.set(&path);
            },
            out,
            err,
        )?;
        let exports = sandbox
            .requests()
            .iter()
            .filter(|r| r.method == "POST")
            .count();
        say!(
            out,
            "{}",
            tr!("cli-demo-wizard-done", url = sandbox.url(), count = exports)
        );
        return Ok(());
    }
    say!(out, "{}", tr!("cli-demo-intro"));
    say!(out, "");
    say!(out, "{}", tr!("cli-demo-step-sandbox", url = sandbox.url()));
    say!(
        out,
        "{}",
        tr!(
            "cli-demo-step-sandbox-keys",
            public = DEMO_PUBLIC_KEY,
            secret = mask_secret(DEMO_SECRET_KEY)
        )
    );
    say!(out, "");
    say!(out, "{}", tr!("cli-demo-step-setup"));
    say!(
        out,
        "   $ langfuse-otel setup --non-interactive --host {} --public-key {DEMO_PUBLIC_KEY} \\\n       --secret-key-stdin --vars traceloop,otel,langfuse --env-file {}",
        sandbox.url(),
        env_file.display()
    );
    say!(out, "");
    let (host, _) = normalize_host(&sandbox.url(), false)?;
    let (keys, _) = parse_key_pair(DEMO_PUBLIC_KEY, DEMO_SECRET_KEY)?;
    let probe = ProbeArgs {
        connect_timeout: Duration::from_secs(5),
        timeout: Duration::from_secs(10),
        send_test_trace: false,
    };
    let setup_args = SetupArgs {
        non_interactive: true,
        host: HostArgs {
            region: None,
            host: Some(sandbox.url()),
            allow_http: false,
        },
        keys: KeyArgs {
            public_key: Some(DEMO_PUBLIC_KEY.to_string()),
            secret_key_stdin: true,
        },
        vars: VarArgs {
            vars: Family::ALL.to_vec(),
            ingestion_version: IngestionVersion(Some(DEFAULT_INGESTION_VERSION)),
            signals: Vec::new(),
            headers: Vec::new(),
        },
        env_files: vec![env_file.clone()],
        yes: false,
        gitignore: false,
        follow_symlinks: false,
        force: false,
        dry_run: false,
        skip_test: false,
        write_anyway: false,
        probe: probe.clone(),
        profile: ProfileArgs {
            profile: "demo".to_string(),
            keyring_timeout: Duration::from_secs(3),
        },
        no_keyring: true,
        kernel_keyring: false,
        no_env_file: false,
        json: false,
        ephemeral: true,
    };
    setup::run_with_keys(setup_args, HostChoice::Fixed(host), keys.clone(), out, err)?;

    say!(out, "");
    say!(out, "{}", tr!("cli-demo-step-test"));
    say!(
        out,
        "   $ langfuse-otel test --env-file {} --send-test-trace",
        env_file.display()
    );
    say!(out, "");
    test::run(
        TestArgs {
            env_files: vec![env_file.clone()],
            json: false,
            allow_http: false,
            probe: ProbeArgs {
                send_test_trace: true,
                ..probe
            },
            profile: None,
            // The demo tests the file it just wrote, whatever this shell exports.
            no_env: true,
            arrival: false,
            arrival_timeout: std::time::Duration::from_secs(60),
            keyring_timeout: Duration::from_secs(3),
        },
        out,
        err,
    )?;

    let expected = BasicCredential::new(&keys).header_value();
    let exports: Vec<_> = sandbox
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/v1/traces"))
        .collect();
    use secrecy::ExposeSecret as _;
    let exact = exports
        .iter()
        .filter(|r| r.header("authorization") == Some(expected.expose_secret()))
        .count();
    say!(out, "");
    say!(
        out,
        "{}",
        tr!(
            "cli-demo-step-received",
            count = exports.len(),
            exact = exact
        )
    );
    say!(out, "");
    say!(
        out,
        "{}",
        tr!("cli-demo-your-env", path = env_file.display())
    );
    say!(out, "{}", tr!("cli-demo-for-real"));
    if exact != exports.len() {
        return Err(Failure::new(Exit::Failure, tr!("cli-demo-bug")));
    }
    Ok(())
}

/// A new directory for the demo's files, kept after the demo so the user can look at them.
fn demo_dir() -> Result<PathBuf, Failure> {
    tempfile::Builder::new()
        .prefix("langfuse-otel-demo-")
        .tempdir()
        .map(|dir| dir.keep())
        .map_err(|e| {
            Failure::new(
                Exit::CannotWrite,
                tr!("cli-demo-no-temp-dir", error = e.to_string()),
            )
        })
}
