//! `explain` through the real binary: every line of the corpus (tests/explain/corpus.txt, error
//! lines as the SDKs log them) names the expected problem; a .env in reach adds the line to change;
//! nothing from the pasted line reaches the output raw.

mod common;

use common::{PK, SK, bin};
use serde_json::Value;
use tempfile::TempDir;

struct Case {
    expect: String,
    line: String,
    at: usize,
}

fn corpus() -> Vec<Case> {
    let text = include_str!("explain/corpus.txt");
    let mut cases = Vec::new();
    let mut expect = None;
    for (number, line) in text.lines().enumerate() {
        if let Some(problem) = line.strip_prefix("# expect: ") {
            expect = Some(problem.trim().to_string());
        } else if !line.starts_with('#') && !line.trim().is_empty() {
            let expect = expect
                .take()
                .unwrap_or_else(|| panic!("corpus line {}: no `# expect:` before it", number + 1));
            cases.push(Case {
                expect,
                line: line.to_string(),
                at: number + 1,
            });
        }
    }
    cases
}

fn explain_json(dir: &std::path::Path, args: &[&str], stdin: &str) -> (Value, Option<i32>) {
    let output = bin(dir)
        .arg("explain")
        .args(args)
        .arg("--json")
        .write_stdin(stdin.to_string())
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (json, output.status.code())
}

