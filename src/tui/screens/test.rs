//! Test: the live test with progress per check, the project on success, the diagnosis and its fix
//! on failure, and the choices: edit keys, change region, retry, continue anyway.

use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::Line;

use super::{move_selection, output};
use crate::core::diagnosis::Problem;
use crate::core::diagnosis::{CheckKind, check_summary, describe_project};
use crate::core::host::{Host, HostPick};
use crate::core::target::Target;
use crate::io::probe::RegionAnswer;
use crate::tui::app::{App, Effect, Flow, Screen, TestPhase, TestState};
use crate::tui::view::{Body, Theme, list, spinner};

pub fn keys(app: &App) -> &'static [(&'static str, &'static str)] {
    match app.test.phase {
        TestPhase::Finished if succeeded(app) => {
            &[("Enter", "continue"), ("Esc", "back"), ("Ctrl-C", "quit")]
        }
        TestPhase::Finished => &[
            ("↑↓", "choose"),
            ("Enter", "select"),
            ("Esc", "back"),
            ("Ctrl-C", "quit"),
        ],
        TestPhase::Testing => &[
            ("Esc", "stop and go back"),
            ("s", "skip the test"),
            ("Ctrl-C", "quit"),
        ],
        TestPhase::Detecting => &[("Esc", "stop and go back"), ("Ctrl-C", "quit")],
    }
}

/// The test passed, and for exactly the inputs on screen now.
pub fn succeeded(app: &App) -> bool {
    app.test.detect_error.is_none()
        && app.test.report.as_ref().is_some_and(|r| r.verdict.ok())
        && app.proven()
}

/// What the user can do after a failed test or detection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureChoice {
    EditKeys,
    ChangeRegion,
    Retry,
    /// Write without a passing test (only when there is a host to write).
    ContinueAnyway,
    BackToStart,
}

impl FailureChoice {
    pub fn label(self) -> &'static str {
        match self {
            FailureChoice::EditKeys => "Edit keys",
            FailureChoice::ChangeRegion => "Change region",
            FailureChoice::Retry => "Retry",
            FailureChoice::ContinueAnyway => "Continue anyway (write untested)",
            FailureChoice::BackToStart => "Back to the start",
        }
    }
}

pub fn failure_choices(app: &App) -> Vec<FailureChoice> {
    let mut choices = match app.flow {
        Flow::Setup => vec![FailureChoice::EditKeys, FailureChoice::ChangeRegion],
        Flow::Rotate(_) => vec![FailureChoice::EditKeys],
        Flow::Export(_) => Vec::new(),
    };
    if app.test.host.is_some() && app.test.detect_error.is_none() {
        choices.push(FailureChoice::Retry);
        choices.push(FailureChoice::ContinueAnyway);
    } else {
        // Detection found no host: nothing to write to, so no "continue"; retry asks again.
        choices.insert(0, FailureChoice::Retry);
    }
    if matches!(app.flow, Flow::Export(_)) {
        choices.push(FailureChoice::BackToStart);
    }
    choices
}

/// Where Esc leads from the test: the keys, or the start for an export (it has no keys screen).
fn back(app: &mut App) {
    app.test.request = None;
    app.screen = match app.flow {
        Flow::Export(_) => Screen::Start,
        _ => Screen::Keys,
    };
}

