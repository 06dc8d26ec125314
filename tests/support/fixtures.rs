//! The wizard at each of its screens, built by feeding messages to `update` (no IO): shared by the
//! snapshot tests and the README screenshots, so both show exactly what a person sees.

use std::path::PathBuf;
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use langfuse_otel::apply::GitExposure;
use langfuse_otel::core::diagnosis::{Attempt, CheckKind, Outcome, Reply, judge};
use langfuse_otel::core::host::Region;
use langfuse_otel::core::server_text::{MAX_TEXT, Redactor, ServerText};
use langfuse_otel::core::vars::Family;
use langfuse_otel::io::probe::Report;
use langfuse_otel::io::profile::{Profile, SecretLocation};
use langfuse_otel::io::secret_store::StoreError;
use langfuse_otel::tui::app::{App, Context, DiagnoseLine, DoneSummary, Msg, Standing, update};

pub const PK: &str = "pk-lf-1c5d8a3e-0f3b-4c59-9d1a-5b8f2e7c4a10";
pub const SK: &str = "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b";

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, key(KeyCode::Char(c)));
    }
}

pub fn profile() -> Profile {
    Profile {
        name: "default".into(),
        host: "https://cloud.langfuse.com".into(),
        public_key: PK.into(),
        families: vec![Family::Traceloop, Family::Langfuse],
        ingestion_version: Some(4),
        secret: SecretLocation::Keyring,
        signals: Vec::new(),
        headers: Vec::new(),
        env_files: vec![PathBuf::from("/home/ada/app/.env")],
        created: "2026-11-20T09:00:00Z".into(),
        rotated: None,
        last_tested: Some("2026-11-20T09:00:01Z".into()),
    }
}

pub fn context() -> Context {
    Context {
        env_file: None,
        env_families: Vec::new(),
        profiles: Vec::new(),
        regions: Region::CLOUD.iter().map(|r| (*r, r.host())).collect(),
        no_color: true,
        profile_name: "default".into(),
        ephemeral: false,
        home: Some(PathBuf::from("/home/ada")),
        cwd: Some(PathBuf::from("/home/ada/app")),
        node_project: false,
    }
}

pub fn app() -> App {
    App::new(context())
}

fn reply(status: u16, body: &str) -> Outcome {
    Outcome::Reply(Reply::from_server(
        status,
        Some("application/json"),
        body,
        None,
        &Redactor::none(),
    ))
}

fn text(raw: &str) -> ServerText {
    ServerText::sanitize(raw, &Redactor::none(), MAX_TEXT)
}

fn attempt(check: CheckKind, url: &str, outcome: Outcome, ms: u64) -> Attempt {
    Attempt {
        check,
        url: url.into(),
        outcome,
        attempts: 1,
        elapsed: Duration::from_millis(ms),
    }
}

