//! Drawing: from the state alone. Every status has a symbol and a word, so nothing depends on
//! colour, and `NO_COLOR` turns colour off.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::{App, Screen};
use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

use super::input::Input;
use super::screens;
use crate::core::diagnosis::CheckKind;
use crate::core::host::Region;
use crate::{tr, tr_static};

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

/// The title bar's words: the screen's name, with its step for the five steps of a setup.
fn title_of(screen: Screen) -> String {
    let step = |step: u8, name: String| tr!("wiz-title-step", step = step, steps = 5, name = name);
    match screen {
        Screen::Start => tr!("wiz-title-start"),
        Screen::Region => step(1, tr!("wiz-title-region")),
        Screen::Keys => step(2, tr!("wiz-title-keys")),
        Screen::Test => step(3, tr!("wiz-title-test")),
        Screen::Output => step(4, tr!("wiz-title-output")),
        Screen::Done => step(5, tr!("wiz-title-done")),
        Screen::Diagnose => tr!("wiz-title-diagnose"),
        Screen::Explain => tr!("wiz-title-explain"),
    }
}

/// The terminal is below the minimum: only quitting acts.
pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_WIDTH || size.1 < MIN_HEIGHT
}

/// What a screen draws: its lines, the line to keep in view, and the action pinned above the
/// footer so it is never scrolled or cut away.
#[derive(Default)]
pub struct Body<'a> {
    pub lines: Vec<Line<'a>>,
    /// Index in `lines` of the selection or focused field: scrolled into view.
    pub focus: Option<usize>,
    /// Always visible, at the bottom: the button, the choices, the error that blocks them.
    pub action: Vec<Line<'a>>,
    /// Indices in `lines` cut with `…` rather than wrapped (a wrapped value reads as two).
    pub cut: Vec<usize>,
}

