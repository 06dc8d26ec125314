//! Done: what was written where, the next step for Traceloop Python, and how to rotate later.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::Line;

use crate::tui::app::{App, Effect};
use crate::tui::view::{Body, Theme};

pub const KEYS: &[(&str, &str)] = &[("Enter", "quit"), ("q", "quit")];

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if matches!(key.code, KeyCode::Enter | KeyCode::Char('q') | KeyCode::Esc) {
        app.quit = true;
    }
    Vec::new()
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
