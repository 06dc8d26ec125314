//! Start: what exists already, and what to do.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::Line;

use super::move_selection;
use crate::io::profile::Profile;
use crate::tui::app::{App, Effect, Flow, Screen, StartOption};
use crate::tui::view::{Body, Theme, list};
use crate::{tr, tr_static};

pub fn keys() -> Vec<(&'static str, &'static str)> {
    vec![
        ("↑↓", tr_static!("wiz-key-choose")),
        ("Enter", tr_static!("wiz-key-select")),
        ("q", tr_static!("wiz-key-quit")),
        ("Ctrl-C", tr_static!("wiz-key-quit")),
    ]
}

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let options = app.start_options();
    if move_selection(&mut app.start_choice, options.len(), &key) {
        return Vec::new();
    }
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') => {
            app.quit = true;
            Vec::new()
        }
        KeyCode::Enter => match options[app.start_choice.min(options.len() - 1)].clone() {
            StartOption::Setup => {
                app.flow = Flow::Setup;
                app.screen = Screen::Region;
                Vec::new()
            }
            StartOption::Rotate(name) => {
                if let Some(profile) = app.context.profiles.iter().find(|p| p.name == name) {
                    let profile = profile.clone();
                    app.flow = Flow::Rotate(profile.clone());
                    app.keys.public.set("");
                    app.keys.secret.set("");
                    app.screen = Screen::Keys;
                    return load_headers(app, profile);
                }
                Vec::new()
            }
            StartOption::Export(name) => {
                let Some(profile) = app
                    .context
                    .profiles
                    .iter()
                    .find(|p| p.name == name)
                    .cloned()
                else {
                    return Vec::new();
                };
                app.flow = Flow::Export(profile.clone());
                app.loaded_secret = None;
                app.output.error = None;
                app.output.families = profile.families.clone();
                app.screen = Screen::Output;
                let id = app.request();
                app.secret_request = Some(id);
                let mut effects = load_headers(app, profile.clone());
                effects.push(Effect::LoadSecret { id, profile });
                effects
            }
            StartOption::Diagnose(path) => {
                app.diagnose_path = Some(path);
                app.repaired = None;
                app.screen = Screen::Diagnose;
                super::diagnose::test_again(app)
            }
            StartOption::Explain => {
                app.screen = Screen::Explain;
                Vec::new()
            }
            StartOption::Quit => {
                app.quit = true;
                Vec::new()
            }
        },
        _ => Vec::new(),
    }
}

/// A profile's extra headers, when it has any (a keyring call only for a secret-bearing one).
fn load_headers(app: &mut App, profile: Profile) -> Vec<Effect> {
    app.profile_headers.clear();
    if profile.headers.is_empty() {
        app.headers_request = None;
        return Vec::new();
    }
    let id = app.request();
    app.headers_request = Some(id);
    vec![Effect::LoadHeaders { id, profile }]
}

pub fn body(app: &App) -> Body<'static> {
    let theme = Theme::of(app);
    let mut lines = vec![Line::from(tr!("wiz-start-intro")), Line::from("")];
    let context = &app.context;
    let mut found = Vec::new();
    if !context.profiles.is_empty() {
        let names: Vec<&str> = context.profiles.iter().map(|p| p.name.as_str()).collect();
        found.push(tr!("wiz-start-found-profiles", names = names.join(", ")));
    }
    if let Some(path) = &context.env_file {
        found.push(tr!("wiz-start-found-env-file", path = path.display()));
    }
    if !context.env_families.is_empty() {
        let names: Vec<&str> = context.env_families.iter().map(|f| f.name()).collect();
        found.push(tr!(
            "wiz-start-found-environment",
            families = names.join(", ")
        ));
    }
    if found.is_empty() {
        lines.push(Line::styled(tr!("wiz-start-found-nothing"), theme.dim()));
    } else {
        lines.push(Line::from(tr!(
            "wiz-start-found",
            found = found.join(&tr!("wiz-list-separator"))
        )));
    }
    if !app.prefilled.is_empty() {
        lines.push(Line::styled(
            tr!(
                "wiz-start-prefilled",
                answers = app.prefilled.join(&tr!("wiz-list-comma"))
            ),
            theme.accent(),
        ));
    }
    if context.node_project && !app.prefilled_families {
        lines.push(Line::styled(tr!("wiz-start-node-project"), theme.dim()));
    }
    lines.push(Line::from(""));
    let rows = app
        .start_options()
        .iter()
        .map(|option| {
            Line::from(match option {
                StartOption::Setup => tr!("wiz-start-setup"),
                StartOption::Rotate(name) => tr!("wiz-start-rotate", profile = name),
                StartOption::Export(name) => tr!("wiz-start-export", profile = name),
                StartOption::Diagnose(path) => {
                    tr!("wiz-start-diagnose", path = path.display())
                }
                StartOption::Explain => tr!("wiz-start-explain"),
                StartOption::Quit => tr!("wiz-start-quit"),
            })
        })
        .collect();
    let focus = lines.len() + app.start_choice;
    lines.extend(list(rows, app.start_choice, theme));
    Body {
        lines,
        focus: Some(focus),
        action: Vec::new(),
        cut: Vec::new(),
    }
}
