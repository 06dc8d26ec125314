//! `langfuse-otel`: get OpenTelemetry / OpenLLMetry traces into Langfuse, correctly configured.
//!
//! [`core`] is the pure domain (hosts, keys, header encoding, variable families, `.env` grammar and
//! editing, diagnosis): no IO, no environment, tested exhaustively. [`io`] holds the edges (files,
//! HTTP, keyring, profiles, the sandbox server), each small and driven for real in tests. [`apply`]
//! is the one way to write; [`commands`] and [`tui`] gather inputs and render results.

pub mod apply;
pub mod checkup;
pub mod cli;
pub mod commands;
pub mod core;
pub mod exit;
#[doc(hidden)]
pub mod fuzzing;
pub mod io;
pub mod tui;
pub mod usage_error;
