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
use crate::tui::view::{Body, Theme, check_label, list, pad, region_label, spinner};
use crate::{tr, tr_static};

pub fn keys(app: &App) -> Vec<(&'static str, &'static str)> {
    let quit = ("Ctrl-C", tr_static!("wiz-key-quit"));
    match app.test.phase {
        TestPhase::Finished if succeeded(app) => vec![
            ("Enter", tr_static!("wiz-key-continue")),
            ("Esc", tr_static!("wiz-key-back")),
            quit,
        ],
        TestPhase::Finished => vec![
            ("↑↓", tr_static!("wiz-key-choose")),
            ("Enter", tr_static!("wiz-key-select")),
            ("Esc", tr_static!("wiz-key-back")),
            quit,
        ],
        TestPhase::Testing => vec![
            ("Esc", tr_static!("wiz-key-stop")),
            ("s", tr_static!("wiz-key-skip-test")),
            quit,
        ],
        TestPhase::Detecting => vec![("Esc", tr_static!("wiz-key-stop")), quit],
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
            FailureChoice::EditKeys => tr_static!("wiz-test-edit-keys"),
            FailureChoice::ChangeRegion => tr_static!("wiz-test-change-region"),
            FailureChoice::Retry => tr_static!("wiz-test-retry"),
            FailureChoice::ContinueAnyway => tr_static!("wiz-test-continue-anyway"),
            FailureChoice::BackToStart => tr_static!("wiz-test-back-to-start"),
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
        [] if !answers.is_empty() && unreachable.len() == answers.len() => {
            Err(tr!("wiz-detect-offline", cause = offline(&answers)))
        }
        [] if !unreachable.is_empty() => Err(tr!(
            "wiz-detect-some-unreachable",
            regions = unreachable.join(", ")
        )),
        [] => Err(tr!("wiz-detect-none")),
        several => {
            let names: Vec<&str> = several.iter().map(|a| a.region.slug()).collect();
            Err(tr!("wiz-detect-several", regions = names.join(", ")))
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
        lines.push(Line::from(match app.test.detect_elapsed {
            Some(took) => tr!(
                "wiz-detect-answers-took",
                seconds = format!("{:.2}", took.as_secs_f64())
            ),
            None => tr!("wiz-detect-answers"),
        }));
        for answer in answers {
            lines.push(match &answer.result {
                Ok(project) => Line::styled(
                    format!(
                        "  ✓ {} {}",
                        pad(region_label(answer.region), 24),
                        describe_project(project)
                    ),
                    theme.ok(),
                ),
                Err(problem) => Line::styled(
                    format!(
                        "  ✗ {} {}",
                        pad(region_label(answer.region), 24),
                        problem.cause()
                    ),
                    theme.dim(),
                ),
            });
        }
        lines.push(Line::from(""));
    } else if app.test.phase == TestPhase::Detecting {
        lines.push(Line::from(format!(
            "{} {}  {:.1} s",
            tr!("wiz-detect-asking"),
            spinner(app),
            elapsed.as_secs_f64()
        )));
        for (region, host) in &app.context.regions {
            lines.push(Line::styled(
                format!(
                    "  {} {} {host}",
                    spinner(app),
                    pad(region_label(*region), 24)
                ),
                theme.dim(),
            ));
        }
    }
    if let Some(error) = &app.test.detect_error {
        lines.push(Line::styled(format!("✗ {error}"), theme.bad()));
    }
    if let Some(host) = &app.test.host {
        lines.push(Line::from(tr!(
            "wiz-test-testing",
            url = host.otel_traces_url()
        )));
        match &app.test.report {
            None => {
                for check in [CheckKind::Health, CheckKind::Credentials, CheckKind::Ingest] {
                    lines.push(Line::from(format!(
                        "  {} {} {:.1} s",
                        spinner(app),
                        pad(check_label(check), 14),
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
                            "  {mark} {} {text}  {}",
                            pad(check_label(attempt.check), 14),
                            tr!(
                                "wiz-test-check-took",
                                ms = attempt.elapsed.as_millis().to_string()
                            )
                        ),
                        style,
                    ));
                }
                for problem in &report.verdict.problems {
                    lines.push(Line::from(format!(
                        "  {}",
                        tr!("wiz-fix", fix = problem.fix())
                    )));
                }
                if let Some(hint) = &app.test.hint {
                    lines.push(Line::styled(
                        format!(
                            "  {}",
                            tr!(
                                "wiz-test-region-hint",
                                region = region_label(hint.region),
                                host = hint.host.to_string()
                            )
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
                    "✓ {}",
                    tr!(
                        "wiz-test-proven",
                        seconds = format!("{:.2}", took.as_secs_f64()),
                        project = project
                    )
                ),
                theme.ok(),
            ));
        } else {
            action.push(Line::from(match &app.test.report {
                Some(report) => tr!(
                    "wiz-test-failed",
                    ms = report.elapsed.as_millis().to_string()
                ),
                None => tr!("wiz-test-no-region"),
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
