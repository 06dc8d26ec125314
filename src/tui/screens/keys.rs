//! Keys: the public key shown, the secret masked (with a reveal toggle), pasted keys cleaned, and
//! validation as you type; Enter starts the live test only when both keys are valid.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::Line;

use super::test;
use crate::core::keys::{PUBLIC_PREFIX, SECRET_PREFIX, parse_public_key, parse_secret_key};
use crate::tui::app::{App, Effect, Flow, KeyField, Screen, paste_notes};
use crate::tui::view::{Body, Theme, field, pad};
use crate::{tr, tr_static};

pub fn keys() -> Vec<(&'static str, &'static str)> {
    vec![
        ("Tab", tr_static!("wiz-key-switch-field")),
        ("Ctrl-R", tr_static!("wiz-key-reveal-secret")),
        ("Enter", tr_static!("wiz-key-test")),
        ("Esc", tr_static!("wiz-key-back")),
        ("Ctrl-C", tr_static!("wiz-key-quit")),
    ]
}

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
                move_typed_secret(app);
            }
        }
    }
    Vec::new()
}

/// The keys a paste holds, by what they are rather than where the cursor is: `KEY=value`,
/// `KEY = "value"`, `export KEY='value'`, a whole .env block, a JSON object with
/// `publicKey`/`secretKey`, or a bare key. Values come back as pasted (the key parsers clean them).
pub fn keys_in_paste(text: &str) -> (Option<String>, Option<String>) {
    let (mut public, mut secret) = (None, None);
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str(text.trim()) {
        for (name, value) in &map {
            let Some(value) = value.as_str() else {
                continue;
            };
            match name.to_ascii_lowercase().replace('_', "").as_str() {
                "publickey" | "langfusepublickey" | "pk" => public = Some(value.to_string()),
                "secretkey" | "langfusesecretkey" | "sk" => secret = Some(value.to_string()),
                _ => {}
            }
        }
        return (public, secret);
    }
    // Terminals send a pasted line end as CR (tmux, xterm), files have LF or CRLF.
    for line in text.split(['\n', '\r']) {
        let line = line.trim();
        let line = line.strip_prefix("export ").map_or(line, str::trim_start);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let value = match line.split_once('=') {
            Some((name, value)) => {
                let name = name.trim().to_ascii_uppercase();
                if name.ends_with("PUBLIC_KEY") {
                    public = Some(value.trim().to_string());
                    continue;
                }
                if name.ends_with("SECRET_KEY") {
                    secret = Some(value.trim().to_string());
                    continue;
                }
                value.trim()
            }
            None => line,
        };
        // Two keys on one line are split at spaces; one key is kept whole, so a space inside it is
        // reported by the key parser rather than silently cut off.
        let keys_on_line =
            value.matches(PUBLIC_PREFIX).count() + value.matches(SECRET_PREFIX).count();
        let tokens: Vec<&str> = if keys_on_line > 1 {
            value.split_whitespace().collect()
        } else {
            vec![value]
        };
        for token in tokens {
            // As pasted, quotes included (the key parser removes them and says so).
            let token = token.trim_end_matches([',', ';']);
            let bare = token.trim_matches(|c| matches!(c, '"' | '\'' | '`'));
            if bare.starts_with(PUBLIC_PREFIX) && public.is_none() {
                public = Some(token.to_string());
            } else if bare.starts_with(SECRET_PREFIX) && secret.is_none() {
                secret = Some(token.to_string());
            }
        }
    }
    (public, secret)
}

