//! Storage and output: the keyring status (and the choice when it is unavailable), the .env path,
//! the variable families, and a preview of the exact lines, secret masked, as a diff against the
//! existing file.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::core::dotenv::{ChangeKind, Document, upsert};
use crate::core::vars::{Family, holds_secret};
use crate::io::profile::SecretLocation;
use crate::tui::app::{App, Effect, Flow, KeyringStatus, OutputFocus, Screen, WriteJob};
use crate::tui::view::{Theme, field, paragraph};

pub fn keys(app: &App) -> &'static [(&'static str, &'static str)] {
    match app.output.focus {
        OutputFocus::Family(_) => &[
            ("Tab", "next"),
            ("Space", "toggle"),
            ("Enter", "write"),
            ("Esc", "back"),
            ("Ctrl-C", "quit"),
        ],
        OutputFocus::Keyring => &[
            ("Tab", "next"),
            ("Space", "toggle"),
            ("r", "retry keyring"),
            ("n", "only in .env"),
            ("Enter", "write"),
            ("Esc", "back"),
        ],
        _ => &[
            ("Tab", "next"),
            ("Enter", "write"),
            ("Esc", "back"),
            ("Ctrl-C", "quit"),
        ],
    }
}

fn focus_order(app: &App) -> Vec<OutputFocus> {
    let mut order = Vec::new();
    if !matches!(app.flow, Flow::Rotate(_)) {
        order.push(OutputFocus::Path);
        order.extend((0..3).map(OutputFocus::Family));
    }
    if matches!(app.flow, Flow::Setup) && !app.context.ephemeral {
        order.push(OutputFocus::Keyring);
    }
    order.push(OutputFocus::Write);
    order
}

/// The files this screen writes.
pub fn paths(app: &App) -> Vec<PathBuf> {
    match &app.flow {
        Flow::Rotate(profile) => profile
            .env_files
            .iter()
            .filter(|p| p.exists())
            .cloned()
            .collect(),
        _ => vec![PathBuf::from(app.output.path.value())],
    }
}

pub fn enter(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Output;
    app.output.error = None;
    app.output.writing = false;
    app.output.focus = focus_order(app)[0];
    let mut effects = Vec::new();
    if matches!(app.flow, Flow::Setup) && !app.context.ephemeral {
        app.output.keyring = KeyringStatus::Checking;
        app.output.keyring_declined = false;
        effects.push(check_keyring(app));
    }
    if let Some(path) = paths(app).into_iter().next() {
        effects.push(read_env(app, path));
    }
    effects
}

fn check_keyring(app: &mut App) -> Effect {
    let id = app.request();
    app.output.keyring_request = Some(id);
    Effect::CheckKeyring {
        id,
        profile: app.profile_name(),
    }
}

/// Reads the file the preview diffs against; an answer for a path since edited is dropped.
fn read_env(app: &mut App, path: PathBuf) -> Effect {
    let id = app.request();
    app.output.read_request = Some(id);
    app.output.existing = None;
    Effect::ReadEnv { id, path }
}

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if app.output.writing {
        return Vec::new();
    }
    let order = focus_order(app);
    let position = order
        .iter()
        .position(|f| *f == app.output.focus)
        .unwrap_or(0);
    match key.code {
        KeyCode::Tab | KeyCode::Down => app.output.focus = order[(position + 1) % order.len()],
        KeyCode::BackTab | KeyCode::Up => {
            app.output.focus = order[(position + order.len() - 1) % order.len()]
        }
        KeyCode::Esc => {
            app.screen = match app.flow {
                Flow::Export(_) => Screen::Start,
                _ => Screen::Test,
            };
        }
        KeyCode::Enter => return write(app),
        KeyCode::Char(' ') if matches!(app.output.focus, OutputFocus::Family(_)) => {
            if let OutputFocus::Family(i) = app.output.focus {
                app.output.families[i] = !app.output.families[i];
            }
        }
        KeyCode::Char(' ')
            if app.output.focus == OutputFocus::Keyring
                && app.output.keyring == KeyringStatus::Available =>
        {
            app.output.use_keyring = !app.output.use_keyring;
        }
        KeyCode::Char('r') if app.output.focus == OutputFocus::Keyring => {
            app.output.keyring = KeyringStatus::Checking;
            return vec![check_keyring(app)];
        }
        KeyCode::Char('n') if app.output.focus == OutputFocus::Keyring => {
            app.output.use_keyring = false;
            app.output.keyring_declined = true;
        }
        _ if app.output.focus == OutputFocus::Path && app.output.path.handle(key) => {
            let path = PathBuf::from(app.output.path.value());
            return vec![read_env(app, path)];
        }
        _ => {}
    }
    Vec::new()
}

