use std::collections::HashMap;

use super::*;
use crate::core::credential::encode_header_value;
use crate::core::target::targets_from_env;

const PK: &str = "pk-lf-1c5d8a3e-0f3b-4c59-9d1a-5b8f2e7c4a10";
const SK: &str = "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b";
const OLD_SK: &str = "sk-lf-00000000-1111-2222-3333-444444444444";

fn env(vars: &[(&str, &str)]) -> Environment {
    Environment::from_vars(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())))
}

fn file(vars: &[(&str, &str)]) -> HashMap<String, FileValue> {
    vars.iter()
        .enumerate()
        .map(|(i, (k, v))| {
            (
                k.to_string(),
                FileValue {
                    value: v.to_string(),
                    line: Some(i + 1),
                },
            )
        })
        .collect()
}

fn check(file_vars: &[(&str, &str)], env_vars: &[(&str, &str)]) -> Vec<Finding> {
    let file = file(file_vars);
    let lookup = |name: &str| file.get(name).cloned();
    let families: Vec<Family> = Family::ALL
        .into_iter()
        .filter(|f| f.variable_names().iter().any(|n| file.contains_key(*n)))
        .collect();
    check_environment(&lookup, &env(env_vars), &families)
}

fn langfuse_file() -> Vec<(&'static str, &'static str)> {
    vec![
        ("LANGFUSE_PUBLIC_KEY", PK),
        ("LANGFUSE_SECRET_KEY", SK),
        ("LANGFUSE_BASE_URL", "https://cloud.langfuse.com"),
    ]
}

fn otel_file() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "https://cloud.langfuse.com/api/public/otel",
        ),
        ("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Basic%20x"),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        ("OTEL_LOGS_EXPORTER", "none"),
    ]
}

#[test]
fn the_environment_is_kept_to_the_watched_prefixes_and_debug_shows_names_only() {
    let e = env(&[
        ("PATH", "/bin"),
        ("LANGFUSE_SECRET_KEY", SK),
        ("HOME", "/root"),
    ]);
    assert_eq!(e.get("PATH"), None);
    assert_eq!(format!("{e:?}"), "{\"LANGFUSE_SECRET_KEY\"}");
}

#[test]
fn each_loader_resolves_as_its_source_does() {
    let both = |l| resolve(l, Some("file".into()), Some("env"));
    assert_eq!(both(Loader::PythonDotenv).as_deref(), Some("env"));
    assert_eq!(both(Loader::NodeDotenv).as_deref(), Some("env"));
    assert_eq!(both(Loader::Run).as_deref(), Some("file"));
    assert_eq!(both(Loader::Compose).as_deref(), Some("file"));
    // An empty value in the environment still counts as set.
    assert_eq!(
        resolve(Loader::PythonDotenv, Some("file".into()), Some("")).as_deref(),
        Some("")
    );
    // Only in the environment: every loader but compose passes it on.
    assert_eq!(
        resolve(Loader::Run, None, Some("env")).as_deref(),
        Some("env")
    );
    assert_eq!(resolve(Loader::Compose, None, Some("env")), None);
}

#[test]
fn a_stale_secret_in_the_environment_is_an_error_with_fingerprints_never_the_secret() {
    let findings = check(&langfuse_file(), &[("LANGFUSE_SECRET_KEY", OLD_SK)]);
    let shadow: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.check == Check::ShadowedByEnvironment)
        .collect();
    assert_eq!(shadow.len(), 1, "{findings:#?}");
    let f = shadow[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.variable, Some("LANGFUSE_SECRET_KEY"));
    assert_eq!(f.line, Some(2));
    let s = f.shadow.as_ref().unwrap();
    assert_eq!(s.environment, "sk-lf-...4444");
    assert_eq!(s.file.as_deref(), Some("sk-lf-...3f4b"));
    assert_eq!(s.beats, [Loader::PythonDotenv, Loader::NodeDotenv]);
    assert_eq!(s.loses_to, [Loader::Run, Loader::Compose]);
    let text = format!(
        "{} {} {}",
        f.cause,
        f.fix,
        serde_json::to_string(f).unwrap()
    );
    assert!(!text.contains(SK) && !text.contains(OLD_SK), "{text}");
    assert!(f.fix.contains("override=True") && f.fix.contains("langfuse-otel run"));
}

