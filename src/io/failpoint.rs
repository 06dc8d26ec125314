//! Named points in the write pipeline where a test can stop or fail the real binary.
//!
//! Only with the `failpoints` feature (test builds): `LANGFUSE_OTEL_FAILPOINTS` holds
//! `name=action[@hit],...`, where the action is `pause` (print `failpoint <name> paused (pid N)`
//! to stderr and sleep until killed), `wait` (print the same, then go on once the file named by
//! `LANGFUSE_OTEL_FAILPOINTS_RESUME` exists, removing it, so each stop waits for a file of its
//! own) or `error` (fail as an IO error would), and `@hit` picks the n-th time the point is
//! reached (default: every time). Without the feature, [`hit`] is a no-op the compiler removes.
//!
//! Every read of a .env passes `read-checked` (its kind checked by path, not yet opened: a test
//! swaps the path for a FIFO, a symbolic link or nothing there) and `read-sized` (opened, its size
//! checked against the bound, not yet read: a test grows the file there).
//!
//! The points, in the order a commit reaches them for one file: `commit` (planned and tested,
//! nothing locked yet), `lock-directory` (about to lock the directory; `error` here makes the run
//! take the lock-file fallback of a file system that cannot lock a directory), `locked` (lock
//! held, before the re-read), `temp-written` (temp file written, not yet synced), `bak-linked`
//! (the `.bak`'s temp name given to the file being replaced, when the `.bak` is not written as a
//! copy), `temp-synced` (temp file durable, nothing renamed; the files are then looked at once
//! more), `bak-renamed` (the `.bak` is in place, the file not yet replaced), `rename` (just before
//! the file is replaced), `renamed` (the file is replaced, the directory not yet synced).

use std::io;

pub const POINTS: [&str; 11] = [
    "read-checked",
    "read-sized",
    "commit",
    "lock-directory",
    "locked",
    "temp-written",
    "bak-linked",
    "temp-synced",
    "bak-renamed",
    "rename",
    "renamed",
];

#[cfg(feature = "failpoints")]
pub fn hit(name: &str) -> io::Result<()> {
    use std::collections::HashMap;
    use std::io::Write as _;
    use std::sync::Mutex;

    static HITS: Mutex<Option<HashMap<String, u32>>> = Mutex::new(None);

    debug_assert!(POINTS.contains(&name), "unknown failpoint {name}");
    let Ok(spec) = std::env::var("LANGFUSE_OTEL_FAILPOINTS") else {
        return Ok(());
    };
    let count = {
        let mut hits = HITS.lock().unwrap_or_else(|e| e.into_inner());
        let counter = hits
            .get_or_insert_with(HashMap::new)
            .entry(name.to_string())
            .or_insert(0);
        *counter += 1;
        *counter
    };
    for rule in spec.split(',') {
        let Some((point, action)) = rule.trim().split_once('=') else {
            continue;
        };
        if point != name {
            continue;
        }
        let (action, nth) = match action.split_once('@') {
            Some((action, nth)) => (action, nth.parse::<u32>().ok()),
            None => (action, None),
        };
        if nth.is_some_and(|nth| nth != count) {
            continue;
        }
        match action {
            "pause" | "wait" => {
                let mut err = io::stderr().lock();
                let _ = writeln!(err, "failpoint {name} paused (pid {})", std::process::id());
                let _ = err.flush();
                drop(err);
                let resume = std::env::var_os("LANGFUSE_OTEL_FAILPOINTS_RESUME")
                    .filter(|_| action == "wait")
                    .map(std::path::PathBuf::from);
                loop {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                    // Taken, so the next wait waits for a file of its own.
                    if resume
                        .as_ref()
                        .is_some_and(|path| std::fs::remove_file(path).is_ok())
                    {
                        break;
                    }
                }
            }
            "error" => return Err(io::Error::other(format!("failpoint {name}"))),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(not(feature = "failpoints"))]
#[inline(always)]
pub fn hit(_name: &str) -> io::Result<()> {
    Ok(())
}