impl<'a> Body<'a> {
    pub fn new(lines: Vec<Line<'a>>) -> Body<'a> {
        Body {
            lines,
            ..Body::default()
        }
    }
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = Theme::of(app);
    if too_small((area.width, area.height)) {
        let demo = if app.context.ephemeral {
            format!("{} · ", tr!("wiz-demo-badge"))
        } else {
            String::new()
        };
        let text = format!(
            "{demo}{}\n\n{}",
            tr!(
                "wiz-too-small",
                need = format!("{MIN_WIDTH}×{MIN_HEIGHT}"),
                have = format!("{}×{}", area.width, area.height)
            ),
            tr!("wiz-too-small-quit")
        );
        // Wrapped as every screen's text is (between Chinese characters, never over the edge).
        let lines: Vec<Line> = text
            .split('\n')
            .flat_map(|line| fit(Line::from(line.to_string()), usize::from(area.width)))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let [title, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut spans = vec![Span::styled(" langfuse-otel ", theme.accent())];
    if app.context.ephemeral {
        spans.push(Span::styled(
            format!(" {} ", tr!("wiz-demo-badge")),
            theme.selected(),
        ));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::raw(format!("· {}", title_of(app.screen))));
    frame.render_widget(Line::from(spans), title);
    let block = Block::default().borders(Borders::TOP | Borders::BOTTOM);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let content = match app.screen {
        Screen::Start => screens::start::body(app),
        Screen::Region => screens::region::body(app),
        Screen::Keys => screens::keys::body(app),
        Screen::Test => screens::test::body(app),
        Screen::Output => screens::output::body(app),
        Screen::Done => screens::done::body(app),
        Screen::Diagnose => screens::diagnose::body(app),
        Screen::Explain => screens::explain::body(app),
    };
    render_body(frame, inner, content, theme);
    frame.render_widget(footer_line(app, theme, footer.width), footer);
}

/// Lays a screen's body out in `area`: every line fitted to the width (wrapped, or cut with an
/// ellipsis), the action at the bottom, and the rest scrolled so the focus line shows.
fn render_body(frame: &mut Frame, area: Rect, body: Body<'_>, theme: Theme) {
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    let mut action: Vec<Line> = body
        .action
        .into_iter()
        .flat_map(|l| fit(l, width))
        .collect();
    // The action keeps at most half the room (a long error is cut, not the whole screen).
    if action.len() > height / 2 && !action.is_empty() {
        action.truncate((height / 2).max(1));
    }
    let room = height - action.len().min(height);
    let mut rows: Vec<Line> = Vec::new();
    let mut focus_row = None;
    for (i, line) in body.lines.into_iter().enumerate() {
        if body.focus == Some(i) {
            focus_row = Some(rows.len());
        }
        if body.cut.contains(&i) {
            rows.push(truncate(line, width));
        } else {
            rows.extend(fit(line, width));
        }
    }
    // A blank line between the body and the action, when there is room for it.
    let gap = usize::from(!action.is_empty() && rows.len() < room);
    let room = room - gap;
    // The focus with two rows after it (a field's validation, the next choice) in view; the
    // "more" markers take a row at each cut end, never the focus row.
    let offset = match focus_row {
        Some(row) => ((row + 4).min(rows.len()))
            .saturating_sub(room)
            .min(row.saturating_sub(1)),
        None => 0,
    }
    .min(rows.len().saturating_sub(room));
    let hidden_above = offset;
    let hidden_below = rows.len().saturating_sub(offset + room);
    let mut shown: Vec<Line> = rows.into_iter().skip(offset).take(room).collect();
    if hidden_above > 0 && !shown.is_empty() {
        shown[0] = Line::styled(
            format!("↑ {}", tr!("wiz-more-above", count = hidden_above)),
            theme.dim(),
        );
    }
    if hidden_below > 0
        && let Some(last) = shown.last_mut()
    {
        *last = Line::styled(
            format!("↓ {}", tr!("wiz-more-below", count = hidden_below + 1)),
            theme.dim(),
        );
    }
    let body_area = Rect {
        height: shown.len() as u16,
        ..area
    };
    frame.render_widget(Paragraph::new(shown), body_area);
    if !action.is_empty() {
        let action_area = Rect {
            y: area.y + area.height - action.len() as u16,
            height: action.len() as u16,
            ..area
        };
        frame.render_widget(Paragraph::new(action), action_area);
    }
}

/// One line as rows of at most `width` cells: a line of one style wraps at spaces (continuation
/// rows indented like the first); a line of several styles (a list row, a field) is cut with `…`.
pub fn fit(line: Line<'_>, width: usize) -> Vec<Line<'_>> {
    if line.width() <= width || width < 2 {
        return vec![line];
    }
    let one_style = line.spans.windows(2).all(|w| w[0].style == w[1].style);
    if !one_style {
        return vec![truncate(line, width)];
    }
    let style = line
        .spans
        .first()
        .map(|s| s.style)
        .unwrap_or_default()
        .patch(line.style);
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let indent = text.width() - text.trim_start().width();
    let indent = " ".repeat((indent + 2).min(width / 2));
    let mut rows = Vec::new();
    let mut current = String::new();
    let mut current_width = 0;
    for word in breakable_pieces(&text) {
        let word_width = word.width();
        if current_width + word_width.min(width) > width && !current.trim().is_empty() {
            rows.push(Line::styled(current.trim_end().to_string(), style));
            current = indent.clone();
            current_width = indent.width();
        }
        if current_width + word_width > width {
            // A word longer than the row (a URL, a key): cut where the row ends, between two
            // characters (a wide one goes whole to the next row).
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if current_width + w > width {
                    rows.push(Line::styled(std::mem::take(&mut current), style));
                    current = indent.clone();
                    current_width = indent.width();
                }
                current.push(c);
                current_width += w;
            }
        } else {
            current.push_str(word);
            current_width += word_width;
        }
    }
    if !current.trim().is_empty() {
        rows.push(Line::styled(current.trim_end().to_string(), style));
    }
    rows
}

/// Punctuation a row must not start with (it closes what comes before it).
const CLOSING: &str = "，。、；：？！）】」』”’》〉…,.;:?!)]}%";
/// Punctuation a row must not end with (it opens what comes after it).
const OPENING: &str = "（【「『“‘《〈([{";

/// The text in the pieces a row may end after: each run up to and including a space (as English
/// wraps), and each wide character on its own, since Chinese runs have no spaces and may break
/// between any two characters, except before closing punctuation or after opening punctuation.
/// Latin words, URLs and keys are never broken here (UAX #14 would break them at `-` and `/`).
pub fn breakable_pieces(text: &str) -> Vec<&str> {
    let wide = |c: char| c.width() == Some(2);
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        if let Some(before) = previous {
            let after_space = before == ' ';
            let around_wide = (wide(before) || wide(c))
                && before != ' '
                && c != ' '
                // A no-break space keeps a number with its unit (`3 秒`).
                && before != '\u{a0}'
                && c != '\u{a0}'
                && !CLOSING.contains(c)
                && !OPENING.contains(before);
            if after_space || around_wide {
                pieces.push(&text[start..at]);
                start = at;
            }
        }
        previous = Some(c);
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

/// The line cut to `width` cells, the last one an ellipsis.
pub fn truncate(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width {
        return line;
    }
    let style = line.style;
    let mut spans = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let mut text = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width.saturating_sub(1) {
                break;
            }
            text.push(c);
            used += w;
        }
        let cut = text.len() < span.content.len();
        spans.push(Span::styled(text, span.style));
        if cut {
            spans.push(Span::styled("…", span.style));
            break;
        }
    }
    Line::from(spans).style(style)
}

/// The keys of the screen; cut with `…` where the terminal is narrow (quit stays first to go).
fn footer_line(app: &App, theme: Theme, width: u16) -> Line<'static> {
    let keys = match app.screen {
        Screen::Start => screens::start::keys(),
        Screen::Region => screens::region::keys(app),
        Screen::Keys => screens::keys::keys(),
        Screen::Test => screens::test::keys(app),
        Screen::Output => screens::output::keys(app),
        Screen::Done => screens::done::keys(app),
        Screen::Diagnose => screens::diagnose::keys(),
        Screen::Explain => screens::explain::keys(),
    };
    // Where the terminal is narrow, the keys before the last give way (the last is how to quit),
    // and an ellipsis says some are not shown.
    let mut keys = keys;
    let fits = |keys: &[(&str, &str)]| {
        let text: usize = keys.iter().map(|(k, w)| k.width() + w.width() + 4).sum();
        text + 2 <= usize::from(width)
    };
    let mut dropped = false;
    while keys.len() > 2 && !fits(&keys) {
        keys.remove(keys.len() - 2);
        dropped = true;
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, (key, what)) in keys.iter().enumerate() {
        if i > 0 {
            let separator = if dropped && i == keys.len() - 1 {
                " … "
            } else {
                " · "
            };
            spans.push(Span::styled(separator, theme.dim()));
        }
        spans.push(Span::styled(key.to_string(), theme.accent()));
        spans.push(Span::raw(format!(" {what}")));
    }
    truncate(Line::from(spans), usize::from(width))
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

/// A region's name on screen, in the user's language (`Region::label` is the English one that
/// JSON and logs keep).
pub fn region_label(region: Region) -> &'static str {
    match region {
        Region::Eu => tr_static!("wiz-region-name-eu"),
        Region::Us => tr_static!("wiz-region-name-us"),
        Region::Jp => tr_static!("wiz-region-name-jp"),
        Region::Hipaa => tr_static!("wiz-region-name-hipaa"),
        Region::Local => tr_static!("wiz-region-name-local"),
    }
}

/// A live check's name on screen, in the user's language (`CheckKind::label` stays English for
/// JSON).
pub fn check_label(check: CheckKind) -> &'static str {
    match check {
        CheckKind::Health => tr_static!("wiz-check-server"),
        CheckKind::Credentials => tr_static!("wiz-check-keys"),
        CheckKind::Ingest => tr_static!("wiz-check-ingest"),
        CheckKind::ReadBack => tr_static!("wiz-check-arrival"),
    }
}

