//! The .env on a bad day: killed mid-write, a read-only directory, a full disk. Each ends with a
//! clear error (or the old file) and nothing lost.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{PK, SK, bin};
use predicates::prelude::*;
use tempfile::TempDir;

const OTHER_PK: &str = "pk-lf-22222222-3333-4444-5555-666666666666";
const OTHER_SK: &str = "sk-lf-77777777-8888-9999-aaaa-bbbbbbbbbbbb";

/// `setup` with no keyring and no live test, in the EU region, replacing values without asking.
fn setup_args(public: &str) -> Vec<&str> {
    let mut args = common::setup_args(public).to_vec();
    args.extend(["--skip-test", "--yes", "--region", "eu"]);
    args
}

fn run_setup(dir: &Path, public: &str, secret: &str) {
    bin(dir)
        .args(setup_args(public))
        .write_stdin(secret.to_string())
        .assert()
        .success();
}

/// The failpoints a commit passes for one file, with which hit of each to stop at, and whether
/// the file is made group-readable first. The temp file of the new version is staged first (hit
/// 1); the `.bak` is then a second name of the private file being replaced (`bak-linked`), or, for
/// a group-readable file (whose `.bak` gets the tightened mode), a copy in a second temp file
/// (hit 2).
const KILL_POINTS: [(&str, u32, bool); 10] = [
    ("locked", 1, false),
    ("temp-written", 1, false),
    ("bak-linked", 1, false),
    ("temp-synced", 1, false),
    ("temp-written", 2, true),
    ("temp-synced", 2, true),
    ("bak-renamed", 1, false),
    ("bak-renamed", 1, true),
    ("rename", 1, false),
    ("renamed", 1, false),
];

/// Starts `setup` with a failpoint that pauses it, and waits until it is paused there.
fn paused_setup(
    dir: &Path,
    config: &Path,
    point: &str,
    hit: u32,
    public: &str,
    secret: &str,
) -> common::child::KillOnDrop {
    start_paused(
        setup_pausing(dir, config, point, hit, public),
        secret,
        point,
    )
}

/// Sends the signal `name` (`TERM`, `INT`, ...) to `pid`, with `kill`.
fn send_signal(name: &str, pid: u32) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -{name} {pid}");
}

/// The `setup` of [`paused_setup`], not yet started.
fn setup_pausing(dir: &Path, config: &Path, point: &str, hit: u32, public: &str) -> Command {
    let mut command = common::std_bin(dir);
    command
        .env("XDG_CONFIG_HOME", config)
        .env("LANGFUSE_OTEL_FAILPOINTS", format!("{point}=pause@{hit}"))
        .args(setup_args(public));
    command
}

/// Starts `command` with `secret` on stdin, and waits until it is paused at `point`.
fn start_paused(command: Command, secret: &str, point: &str) -> common::child::KillOnDrop {
    let mut child = common::child::KillOnDrop(common::child::start(command, secret));
    // The rest of its stderr is read (and dropped) so it never blocks on a full pipe.
    drop(common::child::wait_stopped(&mut child, point));
    child
}

fn temp_files(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    found.sort();
    found
}

/// Files in `dir`, other than the .env and its .bak, that hold either secret.
fn secret_leftovers(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == ".env" || name == ".env.bak" || !entry.file_type().unwrap().is_file() {
            continue;
        }
        let bytes = fs::read(entry.path()).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        if text.contains(SK) || text.contains(OTHER_SK) {
            found.push(name);
        }
    }
    found.sort();
    found
}

