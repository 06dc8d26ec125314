//! `completions` and `man`, read by what reads them: each script is loaded into the real shell
//! (bash, zsh, fish, elvish) and asked to complete, the manual page is rendered by groff (what
//! `man` runs) with warnings on. PowerShell is not packaged by Debian: its script is checked by
//! content only.

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

/// Whether `program` is on PATH; when it is not the test is skipped, which under CI is a failure
/// (`.ci/run` installs it).
fn installed(program: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()));
    if !found {
        common::skip(
            &format!("{program} is not installed"),
            &format!("apt-get install {program}"),
        );
    }
    found
}

/// The lines every shell must complete, and what it must offer for each.
fn check_completer(shell: &str, completes: impl Fn(&str) -> Vec<String>) {
    assert_eq!(completes("langfuse-otel rot"), ["rotate"], "{shell}");
    let all = completes("langfuse-otel ");
    for subcommand in ["setup", "test", "doctor", "export", "completions", "man"] {
        assert!(
            all.iter().any(|w| w == subcommand),
            "{shell}: {subcommand}: {all:?}"
        );
    }
    // The hidden sandbox is not offered.
    assert!(!all.iter().any(|w| w == "sandbox"), "{shell}: {all:?}");
    assert_eq!(
        completes("langfuse-otel profiles rem"),
        ["remove"],
        "{shell}"
    );
    assert_eq!(
        completes("langfuse-otel export --form"),
        ["--format"],
        "{shell}"
    );
    assert_eq!(
        completes("langfuse-otel test --no-e"),
        ["--no-env"],
        "{shell}"
    );
    assert_eq!(
        completes("langfuse-otel export --format k8"),
        ["k8s-secret"],
        "{shell}"
    );
    assert_eq!(
        completes("langfuse-otel completions el"),
        ["elvish"],
        "{shell}"
    );
}

