//! Drawing: from the state alone. Every status has a symbol and a word, so nothing depends on
//! colour, and `NO_COLOR` turns colour off.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::{App, Screen};
use super::input::Input;
use super::screens;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

/// Styles, or none with `NO_COLOR`.
#[derive(Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn of(app: &App) -> Theme {
        Theme {
            color: !app.context.no_color,
        }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn bad(self) -> Style {
        self.fg(Color::Red)
    }

    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }

    pub fn accent(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The selected row: reversed, which reads without colour too (and it has a `›` marker).
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
}

const SPINNER: [&str; 4] = ["|", "/", "-", "\\"];

pub fn spinner(app: &App) -> &'static str {
    SPINNER[(app.clock.as_millis() / 100) as usize % SPINNER.len()]
}

fn step(screen: Screen) -> (&'static str, &'static str) {
    match screen {
        Screen::Start => ("", "Start"),
        Screen::Region => ("Step 1 of 5 · ", "Where is your Langfuse?"),
        Screen::Keys => ("Step 2 of 5 · ", "API keys"),
        Screen::Test => ("Step 3 of 5 · ", "Live test"),
        Screen::Output => ("Step 4 of 5 · ", "Where to keep it"),
        Screen::Done => ("Step 5 of 5 · ", "Done"),
        Screen::Diagnose => ("", "Diagnose"),
        Screen::Explain => ("", "Explain an error"),
    }
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "Make the terminal larger: langfuse-otel needs {MIN_WIDTH}×{MIN_HEIGHT}, this one is {}×{}.\n\nCtrl-C quits.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let theme = Theme::of(app);
    let [title, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let (prefix, name) = step(app.screen);
    frame.render_widget(
        Line::from(vec![
            Span::styled(" langfuse-otel ", theme.accent()),
            Span::raw(format!("· {prefix}{name}")),
        ]),
        title,
    );
    let block = Block::default().borders(Borders::TOP | Borders::BOTTOM);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    match app.screen {
        Screen::Start => screens::start::view(frame, inner, app),
        Screen::Region => screens::region::view(frame, inner, app),
        Screen::Keys => screens::keys::view(frame, inner, app),
        Screen::Test => screens::test::view(frame, inner, app),
        Screen::Output => screens::output::view(frame, inner, app),
        Screen::Done => screens::done::view(frame, inner, app),
        Screen::Diagnose => screens::diagnose::view(frame, inner, app),
        Screen::Explain => screens::explain::view(frame, inner, app),
    }
    frame.render_widget(footer_line(app, theme), footer);
}

fn footer_line(app: &App, theme: Theme) -> Line<'static> {
    let keys = match app.screen {
        Screen::Start => screens::start::KEYS,
        Screen::Region => screens::region::keys(app),
        Screen::Keys => screens::keys::KEYS,
        Screen::Test => screens::test::keys(app),
        Screen::Output => screens::output::keys(app),
        Screen::Done => screens::done::KEYS,
        Screen::Diagnose => screens::diagnose::KEYS,
        Screen::Explain => screens::explain::KEYS,
    };
    let mut spans = vec![Span::raw(" ")];
    for (i, (key, what)) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(key.to_string(), theme.accent()));
        spans.push(Span::raw(format!(" {what}")));
    }
    Line::from(spans)
}

/// A list of rows with the selected one marked `›` and reversed.
pub fn list<'a>(rows: Vec<Line<'a>>, selected: usize, theme: Theme) -> Vec<Line<'a>> {
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            let mut spans = vec![Span::raw(if i == selected { " › " } else { "   " })];
            spans.extend(row.spans);
            let line = Line::from(spans);
            if i == selected {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect()
}

/// An input field as text: `[value▏]` with the cursor shown when focused.
pub fn field(input: &Input, focused: bool, masked: bool) -> String {
    let shown: String = if masked {
        "•".repeat(input.value().chars().count())
    } else {
        input.value().to_string()
    };
    if !focused {
        return format!("[{shown}]");
    }
    let at = shown
        .char_indices()
        .nth(input.cursor())
        .map_or(shown.len(), |(i, _)| i);
    format!("[{}▏{}]", &shown[..at], &shown[at..])
}

pub fn paragraph(lines: Vec<Line<'_>>) -> Paragraph<'_> {
    Paragraph::new(lines).wrap(Wrap { trim: false })
}
