//! The pure domain: no IO, no clock, no environment. Everything here takes values and returns
//! values; the edges in [`crate::io`] and the commands feed it.

pub mod arrival;
pub mod credential;
pub mod diagnosis;
pub mod doctor;
pub mod dotenv;
pub mod effective;
pub mod exit;
pub mod explain;
pub mod formats;
pub mod host;
pub mod i18n;
pub mod keys;
pub mod otlp;
pub mod server_text;
pub mod target;
pub mod vars;
