//! One module per screen: its key handling (part of `update`) and its view.

pub mod diagnose;
pub mod done;
pub mod explain;
pub mod keys;
pub mod output;
pub mod region;
pub mod start;
pub mod test;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Moves a selection up or down a list of `len` rows; `true` when the key was a move.
pub fn move_selection(selected: &mut usize, len: usize, key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => {
            *selected = (*selected + len - 1) % len;
            true
        }
        KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
            *selected = (*selected + 1) % len;
            true
        }
        _ => false,
    }
}