/// A report as the probe makes it, for EU: accepted, or keys rejected.
pub fn report(ok: bool) -> Report {
    let base = "https://cloud.langfuse.com";
    let health = attempt(
        CheckKind::Health,
        &format!("{base}/api/public/health"),
        reply(200, r#"{"status":"OK","version":"3.130.0"}"#),
        41,
    );
    let rejected =
        r#"{"message":"Invalid credentials. Confirm that you've configured the correct host."}"#;
    let credentials = attempt(
        CheckKind::Credentials,
        &format!("{base}/api/public/projects"),
        if ok {
            reply(
                200,
                r#"{"data":[{"id":"cm1abc","name":"checkout-service","organization":{"id":"o1","name":"Acme"}}]}"#,
            )
        } else {
            reply(401, rejected)
        },
        52,
    );
    let ingest = attempt(
        CheckKind::Ingest,
        &format!("{base}/api/public/otel/v1/traces"),
        if ok {
            reply(200, "{}")
        } else {
            reply(401, rejected)
        },
        47,
    );
    let verdict = judge(Some(&health), Some(&credentials), &ingest);
    Report {
        target_label: "setup".into(),
        via_proxy: None,
        traces_url: format!("{base}/api/public/otel/v1/traces"),
        health,
        credentials,
        ingest,
        verdict,
        elapsed: Duration::from_millis(53),
    }
}

/// Start, with a profile and a .env found.
pub fn start() -> App {
    let mut context = context();
    context.profiles = vec![profile()];
    context.env_file = Some(PathBuf::from(".env"));
    context.env_families = vec![Family::Otel];
    App::new(context)
}

/// `setup --host ... --public-key ... --env-file web/.env` in a terminal, in a Node project: the
/// wizard opens with the answers filled in and says where they came from.
pub fn start_prefilled() -> App {
    let mut context = context();
    context.node_project = true;
    let mut app = App::new(context);
    app.prefill(langfuse_otel::tui::app::Prefill {
        url: Some("https://langfuse.example.com".into()),
        public_key: Some(PK.into()),
        env_file: Some(PathBuf::from("web/.env")),
        ..Default::default()
    });
    app
}

/// Done, 3 s into the wait for the test span (the write's answer started it).
pub fn done_arriving() -> App {
    let mut app = done();
    assert!(
        app.arrival.request.is_some(),
        "the check starts after a proven write"
    );
    let now = app.clock + std::time::Duration::from_secs(3);
    update(&mut app, Msg::Tick(now));
    app
}

/// Done with the test span's answer: visible after 1.4 s, or never (with its cause and fix).
pub fn done_arrived(visible: bool) -> App {
    use langfuse_otel::core::arrival::{Arrived, Context, judge};
    use std::time::Duration;
    let mut app = done();
    let id = app.arrival.request.expect("the check runs");
    let context = Context {
        sent_v4_header: true,
        server_version: Some("3.130.0".into()),
        deadline: Duration::from_secs(60),
    };
    let trace = "4bf92f3577b34da6a3ce929d0e0e4736".to_string();
    let mut arrival = if visible {
        judge(
            trace,
            Some(Duration::from_millis(1400)),
            Duration::from_millis(1400),
            3,
            None,
            &context,
        )
    } else {
        judge(trace, None, Duration::from_secs(60), 14, None, &context)
    };
    arrival.link = Some(
        "https://cloud.langfuse.com/project/cm0project/traces/4bf92f3577b34da6a3ce929d0e0e4736"
            .into(),
    );
    assert_eq!(arrival.outcome == Arrived::Visible, visible);
    update(
        &mut app,
        Msg::Arrived {
            id,
            arrival: Box::new(arrival),
        },
    );
    app
}

/// Done after writing into a Node project: the next step names dotenv / `node --env-file`.
pub fn done_node() -> App {
    let mut app = done();
    if let Some(done) = app.done.as_mut() {
        done.node_project = true;
    }
    app
}

/// Region, self-hosted URL being typed (with a pasted OTel suffix).
pub fn region() -> App {
    let mut app = app();
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, key(KeyCode::Up));
    update(&mut app, key(KeyCode::Enter));
    typed(&mut app, "langfuse.example.com/api/public/otel");
    app
}

/// The keys screen for EU, nothing typed yet.
pub fn keys_empty() -> App {
    let mut app = app();
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Enter));
    app
}

/// Keys for EU, pasted with quotes and a line break.
pub fn keys() -> App {
    let mut app = keys_empty();
    update(&mut app, Msg::Paste(format!("\"{PK}\"\n")));
    update(&mut app, key(KeyCode::Tab));
    update(&mut app, Msg::Paste(SK.into()));
    app
}

/// The test running, 0.4 s in.
pub fn testing() -> App {
    let mut app = keys();
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, Msg::Tick(Duration::from_millis(400)));
    app
}

pub fn tested(ok: bool) -> App {
    let mut app = testing();
    let hint = (!ok).then(|| langfuse_otel::io::probe::RegionAnswer {
        region: Region::Us,
        host: Region::Us.host(),
        result: Ok(langfuse_otel::core::diagnosis::Project {
            id: text("cm1abc"),
            name: text("checkout-service"),
            organization: Some(text("Acme")),
        }),
    });
    let id = app.test.request.expect("a test is running");
    update(
        &mut app,
        Msg::Tested {
            id,
            report: Box::new(report(ok)),
            hint,
        },
    );
    app
}

/// The keyring check the output screen waits for, answered.
pub fn keyring_checked(app: &mut App, result: Result<(), StoreError>) {
    let id = app
        .output
        .keyring_request
        .expect("a keyring check is pending");
    update(app, Msg::KeyringChecked { id, result });
}