#[test]
fn the_bak_of_a_private_file_is_the_replaced_file_itself_and_otherwise_a_private_copy() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(".env");
    let bak = dir.path().join(".env.bak");
    fs::write(&path, "# mine\nKEEP=1\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let shared = fs::metadata(&path).unwrap();

    // Others could read it: the .bak is a copy with the tightened mode.
    run_setup(dir.path(), PK, SK);
    assert_eq!(fs::read_to_string(&bak).unwrap(), "# mine\nKEEP=1\n");
    let meta = fs::metadata(&bak).unwrap();
    assert_eq!(meta.mode() & 0o777, 0o600);
    assert_ne!(meta.ino(), shared.ino());

    // Private now: the .bak is the replaced file itself (its inode, under one name), byte for byte.
    let first = fs::read_to_string(&path).unwrap();
    let replaced = fs::metadata(&path).unwrap();
    run_setup(dir.path(), OTHER_PK, OTHER_SK);
    let meta = fs::metadata(&bak).unwrap();
    assert_eq!(
        (meta.ino(), meta.nlink(), meta.mode() & 0o777),
        (replaced.ino(), 1, 0o600)
    );
    assert_eq!(fs::read_to_string(&bak).unwrap(), first);
    assert_ne!(fs::metadata(&path).unwrap().ino(), replaced.ino());
    assert!(fs::read_to_string(&path).unwrap().contains(OTHER_PK));

    // A file that has another name too is not given a third: the .bak is a copy, the other name
    // keeps the old bytes.
    let elsewhere = dir.path().join("elsewhere");
    fs::hard_link(&path, &elsewhere).unwrap();
    let second = fs::read_to_string(&path).unwrap();
    let replaced = fs::metadata(&path).unwrap();
    run_setup(dir.path(), PK, SK);
    assert_ne!(fs::metadata(&bak).unwrap().ino(), replaced.ino());
    assert_eq!(fs::read_to_string(&bak).unwrap(), second);
    assert_eq!(fs::read_to_string(&elsewhere).unwrap(), second);
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[cfg_attr(
    not(feature = "failpoints"),
    ignore = "needs the failpoints feature: cargo test --features failpoints (scripts/test.sh does)"
)]
#[test]
fn kill_9_at_every_step_of_a_write_leaves_the_old_or_the_new_file_and_a_restart_cleans_up() {
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let path = dir.path().join(".env");
    let user_lines = "# the user's own lines\nDATABASE_URL=postgres://localhost/app\n";
    fs::write(&path, user_lines).unwrap();
    // The two versions the file alternates between.
    run_setup(dir.path(), PK, SK);
    let with_first = fs::read_to_string(&path).unwrap();
    run_setup(dir.path(), OTHER_PK, OTHER_SK);
    let with_second = fs::read_to_string(&path).unwrap();
    assert_ne!(with_first, with_second);

    let mut report = Vec::new();
    for (round, (point, hit, shared)) in KILL_POINTS.into_iter().enumerate() {
        // The file holds the second version before even rounds, the first before odd ones.
        let (old, new, public, secret) = if round % 2 == 0 {
            (&with_second, &with_first, PK, SK)
        } else {
            (&with_first, &with_second, OTHER_PK, OTHER_SK)
        };
        assert_eq!(
            &fs::read_to_string(&path).unwrap(),
            old,
            "before round {round}"
        );
        if shared {
            use std::os::unix::fs::PermissionsExt as _;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        let mut child = paused_setup(dir.path(), config.path(), point, hit, public, secret);
        child.kill().unwrap(); // SIGKILL, exactly at the failpoint
        child.wait().unwrap();

        let now = fs::read_to_string(&path).unwrap();
        let version = if &now == old {
            "old"
        } else if &now == new {
            "new"
        } else {
            panic!(
                "kill at {point}#{hit}: the .env is neither version ({} bytes)",
                now.len()
            );
        };
        let left = secret_leftovers(dir.path());
        // The next run (the "restart") sweeps what the killed one left.
        let swept = bin(dir.path())
            .args(setup_args(if version == "new" { OTHER_PK } else { public }))
            .write_stdin(if version == "new" { OTHER_SK } else { secret }.to_string())
            .assert()
            .success();
        let stderr = String::from_utf8_lossy(&swept.get_output().stderr).into_owned();
        assert_eq!(
            secret_leftovers(dir.path()),
            Vec::<String>::new(),
            "after the restart following a kill at {point}#{hit}"
        );
        if !left.is_empty() {
            assert!(
                stderr.contains("left by an interrupted run"),
                "the restart did not say it removed {left:?}: {stderr}"
            );
        }
        report.push(format!(
            "kill -9 at {point:<13}#{hit}{}: .env = {version} version, {} temp file(s) holding a secret left, all removed by the next run",
            if shared { " (0640 file)" } else { "" },
            left.len()
        ));
        // Back to the state the next round expects.
        if round % 2 == 0 {
            run_setup(dir.path(), PK, SK);
        } else {
            run_setup(dir.path(), OTHER_PK, OTHER_SK);
        }
    }
    eprintln!("{}", report.join("\n"));
    // Each kill landed where it was meant to: before any rename the file is the old one, after the
    // main rename the new one.
    assert!(report[0].contains("old version") && report[9].contains("new version"));
    assert!(
        report[1..9].iter().all(|r| r.contains("old version")),
        "{report:#?}"
    );
    // A kill after the link leaves the previous version's second name, holding the old secret.
    assert!(report[2].contains("2 temp file"), "{report:#?}");
    assert!(report[1].contains("1 temp file"), "{report:#?}");
}

/// A signal the parent set to be ignored (a shell's `trap "" INT`, `nohup`) stays ignored mid-write,
/// and another one, caught to remove the temp files, then ends the run as it would have: here
/// SIGINT does nothing, and SIGTERM removes the temp files and ends the run by SIGTERM.
#[cfg_attr(
    not(feature = "failpoints"),
    ignore = "needs the failpoints feature: cargo test --features failpoints (scripts/test.sh does)"
)]
#[test]
fn a_signal_the_parent_ignores_stays_ignored_and_another_ends_the_run_as_before() {
    use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
    let dir = TempDir::new().unwrap();
    let config = TempDir::new().unwrap();
    let path = dir.path().join(".env");
    fs::write(&path, "KEEP=1\n").unwrap();
    let mut command = setup_pausing(dir.path(), config.path(), "temp-synced", 2, PK);
    // SAFETY: only `signal`, which is async-signal-safe, runs between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_IGN);
            Ok(())
        });
    }
    let mut child = start_paused(command, SK, "temp-synced");
    assert_eq!(temp_files(dir.path()).len(), 2, "both temp files staged");
    send_signal("INT", child.id());
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        child.try_wait().unwrap().is_none(),
        "SIGINT, ignored, ended the run"
    );
    assert_eq!(
        temp_files(dir.path()).len(),
        2,
        "SIGINT removed the temp files"
    );
    send_signal("TERM", child.id());
    let exit = child.wait_within(
        std::time::Duration::from_secs(20),
        "SIGTERM did not end the run",
    );
    assert_eq!(exit.signal(), Some(libc::SIGTERM), "{exit:?}");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    assert_eq!(fs::read_to_string(&path).unwrap(), "KEEP=1\n");
}

