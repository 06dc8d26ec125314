//! Test: the live test with progress per check, the project on success, the diagnosis and its fix
//! on failure, and the choices: edit keys, change region, retry, continue anyway.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{move_selection, output};
use crate::core::diagnosis::{CheckKind, check_summary, describe_project};
use crate::core::host::Host;
use crate::core::target::Target;
use crate::io::probe::RegionAnswer;
use crate::tui::app::{
    App, Effect, FAILURE_CHOICES, Flow, REGION_CHOICES, RegionChoice, Screen, TestPhase, TestState,
};
use crate::tui::view::{Theme, list, paragraph, spinner};

pub fn keys(app: &App) -> &'static [(&'static str, &'static str)] {
    match app.test.phase {
        TestPhase::Finished if succeeded(app) => &[
            ("Enter", "continue"),
            ("Esc", "back to the keys"),
            ("Ctrl-C", "quit"),
        ],
        TestPhase::Finished => &[
            ("↑↓", "choose"),
            ("Enter", "select"),
            ("Esc", "back"),
            ("Ctrl-C", "quit"),
        ],
        _ => &[("Esc", "stop and go back"), ("Ctrl-C", "quit")],
    }
}

pub fn succeeded(app: &App) -> bool {
    app.test.detect_error.is_none() && app.test.report.as_ref().is_some_and(|r| r.verdict.ok())
}

/// Starts the live test (after region detection, when the user asked for it).
pub fn start(app: &mut App) -> Vec<Effect> {
    let Ok((keys, _)) = app.key_pair() else {
        return Vec::new();
    };
    app.screen = Screen::Test;
    app.test = TestState::new(app.clock);
    let detect = matches!(app.flow, Flow::Setup)
        && REGION_CHOICES[app.region_choice] == RegionChoice::Detect;
    if detect {
        app.test.phase = TestPhase::Detecting;
        return vec![Effect::DetectRegion { keys }];
    }
    match app.chosen_host() {
        Ok(Some(host)) => testing(app, host),
        Ok(None) => Vec::new(),
        Err(error) => {
            app.test.detect_error = Some(error);
            finish(app);
            Vec::new()
        }
    }
}

fn testing(app: &mut App, host: Host) -> Vec<Effect> {
    app.test.host = Some(host.clone());
    app.test.phase = TestPhase::Testing;
    let Some(variables) = app.variables() else {
        return Vec::new();
    };
    vec![Effect::Test {
        target: Target::for_variables(&host, &variables, &variables),
    }]
}

fn finish(app: &mut App) {
    app.test.phase = TestPhase::Finished;
    app.test.finished = Some(app.clock);
    app.test.choice = 0;
}

pub fn on_detected(app: &mut App, answers: Vec<RegionAnswer>) -> Vec<Effect> {
    if app.screen != Screen::Test || app.test.phase != TestPhase::Detecting {
        return Vec::new();
    }
    let accepted: Vec<&RegionAnswer> = answers.iter().filter(|a| a.result.is_ok()).collect();
    let outcome = match accepted.as_slice() {
        [one] => Ok(one.host.clone()),
        [] => Err(
            "No Langfuse Cloud region accepts these keys: check both keys, or choose Self-hosted."
                .to_string(),
        ),
        several => {
            let names: Vec<&str> = several.iter().map(|a| a.region.slug()).collect();
            Err(format!(
                "More than one region accepts these keys ({}): choose the region yourself.",
                names.join(", ")
            ))
        }
    };
    app.test.detect = Some(answers);
    match outcome {
        Ok(host) => testing(app, host),
        Err(error) => {
            app.test.detect_error = Some(error);
            finish(app);
            Vec::new()
        }
    }
}

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if app.test.phase != TestPhase::Finished {
        if key.code == KeyCode::Esc {
            app.screen = Screen::Keys;
        }
        return Vec::new();
    }
    if succeeded(app) {
        return match key.code {
            KeyCode::Enter => output::enter(app),
            KeyCode::Esc => {
                app.screen = Screen::Keys;
                Vec::new()
            }
            _ => Vec::new(),
        };
    }
    if move_selection(&mut app.test.choice, FAILURE_CHOICES.len(), &key) {
        return Vec::new();
    }
    match key.code {
        KeyCode::Esc => {
            app.screen = Screen::Keys;
            Vec::new()
        }
        KeyCode::Enter => match app.test.choice {
            0 => {
                app.screen = Screen::Keys;
                Vec::new()
            }
            1 => {
                app.screen = match app.flow {
                    Flow::Setup => Screen::Region,
                    _ => Screen::Keys,
                };
                Vec::new()
            }
            2 => start(app),
            _ => {
                if app.test.host.is_none() {
                    // Nothing to write to without a host: detection found none.
                    app.screen = Screen::Region;
                    return Vec::new();
                }
                output::enter(app)
            }
        },
        _ => Vec::new(),
    }
}

