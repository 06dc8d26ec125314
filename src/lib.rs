//! `langfuse-otel`: get OpenTelemetry / OpenLLMetry traces into Langfuse, correctly configured.
//!
//! The pure domain (hosts, keys, header encoding, variable families, `.env` editing) has no IO and
//! is tested exhaustively; IO sits at the edges ([`envfile`], [`commands`]).

pub mod apply;
pub mod cli;
pub mod commands;
pub mod credential;
pub mod diagnosis;
pub mod doctor;
pub mod dotenv;
pub mod envfile;
pub mod exit;
#[doc(hidden)]
pub mod fuzzing;
pub mod host;
pub mod keys;
pub mod otlp;
pub mod probe;
pub mod profile;
pub mod sandbox;
pub mod secret_store;
pub mod target;
pub mod tui;
pub mod vars;
