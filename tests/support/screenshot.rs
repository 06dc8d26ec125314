//! A rendered screen as SVG, for the README: the same `TestBackend` buffer the snapshot tests
//! check, drawn cell by cell with its colours.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr as _;

use langfuse_otel::tui::app::App;
use langfuse_otel::tui::view;

const CELL_WIDTH: f32 = 8.4;
const ROW_HEIGHT: f32 = 18.0;
const FOREGROUND: &str = "#d4d4d4";
const BACKGROUND: &str = "#1e1e1e";

/// Renders the app at `width`×`height` cells and returns the SVG.
pub fn svg(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test backend");
    terminal
        .draw(|frame| view::draw(frame, app))
        .expect("drawing to a test backend");
    buffer_svg(terminal.backend().buffer())
}

fn color(color: Color, default: &'static str) -> &'static str {
    match color {
        Color::Green => "#6a9955",
        Color::Red => "#f14c4c",
        Color::Yellow => "#cca700",
        Color::Cyan => "#29b8db",
        Color::DarkGray => "#808080",
        _ => default,
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn buffer_svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    let width = f32::from(area.width) * CELL_WIDTH + 16.0;
    let height = f32::from(area.height) * ROW_HEIGHT + 16.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n\
         <rect width=\"100%\" height=\"100%\" rx=\"6\" fill=\"{BACKGROUND}\"/>\n\
         <g font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"14\" xml:space=\"preserve\">\n"
    );
    for y in 0..area.height {
        let baseline = 8.0 + f32::from(y) * ROW_HEIGHT + 14.0;
        let mut x = 0;
        while x < area.width {
            let cell = &buffer[(x, y)];
            let style = (cell.fg, cell.bg, cell.modifier);
            let start = x;
            let mut text = String::new();
            while x < area.width {
                let next = &buffer[(x, y)];
                if (next.fg, next.bg, next.modifier) != style {
                    break;
                }
                text.push_str(next.symbol());
                // A wide character (Chinese) covers the next cell too: that cell's blank is not text.
                x += next.symbol().width().max(1) as u16;
            }
            x = x.min(area.width);
            let reversed = style.2.contains(Modifier::REVERSED);
            let (fg, bg) = if reversed {
                (BACKGROUND, color(style.0, FOREGROUND))
            } else {
                (color(style.0, FOREGROUND), color(style.1, BACKGROUND))
            };
            let left = 8.0 + f32::from(start) * CELL_WIDTH;
            if bg != BACKGROUND {
                out.push_str(&format!(
                    "<rect x=\"{left:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{ROW_HEIGHT}\" fill=\"{bg}\"/>\n",
                    baseline - 14.0,
                    f32::from(x - start) * CELL_WIDTH
                ));
            }
            if text.trim().is_empty() {
                continue;
            }
            let weight = if style.2.contains(Modifier::BOLD) {
                " font-weight=\"bold\""
            } else {
                ""
            };
            out.push_str(&format!(
                "<text x=\"{left:.1}\" y=\"{baseline:.1}\" fill=\"{fg}\"{weight} textLength=\"{:.1}\">{}</text>\n",
                f32::from(x - start) * CELL_WIDTH,
                escape(&text)
            ));
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}