fn write(app: &mut App) -> Vec<Effect> {
    let fail = |app: &mut App, message: &str| {
        app.output.error = Some(message.to_string());
        Vec::new()
    };
    if !matches!(app.flow, Flow::Rotate(_)) && app.selected_families().is_empty() {
        return fail(app, "Choose at least one variable family (Space toggles).");
    }
    if app.output.path.value().trim().is_empty() && !matches!(app.flow, Flow::Rotate(_)) {
        return fail(app, "Give the .env path.");
    }
    let (store_in_keyring, record) = match &app.flow {
        Flow::Setup if app.context.ephemeral => (false, None),
        Flow::Setup => match &app.output.keyring {
            KeyringStatus::Checking => return fail(app, "Still checking the keyring…"),
            KeyringStatus::Unavailable(_) if !app.output.keyring_declined => {
                return fail(
                    app,
                    "The keyring is unavailable: r retries, n keeps the secret only in the .env, Esc stops.",
                );
            }
            _ if app.output.use_keyring => (true, Some(SecretLocation::Keyring)),
            _ => (false, Some(SecretLocation::EnvFile)),
        },
        Flow::Rotate(profile) => (
            profile.secret == SecretLocation::Keyring,
            Some(profile.secret),
        ),
        Flow::Export(profile) => (false, Some(profile.secret)),
    };
    let paths = paths(app);
    if paths.is_empty() {
        return fail(app, "None of the profile's .env files exists any more.");
    }
    let (Some(keys), Some(host)) = (app.current_keys(), app.target_host()) else {
        return fail(
            app,
            "The keys or the host are missing: go back and enter them.",
        );
    };
    if !app.may_write() {
        // Not proven for these exact inputs (a family toggled since the test, say): test them
        // first; the test screen comes back here.
        return super::test::start(app);
    }
    let families = app.families();
    app.output.writing = true;
    app.output.error = None;
    let id = app.request();
    app.output.write_request = Some(id);
    vec![Effect::Write {
        id,
        job: WriteJob {
            paths,
            host,
            keys,
            families,
            store_in_keyring,
            record,
            profile: app.profile_name(),
            rotating: matches!(app.flow, Flow::Rotate(_)),
            tested: app.proven(),
        },
    }]
}

/// The diff the write would make, secret values masked (new and old).
pub fn preview(app: &App) -> Vec<(char, String)> {
    let Some(variables) = app.variables() else {
        return vec![(' ', "(the keys are not loaded yet)".to_string())];
    };
    let first = paths(app).into_iter().next();
    let text = match &app.output.existing {
        Some((path, Ok(text))) if Some(path) == first.as_ref() => text.clone().unwrap_or_default(),
        Some((path, Err(error))) if Some(path) == first.as_ref() => {
            return vec![('!', error.clone())];
        }
        _ => String::new(),
    };
    let pairs: Vec<(&str, &str)> = variables.iter().map(|v| (v.name, v.expose())).collect();
    let edit = match upsert(&text, &pairs) {
        Ok(edit) => edit,
        Err(error) => return vec![('!', error.to_string())],
    };
    let doc = Document::parse(&text);
    let mut lines = Vec::new();
    for (change, variable) in edit.changes.iter().zip(&variables) {
        match change.kind {
            ChangeKind::Added => lines.push(('+', format!("{}={}", variable.name, variable.shown))),
            ChangeKind::Unchanged => {
                lines.push((' ', format!("{}={}", variable.name, variable.shown)))
            }
            ChangeKind::Updated => {
                let old = doc
                    .assignments(variable.name)
                    .last()
                    .map(|a| doc.raw_value(a).to_string())
                    .unwrap_or_default();
                let old = if holds_secret(variable.name) {
                    "(old value hidden)".to_string()
                } else {
                    old
                };
                lines.push(('-', format!("{}={old}", variable.name)));
                lines.push(('+', format!("{}={}", variable.name, variable.shown)));
            }
        }
    }
    lines
}

