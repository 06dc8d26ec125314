//! The export formats, read back by what reads them: PyYAML (YAML 1.1, as Kubernetes' go-yaml)
//! for `k8s-secret`, real bash for `shell`, and ports of docker's env-file reader (`docker/cli`
//! `pkg/kvfile`, the releases that keep quotes and the ones that strip them) and of GitHub's
//! `$GITHUB_ENV` reader (`actions/runner` `SetEnvFileCommand`, Linux and Windows line ends) for
//! `docker` and `github`, on generated values that lean on the edges. A value a writer refuses must
//! be one that some reader would really misread.

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

use langfuse_otel::core::formats::{
    docker_env_file, github_env, k8s_name, k8s_secret, shell_quote,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree as _;
use serde_json::{Value, json};

/// Characters that break formats: quotes, escapes, line ends, controls, YAML indicators,
/// Unicode line separators, a BOM, non-characters, astral planes.
fn edgy_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        1 => prop::sample::select(vec![
            '\n', '\r', '\t', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{85}', '\u{a0}', '\u{2028}',
            '\u{2029}', '\u{feff}', '\u{fffe}', '\u{ffff}', '\u{1f600}', 'é', '"', '\'', '\\', '#',
            ':', '-', '=', '<', '&', '*', '!', '|', '>', '%', '@', '`', '$', '{', '}', '[', ']',
        ]),
        1 => any::<char>().prop_filter("no NUL", |c| *c != '\0'),
    ]
}

fn edgy_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(edgy_char(), 0..24).prop_map(|v| v.into_iter().collect()),
        1 => prop::sample::select(vec![
            "yes", "no", "on", "off", "~", "null", "1e3", "0x1F", "010", "true", "- a", "? b",
            "'q'", "\"q\"", "a: b", "#c", "", " ", "LANGFUSE_OTEL_EOF", "x\nLANGFUSE_OTEL_EOF",
            "x\nLANGFUSE_OTEL_EOF\r\ny", "a\r", "\r\n", "Basic%20cGs6c2s=",
        ])
        .prop_map(str::to_string),
    ]
}

fn variables() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(edgy_value(), 1..5).prop_map(|values| {
        values
            .into_iter()
            .enumerate()
            .map(|(i, v)| (format!("VAR_{i}"), v))
            .collect()
    })
}

