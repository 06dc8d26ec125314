//! Keys: the public key shown, the secret masked (with a reveal toggle), pasted keys cleaned, and
//! validation as you type; Enter starts the live test only when both keys are valid.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::test;
use crate::core::keys::{PUBLIC_PREFIX, SECRET_PREFIX, parse_public_key, parse_secret_key};
use crate::tui::app::{App, Effect, Flow, KeyField, Screen, paste_notes};
use crate::tui::view::{Theme, field, paragraph};

pub const KEYS: &[(&str, &str)] = &[
    ("Tab", "switch field"),
    ("Ctrl-R", "reveal secret"),
    ("Enter", "test"),
    ("Esc", "back"),
    ("Ctrl-C", "quit"),
];

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('r') if ctrl => app.keys.reveal = !app.keys.reveal,
        KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => {
            app.keys.focus = match app.keys.focus {
                KeyField::Public => KeyField::Secret,
                KeyField::Secret => KeyField::Public,
            };
        }
        KeyCode::Esc => {
            app.screen = match app.flow {
                Flow::Setup => Screen::Region,
                _ => Screen::Start,
            };
        }
        KeyCode::Enter => {
            if app.key_pair().is_ok() {
                return test::start(app);
            }
            if app.keys.focus == KeyField::Public
                && parse_public_key(app.keys.public.value()).is_ok()
            {
                app.keys.focus = KeyField::Secret;
            }
        }
        _ => {
            let input = match app.keys.focus {
                KeyField::Public => &mut app.keys.public,
                KeyField::Secret => &mut app.keys.secret,
            };
            if input.handle(key) {
                app.keys.notes.clear();
            }
        }
    }
    Vec::new()
}

/// A paste: cleaned (quotes, `NAME=`, a trailing newline) and said so. A paste holding both keys
/// (Langfuse's "copy" block) fills both fields.
pub fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let public = words.iter().find(|w| w.contains(PUBLIC_PREFIX));
    let secret = words.iter().find(|w| w.contains(SECRET_PREFIX));
    if let (Some(public), Some(secret)) = (public, secret)
        && words.len() <= 4
    {
        fill(app, KeyField::Public, public);
        fill(app, KeyField::Secret, secret);
        app.keys
            .notes
            .push("pasted both keys: each went to its field".to_string());
        app.keys.focus = KeyField::Secret;
        return Vec::new();
    }
    let focus = app.keys.focus;
    fill(app, focus, text);
    if text.trim() != text {
        let what = if text.trim_end().len() < text.len() && text.ends_with('\n') {
            "removed the line break at the end of the paste"
        } else {
            "removed spaces around the paste"
        };
        if !app.keys.notes.iter().any(|n| n.contains("removed spaces")) {
            app.keys.notes.push(what.to_string());
        }
    }
    Vec::new()
}

fn fill(app: &mut App, field: KeyField, text: &str) {
    let public = field == KeyField::Public;
    let cleaned = if public {
        parse_public_key(text)
            .map(|(k, _)| k.as_str().to_string())
            .ok()
    } else {
        parse_secret_key(text)
            .map(|(k, _)| k.expose().to_string())
            .ok()
    };
    let notes = paste_notes(public, text);
    let input = if public {
        &mut app.keys.public
    } else {
        &mut app.keys.secret
    };
    match cleaned {
        Some(value) => {
            input.set(&value);
            app.keys.notes.extend(
                notes
                    .into_iter()
                    .filter(|n| !n.starts_with("removed spaces")),
            );
        }
        None => input.set(text.trim()),
    }
}

pub fn view(frame: &mut Frame, area: Rect, app: &App) {
    let theme = Theme::of(app);
    let mut lines = Vec::new();
    match &app.flow {
        Flow::Rotate(profile) => {
            lines.push(Line::from(format!(
                "New keys for profile `{}` ({}). The old public key was {}.",
                profile.name, profile.host, profile.public_key
            )));
        }
        _ => lines.push(Line::from(
            "From Langfuse → Project settings → API keys. Paste them; they are cleaned and checked.",
        )),
    }
    lines.push(Line::from(""));
    let focus = app.keys.focus;
    lines.push(Line::from(format!(
        "Public key  {}",
        field(&app.keys.public, focus == KeyField::Public, false)
    )));
    let hint = if app.keys.reveal {
        "shown: Ctrl-R hides it"
    } else {
        "hidden: Ctrl-R shows it"
    };
    lines.push(Line::from(format!(
        "Secret key  {}  ({hint})",
        field(
            &app.keys.secret,
            focus == KeyField::Secret,
            !app.keys.reveal
        )
    )));
    lines.push(Line::from(""));
    if app.keys.public.is_empty() && app.keys.secret.is_empty() {
        lines.push(Line::styled(
            "Keys look like pk-lf-... and sk-lf-...",
            theme.dim(),
        ));
    } else {
        match app.key_pair() {
            Ok(_) => lines.push(Line::styled(
                "✓ both keys look right: Enter runs the live test",
                theme.ok(),
            )),
            Err(error)
                if app.keys.secret.is_empty()
                    && parse_public_key(app.keys.public.value()).is_ok() =>
            {
                let _ = error;
                lines.push(Line::styled(
                    "✓ public key looks right; now the secret key",
                    theme.ok(),
                ));
            }
            Err(error) => lines.push(Line::styled(format!("✗ {error}"), theme.bad())),
        }
    }
    for note in &app.keys.notes {
        lines.push(Line::styled(format!("ℹ {note}"), theme.dim()));
    }
    frame.render_widget(paragraph(lines), area);
}
