//! The terminal wizard, in The Elm Architecture: [`app`] holds the state and the update function,
//! [`screens`] one module per screen, [`view`] draws from the state only, [`effects`] runs the IO
//! (probe, keyring, files) on tokio and answers with messages, and [`terminal`] owns the terminal.

pub mod app;
pub mod effects;
pub mod input;
pub mod screens;
pub mod terminal;
pub mod view;
