//! A child process that reads a secret on stdin, started and awaited the same way by the tests
//! and the benches (which include this file).

use std::io::Write as _;
use std::process::{Child, Command, Output, Stdio};

/// Starts `command` with `secret` and a newline on its stdin, its output captured.
pub fn start(mut command: Command, secret: &str) -> Child {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(format!("{secret}\n").as_bytes()).unwrap();
    child
}

/// Waits for `child`; panics with its stderr unless it succeeded.
pub fn finish(child: Child) -> Output {
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Runs `command` with `secret` on stdin; panics with its stderr unless it succeeds.
pub fn run(command: Command, secret: &str) -> Output {
    finish(start(command, secret))
}

/// A child killed and reaped when dropped: a test that fails while its child is paused at a
/// failpoint (which sleeps until killed) would otherwise leave it sleeping there for good,
/// holding its locks.
pub struct KillOnDrop(pub Child);

impl std::ops::Deref for KillOnDrop {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for KillOnDrop {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
