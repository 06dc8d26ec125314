//! Diagnose: the live test of an existing .env, one variable family at a time.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::checkup::{Examined, FamilyCheck};
use crate::core::diagnosis::describe_project;
use crate::core::doctor::Severity;
use crate::tui::app::{App, DiagnoseLine, Effect, Screen};
use crate::tui::view::{Theme, paragraph, spinner};

pub const KEYS: &[(&str, &str)] = &[("Esc", "back"), ("q", "quit"), ("Ctrl-C", "quit")];

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => {
            app.diagnose_request = None;
            app.screen = Screen::Start;
        }
        KeyCode::Char('q') => app.quit = true,
        _ => {}
    }
    Vec::new()
}

pub fn view(frame: &mut Frame, area: Rect, app: &App) {
    let theme = Theme::of(app);
    let path = app
        .context
        .env_file
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let mut lines = vec![
        Line::from(format!(
            "Each variable family in {path}, tested alone, as its client reads it:"
        )),
        Line::from(""),
    ];
    match &app.diagnose {
        None => lines.push(Line::from(format!("  {} testing…", spinner(app)))),
        Some(Err(error)) => lines.push(Line::styled(format!("✗ {error}"), theme.bad())),
        Some(Ok(families)) => {
            for family in families {
                let (mark, style) = if family.ok {
                    ("✓", theme.ok())
                } else {
                    ("✗", theme.bad())
                };
                lines.push(Line::styled(
                    format!("{mark} {:<10} {}", family.family, family.detail),
                    style,
                ));
                if let Some(fix) = &family.fix {
                    lines.push(Line::from(format!("  fix: {fix}")));
                }
            }
        }
    }
    frame.render_widget(paragraph(lines), area);
}

/// The checkup's findings, then each family's live result, as the screen's lines.
pub fn lines(examined: &Examined, families: &[FamilyCheck]) -> Vec<DiagnoseLine> {
    let mut lines = Vec::new();
    for finding in examined.all_findings() {
        let at = finding
            .line
            .map_or_else(String::new, |l| format!("line {l}: "));
        lines.push(DiagnoseLine {
            family: finding.family.map_or("file", |f| f.name()),
            ok: finding.severity != Severity::Error,
            warning: finding.severity == Severity::Warning,
            detail: format!("{at}{}", finding.cause),
            fix: Some(finding.fix.clone()),
        });
    }
    for family in families {
        let (detail, fix) = match (&family.error, family.problems.first()) {
            (Some(error), _) => (error.clone(), None),
            (None, Some(problem)) => (problem.cause.clone(), Some(problem.fix.clone())),
            (None, None) => (
                family
                    .project
                    .as_ref()
                    .map(describe_project)
                    .unwrap_or_default(),
                None,
            ),
        };
        lines.push(DiagnoseLine {
            family: family.family,
            ok: family.ok,
            warning: false,
            detail,
            fix,
        });
    }
    lines
}
