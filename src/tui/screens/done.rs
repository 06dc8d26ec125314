//! Done: what was written where, the next step for Traceloop Python, and how to rotate later.

use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::Line;

use crate::core::arrival::{Arrival, Arrived};
use crate::core::target::Target;
use crate::io::profile::SecretLocation;
use crate::tui::app::RequestId;

use crate::tui::app::{App, Effect};
use crate::tui::view::{Body, Theme};
use crate::{tr, tr_static};

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

pub fn keys(app: &App) -> Vec<(&'static str, &'static str)> {
    let quit = tr_static!("wiz-key-quit");
    if app.arrival.request.is_some() {
        // While the test span is awaited.
        vec![("Esc", tr_static!("wiz-key-skip-check")), ("q", quit)]
    } else if app.arrival.result.is_some() || app.arrival.skipped {
        // Once it has an answer (or was skipped).
        vec![
            ("Enter", quit),
            ("r", tr_static!("wiz-key-send-again")),
            ("q", quit),
        ]
    } else {
        vec![("Enter", quit), ("q", quit)]
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
                "… {}",
                tr!(
                    "wiz-done-arrival-waiting",
                    waited = waited,
                    deadline = ARRIVAL_DEADLINE.as_secs()
                )
            ),
            theme.accent(),
        ));
    } else if let Some(arrival) = &state.result {
        match arrival.outcome {
            Arrived::Visible | Arrived::Slow => {
                let after = arrival.visible_after_ms.unwrap_or(arrival.waited_ms) as f64 / 1000.0;
                lines.push(Line::styled(
                    format!(
                        "✓ {}",
                        tr!("wiz-done-arrival-visible", seconds = format!("{after:.1}"))
                    ),
                    if arrival.outcome == Arrived::Visible {
                        theme.ok()
                    } else {
                        theme.warn()
                    },
                ));
            }
            Arrived::Never | Arrived::NotSent | Arrived::Unreadable => lines.push(Line::styled(
                format!("✗ {}", tr!("wiz-done-arrival-never")),
                theme.bad(),
            )),
        }
        if let Some(link) = &arrival.link {
            lines.push(Line::styled(format!("  {link}"), theme.dim()));
        }
        if let Some(cause) = &arrival.cause {
            lines.push(Line::from(format!(
                "  {}",
                tr!("wiz-cause", cause = cause.to_string())
            )));
        }
        if let Some(fix) = &arrival.fix {
            lines.push(Line::from(format!(
                "  {}",
                tr!("wiz-fix", fix = fix.to_string())
            )));
        }
    } else if state.skipped {
        lines.push(Line::styled(tr!("wiz-done-arrival-skipped"), theme.dim()));
    }
    lines
}

pub fn body(app: &App) -> Body<'static> {
    let theme = Theme::of(app);
    let Some(done) = &app.done else {
        return Body::default();
    };
    let mut lines = vec![Line::styled(
        format!(
            "✓ {}",
            if done.rotated {
                tr!("wiz-done-rotated")
            } else {
                tr!("wiz-done-written")
            }
        ),
        theme.ok(),
    )];
    for file in &done.files {
        lines.push(Line::from(format!("  {file}")));
    }
    if let (Some(profile), Some(secret)) = (&done.profile, done.secret) {
        let line = match secret {
            SecretLocation::Keyring => tr!("wiz-done-profile-keyring", profile = profile),
            SecretLocation::KernelKeyring => tr!("wiz-done-profile-kernel", profile = profile),
            SecretLocation::EnvFile => tr!("wiz-done-profile-env-file", profile = profile),
        };
        lines.push(Line::from(format!("  {line}")));
    }
    let arrival = arrival_lines(app, &theme);
    if !arrival.is_empty() {
        lines.push(Line::from(""));
        lines.extend(arrival);
    }
    lines.push(Line::from(""));
    if done.node_project {
        lines.push(Line::from(tr!("wiz-done-next-node")));
        for (code, comment) in [
            (
                "node --env-file=.env app.js    # ",
                tr!("wiz-done-node-env-file-comment"),
            ),
            (
                "import 'dotenv/config'         # ",
                tr!("wiz-done-node-dotenv-comment"),
            ),
        ] {
            lines.push(Line::styled(format!("    {code}{comment}"), theme.accent()));
        }
        lines.push(Line::styled(tr!("wiz-done-node-sdk"), theme.dim()));
    } else {
        lines.push(Line::from(tr!("wiz-done-next-python")));
        for code in [
            "from dotenv import load_dotenv".to_string(),
            format!("load_dotenv()  # {}", tr!("wiz-done-python-load-comment")),
            "from traceloop.sdk import Traceloop".to_string(),
            "Traceloop.init(app_name=\"my-app\")".to_string(),
        ] {
            lines.push(Line::styled(format!("    {code}"), theme.accent()));
        }
        lines.push(Line::styled(tr!("wiz-done-traceloop-node"), theme.dim()));
    }
    lines.push(Line::from(""));
    if let Some(profile) = &done.profile {
        lines.push(Line::from(tr!(
            "wiz-done-rotate-later",
            command = format!("langfuse-otel rotate --profile {profile}")
        )));
        lines.push(Line::from(tr!(
            "wiz-done-run-without-env",
            command = format!(
                "langfuse-otel run --profile {profile} -- {}",
                if done.node_project {
                    "node app.js"
                } else {
                    "python app.py"
                }
            )
        )));
    }
    Body::new(lines)
}
