//! Done: what was written where, the next step for Traceloop Python, and how to rotate later.

use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::Line;

use crate::core::arrival::{Arrival, Arrived};
use crate::core::target::Target;
use crate::tui::app::RequestId;

use crate::tui::app::{App, Effect};
use crate::tui::view::{Body, Theme};

pub const KEYS: &[(&str, &str)] = &[("Enter", "quit"), ("q", "quit")];
/// While the test span is awaited.
pub const KEYS_WAITING: &[(&str, &str)] = &[("Esc", "skip the check"), ("q", "quit")];
/// Once it has an answer (or was skipped).
pub const KEYS_ARRIVED: &[(&str, &str)] = &[("Enter", "quit"), ("r", "send again"), ("q", "quit")];

/// How long the wizard waits for the test span to become visible (as `test --arrival`).
pub const ARRIVAL_DEADLINE: Duration = Duration::from_secs(60);

/// The test span sent after writing, and its answer.
#[derive(Default)]
pub struct ArrivalState {
    /// The check this screen waits for; an answer for any other is dropped.
    pub request: Option<RequestId>,
    /// When it started (the app's clock), for the time shown while waiting.
    pub started: Duration,
    pub result: Option<Arrival>,
    /// The user pressed Esc while it ran.
    pub skipped: bool,
}

/// Sends one test span with the variables just written, when they were proven (an untested write
/// would only fail again). Returns the effect; nothing when there is nothing to check.
pub fn start_arrival(app: &mut App) -> Vec<Effect> {
    if !app.proven() {
        return Vec::new();
    }
    let (Some(variables), Some(host)) = (app.variables(), app.target_host()) else {
        return Vec::new();
    };
    let target = Target::for_variables(&host, &variables, &variables);
    let verdict = app.test.report.as_ref().map(|r| &r.verdict);
    let server_version = verdict.and_then(|v| v.server_version.clone());
    let project = verdict.and_then(|v| v.project.clone());
    let id = app.request();
    app.arrival = ArrivalState {
        request: Some(id),
        started: app.clock,
        result: None,
        skipped: false,
    };
    vec![Effect::Arrival {
        id,
        target,
        server_version,
        project,
        deadline: ARRIVAL_DEADLINE,
    }]
}

pub fn keys(app: &App) -> &'static [(&'static str, &'static str)] {
    if app.arrival.request.is_some() {
        KEYS_WAITING
    } else if app.arrival.result.is_some() || app.arrival.skipped {
        KEYS_ARRIVED
    } else {
        KEYS
    }
}

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        // Esc while the check runs skips it: its answer, if it comes, is dropped.
        KeyCode::Esc if app.arrival.request.is_some() => {
            app.arrival.request = None;
            app.arrival.skipped = true;
            Vec::new()
        }
        KeyCode::Char('r')
            if app.arrival.request.is_none()
                && (app.arrival.result.is_some() || app.arrival.skipped) =>
        {
            start_arrival(app)
        }
        KeyCode::Enter | KeyCode::Char('q') | KeyCode::Esc => {
            app.quit = true;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The arrival check in words: waiting, skipped, visible (with its time), or not (cause, fix).
fn arrival_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let state = &app.arrival;
    let mut lines = Vec::new();
    if state.request.is_some() {
        let waited = app.clock.saturating_sub(state.started).as_secs();
        lines.push(Line::styled(
            format!(
                "… sent one test span; waiting for Langfuse to show it ({waited} s of {} s; Esc skips)",
                ARRIVAL_DEADLINE.as_secs()
            ),
            theme.accent(),
        ));
    } else if let Some(arrival) = &state.result {
        match arrival.outcome {
            Arrived::Visible | Arrived::Slow => {
                let after = arrival.visible_after_ms.unwrap_or(arrival.waited_ms) as f64 / 1000.0;
                lines.push(Line::styled(
                    format!("✓ the test span is visible in Langfuse after {after:.1} s"),
                    if arrival.outcome == Arrived::Visible {
                        theme.ok()
                    } else {
                        theme.warn()
                    },
                ));
            }
            Arrived::Never | Arrived::NotSent | Arrived::Unreadable => lines.push(Line::styled(
                "✗ the test span did not show up in Langfuse".to_string(),
                theme.bad(),
            )),
        }
        if let Some(link) = &arrival.link {
            lines.push(Line::styled(format!("  {link}"), theme.dim()));
        }
        if let Some(cause) = &arrival.cause {
            lines.push(Line::from(format!("  cause: {cause}")));
        }
        if let Some(fix) = &arrival.fix {
            lines.push(Line::from(format!("  fix: {fix}")));
        }
    } else if state.skipped {
        lines.push(Line::styled(
            "Skipped: whether a span shows up in Langfuse (r sends one again).",
            theme.dim(),
        ));
    }
    lines
}

pub fn body(app: &App) -> Body<'static> {
    let theme = Theme::of(app);
    let Some(done) = &app.done else {
        return Body::default();
    };
    let mut lines = vec![Line::styled(
        if done.rotated {
            "✓ Keys rotated."
        } else {
            "✓ Written."
        },
        theme.ok(),
    )];
    for file in &done.files {
        lines.push(Line::from(format!("  {file}")));
    }
    if let (Some(profile), Some(secret)) = (&done.profile, done.secret) {
        lines.push(Line::from(format!(
            "  profile `{profile}` (secret key {})",
            secret.kept()
        )));
    }
    let arrival = arrival_lines(app, &theme);
    if !arrival.is_empty() {
        lines.push(Line::from(""));
        lines.extend(arrival);
    }
    lines.push(Line::from(""));
    if done.node_project {
        lines.push(Line::from(
            "Next, in your Node app (package.json here): load the .env first:",
        ));
        for code in [
            "node --env-file=.env app.js    # Node 20.6+",
            "import 'dotenv/config'         # or this, first line (dotenv)",
        ] {
            lines.push(Line::styled(format!("    {code}"), theme.accent()));
        }
        lines.push(Line::styled(
            "Then start the OpenTelemetry SDK (NodeSDK): it reads OTEL_EXPORTER_OTLP_*.",
            theme.dim(),
        ));
    } else {
        lines.push(Line::from(
            "Next, in your app (Traceloop / OpenLLMetry for Python):",
        ));
        for code in [
            "from dotenv import load_dotenv",
            "load_dotenv()  # before Traceloop.init(), so it reads TRACELOOP_*",
            "from traceloop.sdk import Traceloop",
            "Traceloop.init(app_name=\"my-app\")",
        ] {
            lines.push(Line::styled(format!("    {code}"), theme.accent()));
        }
        lines.push(Line::styled(
            "Node.js: Traceloop Node cannot read TRACELOOP_HEADERS; use the otel family (OTEL_EXPORTER_OTLP_*).",
            theme.dim(),
        ));
    }
    lines.push(Line::from(""));
    if let Some(profile) = &done.profile {
        lines.push(Line::from(format!(
            "Rotate later: langfuse-otel rotate --profile {profile}"
        )));
        lines.push(Line::from(format!(
            "Run without a .env: langfuse-otel run --profile {profile} -- {}",
            if done.node_project {
                "node app.js"
            } else {
                "python app.py"
            }
        )));
    }
    Body::new(lines)
}
