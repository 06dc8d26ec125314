//! Diagnose: the live test of an existing .env, one variable family at a time.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::Line;

use crate::checkup::{Examined, FamilyCheck};
use crate::core::diagnosis::describe_project;
use crate::core::doctor::{Check, Severity};
use crate::tui::app::{App, DiagnoseLine, Effect, Screen, Standing};
use crate::tui::view::{Body, Theme, spinner};

pub const KEYS: &[(&str, &str)] = &[
    ("↑↓", "choose"),
    ("f", "repair"),
    ("Esc", "back"),
    ("q", "quit"),
    ("Ctrl-C", "quit"),
];

/// Test the file again (on entry, and after a repair): a new request, so an older answer is
/// dropped.
pub fn test_again(app: &mut App) -> Vec<Effect> {
    let Some(path) = app.diagnose_path.clone() else {
        return Vec::new();
    };
    app.diagnose = None;
    app.diagnose_choice = 0;
    let id = app.request();
    app.diagnose_request = Some(id);
    vec![Effect::Diagnose { id, path }]
}

/// The repairs on screen, in order: what `f` applies.
fn shown_repairs(app: &App) -> Vec<String> {
    match &app.diagnose {
        Some(Ok(lines)) => lines.iter().flat_map(|l| l.repair.clone()).collect(),
        _ => Vec::new(),
    }
}

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let count = match &app.diagnose {
        Some(Ok(lines)) => lines.len(),
        _ => 0,
    };
    if count > 0 && super::move_selection(&mut app.diagnose_choice, count, &key) {
        return Vec::new();
    }
    match key.code {
        KeyCode::Esc => {
            app.diagnose_request = None;
            app.repair_request = None;
            app.screen = Screen::Start;
        }
        KeyCode::Char('q') => app.quit = true,
        KeyCode::Char('f') if app.repair_request.is_none() && app.diagnose_request.is_none() => {
            let shown = shown_repairs(app);
            if let (false, Some(path)) = (shown.is_empty(), app.diagnose_path.clone()) {
                let id = app.request();
                app.repair_request = Some(id);
                app.repaired = None;
                return vec![Effect::Repair { id, path, shown }];
            }
        }
        _ => {}
    }
    Vec::new()
}

pub fn body(app: &App) -> Body<'static> {
    let theme = Theme::of(app);
    let path = app
        .context
        .env_file
        .as_ref()
        .map(|p| {
            super::output::resolve(app, &p.to_string_lossy())
                .display()
                .to_string()
        })
        .unwrap_or_default();
    let mut lines = vec![
        Line::from(format!(
            "Each variable family in {path}, tested alone, as its client reads it:"
        )),
        Line::from(""),
    ];
    let mut focus = None;
    let mut cut = Vec::new();
    match &app.diagnose {
        None => lines.push(Line::from(format!("  {} testing…", spinner(app)))),
        Some(Err(error)) => lines.push(Line::styled(format!("✗ {error}"), theme.bad())),
        Some(Ok(families)) => {
            let count = |standing| families.iter().filter(|f| f.standing == standing).count();
            lines.push(Line::from(format!(
                "{} error(s), {} warning(s), {} ok",
                count(Standing::Error),
                count(Standing::Warning),
                count(Standing::Ok)
            )));
            for (i, family) in families.iter().enumerate() {
                let style = match family.standing {
                    Standing::Error => theme.bad(),
                    Standing::Warning => theme.warn(),
                    Standing::Ok => theme.ok(),
                };
                let selected = i == app.diagnose_choice;
                if selected {
                    focus = Some(lines.len());
                }
                let line = Line::styled(
                    format!(
                        "{}{} {:<7} {:<10} {}",
                        if selected { "› " } else { "  " },
                        family.standing.symbol(),
                        family.standing.word(),
                        family.family,
                        family.detail
                    ),
                    style,
                );
                lines.push(if selected {
                    line.patch_style(theme.selected())
                } else {
                    line
                });
                if let Some(fix) = &family.fix {
                    lines.push(Line::from(format!("    fix: {fix}")));
                }
                for change in &family.repair {
                    let style = if change.starts_with('+') {
                        theme.ok()
                    } else {
                        theme.bad()
                    };
                    cut.push(lines.len());
                    lines.push(Line::styled(format!("      {change}"), style));
                }
            }
        }
    }
    let repairable = !shown_repairs(app).is_empty();
    let mut action = Vec::new();
    match &app.repaired {
        Some(Ok(notes)) => {
            for note in notes {
                action.push(Line::styled(format!("✓ {note}"), theme.ok()));
            }
        }
        Some(Err(error)) => action.push(Line::styled(format!("✗ {error}"), theme.bad())),
        None => {}
    }
    if app.repair_request.is_some() {
        action.push(Line::from(format!("  {} repairing…", spinner(app))));
    } else if repairable {
        action.push(Line::styled(
            "Press f to apply the lines marked - / + (the file keeps a .bak), then it is tested again.",
            theme.dim(),
        ));
    }
    Body {
        lines,
        focus,
        action,
        cut,
    }
}

/// The checkup's findings, then each family's live result, as the screen's lines.
pub fn lines(examined: &Examined, families: &[FamilyCheck], text: &str) -> Vec<DiagnoseLine> {
    let mut lines = Vec::new();
    // The repaired values, computed as `doctor --fix` computes them; shown as a diff, secrets hidden.
    let repaired = crate::core::doctor::repairs(text, &examined.findings).unwrap_or_default();
    let doc = crate::core::dotenv::Document::parse(text);
    let shown = |name: &str, value: &str| {
        if crate::core::vars::holds_secret(name) {
            "(holds the secret: hidden)".to_string()
        } else {
            value.to_string()
        }
    };
    for finding in examined.all_findings() {
        let at = finding
            .line
            .map_or_else(String::new, |l| format!("line {l}: "));
        let mut repair = Vec::new();
        if finding.fixable
            && let Some(name) = finding.variable
            && let Some((_, value)) = repaired.iter().find(|(n, _)| *n == name)
        {
            if let Some(old) = doc.assignments(name).last() {
                repair.push(format!("- {name}={}", shown(name, doc.raw_value(old))));
            }
            repair.push(format!("+ {name}={}", shown(name, value)));
        }
        // The file's own repairs, as `doctor --fix` makes them (apply::repair_file_facts).
        match finding.check {
            Check::WorldReadable => repair.push("+ mode 0600: only you can read it".into()),
            Check::GitWouldCommit => {
                repair.push("+ .gitignore: the .env and its .bak, escaped for git".into())
            }
            _ => {}
        }
        lines.push(DiagnoseLine {
            repair,
            family: finding.family.map_or("file", |f| f.name()),
            standing: match finding.severity {
                Severity::Error => Standing::Error,
                Severity::Warning => Standing::Warning,
            },
            detail: format!("{at}{}", finding.cause),
            // The screen shows the repair itself; the CLI's flag means nothing here.
            fix: Some(finding.fix.replace(" (--fix does)", "")),
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
            repair: Vec::new(),
            family: family.family,
            standing: if family.ok {
                Standing::Ok
            } else {
                Standing::Error
            },
            detail,
            fix,
        });
    }
    lines
}