pub fn view(frame: &mut Frame, area: Rect, app: &App) {
    let theme = Theme::of(app);
    let focus = app.output.focus;
    let mut lines = Vec::new();
    let mark = |f: OutputFocus| if focus == f { "›" } else { " " };

    match &app.flow {
        Flow::Rotate(profile) => {
            lines.push(Line::from(format!(
                "Rewrites every .env of profile `{}` (each keeps a .bak):",
                profile.name
            )));
            for path in &profile.env_files {
                let state = if path.exists() {
                    ""
                } else {
                    "  (missing: skipped)"
                };
                lines.push(Line::from(format!("  {}{state}", path.display())));
            }
            let place = match profile.secret {
                SecretLocation::Keyring => "the OS keyring gets the new secret",
                SecretLocation::EnvFile => "the secret stays only in the .env files",
            };
            lines.push(Line::from(format!("  and {place}.")));
        }
        _ => {
            lines.push(Line::from(format!(
                "{} .env file   {}",
                mark(OutputFocus::Path),
                field(&app.output.path, focus == OutputFocus::Path, false)
            )));
            let mut families = format!(
                "{} Variables  ",
                if matches!(focus, OutputFocus::Family(_)) {
                    "›"
                } else {
                    " "
                }
            );
            for (i, family) in Family::ALL.iter().enumerate() {
                let on = if app.output.families[i] { "[x]" } else { "[ ]" };
                let cursor = if focus == OutputFocus::Family(i) {
                    ">"
                } else {
                    " "
                };
                families.push_str(&format!("{cursor}{on} {}  ", family.name()));
            }
            lines.push(Line::from(families));
        }
    }
    if matches!(app.flow, Flow::Setup) && app.context.ephemeral {
        lines.push(Line::styled(
            "  Keyring    (demo: the keyring and your profiles are left alone)",
            theme.dim(),
        ));
    } else if matches!(app.flow, Flow::Setup) {
        let (text, style) = match &app.output.keyring {
            KeyringStatus::Checking => ("… checking the OS keyring".to_string(), theme.dim()),
            KeyringStatus::Available => (
                format!(
                    "{} OS keyring available: keep the secret there (the .env has it too)",
                    if app.output.use_keyring { "[x]" } else { "[ ]" }
                ),
                theme.ok(),
            ),
            KeyringStatus::Unavailable(error) if app.output.keyring_declined => (
                format!("✗ {error}: the secret stays only in the .env (your choice)"),
                theme.warn(),
            ),
            KeyringStatus::Unavailable(error) => (
                format!("✗ {error}. r: retry · n: keep the secret only in the .env · Esc: stop"),
                theme.bad(),
            ),
        };
        lines.push(Line::styled(
            format!("{} Keyring    {text}", mark(OutputFocus::Keyring)),
            style,
        ));
    }
    lines.push(Line::from(""));
    let target = paths(app)
        .into_iter()
        .next()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    lines.push(Line::from(format!("Preview of {target} (secrets masked):")));
    // One line per variable, cut to the width: a wrapped value reads like two variables.
    let width = usize::from(area.width).saturating_sub(4);
    for (sign, text) in preview(app) {
        let style = match sign {
            '+' => theme.ok(),
            '-' | '!' => theme.bad(),
            _ => theme.dim(),
        };
        let shown = if text.chars().count() > width {
            let cut: String = text.chars().take(width.saturating_sub(1)).collect();
            format!("{cut}…")
        } else {
            text
        };
        lines.push(Line::styled(format!("  {sign} {shown}"), style));
    }
    lines.push(Line::from(""));
    if app.proven() {
        lines.push(Line::styled(
            "✓ proven by the live test for exactly these variables",
            theme.ok(),
        ));
    } else if app.may_write() {
        lines.push(Line::styled(
            "! not tested (your choice): the write is recorded as untested",
            theme.warn(),
        ));
    } else if app.inputs().is_some() {
        lines.push(Line::styled(
            "! not tested with these variables (changed since the test): Enter tests them first",
            theme.warn(),
        ));
    }
    let button = if app.output.writing {
        "[ Writing… ]"
    } else if app.may_write() || app.inputs().is_none() {
        "[ Write ]"
    } else {
        "[ Test, then write ]"
    };
    lines.push(Line::styled(
        format!("{} {button}", mark(OutputFocus::Write)),
        theme.accent(),
    ));
    if let Some(error) = &app.output.error {
        lines.push(Line::styled(format!("✗ {error}"), theme.bad()));
    }
    frame.render_widget(paragraph(lines), area);
}
