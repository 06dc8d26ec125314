//! The edges: files, HTTP, the OS keyring, profiles on disk and the loopback sandbox server. Each is
//! a small type that the tests drive for real; none of them prints (`logging` sets up the `-v`
//! log, whose lines they emit).

pub mod envfile;
pub mod failpoint;
pub mod logging;
pub mod probe;
pub mod profile;
pub mod sandbox;
pub mod secret_store;
