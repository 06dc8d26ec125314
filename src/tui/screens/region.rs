//! Region: a Langfuse Cloud region, this machine, a self-hosted URL, or "detect from my keys".

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::Line;

use super::move_selection;
use crate::core::host::{HostError, HostPick, normalize_host};
use crate::tui::app::{App, Effect, Screen};
use crate::tui::view::{Body, Theme, field, list, pad, region_label};
use crate::{tr, tr_static};

pub fn keys(app: &App) -> Vec<(&'static str, &'static str)> {
    if app.editing_url {
        vec![
            ("Enter", tr_static!("wiz-key-use-url")),
            ("Esc", tr_static!("wiz-key-back-to-list")),
            ("Ctrl-Y", tr_static!("wiz-key-allow-http")),
            ("Ctrl-C", tr_static!("wiz-key-quit")),
        ]
    } else {
        vec![
            ("↑↓", tr_static!("wiz-key-choose")),
            ("Enter", tr_static!("wiz-key-next")),
            ("Esc", tr_static!("wiz-key-back")),
            ("Ctrl-C", tr_static!("wiz-key-quit")),
        ]
    }
}

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if app.editing_url {
        match key.code {
            KeyCode::Esc => app.editing_url = false,
            KeyCode::Char('y') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                app.allow_http = true;
            }
            KeyCode::Enter => {
                if normalize_host(app.url.value(), app.allow_http).is_ok() {
                    app.editing_url = false;
                    app.test.host = None;
                    app.screen = Screen::Keys;
                }
            }
            _ => {
                app.url.handle(key);
            }
        }
        return Vec::new();
    }
    if move_selection(&mut app.region_choice, HostPick::ALL.len(), &key) {
        return Vec::new();
    }
    match key.code {
        KeyCode::Esc => app.screen = Screen::Start,
        KeyCode::Enter => {
            if app.host_pick() == HostPick::SelfHosted {
                app.editing_url = true;
            } else {
                app.test.host = None;
                app.screen = Screen::Keys;
            }
        }
        _ => {}
    }
    Vec::new()
}

pub fn body(app: &App) -> Body<'static> {
    let theme = Theme::of(app);
    let mut lines = vec![Line::from(tr!("wiz-region-intro")), Line::from("")];
    let rows = HostPick::ALL
        .iter()
        .map(|choice| {
            Line::from(match choice {
                HostPick::Detect => tr!("wiz-region-detect"),
                HostPick::Region(region) => {
                    let url = app
                        .context
                        .regions
                        .iter()
                        .find(|(r, _)| r == region)
                        .map_or_else(|| region.url().to_string(), |(_, h)| h.to_string());
                    format!("{} {url}", pad(region_label(*region), 36))
                }
                HostPick::SelfHosted => tr!("wiz-region-self-hosted"),
            })
        })
        .collect();
    let mut focus = lines.len() + app.region_choice;
    lines.extend(list(rows, app.region_choice, theme));
    if app.host_pick() == HostPick::SelfHosted {
        lines.push(Line::from(""));
        if app.editing_url {
            focus = lines.len();
        }
        lines.push(Line::from(format!(
            "{}  {}",
            tr!("wiz-region-url-label"),
            field(&app.url, app.editing_url, false)
        )));
        if !app.url.is_empty() {
            match normalize_host(app.url.value(), app.allow_http) {
                Ok((host, notes)) => {
                    lines.push(Line::styled(
                        format!(
                            "  ✓ {}",
                            tr!("wiz-region-will-use", host = host.to_string())
                        ),
                        theme.ok(),
                    ));
                    for note in notes {
                        lines.push(Line::styled(format!("  ℹ {note}"), theme.dim()));
                    }
                    if !host.is_https() && !host.is_loopback() {
                        lines.push(Line::styled(
                            format!("  ! {}", tr!("wiz-region-plain-http-allowed")),
                            theme.warn(),
                        ));
                    }
                }
                Err(HostError::InsecureHttp(url)) => {
                    lines.push(Line::styled(
                        format!("  ✗ {}", tr!("wiz-region-plain-http", url = url)),
                        theme.bad(),
                    ));
                    lines.push(Line::from(format!(
                        "    {}",
                        tr!("wiz-region-plain-http-fix")
                    )));
                }
                Err(error) => lines.push(Line::styled(format!("  ✗ {error}"), theme.bad())),
            }
        } else if app.editing_url {
            lines.push(Line::styled(
                format!("  {}", tr!("wiz-region-url-example")),
                theme.dim(),
            ));
        }
    }
    Body {
        lines,
        focus: Some(focus),
        action: Vec::new(),
        cut: Vec::new(),
    }
}
