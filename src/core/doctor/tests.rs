use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::*;
use crate::core::credential::{decode_header_list, encode_header_value, find_header};

const PK: &str = "pk-lf-1c5d8a3e-0f3b-4c59-9d1a-5b8f2e7c4a10";
const SK: &str = "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b";
/// A pair whose base64 has `+` and `/`.
const PK_PLUS: &str = "pk-lf-?>?>";
const SK_PLUS: &str = "sk-lf->>>?";

fn b64(pk: &str, sk: &str) -> String {
    STANDARD.encode(format!("{pk}:{sk}"))
}

fn good_header(pk: &str, sk: &str) -> String {
    format!(
        "Authorization={}",
        encode_header_value(&format!("Basic {}", b64(pk, sk)))
    )
}

/// A file as `setup` writes it: every check passes.
fn good_file() -> String {
    format!(
        "TRACELOOP_BASE_URL=https://cloud.langfuse.com/api/public/otel\n\
         TRACELOOP_HEADERS={h}\n\
         OTEL_EXPORTER_OTLP_ENDPOINT=https://cloud.langfuse.com/api/public/otel\n\
         OTEL_EXPORTER_OTLP_HEADERS={h}\n\
         LANGFUSE_PUBLIC_KEY={PK}\nLANGFUSE_SECRET_KEY={SK}\nLANGFUSE_BASE_URL=https://cloud.langfuse.com\n",
        h = good_header(PK, SK)
    )
}

fn checks(text: &str) -> Vec<Check> {
    check_file(text, FileFacts::default())
        .into_iter()
        .map(|f| f.check)
        .collect()
}

fn with(line: &str) -> String {
    format!(
        "{line}\nLANGFUSE_PUBLIC_KEY={PK}\nLANGFUSE_SECRET_KEY={SK}\nLANGFUSE_BASE_URL=https://cloud.langfuse.com\n"
    )
}

#[test]
fn a_file_written_by_setup_passes_every_check() {
    assert_eq!(checks(&good_file()), []);
    let plus = format!(
        "TRACELOOP_BASE_URL=https://cloud.langfuse.com/api/public/otel\nTRACELOOP_HEADERS={}\n",
        good_header(PK_PLUS, SK_PLUS)
    );
    assert_eq!(checks(&plus), []);
}

/// (check, a real-world broken line, whether --fix repairs it)
fn broken() -> Vec<(Check, String)> {
    let raw = b64(PK, SK);
    let raw_plus = b64(PK_PLUS, SK_PLUS);
    assert!(raw_plus.contains('+'));
    vec![
        (
            Check::RawSpace,
            format!("TRACELOOP_HEADERS=\"Authorization=Basic {raw}\""),
        ),
        (
            Check::QuotePlus,
            format!("TRACELOOP_HEADERS=Authorization=Basic+{raw}"),
        ),
        (
            Check::MissingAuthorization,
            format!("TRACELOOP_HEADERS=Basic%20{raw}"),
        ),
        (
            Check::MissingBasic,
            format!("TRACELOOP_HEADERS=Authorization={raw}"),
        ),
        (
            Check::BadEscape,
            "TRACELOOP_HEADERS=Authorization=Basic%2".to_string(),
        ),
        (
            Check::BadBase64,
            "TRACELOOP_HEADERS=Authorization=Basic%20not-base64!".to_string(),
        ),
        (
            Check::NotKeyPair,
            format!(
                "TRACELOOP_HEADERS=Authorization=Basic%20{}",
                STANDARD.encode("user:password")
            ),
        ),
        (
            Check::SwappedKeys,
            format!("TRACELOOP_HEADERS=Authorization=Basic%20{}", b64(SK, PK)),
        ),
        (
            Check::CredentialMismatch,
            good_header("pk-lf-old", "sk-lf-old")
                .replace("Authorization", "TRACELOOP_HEADERS=Authorization"),
        ),
        (
            Check::NoScheme,
            "TRACELOOP_BASE_URL=cloud.langfuse.com/api/public/otel".to_string(),
        ),
        (
            Check::MissingOtelPath,
            "OTEL_EXPORTER_OTLP_ENDPOINT=https://cloud.langfuse.com".to_string(),
        ),
        (
            Check::DoubledTracesPath,
            "OTEL_EXPORTER_OTLP_ENDPOINT=https://cloud.langfuse.com/api/public/otel/v1/traces"
                .to_string(),
        ),
        (
            Check::TracesEndpointPath,
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=https://cloud.langfuse.com/api/public/otel"
                .to_string(),
        ),
        (
            Check::HostHasOtelPath,
            "LANGFUSE_HOST=https://cloud.langfuse.com/api/public/otel".to_string(),
        ),
        (
            Check::InsecureHttp,
            "TRACELOOP_BASE_URL=http://langfuse.internal/api/public/otel".to_string(),
        ),
        (
            Check::Quoting,
            "LANGFUSE_HOST=\"https://cloud.langfuse.com\\n\"".to_string(),
        ),
    ]
}

