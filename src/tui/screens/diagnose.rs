//! Diagnose: the live test of an existing .env, one variable family at a time.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::Line;

use crate::checkup::{Examined, FamilyCheck};
use crate::core::diagnosis::describe_project;
use crate::core::doctor::{Check, Severity};
use crate::tui::app::{App, DiagnoseLine, Effect, Screen, Standing};
use crate::tui::view::{Body, Theme, pad, spinner};
use crate::{tr, tr_static};

pub fn keys() -> Vec<(&'static str, &'static str)> {
    vec![
        ("↑↓", tr_static!("wiz-key-choose")),
        ("f", tr_static!("wiz-key-repair")),
        ("Esc", tr_static!("wiz-key-back")),
        ("q", tr_static!("wiz-key-quit")),
        ("Ctrl-C", tr_static!("wiz-key-quit")),
    ]
}

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
        Line::from(tr!("wiz-diagnose-intro", path = path)),
        Line::from(""),
    ];
    let mut focus = None;
    let mut cut = Vec::new();
    match &app.diagnose {
        None => lines.push(Line::from(format!(
            "  {} {}",
            spinner(app),
            tr!("wiz-diagnose-testing")
        ))),
        Some(Err(error)) => lines.push(Line::styled(format!("✗ {error}"), theme.bad())),
        Some(Ok(families)) => {
            let count = |standing| families.iter().filter(|f| f.standing == standing).count();
            lines.push(Line::from(tr!(
                "wiz-diagnose-counts",
                errors = count(Standing::Error),
                warnings = count(Standing::Warning),
                ok = count(Standing::Ok)
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
                        "{}{} {} {} {}",
                        if selected { "› " } else { "  " },
                        family.standing.symbol(),
                        pad(family.standing.word(), 7),
                        pad(family.family, 10),
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
                    lines.push(Line::from(format!("    {}", tr!("wiz-fix", fix = fix))));
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
        action.push(Line::from(format!(
            "  {} {}",
            spinner(app),
            tr!("wiz-diagnose-repairing")
        )));
    } else if repairable {
        action.push(Line::styled(tr!("wiz-diagnose-repair-hint"), theme.dim()));
    }
    Body {
        lines,
        focus,
        action,
        cut,
    }
}

/// A doctor fix without its note that `--fix` makes it (`(--fix does)`, in any language, with
/// ASCII or full-width parentheses): the screen makes the repair itself, the CLI's flag means
/// nothing here.
pub fn without_fix_flag(fix: &str) -> String {
    let mut text = fix.to_string();
    let mut from = 0;
    while let Some(found) = text[from..].find("--fix") {
        let flag = from + found;
        let group = [("(", ")"), ("（", "）")].iter().find_map(|(open, close)| {
            let start = text[..flag].rfind(open)?;
            if text[start..flag].contains(close) {
                return None;
            }
            let end = flag + text[flag..].find(close)? + close.len();
            Some((start, end))
        });
        match group {
            Some((start, end)) => {
                // The space before the note goes with it.
                let start = start - usize::from(text[..start].ends_with(' '));
                text.replace_range(start..end, "");
                from = start;
            }
            None => from = flag + "--fix".len(),
        }
    }
    text
}

/// The checkup's findings, then each family's live result, as the screen's lines.
pub fn lines(examined: &Examined, families: &[FamilyCheck], text: &str) -> Vec<DiagnoseLine> {
    let mut lines = Vec::new();
    // The repaired values, computed as `doctor --fix` computes them; shown as a diff, secrets hidden.
    let repaired = crate::core::doctor::repairs(text, &examined.findings).unwrap_or_default();
    let doc = crate::core::dotenv::Document::parse(text);
    let shown = |name: &str, value: &str| {
        if crate::core::vars::holds_secret(name) {
            tr!("wiz-diagnose-secret-hidden")
        } else {
            value.to_string()
        }
    };
    for finding in examined.all_findings() {
        let at = finding
            .line
            .map_or_else(String::new, |l| tr!("wiz-diagnose-at-line", line = l));
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
            Check::WorldReadable => repair.push(format!("+ {}", tr!("wiz-diagnose-repair-mode"))),
            Check::GitWouldCommit => {
                repair.push(format!("+ {}", tr!("wiz-diagnose-repair-gitignore")))
            }
            _ => {}
        }
        lines.push(DiagnoseLine {
            repair,
            family: finding
                .family
                .map_or(tr_static!("wiz-diagnose-file"), |f| f.name()),
            standing: match finding.severity {
                Severity::Error => Standing::Error,
                Severity::Warning => Standing::Warning,
            },
            detail: format!("{at}{}", finding.cause),
            // The screen shows the repair itself; the CLI's flag means nothing here.
            fix: Some(without_fix_flag(&finding.fix)),
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

#[cfg(test)]
mod tests {
    use super::without_fix_flag;

    #[test]
    fn the_fix_flag_note_is_dropped_in_either_language_and_nothing_else() {
        assert_eq!(
            without_fix_flag("chmod 600 it (--fix does)"),
            "chmod 600 it"
        );
        assert_eq!(
            without_fix_flag("set A=b (--fix does), or use C (see docs)"),
            "set A=b, or use C (see docs)"
        );
        assert_eq!(
            without_fix_flag("对它执行 chmod 600（--fix 会处理）"),
            "对它执行 chmod 600"
        );
        assert_eq!(
            without_fix_flag("run `doctor --fix` (it keeps a .bak)"),
            "run `doctor --fix` (it keeps a .bak)"
        );
        assert_eq!(without_fix_flag("no note"), "no note");
    }
}