#[cfg_attr(
    not(feature = "failpoints"),
    ignore = "needs the failpoints feature: cargo test --features failpoints (scripts/test.sh does)"
)]
#[test]
fn sigterm_sigint_and_sighup_mid_write_remove_the_temp_files_at_once() {
    // With both temp files staged, and with only the first one written (the handler is there
    // from the first temp file on).
    let stops = [("temp-synced", 2, 2), ("temp-written", 1, 1)];
    for (signal, (point, hit, temps)) in ["TERM", "INT", "HUP"]
        .into_iter()
        .flat_map(|signal| stops.map(|stop| (signal, stop)))
    {
        let dir = TempDir::new().unwrap();
        let config = TempDir::new().unwrap();
        let path = dir.path().join(".env");
        fs::write(&path, "KEEP=1\n").unwrap();
        let child = paused_setup(dir.path(), config.path(), point, hit, PK, SK);
        assert_eq!(
            temp_files(dir.path()).len(),
            temps,
            "{point}: temp files staged"
        );
        send_signal(signal, child.id());
        let mut child = child;
        let exit = child.wait().unwrap();
        use std::os::unix::process::ExitStatusExt as _;
        assert!(
            exit.signal().is_some(),
            "SIG{signal}: ended by the signal, as before: {exit:?}"
        );
        assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "SIG{signal}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "KEEP=1\n");
    }
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
    if common::is_root() {
        // The file is nobody's own: only the directory stands in the way.
        std::os::unix::fs::chown(dir.join(".env"), Some(65534), Some(65534)).unwrap();
    }

    let config = TempDir::new().unwrap();
    fs::set_permissions(config.path(), fs::Permissions::from_mode(0o777)).unwrap();
    common::setup_unprivileged(&dir, config.path(), &[])
        .assert()
        .code(73)
        .stderr(predicate::str::contains("permission denied"))
        .stderr(predicate::str::contains(
            "the existing file was left as it was",
        ));
    assert_eq!(fs::read_to_string(dir.join(".env")).unwrap(), "KEEP=1\n");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
}