fn pairs(vars: &[(String, String)]) -> Vec<(&str, &str)> {
    vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

// ---------------------------------------------------------------------------------------------
// Kubernetes: PyYAML

/// A Python with PyYAML: `LANGFUSE_OTEL_PYTHON`, or `python3`. `None` (with a note) outside CI when
/// there is none; under `CI=true` a missing PyYAML fails the test.
fn python_with_yaml() -> Option<String> {
    let python = std::env::var("LANGFUSE_OTEL_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let ok = Command::new(&python)
        .args(["-c", "import yaml"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        return Some(python);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "PyYAML is missing (.ci/run installs it)"
    );
    eprintln!("SKIPPED: no python3 with PyYAML");
    None
}

/// Every document loaded by PyYAML's safe loader, as JSON.
fn pyyaml_load(python: &str, documents: &[String]) -> Vec<Value> {
    const SCRIPT: &str = r#"
import json, sys, yaml
docs = json.load(sys.stdin)
out = []
for text in docs:
    try:
        out.append(yaml.safe_load(text))
    except Exception as e:
        out.append({"error": str(e)})
json.dump(out, sys.stdout)
"#;
    let mut child = Command::new(python)
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = serde_json::to_vec(documents).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn pyyaml_reads_every_k8s_secret_back_exactly() {
    let Some(python) = python_with_yaml() else {
        return;
    };
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let cases: Vec<(String, Vec<(String, String)>)> = (0..400)
        .map(|_| {
            let profile = "[A-Za-z0-9_-]{1,20}"
                .new_tree(&mut runner)
                .unwrap()
                .current();
            let vars = variables().new_tree(&mut runner).unwrap().current();
            (profile, vars)
        })
        .collect();
    let documents: Vec<String> = cases
        .iter()
        .map(|(profile, vars)| k8s_secret(&k8s_name(profile), &pairs(vars)))
        .collect();
    let loaded = pyyaml_load(&python, &documents);
    let dns_subdomain = |name: &str| {
        !name.is_empty()
            && name.len() <= 253
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
            && name.starts_with(|c: char| c.is_ascii_alphanumeric())
            && name.ends_with(|c: char| c.is_ascii_alphanumeric())
    };
    for (((profile, vars), document), doc) in cases.iter().zip(&documents).zip(&loaded) {
        let expected: serde_json::Map<String, Value> =
            vars.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        assert_eq!(doc["apiVersion"], "v1", "{document}");
        assert_eq!(doc["kind"], "Secret", "{document}");
        assert_eq!(doc["type"], "Opaque", "{document}");
        assert_eq!(doc["stringData"], Value::Object(expected), "{document}");
        let name = doc["metadata"]["name"].as_str().unwrap();
        assert!(dns_subdomain(name), "{profile} -> {name}");
    }
}

#[test]
fn the_binary_writes_a_k8s_secret_that_pyyaml_reads_as_the_json_format() {
    let Some(python) = python_with_yaml() else {
        return;
    };
    let dir = tempfile::TempDir::new().unwrap();
    let run = |format: &str| {
        let output = common::bin(dir.path())
            .env("LANGFUSE_SECRET_KEY", common::SK)
            .args([
                "encode",
                "--region",
                "eu",
                "--public-key",
                common::PK,
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let yaml = run("k8s-secret");
    let json: Value = serde_json::from_str(&run("json")).unwrap();
    let loaded = pyyaml_load(&python, &[yaml]);
    assert_eq!(loaded[0]["stringData"], json);
    assert_eq!(loaded[0]["metadata"]["name"], "langfuse-otel");
}

// ---------------------------------------------------------------------------------------------
// Shell: bash

#[test]
fn bash_reads_every_shell_export_back_exactly() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let cases: Vec<Vec<(String, String)>> = (0..200)
        .map(|_| variables().new_tree(&mut runner).unwrap().current())
        .collect();
    // One bash for all cases: each case's exports in a subshell, its values printed NUL-separated.
    let mut script = String::new();
    for vars in &cases {
        script.push_str("(\n");
        for (name, value) in vars {
            script.push_str(&format!("export {name}={}\n", shell_quote(value)));
        }
        for (name, _) in vars {
            script.push_str(&format!("printf '%s\\0' \"${name}\"\n"));
        }
        script.push_str(")\n");
    }
    let output = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &script])
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "{output:?}");
    let read: Vec<&[u8]> = output.stdout.split(|b| *b == 0).collect();
    let expected: Vec<&[u8]> = cases
        .iter()
        .flatten()
        .map(|(_, v)| v.as_bytes())
        .chain([&b""[..]])
        .collect();
    assert_eq!(read, expected);
}

// ---------------------------------------------------------------------------------------------
// docker run --env-file

/// `docker/cli` `pkg/kvfile`: Go's line scanner (split at LF, one CR before it dropped, a line at
/// most 64 KiB), leading whitespace trimmed, `#` comments, split at the first `=`; releases with
/// `strip_quotes` also remove one pair of matching quotes around the value.
fn docker_read(text: &str, strip_quotes: bool) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.last() == Some(&"") {
        lines.pop();
    }
    for (i, line) in lines.into_iter().enumerate() {
        if line.len() >= 64 * 1024 {
            return Err("token too long".into());
        }
        let mut line = line.strip_suffix('\r').unwrap_or(line);
        if i == 0 {
            line = line.strip_prefix('\u{feff}').unwrap_or(line);
        }
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.is_empty() || key.contains([' ', '\t']) {
            return Err(format!("bad key {key:?}"));
        }
        let mut value = value;
        if strip_quotes && value.len() >= 2 {
            for quote in ['\'', '"'] {
                if value.starts_with(quote) && value.ends_with(quote) {
                    value = &value[1..value.len() - 1];
                    break;
                }
            }
        }
        out.push((key.to_string(), value.to_string()));
    }
    Ok(out)
}

/// `actions/runner` `SetEnvFileCommand`, with its Linux or Windows `ReadLine`.
fn github_read(text: &str, windows: bool) -> Result<Vec<(String, String)>, String> {
    fn read_line<'a>(text: &'a str, index: &mut usize, windows: bool) -> Option<(&'a str, usize)> {
        if *index >= text.len() {
            return None;
        }
        let start = *index;
        let Some(lf) = text[start..].find('\n').map(|i| i + start) else {
            *index = text.len();
            return Some((&text[start..], 0));
        };
        if windows
            && let Some(crlf) = text[start..].find("\r\n").map(|i| i + start)
            && crlf < lf
        {
            *index = crlf + 2;
            return Some((&text[start..crlf], 2));
        }
        *index = lf + 1;
        Some((&text[start..lf], 1))
    }
    let mut out = Vec::new();
    let mut index = 0;
    while let Some((line, _)) = read_line(text, &mut index, windows) {
        if line.is_empty() {
            continue;
        }
        let equals = line.find('=');
        let heredoc = line.find("<<");
        match (equals, heredoc) {
            (Some(e), h) if h.is_none_or(|h| e < h) => {
                out.push((line[..e].to_string(), line[e + 1..].to_string()));
            }
            (e, Some(h)) if e.is_none_or(|e| h < e) => {
                let (name, delimiter) = (&line[..h], &line[h + 2..]);
                if name.is_empty() || delimiter.is_empty() {
                    return Err("empty name or delimiter".into());
                }
                let start = index;
                let mut end = index;
                loop {
                    let Some((next, newline)) = read_line(text, &mut index, windows) else {
                        return Err(format!("delimiter {delimiter} not found"));
                    };
                    if next == delimiter {
                        break;
                    }
                    if newline == 0 {
                        return Err("EOF marker missing new line".into());
                    }
                    end = index - newline;
                }
                let value = if end > start { &text[start..end] } else { "" };
                out.push((name.to_string(), value.to_string()));
            }
            _ => return Err(format!("invalid line {line:?}")),
        }
    }
    Ok(out)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Accepted: every docker release reads each value back exactly. Refused: some release would
    /// not (or the value has a NUL, which no environment holds).
    #[test]
    fn docker_env_files_are_read_literally_or_refused(vars in variables()) {
        let vars = pairs(&vars);
        let expected: Vec<(String, String)> =
            vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        match docker_env_file(&vars) {
            Ok(text) => {
                prop_assert_eq!(docker_read(&text, false), Ok(expected.clone()), "{:?}", text);
                prop_assert_eq!(docker_read(&text, true), Ok(expected), "{:?}", text);
            }
            Err(refused) => {
                let (name, value) = *vars.iter().find(|(k, _)| *k == refused.name).unwrap();
                let alone = format!("{name}={value}\n");
                let one = vec![(name.to_string(), value.to_string())];
                prop_assert!(
                    docker_read(&alone, false) != Ok(one.clone())
                        || docker_read(&alone, true) != Ok(one),
                    "refused {:?} ({}) though every release reads it", value, refused.reason
                );
            }
        }
    }

    /// Accepted: the runner on Linux and on Windows reads each value back exactly. Refused: one of
    /// them would not.
    #[test]
    fn github_env_lines_are_read_back_or_refused(vars in variables()) {
        let vars = pairs(&vars);
        let expected: Vec<(String, String)> =
            vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        match github_env(&vars) {
            Ok(text) => {
                prop_assert_eq!(github_read(&text, false), Ok(expected.clone()), "{:?}", text);
                prop_assert_eq!(github_read(&text, true), Ok(expected), "{:?}", text);
            }
            Err(refused) => {
                let value = vars.iter().find(|(k, _)| *k == refused.name).unwrap().1;
                // Written the naive way, with the block form for a multi-line value.
                let naive = if value.contains('\n') {
                    format!("X<<EOF_{}\n{value}\nEOF_{}\n", "Z".repeat(40), "Z".repeat(40))
                } else {
                    format!("X={value}\n")
                };
                let one = vec![("X".to_string(), value.to_string())];
                prop_assert!(
                    github_read(&naive, false) != Ok(one.clone()) || github_read(&naive, true) != Ok(one),
                    "refused {:?} ({}) though the runner reads it", value, refused.reason
                );
            }
        }
    }
}

#[test]
fn the_readers_ported_here_behave_as_their_sources_say() {
    // docker keeps quotes in some releases, strips them in others; never unescapes.
    assert_eq!(
        docker_read("A='x'\n  B=\\n\n#C=1\n", false),
        Ok(vec![("A".into(), "'x'".into()), ("B".into(), "\\n".into())])
    );
    assert_eq!(
        docker_read("A='x'\n", true),
        Ok(vec![("A".into(), "x".into())])
    );
    // GitHub: a block keeps inner line breaks; Windows ends a line at CR LF.
    assert_eq!(
        github_read("A<<E\nx\ny\nE\nB=1=2\n", false),
        Ok(vec![
            ("A".into(), "x\ny".into()),
            ("B".into(), "1=2".into())
        ])
    );
    assert_eq!(
        github_read("A=x\r\n", true),
        Ok(vec![("A".into(), "x".into())])
    );
    assert_eq!(
        github_read("A=x\r\n", false),
        Ok(vec![("A".into(), "x\r".into())])
    );
}