#[test]
fn an_equal_value_in_the_environment_is_no_finding() {
    let findings = check(&langfuse_file(), &[("LANGFUSE_SECRET_KEY", SK)]);
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn a_signal_specific_endpoint_in_the_environment_overrides_the_files_generic_one() {
    let findings = check(
        &otel_file(),
        &[(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "http://collector:4318/v1/traces",
        )],
    );
    let f = findings
        .iter()
        .find(|f| f.check == Check::SignalOverride)
        .expect("signal override");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.line, Some(1));
    assert!(f.cause.contains("http://collector:4318/v1/traces"));
    let s = f.shadow.as_ref().unwrap();
    assert_eq!(s.beats, [Loader::PythonDotenv, Loader::NodeDotenv]);
    assert_eq!(s.loses_to, [Loader::Run, Loader::Compose]);
    // Not when the file sets the signal-specific variable itself (then it is a plain shadowing).
    let mut both = otel_file();
    both.push((
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "https://cloud.langfuse.com/api/public/otel/v1/traces",
    ));
    let findings = check(
        &both,
        &[(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "http://collector:4318/v1/traces",
        )],
    );
    let checks: Vec<Check> = findings.iter().map(|f| f.check).collect();
    assert_eq!(checks, [Check::ShadowedByEnvironment]);
}

#[test]
fn settings_that_stop_or_divert_export_are_found_wherever_they_are_set() {
    type Case<'a> = (&'a [(&'a str, &'a str)], Check, Severity);
    let cases: [Case; 7] = [
        (
            &[("OTEL_SDK_DISABLED", "TRUE ")],
            Check::SdkDisabled,
            Severity::Error,
        ),
        (
            &[("OTEL_TRACES_EXPORTER", "console")],
            Check::TracesExporterOff,
            Severity::Error,
        ),
        (
            &[("OTEL_TRACES_EXPORTER", "none")],
            Check::TracesExporterOff,
            Severity::Error,
        ),
        (
            &[("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")],
            Check::ShadowedByEnvironment,
            Severity::Error,
        ),
        (
            &[("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc")],
            Check::Grpc,
            Severity::Error,
        ),
        (
            &[("DD_TRACE_OTEL_ENABLED", "true")],
            Check::VendorTakeover,
            Severity::Error,
        ),
        (
            &[("LOGFIRE_TOKEN", "x")],
            Check::VendorTakeover,
            Severity::Warning,
        ),
    ];
    for (vars, expected, severity) in cases {
        let findings = check(&otel_file(), vars);
        assert!(
            findings
                .iter()
                .any(|f| f.check == expected && f.severity == severity),
            "{vars:?}: {findings:#?}"
        );
    }
    // Harmless values: nothing.
    for vars in [
        &[("OTEL_SDK_DISABLED", "false")][..],
        &[("OTEL_TRACES_EXPORTER", "otlp,console")],
        &[("SENTRY_DSN", "https://x@sentry.io/1")],
    ] {
        assert!(check(&otel_file(), vars).is_empty(), "{vars:?}");
    }
    assert!(
        check(
            &otel_file(),
            &[
                ("SENTRY_DSN", "https://x@sentry.io/1"),
                ("SENTRY_TRACES_SAMPLE_RATE", "0.5")
            ]
        )
        .iter()
        .any(|f| f.check == Check::VendorTakeover)
    );
}

#[test]
fn the_files_own_grpc_and_missing_protocol_and_logs_risk_are_found_without_an_environment() {
    let mut grpc = otel_file();
    grpc[2] = ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
    let findings = check(&grpc, &[]);
    let f = findings.iter().find(|f| f.check == Check::Grpc).unwrap();
    assert!(f.fixable && f.line == Some(3));

    let no_protocol: Vec<_> = otel_file()
        .into_iter()
        .filter(|(n, _)| !n.ends_with("PROTOCOL"))
        .collect();
    let checks: Vec<Check> = check(&no_protocol, &[]).iter().map(|f| f.check).collect();
    assert_eq!(checks, [Check::ProtocolUnset]);

    let logs: Vec<_> = otel_file()
        .into_iter()
        .filter(|(n, _)| *n != "OTEL_LOGS_EXPORTER")
        .collect();
    let checks: Vec<Check> = check(&logs, &[]).iter().map(|f| f.check).collect();
    assert_eq!(checks, [Check::LogsTo404]);
    // The traces-only endpoint sends nothing else to Langfuse.
    let traces_only = [
        (
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "https://cloud.langfuse.com/api/public/otel/v1/traces",
        ),
        (
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
            "Authorization=Basic%20x",
        ),
        ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"),
    ];
    assert!(check(&traces_only, &[]).is_empty());
}