/// Output, merging into an existing .env with an old header.
pub fn output() -> App {
    let mut app = tested(true);
    update(&mut app, key(KeyCode::Enter));
    keyring_checked(&mut app, Ok(()));
    let id = app.output.read_request.expect("a read is pending");
    update(
        &mut app,
        Msg::EnvRead {
            id,
            path: PathBuf::from("/home/ada/app/.env"),
            result: Ok(Some(
                "DATABASE_URL=postgres://db/app\nTRACELOOP_HEADERS=Authorization=Basic abc\n"
                    .into(),
            )),
            mode: Some(0o644),
        },
    );
    app
}

/// Output when git would commit the .env: the warning, and the offer of the escaped lines.
pub fn output_git() -> App {
    let mut app = output();
    let id = app.output.git_request.expect("a git check is pending");
    let file = PathBuf::from("/home/ada/app/.env");
    update(
        &mut app,
        Msg::GitChecked {
            id,
            exposures: vec![GitExposure {
                unignored: vec![file.clone(), PathBuf::from("/home/ada/app/.env.bak")],
                tracked: Vec::new(),
                unknown: None,
                file,
            }],
        },
    );
    app
}

/// Output when the keyring is locked.
pub fn output_locked() -> App {
    let mut app = tested(true);
    update(&mut app, key(KeyCode::Enter));
    keyring_checked(&mut app, Err(StoreError::Locked));
    let id = app.output.read_request.expect("a read is pending");
    update(
        &mut app,
        Msg::EnvRead {
            id,
            path: PathBuf::from("/home/ada/app/.env"),
            result: Ok(None),
            mode: None,
        },
    );
    app
}

pub fn done() -> App {
    let mut app = output();
    update(&mut app, key(KeyCode::Enter));
    let id = app.output.write_request.expect("a write is pending");
    update(
        &mut app,
        Msg::Written {
            id,
            result: Ok(DoneSummary {
                files: vec![".env: written (previous version in .env.bak)".into()],
                profile: Some("default".into()),
                secret: Some(SecretLocation::Keyring),
                rotated: false,
                node_project: false,
            }),
        },
    );
    app
}

pub fn diagnose() -> App {
    let mut app = start();
    let options = app.start_options();
    app.start_choice = options
        .iter()
        .position(|o| matches!(o, langfuse_otel::tui::app::StartOption::Diagnose(_)))
        .unwrap_or(0);
    update(&mut app, key(KeyCode::Enter));
    let id = app.diagnose_request.expect("a diagnosis is pending");
    update(
        &mut app,
        Msg::Diagnosed {
            id,
            // Worded as the checkup words them (core's messages), in the language at hand.
            result: Ok(vec![
                DiagnoseLine {
                    repair: vec![
                        format!(
                            "- TRACELOOP_HEADERS={}",
                            langfuse_otel::tr!("wiz-diagnose-secret-hidden")
                        ),
                        format!(
                            "+ TRACELOOP_HEADERS={}",
                            langfuse_otel::tr!("wiz-diagnose-secret-hidden")
                        ),
                    ],
                    family: "traceloop",
                    standing: Standing::Error,
                    detail: langfuse_otel::tr!("core-cause-no-authorization-header"),
                    fix: Some(langfuse_otel::tr!("core-fix-no-authorization-header")),
                },
                DiagnoseLine {
                    repair: vec![format!(
                        "+ {}",
                        langfuse_otel::tr!("wiz-diagnose-repair-mode")
                    )],
                    family: langfuse_otel::tr_static!("wiz-diagnose-file"),
                    standing: Standing::Warning,
                    detail: langfuse_otel::tr!("core-doctor-world-readable", mode = "0644"),
                    fix: Some(langfuse_otel::tui::screens::diagnose::without_fix_flag(
                        &langfuse_otel::tr!("core-doctor-world-readable-fix"),
                    )),
                },
                DiagnoseLine {
                    repair: Vec::new(),
                    family: "otel",
                    standing: Standing::Ok,
                    detail: langfuse_otel::tr!(
                        "core-project-in-organization",
                        name = "checkout-service",
                        organization = "Acme"
                    ),
                    fix: None,
                },
            ]),
        },
    );
    app
}