/// A 64 KiB tmpfs, unmounted on drop (also when the test panics), before the temporary
/// directory it may be mounted in is removed.
struct SmallDisk {
    path: std::path::PathBuf,
    _home: Option<TempDir>,
}

impl SmallDisk {
    /// One at `small` in a new temporary directory.
    fn fresh() -> Option<SmallDisk> {
        let home = TempDir::new().unwrap();
        let mount = home.path().join("small");
        fs::create_dir(&mount).unwrap();
        let mut disk = SmallDisk::mount(&mount)?;
        disk._home = Some(home);
        Some(disk)
    }

    /// One at `mount`, an empty directory. `None` (a skip outside CI, a failure under CI) where
    /// this machine cannot mount one.
    fn mount(mount: &Path) -> Option<SmallDisk> {
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(mount)
            .output();
        match output {
            Ok(o) if o.status.success() => Some(SmallDisk {
                path: mount.to_path_buf(),
                _home: None,
            }),
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
            let path = self.path.join(format!("filler-{i}"));
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

    /// Mounts the disk again read-only.
    fn make_read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.path)
            .status()
            .unwrap();
        assert!(
            status.success(),
            "mount -o remount,ro {}",
            self.path.display()
        );
    }

    /// Everything on the disk except the filler.
    fn listing(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(&self.path)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with("filler-"))
            .collect();
        names.sort();
        names
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).status();
    }
}

