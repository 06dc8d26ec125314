//! Explain: the user pastes an error line from their app's log; the screen says what it means (the
//! same reading as `langfuse-otel explain`) and, when a `.env` is in reach, which line to change.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::Line;

use crate::core::doctor::Finding;
use crate::core::explain::{Explanation, MAX_INPUT, Unrecognized, explain};
use crate::tui::app::{App, Effect, Screen};
use crate::tui::input::Input;
use crate::tui::view::{Body, Theme, field, spinner};
use crate::{tr, tr_static};

pub fn keys() -> Vec<(&'static str, &'static str)> {
    vec![
        ("Enter", tr_static!("wiz-key-explain")),
        ("Ctrl-U", tr_static!("wiz-key-clear")),
        ("Esc", tr_static!("wiz-key-back")),
        ("Ctrl-C", tr_static!("wiz-key-quit")),
    ]
}

#[derive(Default)]
pub struct ExplainState {
    pub input: Input,
    pub result: Option<Result<Explanation, Unrecognized>>,
    /// The `.env`'s findings that lead to the problem: `None` while they are read.
    pub findings: Option<Result<Vec<Finding>, String>>,
    pub request: Option<crate::tui::app::RequestId>,
}

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => {
            app.explain.request = None;
            app.screen = Screen::Start;
            Vec::new()
        }
        KeyCode::Enter => run(app),
        _ => {
            if app.explain.input.handle(key) {
                clear_result(app);
            }
            Vec::new()
        }
    }
}

/// A paste is the usual way in: one error may span lines (a stack trace); it is read as one line,
/// without the controls a log can carry.
pub fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    let room = MAX_INPUT.saturating_sub(app.explain.input.value().len());
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .scan(0usize, |used, c| {
            *used += c.len_utf8();
            (*used <= room).then_some(c)
        })
        .collect();
    app.explain.input.insert_str(cleaned.trim());
    clear_result(app);
    Vec::new()
}

fn clear_result(app: &mut App) {
    app.explain.result = None;
    app.explain.findings = None;
    app.explain.request = None;
}

fn run(app: &mut App) -> Vec<Effect> {
    clear_result(app);
    if app.explain.input.value().trim().is_empty() {
        return Vec::new();
    }
    let result = explain(app.explain.input.value());
    let effects = match (&result, app.context.env_file.clone()) {
        (Ok(explanation), Some(path)) => {
            let id = app.request();
            app.explain.request = Some(id);
            vec![Effect::ExplainEnv {
                id,
                path,
                explanation: explanation.clone(),
            }]
        }
        _ => Vec::new(),
    };
    app.explain.result = Some(result);
    effects
}

pub fn body(app: &App) -> Body<'static> {
    let theme = Theme::of(app);
    let state = &app.explain;
    let mut lines = vec![
        Line::from(tr!("wiz-explain-intro")),
        Line::from(shown_input(&state.input)),
        Line::from(""),
    ];
    match &state.result {
        None => lines.push(Line::styled(tr!("wiz-explain-reads"), theme.dim())),
        Some(Err(unrecognized)) => {
            lines.push(Line::styled(
                format!("✗ {}", tr!("wiz-explain-unrecognized")),
                theme.bad(),
            ));
            lines.push(Line::from(tr!(
                "wiz-explain-needed",
                needed = unrecognized.needed.to_string()
            )));
        }
        Some(Ok(explanation)) => {
            lines.push(Line::styled(
                format!(
                    "✓ {}",
                    tr!(
                        "wiz-explain-recognized",
                        read = explanation.what_was_read().join(" · ")
                    )
                ),
                theme.ok(),
            ));
            lines.push(Line::from(tr!(
                "wiz-explain-cause",
                cause = explanation.problem.cause()
            )));
            lines.push(Line::from(tr!(
                "wiz-explain-fix",
                fix = explanation.problem.fix()
            )));
            lines.push(Line::from(""));
            lines.extend(findings_lines(app, theme));
        }
    }
    Body {
        lines,
        // The pasted line stays in view.
        focus: Some(1),
        action: Vec::new(),
        cut: Vec::new(),
    }
}

fn findings_lines(app: &App, theme: Theme) -> Vec<Line<'static>> {
    let Some(path) = &app.context.env_file else {
        return vec![Line::styled(tr!("wiz-explain-no-env"), theme.dim())];
    };
    let path = path.display().to_string();
    match &app.explain.findings {
        None => vec![Line::from(format!(
            "  {} {}",
            spinner(app),
            tr!("wiz-explain-reading", path = &path)
        ))],
        Some(Err(error)) => vec![Line::styled(format!("✗ {path}: {error}"), theme.bad())],
        Some(Ok(findings)) if findings.is_empty() => {
            vec![Line::from(tr!("wiz-explain-env-clean", path = &path))]
        }
        Some(Ok(findings)) => {
            let mut lines = vec![Line::from(tr!("wiz-explain-env-lines", path = &path))];
            for finding in findings {
                let variable = finding.variable.unwrap_or(tr_static!("wiz-diagnose-file"));
                let text = match finding.line {
                    Some(line) => tr!(
                        "wiz-explain-finding-at-line",
                        line = line,
                        variable = variable,
                        cause = &finding.cause
                    ),
                    None => tr!(
                        "wiz-explain-finding",
                        variable = variable,
                        cause = &finding.cause
                    ),
                };
                lines.push(Line::styled(format!("✗ {text}"), theme.bad()));
                lines.push(Line::from(format!(
                    "  {}",
                    tr!("wiz-fix", fix = &finding.fix)
                )));
            }
            lines
        }
    }
}

/// The pasted line as shown: a log line can carry the credential, so what looks like one is hidden.
fn shown_input(input: &Input) -> String {
    let masked = hide_credentials(input.value());
    let shown = Input::new(&masked);
    field(&shown, true, false)
}

/// `Basic <base64>`, `Basic%20<base64>` and `sk-lf-...` replaced by `•••`.
pub fn hide_credentials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = ["Basic ", "Basic%20", "sk-lf-"]
            .iter()
            .filter_map(|m| rest.find(m).map(|at| (at, *m)))
            .min_by_key(|(at, _)| *at);
        let Some((at, marker)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at + marker.len()]);
        let tail = &rest[at + marker.len()..];
        let end = tail
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '%' | '-'))
            })
            .unwrap_or(tail.len());
        if end > 0 {
            out.push_str("•••");
        }
        rest = &tail[end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_a_pasted_line_are_hidden() {
        assert_eq!(
            hide_credentials("x Authorization: Basic cGs6c2s= y sk-lf-abc-1 z Basic%20cGs6c2s%3D"),
            "x Authorization: Basic ••• y sk-lf-••• z Basic%20•••"
        );
        assert_eq!(hide_credentials("no secret here"), "no secret here");
    }
}