/// `text` followed by spaces up to `width` columns (a column of a table): by display width, so a
/// Chinese label lines up like an English one.
pub fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(fill))
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

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 4] = [
        "把 OpenTelemetry / OpenLLMetry 的 trace 正确编码，送进 Langfuse。",
        "私钥只保存在 .env 中（你的选择；按 r 重试）：密钥环无法使用，请先在上方选择。",
        "已发送一个测试 span，等待它在 Langfuse 中出现（已等 3 秒，最多 60 秒；按 Esc 跳过）",
        "解决办法：把 `Authorization=Basic%20<base64>` 写进 TRACELOOP_HEADERS，然后重新测试。",
    ];

    fn text_of(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn chinese_wraps_within_the_width_and_loses_no_character() {
        for text in TEXTS {
            for width in 4..=70 {
                let rows = fit(Line::from(text), width);
                for row in &rows {
                    assert!(row.width() <= width, "{width}: {:?}", text_of(row));
                }
                let joined: String = rows.iter().map(text_of).collect();
                let squeeze = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
                assert_eq!(squeeze(&joined), squeeze(text), "width {width}");
                // Where every piece fits a row (with the indent), no row starts with closing
                // punctuation or ends with opening punctuation.
                let widest = breakable_pieces(text)
                    .iter()
                    .map(|p| p.width())
                    .max()
                    .unwrap();
                if width >= widest + 2 {
                    for row in &rows[1..] {
                        let first = text_of(row).trim_start().chars().next().unwrap();
                        // (After a space a row may start with `.env`.)
                        assert!(
                            first.is_ascii() || !CLOSING.contains(first),
                            "{width}: a row starts with {first:?}: {rows:?}"
                        );
                    }
                    for row in &rows[..rows.len() - 1] {
                        let last = text_of(row).chars().next_back().unwrap();
                        assert!(!OPENING.contains(last), "{width}: a row ends with {last:?}");
                    }
                }
            }
        }
    }

    /// A cut never splits a wide character: the line fits its width and keeps whole characters
    /// from the start of the text, then `…`.
    #[test]
    fn a_cut_keeps_whole_wide_characters() {
        for text in TEXTS {
            for width in 1..text.width() {
                let cut = truncate(Line::from(text), width);
                let shown = text_of(&cut);
                assert!(
                    cut.width() <= width,
                    "{width}: {shown:?} is {}",
                    cut.width()
                );
                let kept = shown.strip_suffix('…').unwrap_or(&shown);
                assert!(text.starts_with(kept), "{width}: {shown:?}");
                // As much as fits: one more character would not.
                let next = text[kept.len()..].chars().next().unwrap();
                assert!(
                    kept.width() + next.width().unwrap_or(0) + 1 > width,
                    "{width}"
                );
            }
        }
    }

    #[test]
    fn english_still_breaks_only_at_spaces() {
        assert_eq!(
            breakable_pieces("use https://x.y/a-b  now"),
            ["use ", "https://x.y/a-b ", " ", "now"]
        );
        assert_eq!(
            breakable_pieces("密钥环：可用（r）"),
            ["密", "钥", "环：", "可", "用", "（r）"]
        );
        assert_eq!(breakable_pieces("等 3\u{a0}秒"), ["等 ", "3\u{a0}秒"]);
    }

    #[test]
    fn columns_pad_by_display_width() {
        assert_eq!(pad("密钥环", 8), "密钥环  ");
        assert_eq!(pad("Keyring", 8), "Keyring ");
        assert_eq!(pad("配置档", 4), "配置档");
    }
}