#[test]
fn every_check_fires_on_its_broken_file_and_names_the_line() {
    for (check, line) in broken() {
        let text = with(&line);
        let findings = check_file(&text, FileFacts::default());
        let finding = findings
            .iter()
            .find(|f| f.check == check)
            .unwrap_or_else(|| panic!("{check:?} not found in {text:?}: {findings:?}"));
        assert_eq!(finding.line, Some(1), "{check:?}");
        assert!(!finding.cause.is_empty() && !finding.fix.is_empty());
        // Findings never quote the secret.
        let shown = format!("{} {}", finding.cause, finding.fix);
        assert!(
            !shown.contains(SK) && !shown.contains(&b64(PK, SK)),
            "{shown}"
        );
    }
}

#[test]
fn raw_plus_is_a_warning_for_java_only() {
    let text = format!(
        "TRACELOOP_HEADERS=Authorization=Basic%20{}\n",
        b64(PK_PLUS, SK_PLUS)
    );
    let findings = check_file(&text, FileFacts::default());
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].check, Check::RawPlus);
    assert_eq!(findings[0].severity, Severity::Warning);
    assert!(healthy(&findings));
}

#[test]
fn swapped_langfuse_keys_are_named() {
    let text = format!("LANGFUSE_PUBLIC_KEY={SK}\nLANGFUSE_SECRET_KEY={PK}\n");
    assert_eq!(checks(&text), [Check::SwappedKeys]);
}

#[test]
fn file_facts_become_findings() {
    let facts = FileFacts {
        node_project: true,
        git_would_commit: true,
        git_tracked: false,
        mode: Some(0o644),
    };
    let found: Vec<Check> = check_file(&good_file(), facts)
        .into_iter()
        .map(|f| f.check)
        .collect();
    assert!(found.contains(&Check::NodeTruncation), "{found:?}");
    assert!(found.contains(&Check::GitWouldCommit));
    assert!(found.contains(&Check::WorldReadable));
    let tracked = FileFacts {
        git_tracked: true,
        ..FileFacts::default()
    };
    let found = check_file(&good_file(), tracked);
    assert_eq!(found[0].check, Check::GitTracked);
    assert!(!healthy(&found));
    // A file without our variables is none of doctor's business.
    assert!(check_file("OTHER=1\n", facts).is_empty());
}

#[test]
fn repairs_rebuild_every_fixable_value_and_the_result_passes() {
    for (check, line) in broken() {
        let text = with(&line);
        let findings = check_file(&text, FileFacts::default());
        let fixable = findings.iter().any(|f| f.fixable);
        let values = repairs(&text, &findings).unwrap();
        if !fixable {
            assert!(values.is_empty(), "{check:?}");
            continue;
        }
        assert!(
            !values.is_empty(),
            "{check:?}: fixable, but nothing to write"
        );
        let pairs: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let edit = crate::core::dotenv::upsert(&text, &pairs).unwrap();
        let after = check_file(&edit.text, FileFacts::default());
        assert!(
            after.iter().all(|f| !f.fixable),
            "{check:?}: still {after:?}\n{}",
            edit.text
        );
        assert!(
            !after.iter().any(|f| f.check == check),
            "{check:?} not repaired:\n{}",
            edit.text
        );
        // Headers decode to the exact credential of the file's keys.
        if let Some((_, value)) = values.iter().find(|(n, _)| n.ends_with("HEADERS")) {
            let headers = decode_header_list(value).unwrap();
            assert_eq!(
                find_header(&headers, "Authorization"),
                Some(format!("Basic {}", b64(PK, SK)).as_str()),
                "{check:?}"
            );
        }
    }
}

#[test]
fn a_header_alone_is_repaired_from_its_own_credential() {
    let text = format!(
        "TRACELOOP_BASE_URL=https://us.cloud.langfuse.com/api/public/otel\nTRACELOOP_HEADERS='Authorization=Basic {},x-langfuse-ingestion-version=4'\n",
        b64(PK_PLUS, SK_PLUS)
    );
    let findings = check_file(&text, FileFacts::default());
    assert!(findings.iter().any(|f| f.check == Check::RawSpace));
    let values = repairs(&text, &findings).unwrap();
    assert_eq!(values.len(), 1);
    assert_eq!(
        values[0].1,
        format!(
            "Authorization=Basic%20{},x-langfuse-ingestion-version=4",
            b64(PK_PLUS, SK_PLUS).replace('+', "%2B")
        )
    );
}