#[test]
fn fingerprints_show_the_public_key_and_a_masked_secret_only() {
    let b64 = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(format!("{PK}:{SK}"))
    };
    let list = format!(
        "Authorization={},x-langfuse-ingestion-version=4",
        encode_header_value(&format!("Basic {b64}"))
    );
    let shown = fingerprint("OTEL_EXPORTER_OTLP_HEADERS", &list);
    assert_eq!(
        shown,
        format!("Authorization=Basic <{PK}:sk-lf-...3f4b>,x-langfuse-ingestion-version=…")
    );
    assert!(!shown.contains(&b64));
    assert_eq!(fingerprint("LANGFUSE_SECRET_KEY", "short"), "...");
    assert_eq!(
        fingerprint("OTEL_EXPORTER_OTLP_ENDPOINT", "a\u{1b}b"),
        "a\\u{1b}b"
    );
}

#[test]
fn families_with_the_same_keys_and_different_hosts_are_an_error() {
    let b64 = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(format!("{PK}:{SK}"))
    };
    let header = format!(
        "Authorization={}",
        encode_header_value(&format!("Basic {b64}"))
    );
    let vars: HashMap<&str, String> = [
        (
            "TRACELOOP_BASE_URL",
            "https://us.cloud.langfuse.com/api/public/otel".to_string(),
        ),
        ("TRACELOOP_HEADERS", header.clone()),
        ("LANGFUSE_PUBLIC_KEY", PK.to_string()),
        ("LANGFUSE_SECRET_KEY", SK.to_string()),
        (
            "LANGFUSE_BASE_URL",
            "https://cloud.langfuse.com".to_string(),
        ),
    ]
    .into_iter()
    .collect();
    let targets = targets_from_env(&|n| vars.get(n).cloned());
    let findings = check_hosts(&targets);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert!(findings[0].cause.contains("us.cloud.langfuse.com"));
    let mut same = vars.clone();
    same.insert(
        "LANGFUSE_BASE_URL",
        "https://us.cloud.langfuse.com".to_string(),
    );
    assert!(check_hosts(&targets_from_env(&|n| same.get(n).cloned())).is_empty());
}

#[test]
fn the_logs_warning_is_given_only_where_logs_are_exported_over_otlp_to_langfuse() {
    let base = [
        (
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "https://cloud.langfuse.com/api/public/otel",
        ),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
    ];
    let logs_warning = |extra: &[(&str, &str)]| {
        let mut vars: Vec<(&str, &str)> = base.to_vec();
        vars.extend_from_slice(extra);
        check(&vars, &[])
            .iter()
            .any(|f| f.check == Check::LogsTo404)
    };
    assert!(logs_warning(&[]), "the SDKs' default logs exporter is otlp");
    assert!(logs_warning(&[("OTEL_LOGS_EXPORTER", "console, OTLP")]));
    // A traces-specific endpoint beside the generic one does not stop logs going to the generic one.
    assert!(logs_warning(&[(
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "https://cloud.langfuse.com/api/public/otel/v1/traces"
    )]));
    assert!(!logs_warning(&[("OTEL_LOGS_EXPORTER", "none")]));
    assert!(!logs_warning(&[("OTEL_LOGS_EXPORTER", "console")]));
    assert!(!logs_warning(&[(
        "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
        "http://collector:4318/v1/logs"
    )]));
}

/// What the environment and the settings change, in Chinese: the variable, its line and both
/// fingerprints stay as they are.
#[test]
fn environment_findings_read_in_chinese() {
    use crate::core::i18n::{Lang, assert_chinese, with_language};
    let cases: [&[(&str, &str)]; 6] = [
        &[("OTEL_SDK_DISABLED", "true")],
        &[("OTEL_TRACES_EXPORTER", "console")],
        &[("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc")],
        &[("DD_TRACE_OTEL_ENABLED", "true")],
        &[("LOGFIRE_TOKEN", "x")],
        &[(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "https://collector.example/v1/traces",
        )],
    ];
    for env_vars in cases {
        let findings = with_language(Lang::ZhCn, || check(&otel_file(), env_vars));
        assert!(!findings.is_empty(), "{env_vars:?}");
        for finding in findings {
            let kept: Vec<&str> = finding.variable.into_iter().collect();
            assert_chinese(&finding.cause, &kept);
            assert_chinese(&finding.fix, &[]);
        }
    }
    let stale = [("LANGFUSE_SECRET_KEY", "sk-lf-0000000000000000stale")];
    let findings = with_language(Lang::ZhCn, || check(&langfuse_file(), &stale));
    let shadowed = findings
        .iter()
        .find(|f| f.check == Check::ShadowedByEnvironment)
        .unwrap();
    assert_chinese(&shadowed.cause, &["LANGFUSE_SECRET_KEY", "sk-lf-...tale"]);
    assert_chinese(
        &shadowed.fix,
        &[
            "load_dotenv(override=True)",
            "dotenv.config({ override: true })",
        ],
    );
}
