//! The edges: files, HTTP, the OS keyring, profiles on disk and the loopback sandbox server. Each is
//! a small type that the tests drive for real; none of them prints.

pub mod envfile;
pub mod failpoint;
pub mod probe;
pub mod profile;
pub mod sandbox;
pub mod secret_store;