/// Starts the live test (after region detection, when the user asked for it).
pub fn start(app: &mut App) -> Vec<Effect> {
    let Some(keys) = app.current_keys() else {
        return Vec::new();
    };
    app.screen = Screen::Test;
    app.test = TestState::new(app.clock);
    let detect = matches!(app.flow, Flow::Setup) && app.host_pick() == HostPick::Detect;
    if detect {
        app.test.phase = TestPhase::Detecting;
        let id = app.request();
        app.test.request = Some(id);
        return vec![Effect::DetectRegion { id, keys }];
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
    // The target and the inputs the proof will name come from the same state, at the same moment.
    let id = app.request();
    app.test.request = Some(id);
    app.test.inputs = app.inputs();
    vec![Effect::Test {
        id,
        target: Target::for_variables(&host, &variables, &variables),
    }]
}

fn finish(app: &mut App) {
    app.test.request = None;
    app.test.phase = TestPhase::Finished;
    app.test.finished = Some(app.clock);
    app.test.choice = 0;
}

/// The first region's network failure, said once for all (they all failed to connect).
fn offline(answers: &[RegionAnswer]) -> String {
    answers
        .iter()
        .find_map(|a| a.result.as_ref().err().map(Problem::cause))
        .unwrap_or_default()
}

pub fn on_detected(app: &mut App, answers: Vec<RegionAnswer>) -> Vec<Effect> {
    if app.screen != Screen::Test || app.test.phase != TestPhase::Detecting {
        return Vec::new();
    }
    let accepted: Vec<&RegionAnswer> = answers.iter().filter(|a| a.result.is_ok()).collect();
    let unreachable: Vec<&str> = answers
        .iter()
        .filter(|a| matches!(a.result, Err(Problem::Network(_))))
        .map(|a| a.region.slug())
        .collect();
    let outcome = match accepted.as_slice() {
        [one] => Ok(one.host.clone()),
        [] if !answers.is_empty() && unreachable.len() == answers.len() => Err(format!(
            "No network: no Langfuse Cloud region could be reached ({}). Check the connection, then Retry.",
            offline(&answers)
        )),
        [] if !unreachable.is_empty() => Err(format!(
            "No reachable region accepts these keys, and {} could not be reached (network): Retry, or choose the region yourself.",
            unreachable.join(", ")
        )),
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
        match key.code {
            KeyCode::Esc => back(app),
            KeyCode::Char('s') if app.test.phase == TestPhase::Testing => {
                // Skipped: the result of this test is no longer wanted, and the write is untested.
                app.test.request = None;
                app.untested = app.inputs();
                return output::enter(app);
            }
            _ => {}
        }
        return Vec::new();
    }
    if succeeded(app) {
        match key.code {
            KeyCode::Enter => return output::enter(app),
            KeyCode::Esc => back(app),
            _ => {}
        }
        return Vec::new();
    }
    let choices = failure_choices(app);
    if move_selection(&mut app.test.choice, choices.len(), &key) {
        return Vec::new();
    }
    match key.code {
        KeyCode::Esc => back(app),
        KeyCode::Enter => match choices[app.test.choice.min(choices.len() - 1)] {
            FailureChoice::EditKeys => app.screen = Screen::Keys,
            FailureChoice::ChangeRegion => app.screen = Screen::Region,
            FailureChoice::Retry => return start(app),
            FailureChoice::ContinueAnyway => {
                app.untested = app.inputs();
                return output::enter(app);
            }
            FailureChoice::BackToStart => app.screen = Screen::Start,
        },
        _ => {}
    }
    Vec::new()
}

pub fn body(app: &App) -> Body<'static> {
    let theme = Theme::of(app);
    let elapsed = app
        .test
        .finished
        .unwrap_or(app.clock)
        .saturating_sub(app.test.started);
    let mut lines = Vec::new();
    if let Some(answers) = &app.test.detect {
        let took = app
            .test
            .detect_elapsed
            .map(|d| format!(" (asked in {:.2} s)", d.as_secs_f64()))
            .unwrap_or_default();
        lines.push(Line::from(format!("Which region knows these keys{took}:")));
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
    let mut action = Vec::new();
    if app.test.phase == TestPhase::Finished {
        if succeeded(app) {
            let took = app
                .test
                .report
                .as_ref()
                .map_or(Duration::ZERO, |r| r.elapsed);
            let project = app
                .test
                .report
                .as_ref()
                .and_then(|r| r.verdict.project.as_ref())
                .map(describe_project)
                .unwrap_or_default();
            action.push(Line::styled(
                format!(
                    "✓ Proven in {:.2} s: these keys write to {project}. Enter continues.",
                    took.as_secs_f64()
                ),
                theme.ok(),
            ));
        } else {
            action.push(Line::from(match &app.test.report {
                Some(report) => format!(
                    "The test failed after {} ms. What now?",
                    report.elapsed.as_millis()
                ),
                None => "No region to test. What now?".to_string(),
            }));
            let rows = failure_choices(app)
                .iter()
                .map(|c| Line::from(c.label()))
                .collect();
            action.extend(list(rows, app.test.choice, theme));
        }
    }
    Body {
        lines,
        focus: None,
        action,
        cut: Vec::new(),
    }
}
