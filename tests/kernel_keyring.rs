//! The Linux kernel keyring as the secret's store (`setup --kernel-keyring`), for machines with no
//! Secret Service: driven through the binary against the real kernel keyring, and judged with
//! keyutils' own `keyctl` (an oracle that is not our code): the secret is there under the
//! profile's entry, `run`/`export`/`rotate` read it back, `profiles remove` deletes it, and a key
//! the kernel has forgotten (a reboot) is told as such.

#![cfg(target_os = "linux")]

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{PK, SK, bin};
use tempfile::TempDir;

const NEW_PK: &str = "pk-lf-22222222-3333-4444-5555-666666666666";
const NEW_SK: &str = "sk-lf-77777777-8888-9999-aaaa-bbbbbbbbbbbb";

/// `keyctl`, or the test is skipped (a failure under CI).
fn keyctl() -> Option<()> {
    if common::secret_service::have("keyctl") {
        Some(())
    } else {
        common::skip("keyctl is not installed", "apt-get install keyutils");
        None
    }
}

/// The id of the profile's key in the user's kernel keyring, found with keyutils' `keyctl`.
fn key_id(profile: &str) -> Option<String> {
    let description = format!("langfuse-otel:{profile}");
    let found = Command::new("keyctl")
        .args(["search", "@u", "user", &description])
        .output()
        .unwrap();
    found
        .status
        .success()
        .then(|| String::from_utf8_lossy(&found.stdout).trim().to_string())
}

/// What the kernel holds for the profile, read with `keyctl`.
fn kernel_holds(profile: &str) -> Option<String> {
    let id = key_id(profile)?;
    let printed = Command::new("keyctl").args(["pipe", &id]).output().unwrap();
    printed
        .status
        .success()
        .then(|| String::from_utf8_lossy(&printed.stdout).into_owned())
}

/// A profile name no other test (or earlier run) uses: the kernel keyring is shared by the user.
fn unique_profile(tag: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("t-{tag}-{}-{nanos}", std::process::id())
}

fn kernel_setup(dir: &Path, profile: &str, public: &str, secret: &str) -> assert_cmd::Command {
    let mut cmd = bin(dir);
    cmd.args([
        "setup",
        "--non-interactive",
        "--kernel-keyring",
        "--skip-test",
        "--region",
        "eu",
        "--profile",
        profile,
        "--public-key",
        public,
        "--secret-key-stdin",
    ])
    .write_stdin(format!("{secret}\n"));
    cmd
}

fn config_files(dir: &Path) -> String {
    let mut all = String::new();
    let mut stack = vec![common::config_for(dir)];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if let Ok(text) = fs::read_to_string(&path) {
            all.push_str(&text);
        }
    }
    all
}

#[test]
fn the_kernel_keyring_keeps_the_secret_for_run_export_and_rotate() {
    if keyctl().is_none() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let profile = unique_profile("life");
    let output = kernel_setup(dir.path(), &profile, PK, SK).output().unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(
        said.contains("kernel keyring (in memory: until reboot or logout)"),
        "{said}"
    );
    // In the kernel, under the profile's entry; the profile says where, and holds no secret.
    assert_eq!(kernel_holds(&profile).as_deref(), Some(SK));
    let config = config_files(dir.path());
    assert!(config.contains("kernel-keyring"), "{config}");
    assert!(!config.contains(SK));

    // `export` reads it back from the kernel (no D-Bus session here at all).
    let exported = bin(dir.path())
        .args(["export", "--profile", &profile, "--format", "dotenv"])
        .output()
        .unwrap();
    assert_eq!(exported.status.code(), Some(0), "{exported:?}");
    assert!(String::from_utf8_lossy(&exported.stdout).contains(SK));
    // `run` gives it to the child.
    let ran = bin(dir.path())
        .args(["run", "--profile", &profile, "--", "sh", "-c"])
        .arg("printf %s \"$LANGFUSE_SECRET_KEY\"")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&ran.stdout), SK, "{ran:?}");

    // `rotate` puts the new secret in the kernel keyring, and says so.
    let rotated = bin(dir.path())
        .args([
            "rotate",
            "--profile",
            &profile,
            "--skip-test",
            "--non-interactive",
        ])
        .args(["--public-key", NEW_PK, "--secret-key-stdin"])
        .write_stdin(format!("{NEW_SK}\n"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&rotated.stdout);
    assert_eq!(rotated.status.code(), Some(0), "{said}");
    assert!(said.contains("The kernel keyring"), "{said}");
    assert_eq!(kernel_holds(&profile).as_deref(), Some(NEW_SK));
    assert!(
        fs::read_to_string(dir.path().join(".env"))
            .unwrap()
            .contains(NEW_SK)
    );

    // `profiles remove` deletes the kernel's entry too, and says which store it was.
    let removed = bin(dir.path())
        .args(["profiles", "remove", &profile, "--yes"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&removed.stdout);
    assert_eq!(removed.status.code(), Some(0), "{said}");
    assert!(said.contains("kernel keyring"), "{said}");
    assert_eq!(kernel_holds(&profile), None);
}

/// After a reboot the kernel has forgotten the key: `export` says that, and how to store it again,
/// with the exit code of a missing secret; never a D-Bus error.
#[test]
fn a_key_the_kernel_forgot_is_told_as_such() {
    if keyctl().is_none() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let profile = unique_profile("gone");
    kernel_setup(dir.path(), &profile, PK, SK)
        .assert()
        .success();
    // What a reboot does to it, done with keyutils itself: the key is gone.
    let id = key_id(&profile).expect("setup stored the key");
    assert!(
        Command::new("keyctl")
            .args(["invalidate", &id])
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(kernel_holds(&profile), None);
    let exported = bin(dir.path())
        .args(["export", "--profile", &profile])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&exported.stderr);
    assert_eq!(
        exported.status.code(),
        Some(langfuse_otel::exit::Exit::SecretNotFound.code()),
        "{said}"
    );
    assert!(said.contains("kernel keyring no longer holds"), "{said}");
    assert!(said.contains("langfuse-otel rotate --profile"), "{said}");
    assert!(!said.contains("D-Bus"), "{said}");
}

/// `--kernel-keyring` and `--no-keyring` contradict each other: clap refuses the pair.
#[test]
fn kernel_keyring_and_no_keyring_are_one_choice() {
    let dir = TempDir::new().unwrap();
    let output = bin(dir.path())
        .args([
            "setup",
            "--kernel-keyring",
            "--no-keyring",
            "--non-interactive",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.path().join(".env").exists());
}