/// A paste: cleaned (quotes, `NAME=`, a trailing newline) and said so. Each key found goes to its
/// own field, wherever the cursor was: a secret pasted into the public field is moved (and so
/// hidden), and said so.
pub fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    let focus = app.keys.focus;
    if text.trim() != text {
        let spaces = tr!("wiz-keys-note-trimmed-spaces");
        let what = if text.trim_end().len() < text.len() && text.ends_with('\n') {
            tr!("wiz-keys-note-trimmed-line-break")
        } else {
            spaces.clone()
        };
        if !app.keys.notes.contains(&spaces) {
            app.keys.notes.push(what);
        }
    }
    match keys_in_paste(text) {
        (Some(public), Some(secret)) => {
            fill(app, KeyField::Public, &public);
            fill(app, KeyField::Secret, &secret);
            app.keys.notes.push(tr!("wiz-keys-note-both"));
            app.keys.focus = KeyField::Secret;
            return Vec::new();
        }
        (None, Some(secret)) => {
            fill(app, KeyField::Secret, &secret);
            if focus == KeyField::Public {
                app.keys.notes.push(tr!("wiz-keys-note-pasted-secret"));
            }
            app.keys.focus = KeyField::Secret;
            return Vec::new();
        }
        (Some(public), None) => {
            fill(app, KeyField::Public, &public);
            if focus == KeyField::Secret {
                app.keys.notes.push(tr!("wiz-keys-note-pasted-public"));
                app.keys.focus = KeyField::Public;
            }
            return Vec::new();
        }
        (None, None) => {}
    }
    fill(app, focus, text);
    Vec::new()
}

/// A secret key typed into the public field moves to the secret field as soon as its prefix shows,
/// so it is never drawn in clear.
fn move_typed_secret(app: &mut App) {
    let typed = app.keys.public.value().trim_start();
    if typed.starts_with(SECRET_PREFIX) && app.keys.secret.is_empty() {
        let typed = zeroize::Zeroizing::new(typed.to_string());
        app.keys.secret.set(&typed);
        app.keys.public.set("");
        app.keys.focus = KeyField::Secret;
        app.keys.notes.push(tr!("wiz-keys-note-typed-secret"));
    }
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
            app.keys.notes.extend(notes);
        }
        None => input.set(text.trim()),
    }
}

pub fn body(app: &App) -> Body<'static> {
    let theme = Theme::of(app);
    let mut lines = Vec::new();
    match &app.flow {
        Flow::Rotate(profile) => {
            lines.push(Line::from(tr!(
                "wiz-keys-rotate-intro",
                profile = &profile.name,
                host = &profile.host,
                key = &profile.public_key
            )));
        }
        _ => lines.push(Line::from(tr!("wiz-keys-intro"))),
    }
    lines.push(Line::from(""));
    let focus = app.keys.focus;
    let focus_line = lines.len() + usize::from(focus == KeyField::Secret);
    // The two labels share a column, as wide as the wider of them in this language.
    let label_width = [
        tr_static!("wiz-keys-public-label"),
        tr_static!("wiz-keys-secret-label"),
    ]
    .iter()
    .map(|label| unicode_width::UnicodeWidthStr::width(*label))
    .max()
    .unwrap_or(0);
    lines.push(Line::from(format!(
        "{}  {}",
        pad(tr_static!("wiz-keys-public-label"), label_width),
        field(
            &app.keys.public,
            focus == KeyField::Public,
            // A secret in the public field is a secret all the same.
            app.keys.public.value().contains(SECRET_PREFIX) && !app.keys.reveal
        )
    )));
    let hint = if app.keys.reveal {
        tr!("wiz-keys-secret-shown")
    } else {
        tr!("wiz-keys-secret-hidden")
    };
    lines.push(Line::from(format!(
        "{}  {}  {hint}",
        pad(tr_static!("wiz-keys-secret-label"), label_width),
        field(
            &app.keys.secret,
            focus == KeyField::Secret,
            !app.keys.reveal
        )
    )));
    lines.push(Line::from(""));
    if app.keys.public.is_empty() && app.keys.secret.is_empty() {
        lines.push(Line::styled(tr!("wiz-keys-shape"), theme.dim()));
    } else {
        match app.key_pair() {
            Ok(_) => lines.push(Line::styled(
                format!("✓ {}", tr!("wiz-keys-both-valid")),
                theme.ok(),
            )),
            Err(error)
                if app.keys.secret.is_empty()
                    && parse_public_key(app.keys.public.value()).is_ok() =>
            {
                let _ = error;
                lines.push(Line::styled(
                    format!("✓ {}", tr!("wiz-keys-public-valid")),
                    theme.ok(),
                ));
            }
            Err(error) => lines.push(Line::styled(format!("✗ {error}"), theme.bad())),
        }
    }
    for note in &app.keys.notes {
        lines.push(Line::styled(format!("ℹ {note}"), theme.dim()));
    }
    Body {
        lines,
        focus: Some(focus_line),
        action: Vec::new(),
        cut: Vec::new(),
    }
}