#[test]
fn every_corpus_line_names_its_problem() {
    let dir = TempDir::new().unwrap();
    let cases = corpus();
    assert!(cases.len() >= 30, "the corpus shrank to {}", cases.len());
    let mut wrong = Vec::new();
    for case in &cases {
        let (json, code) = explain_json(dir.path(), &["--no-env-file"], &case.line);
        let got = json["problem"].as_str().unwrap_or("(none)");
        if got != case.expect || code != Some(0) {
            wrong.push(format!(
                "corpus line {}: expected {}, got {got} (exit {code:?})",
                case.at, case.expect
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_unknown_line_exits_1_and_says_what_would_help() {
    let dir = TempDir::new().unwrap();
    let output = bin(dir.path())
        .args(["explain", "--no-env-file", "something went wrong somewhere"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("not recognised"), "{stdout}");
    assert!(stdout.contains("status code"), "{stdout}");
    let (json, code) = explain_json(dir.path(), &["--no-env-file"], "hello");
    assert_eq!(code, Some(1));
    assert_eq!(json["recognized"], false);
}

#[test]
fn the_env_file_in_reach_names_the_line_to_change() {
    let dir = TempDir::new().unwrap();
    let credential = common::expected_header(PK, SK);
    let b64 = credential.trim_start_matches("Basic ");
    // Line 3: a raw space, which OTel Python's strict parser drops: "No authorization header".
    std::fs::write(
        dir.path().join(".env"),
        format!(
            "# app\nTRACELOOP_BASE_URL=https://cloud.langfuse.com/api/public/otel\nTRACELOOP_HEADERS='Authorization=Basic {b64}'\n"
        ),
    )
    .unwrap();
    let line = r#"Failed to export batch code: 401, reason: {"message":"No authorization header"}"#;
    let output = bin(dir.path()).args(["explain", line]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("line 3, TRACELOOP_HEADERS"), "{stdout}");
    assert!(
        !stdout.contains(b64),
        "the credential was printed: {stdout}"
    );
    let (json, _) = explain_json(dir.path(), &[], line);
    assert_eq!(json["findings"][0]["check"], "raw-space");
    assert_eq!(json["findings"][0]["line"], 3);

    // A problem the file does not cause: said, and no unrelated finding listed.
    let (json, _) = explain_json(
        dir.path(),
        &[],
        "Failed to export span batch code: 503, reason: Service Unavailable",
    );
    assert_eq!(json["problem"], "server-error");
    assert_eq!(json["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn pasted_text_is_not_echoed_raw() {
    let dir = TempDir::new().unwrap();
    let credential = common::expected_header(PK, SK);
    // A line with the credential in it, controls that would retitle the terminal, and a URL with a
    // password: none of it is printed as it came.
    let line = format!(
        "traces export: failed to send to https://user:hunter2@cloud.langfuse.com/v1/traces: 404 Not Found \x1b]0;owned\x07 (request Authorization: {credential})"
    );
    let output = bin(dir.path())
        .args(["explain", "--no-env-file", &line])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let all = [output.stdout, output.stderr].concat();
    let text = String::from_utf8_lossy(&all);
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(!text.contains("hunter2"), "{text}");
    assert!(
        !text.contains(credential.trim_start_matches("Basic ")),
        "{text}"
    );
    assert!(text.contains("404"), "{text}");
}

#[test]
fn a_line_from_standard_input_over_the_limit_is_refused() {
    let dir = TempDir::new().unwrap();
    let output = bin(dir.path())
        .args(["explain", "--no-env-file"])
        .write_stdin("x".repeat(64 * 1024 + 1))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&output.stderr).contains("64 KiB"));
}

#[test]
fn a_key_the_shell_exports_over_the_env_file_is_named_for_a_401() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join(".env"),
        format!("LANGFUSE_PUBLIC_KEY={PK}\nLANGFUSE_SECRET_KEY={SK}\nLANGFUSE_BASE_URL=https://cloud.langfuse.com\n"),
    )
    .unwrap();
    // The old secret, still exported by a shell profile: python-dotenv and Node dotenv keep it.
    let output = bin(dir.path())
        .env("LANGFUSE_SECRET_KEY", "sk-lf-00000000-0000-4000-8000-000000000000")
        .args([
            "explain",
            "--json",
            r#"Failed to export span batch code: 401, reason: {"message":"Invalid credentials. Confirm that you've configured the correct host."}"#,
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let checks: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["check"].as_str())
        .collect();
    assert!(checks.contains(&"shadowed-by-environment"), "{json}");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        !text.contains("00000000-0000-4000"),
        "the shadowing secret was printed: {text}"
    );
}

/// The corpus through the real binary in Chinese (`LANG=zh_CN.UTF-8`): the same recognition and
/// exit code as in English, `--json` byte for byte the same as the English one, and the human
/// output carries the cause and the fix as the catalog words them in Chinese.
#[test]
fn the_corpus_reads_the_same_in_chinese() {
    use langfuse_otel::core::i18n::{Lang, with_language};
    let dir = TempDir::new().unwrap();
    let run = |locale: &str, args: &[&str], line: &str| {
        bin(dir.path())
            .env("LANG", locale)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .arg("explain")
            .arg("--no-env-file")
            .args(args)
            .write_stdin(line.to_string())
            .output()
            .unwrap()
    };
    let han = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let mut wrong = Vec::new();
    for case in corpus() {
        let english = run("C.UTF-8", &["--json"], &case.line);
        let chinese = run("zh_CN.UTF-8", &["--json"], &case.line);
        if english.stdout != chinese.stdout || english.status.code() != chinese.status.code() {
            wrong.push(format!(
                "corpus line {}: --json differs in Chinese",
                case.at
            ));
        }
        let shown = run("zh_CN.UTF-8", &[], &case.line);
        let text = String::from_utf8_lossy(&shown.stdout);
        let explained = with_language(Lang::ZhCn, || {
            langfuse_otel::core::explain::explain(&case.line)
                .map(|e| (e.problem.cause(), e.problem.fix()))
        });
        let Ok((cause, fix)) = explained else {
            wrong.push(format!("corpus line {}: not recognised", case.at));
            continue;
        };
        if shown.status.code() != Some(0)
            || !han(&cause)
            || !text.contains(&cause)
            || !text.contains(&fix)
        {
            wrong.push(format!(
                "corpus line {}: exit {:?}, expected {cause:?} / {fix:?} in:\n{text}",
                case.at,
                shown.status.code()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