/// Setup in `at` (exit 0) with `PATH` as given and git's discovery not steered: its stderr.
fn unsteered_setup(at: &Path, path: &std::ffi::OsStr) -> String {
    let mut command = bin(at);
    command.args(setup_args(PK)).env("PATH", path);
    for name in common::GIT_STEERING {
        command.env_remove(name);
    }
    let output = command.write_stdin(SK).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A .env on a file system mounted inside a repository's work tree: git's discovery stops at the
/// mount point (without `GIT_DISCOVERY_ACROSS_FILESYSTEM`), so git would not commit it, and the
/// tool neither warns nor runs git there. The oracle is git itself (`rev-parse` on the mount
/// fails); the same setup in the work tree proper runs git and warns.
#[test]
fn a_mount_point_inside_a_work_tree_ends_the_search_for_a_repository_as_it_ends_gits() {
    let dir = TempDir::new().unwrap();
    let repository = dir.path().join("repository");
    let mount = repository.join("mounted");
    fs::create_dir_all(&mount).unwrap();
    common::git(&repository, &["init", "-q"]);
    let Some(_disk) = SmallDisk::mount(&mount) else {
        return;
    };
    let oracle = common::git_output(&mount, &["rev-parse", "--is-inside-work-tree"]);
    assert!(
        !oracle.status.success(),
        "git found a repository across the mount point: {oracle:?}"
    );

    let tools = dir.path().join("tools");
    fs::create_dir(&tools).unwrap();
    let (path, runs) = common::recording_git(&tools);
    let setup = |at: &Path| unsteered_setup(at, &path);

    let stderr = setup(&mount);
    assert!(!stderr.contains("git would commit"), "{stderr}");
    assert!(
        !runs.exists(),
        "git ran for a .env beyond a mount point: {}",
        fs::read_to_string(&runs).unwrap_or_default()
    );
    assert!(mount.join(".env").is_file());

    let stderr = setup(&repository);
    assert!(stderr.contains("git would commit"), "{stderr}");
    assert!(runs.exists(), "git was not asked inside the work tree");
}

/// A directory git does not take for a git directory (a `HEAD` file and a `refs` directory, but
/// no `objects`: git needs all three) starts no search: outside any repository the tool runs no
/// git there, as git itself finds none. A bare repository, which git does take for one, is asked.
#[test]
fn only_what_git_takes_for_a_git_directory_makes_the_tool_ask_git() {
    let dir = TempDir::new().unwrap();
    let lookalike = dir.path().join("lookalike");
    fs::create_dir_all(lookalike.join("refs")).unwrap();
    fs::write(lookalike.join("HEAD"), "ref: refs/heads/main\n").unwrap();
    let bare = dir.path().join("bare.git");
    fs::create_dir(&bare).unwrap();
    common::git(&bare, &["init", "-q", "--bare"]);
    let found_by_git = |at: &Path| {
        common::git_output(at, &["rev-parse", "--git-dir"])
            .status
            .success()
    };
    assert!(
        !found_by_git(&lookalike),
        "git took {lookalike:?} for a git directory"
    );
    assert!(
        found_by_git(&bare),
        "git did not take the bare repository for one"
    );

    let tools = dir.path().join("tools");
    fs::create_dir(&tools).unwrap();
    let (path, runs) = common::recording_git(&tools);
    for (at, asked) in [(&lookalike, false), (&bare, true)] {
        unsteered_setup(at, &path);
        assert_eq!(
            runs.exists(),
            asked,
            "{}: git runs: {}",
            at.display(),
            fs::read_to_string(&runs).unwrap_or_default()
        );
    }
}

/// Runs setup (in the disk's directory, so paths are shown relative) where it cannot write:
/// exit 73, the error says `expected`, the .env is byte for byte the old one, no temp file is
/// left, and the secret is in no message.
fn setup_refused_on(disk: &SmallDisk, original: &str, expected: &str) {
    let output = bin(&disk.path)
        .args(setup_args(PK))
        .write_stdin(SK)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(73), "{stderr}");
    assert!(
        stderr.contains(expected),
        "expected {expected:?} in:\n{stderr}"
    );
    assert!(
        stderr.contains("the existing file was left as it was"),
        "{stderr}"
    );
    assert!(!stderr.contains(SK), "{stderr}");
    assert_eq!(
        fs::read_to_string(disk.path.join(".env")).unwrap(),
        original
    );
    let left: Vec<String> = disk
        .listing()
        .into_iter()
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temp files left on the disk: {left:?}");
}

/// A .env on a read-only file system: the error says the file system is read-only (the kernel's
/// EROFS, not a permission problem to chmod away).
#[test]
fn a_read_only_file_system_is_named_as_such_and_the_file_stays() {
    let Some(disk) = SmallDisk::fresh() else {
        return;
    };
    fs::write(disk.path.join(".env"), "KEEP=1\n").unwrap();
    disk.make_read_only();
    setup_refused_on(&disk, "KEEP=1\n", "the file system is read-only");
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_file_stays() {
    let Some(disk) = SmallDisk::fresh() else {
        return;
    };
    let mount = disk.path.clone();
    let original: String = (0..500).map(|i| format!("# {i}\n")).collect();
    assert!(original.len() < 4096, "the old file fits one page");
    fs::write(mount.join(".env"), &original).unwrap();

    // No room at all: the first write fails, whichever file it is.
    let filler = disk.fill();
    setup_refused_on(&disk, &original, "no space left on the device");

    // Room for the .bak (one page) and not for the new .env: the main file's write fails, and the
    // old file is still there.
    let _ = fs::remove_file(mount.join(".env.bak"));
    fs::remove_file(&filler[0]).unwrap();
    setup_refused_on(
        &disk,
        &original,
        "cannot write .env: no space left on the device",
    );
}
