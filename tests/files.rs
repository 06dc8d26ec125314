//! The .env on a bad day: killed mid-write, a read-only directory, a full disk. Each ends with a
//! clear error (or the old file) and nothing lost.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{PK, SK, bin};
use predicates::prelude::*;
use tempfile::TempDir;

const OTHER_PK: &str = "pk-lf-22222222-3333-4444-5555-666666666666";
const OTHER_SK: &str = "sk-lf-77777777-8888-9999-aaaa-bbbbbbbbbbbb";

fn setup_args(public: &str) -> Vec<String> {
    [
        "setup",
        "--non-interactive",
        "--skip-test",
        "--no-keyring",
        "--yes",
        "--region",
        "eu",
        "--public-key",
        public,
        "--secret-key-stdin",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn run_setup(dir: &Path, public: &str, secret: &str) {
    bin(dir)
        .args(setup_args(public))
        .write_stdin(secret.to_string())
        .assert()
        .success();
}

#[test]
fn kill_9_during_a_write_leaves_the_old_or_the_new_file_never_a_partial_one() {
    let dir = TempDir::new().unwrap();
    // Large enough that a write takes a while: 200,000 lines of comments.
    let original: String = (0..200_000)
        .map(|i| format!("# line {i} of a large file\n"))
        .collect();
    let path = dir.path().join(".env");
    fs::write(&path, &original).unwrap();
    // The two versions the file alternates between.
    run_setup(dir.path(), PK, SK);
    let with_first = fs::read_to_string(&path).unwrap();
    run_setup(dir.path(), OTHER_PK, OTHER_SK);
    let with_second = fs::read_to_string(&path).unwrap();
    assert_ne!(with_first, with_second);

    let binary = assert_cmd::cargo::cargo_bin("langfuse-otel");
    let config = TempDir::new().unwrap();
    for round in 0..25u64 {
        let (public, secret) = if round % 2 == 0 {
            (PK, SK)
        } else {
            (OTHER_PK, OTHER_SK)
        };
        let mut child = Command::new(&binary)
            .args(setup_args(public))
            .current_dir(dir.path())
            .env("XDG_CONFIG_HOME", config.path())
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        {
            use std::io::Write as _;
            let mut stdin = child.stdin.take().unwrap();
            let _ = stdin.write_all(secret.as_bytes());
        }
        // Kill at a different point of the run each round.
        std::thread::sleep(Duration::from_millis(2 + (round * 7) % 60));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = fs::read_to_string(&path).unwrap();
        assert!(
            now == with_first || now == with_second,
            "round {round}: the .env is neither version ({} bytes)",
            now.len()
        );
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[test]
fn a_read_only_directory_is_a_clear_error_and_the_file_stays() {
    let parent = TempDir::new().unwrap();
    let dir = parent.path().join("app");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join(".env"), "KEEP=1\n").unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    fs::set_permissions(parent.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(dir.join(".env"), fs::Permissions::from_mode(0o644)).unwrap();

    let mut cmd = if is_root() {
        // Root writes anywhere: run as nobody, for whom the mode holds.
        let mut cmd = assert_cmd::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(assert_cmd::cargo::cargo_bin("langfuse-otel"));
        cmd
    } else {
        assert_cmd::Command::cargo_bin("langfuse-otel").unwrap()
    };
    let config = TempDir::new().unwrap();
    fs::set_permissions(config.path(), fs::Permissions::from_mode(0o777)).unwrap();
    cmd.current_dir(&dir)
        .env("XDG_CONFIG_HOME", config.path())
        .env("HOME", config.path())
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .args(setup_args(PK))
        .write_stdin(SK)
        .assert()
        .code(73)
        .stderr(predicate::str::contains("permission denied"))
        .stderr(predicate::str::contains(
            "the existing file was left as it was",
        ));
    assert_eq!(fs::read_to_string(dir.join(".env")).unwrap(), "KEEP=1\n");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
}

/// A 64 KiB tmpfs at `mount`, unmounted on drop (also when the test panics).
struct SmallDisk<'a>(&'a Path);

impl<'a> SmallDisk<'a> {
    /// `None` (a skip outside CI, a failure under CI) where this machine cannot mount one.
    fn mount(mount: &'a Path) -> Option<SmallDisk<'a>> {
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(mount)
            .output();
        match output {
            Ok(o) if o.status.success() => Some(SmallDisk(mount)),
            Ok(o) => {
                common::skip(
                    &format!(
                        "cannot mount a small tmpfs: {}",
                        String::from_utf8_lossy(&o.stderr).trim()
                    ),
                    "run the tests as root where mounting is allowed (CI does)",
                );
                None
            }
            Err(e) => {
                common::skip(
                    &format!("cannot run mount: {e}"),
                    "apt-get install mount, and run the tests as root",
                );
                None
            }
        }
    }

    /// Fills the disk with one-page files; returns them.
    fn fill(&self) -> Vec<std::path::PathBuf> {
        use std::io::Write as _;
        let page = vec![b'x'; 4096];
        let mut files = Vec::new();
        for i in 0.. {
            let path = self.0.join(format!("filler-{i}"));
            let written = fs::File::create(&path).and_then(|mut f| f.write_all(&page));
            if written.is_err() {
                let _ = fs::remove_file(&path);
                break;
            }
            files.push(path);
        }
        assert!(!files.is_empty(), "the disk had room for one page at least");
        files
    }

    /// Everything on the disk except the filler.
    fn listing(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with("filler-"))
            .collect();
        names.sort();
        names
    }
}

impl Drop for SmallDisk<'_> {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0).status();
    }
}

/// Runs setup (in the disk's directory, so paths are shown relative) on a full disk: exit 73, the
/// error names `failing` (the file that could not be written, when the case decides it), the .env is byte for byte the old one, and no temp file is left.
fn setup_on_a_full_disk(disk: &SmallDisk, original: &str, failing: Option<&str>) {
    let output = bin(disk.0)
        .args(setup_args(PK))
        .write_stdin(SK)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(73), "{stderr}");
    let names = match failing {
        Some(file) => format!("cannot write {file}: no space left on the device"),
        None => "no space left on the device".to_string(),
    };
    assert!(stderr.contains(&names), "expected {names:?} in:\n{stderr}");
    assert!(
        stderr.contains("the existing file was left as it was"),
        "{stderr}"
    );
    assert!(!stderr.contains(SK), "{stderr}");
    assert_eq!(fs::read_to_string(disk.0.join(".env")).unwrap(), original);
    let left: Vec<String> = disk
        .listing()
        .into_iter()
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temp files left on the disk: {left:?}");
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_file_stays() {
    let dir = TempDir::new().unwrap();
    let mount = dir.path().join("small");
    fs::create_dir(&mount).unwrap();
    let Some(disk) = SmallDisk::mount(&mount) else {
        return;
    };
    let original: String = (0..500).map(|i| format!("# {i}\n")).collect();
    assert!(original.len() < 4096, "the old file fits one page");
    fs::write(mount.join(".env"), &original).unwrap();

    // No room at all: the first write fails, whichever file it is.
    let filler = disk.fill();
    setup_on_a_full_disk(&disk, &original, None);

    // Room for the .bak (one page) and not for the new .env: the main file's write fails, and the
    // old file is still there.
    let _ = fs::remove_file(mount.join(".env.bak"));
    fs::remove_file(&filler[0]).unwrap();
    setup_on_a_full_disk(&disk, &original, Some(".env"));
}