pub fn view(frame: &mut Frame, area: Rect, app: &App) {
    let theme = Theme::of(app);
    let elapsed = app
        .test
        .finished
        .unwrap_or(app.clock)
        .saturating_sub(app.test.started);
    let mut lines = Vec::new();
    if let Some(answers) = &app.test.detect {
        lines.push(Line::from("Which region knows these keys:"));
        for answer in answers {
            lines.push(match &answer.result {
                Ok(project) => Line::styled(
                    format!(
                        "  ✓ {:<24} {}",
                        answer.region.label(),
                        describe_project(project)
                    ),
                    theme.ok(),
                ),
                Err(problem) => Line::styled(
                    format!("  ✗ {:<24} {}", answer.region.label(), problem.cause()),
                    theme.dim(),
                ),
            });
        }
        lines.push(Line::from(""));
    } else if app.test.phase == TestPhase::Detecting {
        lines.push(Line::from(format!(
            "Asking every cloud region which one knows these keys… {}  {:.1} s",
            spinner(app),
            elapsed.as_secs_f64()
        )));
        for (region, host) in &app.context.regions {
            lines.push(Line::styled(
                format!("  {} {:<24} {host}", spinner(app), region.label()),
                theme.dim(),
            ));
        }
    }
    if let Some(error) = &app.test.detect_error {
        lines.push(Line::styled(format!("✗ {error}"), theme.bad()));
    }
    if let Some(host) = &app.test.host {
        lines.push(Line::from(format!("Testing {}", host.otel_traces_url())));
        match &app.test.report {
            None => {
                for check in [CheckKind::Health, CheckKind::Credentials, CheckKind::Ingest] {
                    lines.push(Line::from(format!(
                        "  {} {:<14} {:.1} s",
                        spinner(app),
                        check.label(),
                        elapsed.as_secs_f64()
                    )));
                }
            }
            Some(report) => {
                for attempt in [&report.health, &report.credentials, &report.ingest] {
                    let (mark, text) = check_summary(attempt, &report.verdict);
                    let style = match mark {
                        "✓" => theme.ok(),
                        "✗" => theme.bad(),
                        _ => theme.warn(),
                    };
                    lines.push(Line::styled(
                        format!(
                            "  {mark} {:<14} {text}  ({} ms)",
                            attempt.check.label(),
                            attempt.elapsed.as_millis()
                        ),
                        style,
                    ));
                }
                for problem in &report.verdict.problems {
                    lines.push(Line::from(format!("  fix: {}", problem.fix())));
                }
                if let Some(hint) = &app.test.hint {
                    lines.push(Line::styled(
                        format!(
                            "  hint: these keys belong to the {} region ({}): choose Change region",
                            hint.region.label(),
                            hint.host
                        ),
                        theme.warn(),
                    ));
                }
            }
        }
    }
    if app.test.phase == TestPhase::Finished {
        lines.push(Line::from(""));
        if succeeded(app) {
            let project = app
                .test
                .report
                .as_ref()
                .and_then(|r| r.verdict.project.as_ref())
                .map(describe_project)
                .unwrap_or_default();
            lines.push(Line::styled(
                format!(
                    "✓ Proven in {:.2} s: these keys write to {project}. Enter continues.",
                    elapsed.as_secs_f64()
                ),
                theme.ok(),
            ));
        } else {
            let took = app.test.report.as_ref().map_or(elapsed, |r| r.elapsed);
            lines.push(Line::from(format!(
                "The test failed after {} ms. What now?",
                took.as_millis()
            )));
            let rows = FAILURE_CHOICES.iter().map(|c| Line::from(*c)).collect();
            lines.extend(list(rows, app.test.choice, theme));
        }
    }
    frame.render_widget(paragraph(lines), area);
}
