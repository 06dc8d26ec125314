//! `completions` and `man`, read by what reads them: the bash script is loaded into a real bash and
//! asked to complete, the manual page is rendered by groff (what `man` runs) with warnings on.

mod common;

use std::fs;
use std::process::Command;

use tempfile::TempDir;

fn stdout_of(args: &[&str]) -> String {
    let dir = TempDir::new().unwrap();
    let output = common::bin(dir.path()).args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// What bash's programmable completion offers for `line` (the word under the cursor is its last),
/// with the script loaded and registered the way a user's shell does it.
fn bash_completes(script: &std::path::Path, line: &str) -> Vec<String> {
    const PROGRAM: &str = r#"
source "$1"
spec=$(complete -p langfuse-otel) || exit 3
function=$(sed -E 's/.* -F ([^ ]+) .*/\1/' <<<"$spec")
COMP_LINE=$2
COMP_POINT=${#COMP_LINE}
read -r -a COMP_WORDS <<<"$COMP_LINE"
[[ $COMP_LINE == *' ' ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
prev=""
(( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}
"$function" langfuse-otel "${COMP_WORDS[COMP_CWORD]}" "$prev"
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let output = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", PROGRAM, "bash"])
        .arg(script)
        .arg(line)
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "{line}: {output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_bash_script_loads_and_completes_subcommands_flags_and_values() {
    let dir = TempDir::new().unwrap();
    let script = dir.path().join("langfuse-otel.bash");
    fs::write(&script, stdout_of(&["completions", "bash"])).unwrap();

    assert_eq!(bash_completes(&script, "langfuse-otel rot"), ["rotate"]);
    let all = bash_completes(&script, "langfuse-otel ");
    for subcommand in ["setup", "test", "doctor", "export", "completions", "man"] {
        assert!(all.iter().any(|w| w == subcommand), "{subcommand}: {all:?}");
    }
    // The hidden sandbox is not offered.
    assert!(!all.iter().any(|w| w == "sandbox"), "{all:?}");
    assert_eq!(
        bash_completes(&script, "langfuse-otel profiles rem"),
        ["remove"]
    );
    assert_eq!(
        bash_completes(&script, "langfuse-otel export --form"),
        ["--format"]
    );
    assert_eq!(
        bash_completes(&script, "langfuse-otel export --format k8"),
        ["k8s-secret"]
    );
    assert_eq!(
        bash_completes(&script, "langfuse-otel completions el"),
        ["elvish"]
    );
    // Also where /bin/sh is bash: POSIX mode refuses a function name with a hyphen.
    let posix = Command::new("bash")
        .args([
            "--posix",
            "-c",
            "source \"$1\" && complete -p langfuse-otel",
            "sh",
        ])
        .arg(&script)
        .output()
        .unwrap();
    assert!(posix.status.success(), "{posix:?}");
}

#[test]
fn every_shell_gets_a_script_naming_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.contains("langfuse-otel"), "{shell}");
        assert!(script.contains("rotate"), "{shell}");
    }
    let dir = TempDir::new().unwrap();
    common::bin(dir.path())
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

/// groff, or `None` (with a note) outside CI when it is not installed.
fn groff() -> Option<&'static str> {
    if Command::new("groff").arg("--version").output().is_ok() {
        return Some("groff");
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "groff is missing (.ci/run installs groff-base)"
    );
    eprintln!("SKIPPED: groff is not installed");
    None
}

#[test]
fn the_man_page_renders_without_warnings_and_documents_every_command() {
    let Some(groff) = groff() else { return };
    let dir = TempDir::new().unwrap();
    let page = dir.path().join("langfuse-otel.1");
    fs::write(&page, stdout_of(&["man"])).unwrap();
    let output = Command::new(groff)
        // -P-cbou: plain text, no bold, underline or colour escapes.
        .args(["-man", "-Tutf8", "-ww", "-P-cbou"])
        .arg(&page)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.trim().is_empty(), "groff warnings: {stderr}");
    // Justified and hyphenated for the terminal: compare words, hyphenation points removed.
    let text = String::from_utf8_lossy(&output.stdout).replace("\u{2010}\n", "");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("NAME"), "{text}");
    assert!(
        text.contains("langfuse-otel - Set up OpenTelemetry"),
        "{text}"
    );
    for word in [
        "SYNOPSIS",
        "langfuse-otel-setup(1)",
        "langfuse-otel-completions(1)",
        "--verbose",
        "VERSION",
    ] {
        assert!(text.contains(word), "{word} missing from:\n{text}");
    }
    assert!(
        !text.contains("langfuse-otel-sandbox"),
        "the hidden command is not documented"
    );
}

#[test]
fn man_dir_writes_one_page_per_visible_command_and_each_renders() {
    let Some(groff) = groff() else { return };
    let dir = TempDir::new().unwrap();
    let pages = dir.path().join("man1");
    fs::create_dir(&pages).unwrap();
    common::bin(dir.path())
        .args(["man", "--dir"])
        .arg(&pages)
        .assert()
        .success();
    let mut names: Vec<String> = fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for expected in [
        "langfuse-otel.1",
        "langfuse-otel-setup.1",
        "langfuse-otel-export.1",
        "langfuse-otel-profiles-remove.1",
        "langfuse-otel-man.1",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected}: {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("sandbox")), "{names:?}");
    // The subcommand page the main page points to is there, and says what the subcommand does.
    let output = Command::new(groff)
        .args(["-man", "-Tutf8", "-ww", "-P-cbou"])
        .arg(pages.join("langfuse-otel-export.1"))
        .output()
        .unwrap();
    assert!(output.stderr.is_empty(), "{output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("k8s-secret"), "{text}");
    // And one page on stdout by name.
    let page = stdout_of(&["man", "profiles", "remove"]);
    assert!(page.contains("langfuse-otel-profiles-remove"), "{page}");
}