/// Output when no Secret Service runs on the session's D-Bus.
pub fn output_no_secret_service() -> App {
    let mut app = tested(true);
    update(&mut app, key(KeyCode::Enter));
    keyring_checked(
        &mut app,
        Err(StoreError::Unavailable(
            "SS error: result not returned from SS API".into(),
        )),
    );
    app
}

/// Detection when no region could be reached.
pub fn detect_offline() -> App {
    let mut app = app();
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, Msg::Paste(format!("{PK}\n{SK}")));
    update(&mut app, key(KeyCode::Enter));
    let id = app.test.request.expect("a detection is running");
    let answers = Region::CLOUD
        .iter()
        .map(|r| langfuse_otel::io::probe::RegionAnswer {
            region: *r,
            host: r.host(),
            result: Err(langfuse_otel::core::diagnosis::Problem::Network(
                langfuse_otel::core::diagnosis::NetError::Dns {
                    host: r.host().to_string(),
                },
            )),
        })
        .collect();
    update(
        &mut app,
        Msg::Detected {
            id,
            answers,
            elapsed: Duration::from_millis(30),
        },
    );
    app
}

/// The demo's start screen.
pub fn demo() -> App {
    let mut context = context();
    context.ephemeral = true;
    App::new(context)
}

/// Every screen worth a picture, by name.
pub fn gallery() -> Vec<(&'static str, App)> {
    vec![
        ("start", start()),
        ("region", region()),
        ("keys", keys()),
        ("testing", testing()),
        ("test-ok", tested(true)),
        ("test-failed", tested(false)),
        ("output", output()),
        ("output-locked", output_locked()),
        ("output-git", output_git()),
        ("output-no-secret-service", output_no_secret_service()),
        ("detect-offline", detect_offline()),
        ("demo", demo()),
        ("done", done()),
        ("start-prefilled", start_prefilled()),
        ("done-node", done_node()),
        ("done-arriving", done_arriving()),
        ("done-arrived", done_arrived(true)),
        ("done-not-arrived", done_arrived(false)),
        ("diagnose", diagnose()),
        ("explain", explain()),
        ("rotate-keys", rotate_keys()),
        ("rotate-output", rotate_output()),
    ]
}

/// Rotate: the profile's new keys pasted (both at once) on its keys screen.
pub fn rotate_keys() -> App {
    let mut app = start();
    // The first option after "Set up": rotate the keys of profile `default`.
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, Msg::Paste(format!("{PK}\n{SK}\n")));
    app
}

/// Rotate: tested, and the files it rewrites (the profile's .env is not on this machine).
pub fn rotate_output() -> App {
    let mut app = rotate_keys();
    update(&mut app, key(KeyCode::Enter));
    let id = app.test.request.expect("a test is running");
    update(
        &mut app,
        Msg::Tested {
            id,
            report: Box::new(report(true)),
            hint: None,
        },
    );
    update(&mut app, key(KeyCode::Enter));
    app
}

/// Explain: a pasted OTel Python line, read; the .env's raw space found by the real checks.
pub fn explain() -> App {
    let mut app = start();
    let options = app.start_options();
    app.start_choice = options
        .iter()
        .position(|o| matches!(o, langfuse_otel::tui::app::StartOption::Explain))
        .expect("explain is always offered");
    update(&mut app, key(KeyCode::Enter));
    update(
        &mut app,
        Msg::Paste(
            "ERROR:opentelemetry.exporter.otlp.proto.http.trace_exporter:Failed to export span batch code: 401, reason: {\"message\":\"No authorization header\"}\n".into(),
        ),
    );
    update(&mut app, key(KeyCode::Enter));
    let id = app.explain.request.expect("the .env is read");
    let env = format!(
        "TRACELOOP_BASE_URL=https://cloud.langfuse.com/api/public/otel\nTRACELOOP_HEADERS='Authorization=Basic {}'\n",
        langfuse_otel::core::credential::BasicCredential::new(
            &langfuse_otel::core::keys::parse_key_pair(PK, SK).unwrap().0
        )
        .base64()
    );
    let findings = langfuse_otel::core::doctor::check_file(&env, Default::default());
    let related = app
        .explain
        .result
        .as_ref()
        .and_then(|r| r.as_ref().ok())
        .map(|e| e.related_findings(&findings))
        .unwrap_or_default();
    update(
        &mut app,
        Msg::ExplainFindings {
            id,
            result: Ok(related),
        },
    );
    app
}
