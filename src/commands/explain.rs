//! `langfuse-otel explain [LINE...]`: an exporter's error line (from the arguments, or stdin) read
//! into its cause and fix, with the `.env` lines that lead to it when a `.env` is in reach.

use std::io::{self, IsTerminal as _, Read as _, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::say;
use crate::checkup;
use crate::cli::ExplainArgs;
use crate::core::doctor::Finding;
use crate::core::explain::{Explanation, MAX_INPUT, explain};
use crate::exit::{Exit, Failure};
use crate::tr;

#[derive(Serialize)]
struct Report<'a> {
    recognized: bool,
    /// The problem's name, as in `test --json` (`invalid-credentials`, `not-found`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<&'a Explanation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cause: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    needed: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    env_file: Option<String>,
    /// The `.env`'s findings that lead to this problem.
    findings: Vec<Finding>,
}

pub fn run(args: ExplainArgs, out: &mut dyn Write, _err: &mut dyn Write) -> Result<(), Failure> {
    let input = if args.line.is_empty() {
        read_stdin()?
    } else {
        args.line.join(" ")
    };
    if input.trim().is_empty() {
        return Err(Failure::new(Exit::Usage, tr!("cli-explain-no-line")));
    }
    let env_file = match (&args.env_file, args.no_env_file) {
        (_, true) => None,
        (Some(path), false) => Some(path.clone()),
        (None, false) => Some(PathBuf::from(".env")).filter(|p| p.exists()),
    };

    let explained = explain(&input);
    let findings = match (&explained, &env_file) {
        (Ok(explanation), Some(path)) => related_findings(path, explanation)?,
        _ => Vec::new(),
    };
    let report = Report {
        recognized: explained.is_ok(),
        problem: explained.as_ref().ok().and_then(|e| {
            serde_json::to_value(&e.problem)
                .ok()
                .and_then(|v| v["problem"].as_str().map(str::to_string))
        }),
        explanation: explained.as_ref().ok(),
        cause: explained.as_ref().ok().map(|e| e.problem.cause()),
        fix: explained.as_ref().ok().map(|e| e.problem.fix()),
        needed: explained.as_ref().err().map(|u| u.needed),
        env_file: env_file.as_ref().map(|p| p.display().to_string()),
        findings,
    };

    if args.json {
        let text =
            serde_json::to_string_pretty(&report).map_err(|e| Failure::new(Exit::Failure, e))?;
        say!(out, "{text}");
    } else {
        print_report(&report, out);
    }
    match explained {
        Ok(_) => Ok(()),
        Err(_) if args.json => Err(Failure::new(Exit::Failure, "")),
        Err(unrecognized) => Err(Failure::new(
            Exit::Failure,
            tr!(
                "cli-explain-unrecognised",
                needed = unrecognized.needed.to_string()
            ),
        )),
    }
}

fn read_stdin() -> Result<String, Failure> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        return Err(Failure::new(
            Exit::Usage,
            tr!("cli-explain-no-line-terminal"),
        ));
    }
    let mut bytes = Vec::new();
    stdin
        .lock()
        .take(MAX_INPUT as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Failure::new(
                Exit::CannotRead,
                tr!("cli-explain-stdin-unreadable", error = e.to_string()),
            )
        })?;
    if bytes.len() > MAX_INPUT {
        return Err(Failure::new(
            Exit::InvalidInput,
            tr!("cli-explain-stdin-too-long", kib = MAX_INPUT / 1024),
        ));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The `.env`'s findings, as the app will see it, that explain this problem.
fn related_findings(path: &Path, explanation: &Explanation) -> Result<Vec<Finding>, Failure> {
    let (_, examined) = checkup::examine_env_file(path)?.ok_or_else(|| {
        Failure::new(
            Exit::CannotRead,
            tr!("cli-explain-env-file-missing", path = path.display()),
        )
    })?;
    let findings: Vec<_> = examined.all_findings().cloned().collect();
    Ok(explanation.related_findings(&findings))
}

fn print_report(report: &Report<'_>, out: &mut dyn Write) {
    let Some(explanation) = report.explanation else {
        say!(out, "{}", tr!("cli-explain-not-recognised"));
        if let Some(needed) = report.needed {
            say!(
                out,
                "{}",
                tr!("cli-explain-would-help", needed = needed.to_string())
            );
        }
        return;
    };
    say!(
        out,
        "{}",
        tr!(
            "cli-explain-recognised",
            read = explanation.what_was_read().join(", ")
        )
    );
    if let Some(cause) = &report.cause {
        say!(
            out,
            "{}",
            tr!("cli-explain-cause", cause = cause.to_string())
        );
    }
    if let Some(fix) = &report.fix {
        say!(out, "{}", tr!("cli-explain-fix", fix = fix.to_string()));
    }
    let Some(env_file) = &report.env_file else {
        say!(out, "{}", tr!("cli-explain-no-env-file"));
        return;
    };
    if report.findings.is_empty() {
        say!(
            out,
            "{}",
            tr!(
                "cli-explain-nothing-in-env-file",
                env_file = env_file.as_str()
            )
        );
        return;
    }
    say!(
        out,
        "{}",
        tr!("cli-explain-lines-to-change", env_file = env_file.as_str())
    );
    for finding in &report.findings {
        let place = match (finding.line, finding.variable) {
            (Some(line), Some(variable)) => tr!(
                "cli-explain-place-line-variable",
                line = line,
                variable = variable.to_string()
            ),
            (Some(line), None) => tr!("cli-explain-place-line", line = line),
            (None, Some(variable)) => variable.to_string(),
            (None, None) => tr!("cli-explain-place-file"),
        };
        say!(
            out,
            "{}",
            tr!(
                "cli-explain-finding",
                place = place,
                cause = finding.cause.to_string()
            )
        );
        say!(
            out,
            "{}",
            tr!("cli-explain-finding-fix", fix = finding.fix.to_string())
        );
    }
}
