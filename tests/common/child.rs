//! A child process that reads a secret on stdin, started and awaited the same way by the tests
//! and the benches (which include this file), and watched at the failpoints it stops at.

use std::io::Write as _;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

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

impl KillOnDrop {
    /// Waits for the child to end, at most `limit`; past it, panics saying `what` (the child is
    /// then killed as the value drops): a run that hangs fails its test instead of stopping it.
    pub fn wait_within(&mut self, limit: Duration, what: &str) -> std::process::ExitStatus {
        let deadline = std::time::Instant::now() + limit;
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                return status;
            }
            assert!(std::time::Instant::now() < deadline, "{what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Reads the child's stderr (piped) on a thread: each time it says it stopped at the failpoint
/// `point`, a message on the channel, which ends with the child's stderr; the thread returns the
/// whole text.
pub fn watch_stops(child: &mut Child, point: &str) -> (Receiver<()>, JoinHandle<String>) {
    let stderr = child.stderr.take().expect("stderr piped");
    let (stopped, is_stopped) = std::sync::mpsc::channel();
    let expected = format!("failpoint {point} paused");
    let reader = std::thread::spawn(move || {
        use std::io::BufRead as _;
        let mut text = String::new();
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if line.starts_with(&expected) {
                let _ = stopped.send(());
            }
            text.push_str(&line);
            text.push('\n');
        }
        text
    });
    (is_stopped, reader)
}

/// Waits until the child says it stopped at `point` (panics with what it printed if it ended
/// without, or after a minute); returns the thread that reads its further stderr.
pub fn wait_stopped(child: &mut Child, point: &str) -> JoinHandle<String> {
    let (is_stopped, reader) = watch_stops(child, point);
    match is_stopped.recv_timeout(Duration::from_secs(60)) {
        Ok(()) => reader,
        Err(RecvTimeoutError::Disconnected) => {
            let printed = reader.join().unwrap_or_default();
            panic!("ended without reaching failpoint {point}:\n{printed}")
        }
        Err(RecvTimeoutError::Timeout) => panic!("never reached failpoint {point} in a minute"),
    }
}