/// zsh's completion system (compinit) with the script as `_langfuse-otel` in `fpath`, driven in
/// an interactive zsh on a pseudo-terminal (zsh/zpty): the line is typed, Tab pressed, and every
/// match the completion functions add is written to a file, then the attempt's end.
const ZSH_SETUP: &str = r#"
PROMPT=''
fpath=($ZC_FPATH $fpath)
autoload -Uz compinit && compinit -u -D
zstyle ':completion:*' insert-tab false
bindkey '^I' complete-word
compadd() {
  # Calls that only ask what would match (-O, -A, -D) add nothing: passed through unrecorded.
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return
  fi
  local -a __matches
  builtin compadd -O __matches "$@"
  (( $#__matches )) && print -rl -- $__matches >> $ZC_OUT
  builtin compadd "$@"
}
__zc_done() { print -r -- '<done>' >> $ZC_OUT }
comppostfuncs=( __zc_done )
print -r -- '<ready>' >> $ZC_OUT
"#;

const ZSH_DRIVER: &str = r#"
zmodload zsh/zpty || exit 3
local setup=$1 line=$4
export ZC_FPATH=$2 ZC_OUT=$3
: > $ZC_OUT
zpty z zsh -f -i
zpty -w z "source ${(q)setup}"
wait_for() {
  # A bound on a hang, not a timing: a working shell answers at once.
  local -F deadline=$(( SECONDS + 60 ))
  while (( SECONDS < deadline )); do
    grep -qx -- "$1" $ZC_OUT && return 0
    zpty -r -t z junk 2>/dev/null
    sleep 0.02
  done
  print -r -- "no $1 in $(cat $ZC_OUT)" >&2
  return 1
}
wait_for '<ready>' || exit 4
zpty -w -n z "$line"$'\t'
wait_for '<done>' || exit 5
zpty -d z
grep -vx -e '<done>' -e '<ready>' $ZC_OUT
exit 0
"#;

#[test]
fn the_zsh_script_loads_with_compinit_and_completes() {
    if !installed("zsh") {
        return;
    }
    let dir = TempDir::new().unwrap();
    let functions = dir.path().join("functions");
    fs::create_dir(&functions).unwrap();
    let script = stdout_of(&["completions", "zsh"]);
    fs::write(functions.join("_langfuse-otel"), &script).unwrap();
    let syntax = Command::new("zsh")
        .args(["-n", "-f"])
        .arg(functions.join("_langfuse-otel"))
        .output()
        .unwrap();
    assert!(syntax.status.success(), "{syntax:?}");
    fs::write(dir.path().join("setup.zsh"), ZSH_SETUP).unwrap();
    fs::write(dir.path().join("drive.zsh"), ZSH_DRIVER).unwrap();
    let completes = |line: &str| {
        let output = Command::new("zsh")
            .arg("-f")
            .arg(dir.path().join("drive.zsh"))
            .arg(dir.path().join("setup.zsh"))
            .arg(&functions)
            .arg(dir.path().join("matches"))
            .arg(line)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{line}: {output:?}");
        let mut matches: Vec<String> = String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        matches.dedup();
        matches
    };
    check_completer("zsh", completes);
}

/// fish's own `complete -C`: what fish offers for the line, the script sourced as fish loads it.
#[test]
fn the_fish_script_loads_and_completes() {
    if !installed("fish") {
        return;
    }
    let dir = TempDir::new().unwrap();
    let script = dir.path().join("langfuse-otel.fish");
    fs::write(&script, stdout_of(&["completions", "fish"])).unwrap();
    let completes = |line: &str| {
        let output = Command::new("fish")
            .args([
                "--no-config",
                "-c",
                "source $argv[1]; and complete -C $argv[2]",
            ])
            .arg(&script)
            .arg(line)
            // Nothing in the directory starts like a subcommand; a file offered would show.
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{line}: {output:?}");
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|line| line.split('\t').next().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
    };
    check_completer("fish", completes);
}

/// elvish's editor (only an interactive elvish has one, so it runs on a pseudo-terminal through
/// `script`) with the script evaluated, its completer called with the line's words and the
/// candidates filtered by elvish's own prefix matcher, as the editor does.
const ELVISH_RC: &str = r#"
use str
eval (slurp < $E:ZC_SCRIPT)
var words = [(str:split ' ' $E:ZC_LINE)]
var stems = [($edit:completion:arg-completer[langfuse-otel] $@words | each {|c| put $c[stem] })]
var matches = [(edit:match-prefix &smart-case $words[-1] $stems)]
range (count $stems) | each {|i| if $matches[$i] { echo $stems[$i] } } > $E:ZC_OUT
exit 0
"#;

#[test]
fn the_elvish_script_loads_and_completes() {
    if !installed("elvish") {
        return;
    }
    let dir = TempDir::new().unwrap();
    let script = dir.path().join("langfuse-otel.elv");
    fs::write(&script, stdout_of(&["completions", "elvish"])).unwrap();
    let rc = dir.path().join("rc.elv");
    fs::write(&rc, ELVISH_RC).unwrap();
    let matches = dir.path().join("matches");
    let completes = |line: &str| {
        let _ = fs::remove_file(&matches);
        let output = Command::new("script")
            .args(["-q", "-e", "-c"])
            .arg(format!("elvish -rc '{}'", rc.display()))
            .arg("/dev/null")
            .env("ZC_SCRIPT", &script)
            .env("ZC_LINE", line)
            .env("ZC_OUT", &matches)
            .env("HOME", dir.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(output.status.success(), "{line}: {output:?}");
        let text = fs::read_to_string(&matches)
            .unwrap_or_else(|e| panic!("{line}: no matches written ({e}): {output:?}"));
        text.lines().map(str::to_string).collect::<Vec<_>>()
    };
    check_completer("elvish", completes);
    assert_eq!(
        completes("langfuse-otel setup --region h"),
        ["hipaa"],
        "elvish"
    );
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

/// The page as `man` shows it, as plain text (`-P-cbou`: no bold, underline or colour escapes);
/// groff must render it without a single warning (`-ww`).
fn render_man(groff: &str, page: &std::path::Path) -> String {
    let output = Command::new(groff)
        .args(["-man", "-Tutf8", "-ww", "-P-cbou"])
        .arg(page)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert!(output.status.success(), "{page:?}: {output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.trim().is_empty(),
        "{page:?}: groff warnings: {stderr}"
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_man_page_renders_without_warnings_and_documents_every_command() {
    let Some(groff) = groff() else { return };
    let dir = TempDir::new().unwrap();
    let page = dir.path().join("langfuse-otel.1");
    fs::write(&page, stdout_of(&["man"])).unwrap();
    // Justified and hyphenated for the terminal: compare words, hyphenation points removed.
    let text = render_man(groff, &page).replace("\u{2010}\n", "");
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

/// The page in Chinese: every non-ASCII character reaches groff as a `\[uXXXX]` escape, so it
/// renders without a warning and the text comes back as written (the English page's `简体中文`
/// too, which the test above renders).
#[test]
fn the_chinese_man_page_renders_without_warnings() {
    let Some(groff) = groff() else { return };
    let dir = TempDir::new().unwrap();
    for args in [
        &["--lang", "zh-CN", "man"][..],
        &["--lang", "zh-CN", "man", "setup"],
    ] {
        let roff = stdout_of(args);
        assert!(
            roff.is_ascii(),
            "{args:?}: raw non-ASCII in the roff source"
        );
        let page = dir.path().join("page.1");
        fs::write(&page, roff).unwrap();
        let text: String = render_man(groff, &page).split_whitespace().collect();
        let expected = if args.len() == 3 {
            "编码准确无误"
        } else {
            "设置配置档"
        };
        assert!(
            text.contains(expected),
            "{args:?}: {expected} missing from:\n{text}"
        );
    }
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
    let text = render_man(groff, &pages.join("langfuse-otel-export.1"));
    assert!(text.contains("k8s-secret"), "{text}");
    // And one page on stdout by name.
    let page = stdout_of(&["man", "profiles", "remove"]);
    assert!(page.contains("langfuse-otel-profiles-remove"), "{page}");
}