#[test]
fn the_environment_is_checked_without_lines() {
    let findings = check_env(&|name| match name {
        "TRACELOOP_BASE_URL" => Some("cloud.langfuse.com".into()),
        _ => None,
    });
    assert_eq!(findings[0].check, Check::NoScheme);
    assert_eq!(findings[0].line, None);
}

#[test]
fn a_repaired_header_list_keeps_the_proxy_headers_it_had() {
    let text = format!(
        "TRACELOOP_BASE_URL=https://us.cloud.langfuse.com/api/public/otel\nTRACELOOP_HEADERS='Authorization=Basic {},x-langfuse-ingestion-version=4,CF-Access-Client-Id=abc.access,X-Tenant=acme%20corp'\n",
        b64(PK_PLUS, SK_PLUS)
    );
    let findings = check_file(&text, FileFacts::default());
    assert!(findings.iter().any(|f| f.check == Check::RawSpace));
    let values = repairs(&text, &findings).unwrap();
    assert_eq!(
        values[0].1,
        format!(
            "Authorization=Basic%20{},x-langfuse-ingestion-version=4,CF-Access-Client-Id=abc.access,X-Tenant=acme%20corp",
            b64(PK_PLUS, SK_PLUS).replace('+', "%2B")
        )
    );
}

/// Every finding of a broken file, in Chinese: the cause names its variable as written, the fix
/// keeps its commands and values; the line numbers and checks are the same in both languages.
#[test]
fn findings_read_in_chinese_with_their_variables_and_lines() {
    use crate::core::i18n::{Lang, assert_chinese, with_language};
    let facts = FileFacts {
        node_project: true,
        git_would_commit: true,
        git_tracked: false,
        mode: Some(0o644),
    };
    let mut seen = 0;
    for (check, line) in broken() {
        let text = with(&line);
        let english = with_language(Lang::En, || check_file(&text, facts));
        let chinese = with_language(Lang::ZhCn, || check_file(&text, facts));
        let shape = |f: &Vec<Finding>| {
            f.iter()
                .map(|f| (f.check, f.line, f.variable, f.fixable))
                .collect::<Vec<_>>()
        };
        assert_eq!(shape(&english), shape(&chinese), "{line}");
        assert!(
            chinese.iter().any(|f| f.check == check),
            "{check:?}: {line}"
        );
        for finding in &chinese {
            let kept: Vec<&str> = finding.variable.into_iter().collect();
            assert_chinese(&finding.cause, &kept);
            assert_chinese(&finding.fix, &[]);
            seen += 1;
        }
    }
    assert!(seen > 20, "{seen}");
    // The world-readable mode and a path the fix names are kept as written.
    let text = with("OTEL_EXPORTER_OTLP_ENDPOINT=https://lf.example/x");
    let findings = with_language(Lang::ZhCn, || check_file(&text, facts));
    let cause = |check| {
        findings
            .iter()
            .find(|f| f.check == check)
            .map(|f| f.cause.clone())
            .unwrap()
    };
    assert_chinese(&cause(Check::WorldReadable), &["0644"]);
    assert_chinese(
        &cause(Check::MissingOtelPath),
        &[
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "https://lf.example/x/v1/traces",
        ],
    );
    // Readers that disagree: the line and what each reader sees, in Chinese.
    let text = format!("A=1\nB\u{a0}=2\n{}", with(""));
    let disagreeing = with_language(Lang::ZhCn, || check_file(&text, facts));
    if let Some(finding) = disagreeing
        .iter()
        .find(|f| f.check == Check::ReadersDisagree)
    {
        assert_chinese(&finding.cause, &[]);
    }
    assert_eq!(
        with_language(Lang::ZhCn, || repairs(
            "TRACELOOP_HEADERS=x\n",
            &[Finding {
                check: Check::BadBase64,
                severity: Severity::Error,
                family: None,
                variable: Some("TRACELOOP_HEADERS"),
                line: Some(1),
                cause: String::new(),
                fix: String::new(),
                fixable: true,
                shadow: None,
            }]
        ))
        .unwrap_err(),
        "文件里没有有效的密钥对，无法重建请求头"
    );
}
