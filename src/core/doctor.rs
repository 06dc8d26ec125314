//! `doctor`'s static checks: what is wrong in an existing configuration, on which line, why, and the
//! exact fix — and, for what can be fixed, the repaired values.
//!
//! Pure: the caller reads the file and asks git and the file system; this module only reads text.

use std::collections::BTreeMap;

use percent_encoding::percent_decode_str;
use serde::Serialize;

use crate::core::credential::basic_pair;
use crate::core::dotenv::readers::{Loaded, Reader, clients_disagree};
use crate::core::dotenv::{Document, quote_value, unquote_simple};
use crate::core::host::{Host, OTEL_BASE_PATH, OTEL_TRACES_PATH, has_http_scheme, normalize_host};
use crate::core::keys::{PUBLIC_PREFIX, SECRET_PREFIX, parse_key_pair};
use crate::core::vars::{Config, Family, HEADER_LIST_VARIABLES, build_variables};
use crate::tr;

/// Every check `doctor` makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    RawSpace,
    QuotePlus,
    RawPlus,
    MissingAuthorization,
    MissingBasic,
    BadEscape,
    BadBase64,
    NotKeyPair,
    SwappedKeys,
    CredentialMismatch,
    NoScheme,
    MissingOtelPath,
    DoubledTracesPath,
    TracesEndpointPath,
    HostHasOtelPath,
    InsecureHttp,
    Quoting,
    /// python-dotenv and Node dotenv read one of our variables differently.
    ReadersDisagree,
    NodeTruncation,
    GitWouldCommit,
    GitTracked,
    WorldReadable,
    /// A variable already in the process environment beats the file's under some loaders.
    ShadowedByEnvironment,
    /// A signal-specific `OTEL_EXPORTER_OTLP_TRACES_*` replaces the file's generic variable.
    SignalOverride,
    SdkDisabled,
    TracesExporterOff,
    Grpc,
    ProtocolUnset,
    /// Another vendor's SDK may take over the OTel tracer provider.
    VendorTakeover,
    /// The generic endpoint sends OTel logs to Langfuse, which answers 404.
    LogsTo404,
    /// Two families send the same keys to different hosts.
    HostsDisagree,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Some client will not authenticate, or sends its spans elsewhere.
    Error,
    /// It works, but some client or some mistake waits for it.
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub check: Check,
    pub severity: Severity,
    pub family: Option<Family>,
    pub variable: Option<&'static str>,
    /// 1-based line in the .env.
    pub line: Option<usize>,
    pub cause: String,
    pub fix: String,
    /// `--fix` repairs it.
    pub fixable: bool,
    /// For a variable the environment sets: what each side holds and which loaders it beats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shadow: Option<crate::core::effective::Shadow>,
}

/// What the caller knows about the file besides its text.
#[derive(Clone, Copy, Debug, Default)]
pub struct FileFacts {
    /// A `package.json` beside the .env: a Node project, where Traceloop Node may read it.
    pub node_project: bool,
    pub git_would_commit: bool,
    pub git_tracked: bool,
    /// Unix permission bits.
    pub mode: Option<u32>,
}

/// The variables `doctor` reads: every family's own, from the one family table
/// ([`Family::variable_names`]), and `LANGFUSE_BASEURL`, the older spelling Langfuse JS still reads.
pub fn known_variables() -> Vec<&'static str> {
    Family::ALL
        .iter()
        .flat_map(|family| family.variable_names().iter().copied())
        .chain(["LANGFUSE_BASEURL"])
        .collect()
}

/// A variable as found: its value (as most readers read it) and its line.
#[derive(Clone, Debug)]
struct Found {
    value: String,
    line: Option<usize>,
    /// The raw text after `=`, for the quoting check (files only).
    raw: Option<String>,
}

/// Our variables in a `.env`, as python-dotenv (the Python clients of every family) loads them,
/// with their line, and the raw text of our editor's last assignment for the quoting check.
fn found_in(text: &str) -> BTreeMap<&'static str, Found> {
    let doc = Document::parse(text);
    let python = Loaded::read(text, Reader::PythonDotenv);
    let mut found = BTreeMap::new();
    for name in known_variables() {
        if let Some(value) = python.get(name) {
            found.insert(
                name,
                Found {
                    value: value.to_string(),
                    line: python.line(name),
                    raw: doc
                        .assignments(name)
                        .last()
                        .map(|a| doc.raw_value(a).to_string()),
                },
            );
        }
    }
    found
}

/// Checks a `.env`.
pub fn check_file(text: &str, facts: FileFacts) -> Vec<Finding> {
    let found = found_in(text);
    let mut findings = check_values(&found, facts.node_project);
    for disagreement in clients_disagree(text, &known_variables()) {
        findings.push(Finding {
            check: Check::ReadersDisagree,
            severity: Severity::Error,
            family: Family::of_variable(disagreement.name),
            variable: Some(disagreement.name),
            line: Some(disagreement.line),
            cause: tr!(
                "core-doctor-readers-disagree",
                detail = &disagreement.detail
            ),
            fix: tr!("core-doctor-readers-disagree-fix"),
            fixable: false,
            shadow: None,
        });
    }
    for (name, var) in &found {
        if let Some(raw) = &var.raw
            && unquote_simple(raw).is_none()
        {
            findings.push(Finding {
                check: Check::Quoting,
                severity: Severity::Warning,
                family: Family::of_variable(name),
                variable: Some(name),
                line: var.line,
                cause: tr!("core-doctor-quoting", name = *name),
                fix: tr!("core-doctor-quoting-fix"),
                fixable: quote_value(&var.value).is_ok(),
                shadow: None,
            });
        }
    }
    if !found.is_empty() {
        if facts.git_tracked {
            findings.push(Finding {
                check: Check::GitTracked,
                severity: Severity::Error,
                family: None,
                variable: None,
                line: None,
                cause: tr!("core-doctor-git-tracked"),
                fix: tr!("core-doctor-git-tracked-fix"),
                fixable: false,
                shadow: None,
            });
        } else if facts.git_would_commit {
            findings.push(Finding {
                check: Check::GitWouldCommit,
                severity: Severity::Warning,
                family: None,
                variable: None,
                line: None,
                cause: tr!("core-doctor-git-would-commit"),
                fix: tr!("core-doctor-git-would-commit-fix"),
                fixable: true,
                shadow: None,
            });
        }
        if let Some(mode) = facts.mode.filter(|m| m & 0o077 != 0) {
            findings.push(Finding {
                check: Check::WorldReadable,
                severity: Severity::Warning,
                family: None,
                variable: None,
                line: None,
                cause: tr!("core-doctor-world-readable", mode = format!("{mode:04o}")),
                fix: tr!("core-doctor-world-readable-fix"),
                fixable: true,
                shadow: None,
            });
        }
    }
    findings.sort_by_key(|f| (f.line.unwrap_or(usize::MAX), f.check));
    findings
}

/// Checks variables from the process environment (no lines, no quoting, no file).
pub fn check_env(lookup: &dyn Fn(&str) -> Option<String>) -> Vec<Finding> {
    let found: BTreeMap<&'static str, Found> = known_variables()
        .iter()
        .filter_map(|name| {
            lookup(name).map(|value| {
                (
                    *name,
                    Found {
                        value,
                        line: None,
                        raw: None,
                    },
                )
            })
        })
        .collect();
    check_values(&found, false)
}

/// The 1-based line of a variable's last assignment in a `.env`.
pub fn line_of_variable(doc: &Document<'_>, name: &str) -> Option<usize> {
    doc.assignments(name)
        .last()
        .map(|a| line_of(doc, a.prefix.start))
}

fn line_of(doc: &Document<'_>, offset: usize) -> usize {
    1 + doc.body[..offset].bytes().filter(|&b| b == b'\n').count()
}

/// The key pair an Authorization value carries, read leniently (as the most forgiving client does),
/// so a broken header still tells which keys it meant.
fn credential_in(header_value: &str) -> Option<(String, String)> {
    let decoded = percent_decode_str(header_value).decode_utf8().ok()?;
    let b64 = decoded
        .strip_prefix("Basic ")
        .or_else(|| decoded.strip_prefix("Basic+"))
        .or_else(|| decoded.strip_prefix("Basic"))?;
    let pair = basic_pair(&format!("Basic {b64}"))?;
    Some((*pair).clone())
}

fn check_values(found: &BTreeMap<&'static str, Found>, node_project: bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut push = |check,
                    severity,
                    variable: &'static str,
                    var: &Found,
                    cause: String,
                    fix: &str,
                    fixable| {
        findings.push(Finding {
            check,
            severity,
            family: Family::of_variable(variable),
            variable: Some(variable),
            line: var.line,
            cause,
            fix: fix.to_string(),
            fixable,
            shadow: None,
        });
    };
    let keys = found
        .get("LANGFUSE_PUBLIC_KEY")
        .zip(found.get("LANGFUSE_SECRET_KEY"));
    let repairable = repair_keys(found).is_some();

    for name in HEADER_LIST_VARIABLES {
        let Some(var) = found.get(name) else { continue };
        let entries: Vec<&str> = var.value.split(',').collect();
        let authorization = entries.iter().find_map(|entry| {
            let (key, value) = entry.split_once('=')?;
            key.trim()
                .eq_ignore_ascii_case("authorization")
                .then_some(value)
        });
        let Some(value) = authorization else {
            let looks_basic = entries.iter().any(|e| e.trim_start().starts_with("Basic"));
            push(
                Check::MissingAuthorization,
                Severity::Error,
                name,
                var,
                if looks_basic {
                    tr!("core-doctor-basic-without-authorization", name = name)
                } else {
                    tr!("core-doctor-missing-authorization", name = name)
                },
                &tr!("core-doctor-write-authorization-fix"),
                repairable,
            );
            continue;
        };
        let value = value.trim_start();
        if value.contains(' ') {
            push(
                Check::RawSpace,
                Severity::Error,
                name,
                var,
                tr!("core-doctor-raw-space", name = name),
                &tr!("core-doctor-raw-space-fix"),
                repairable,
            );
        }
        if value.starts_with("Basic+") {
            push(
                Check::QuotePlus,
                Severity::Error,
                name,
                var,
                tr!("core-doctor-quote-plus", name = name),
                &tr!("core-doctor-quote-plus-fix"),
                repairable,
            );
        }
        let b64_raw = value
            .strip_prefix("Basic%20")
            .or_else(|| value.strip_prefix("Basic "))
            .or_else(|| value.strip_prefix("Basic+"));
        if let Some(b64) = b64_raw
            && b64.contains('+')
        {
            push(
                Check::RawPlus,
                Severity::Warning,
                name,
                var,
                tr!("core-doctor-raw-plus", name = name),
                &tr!("core-doctor-raw-plus-fix"),
                repairable,
            );
        }
        let decoded = percent_decode_str(value).decode_utf8();
        let malformed_escape = value.match_indices('%').any(|(i, _)| {
            let hex = value.get(i + 1..i + 3).unwrap_or("");
            hex.len() < 2 || !hex.bytes().all(|b| b.is_ascii_hexdigit())
        });
        if malformed_escape || decoded.is_err() {
            push(
                Check::BadEscape,
                Severity::Error,
                name,
                var,
                tr!("core-doctor-bad-escape", name = name),
                &tr!("core-doctor-bad-escape-fix"),
                repairable,
            );
            continue;
        }
        let decoded = decoded.map(|d| d.into_owned()).unwrap_or_default();
        if !(decoded.starts_with("Basic ") || decoded.starts_with("Basic+")) {
            push(
                Check::MissingBasic,
                Severity::Error,
                name,
                var,
                tr!("core-doctor-missing-basic", name = name),
                &tr!("core-doctor-write-authorization-fix"),
                repairable,
            );
            continue;
        }
        match credential_in(value) {
            None => push(
                Check::BadBase64,
                Severity::Error,
                name,
                var,
                tr!("core-doctor-bad-base64", name = name),
                &tr!("core-doctor-rebuild-from-keys-fix"),
                repairable,
            ),
            Some((public, secret)) => {
                if public.starts_with(SECRET_PREFIX) && secret.starts_with(PUBLIC_PREFIX) {
                    push(
                        Check::SwappedKeys,
                        Severity::Error,
                        name,
                        var,
                        tr!("core-doctor-swapped-in-header", name = name),
                        &tr!("core-doctor-swapped-in-header-fix"),
                        true,
                    );
                } else if !public.starts_with(PUBLIC_PREFIX) || !secret.starts_with(SECRET_PREFIX) {
                    push(
                        Check::NotKeyPair,
                        Severity::Error,
                        name,
                        var,
                        tr!("core-doctor-not-key-pair", name = name),
                        &tr!("core-doctor-rebuild-from-keys-fix"),
                        repairable,
                    );
                } else if let Some((pk, sk)) = keys
                    && (pk.value.trim() != public || sk.value.trim() != secret)
                {
                    push(
                        Check::CredentialMismatch,
                        Severity::Error,
                        name,
                        var,
                        tr!("core-doctor-credential-mismatch", name = name),
                        &tr!("core-doctor-credential-mismatch-fix"),
                        false,
                    );
                }
            }
        }
        if node_project && name == "TRACELOOP_HEADERS" && value.contains('=') {
            push(
                Check::NodeTruncation,
                Severity::Warning,
                name,
                var,
                tr!("core-doctor-node-truncation"),
                &tr!("core-doctor-node-truncation-fix"),
                false,
            );
        }
    }

    if let Some((pk, sk)) = keys {
        let (p, s) = (pk.value.trim(), sk.value.trim());
        if p.starts_with(SECRET_PREFIX) && s.starts_with(PUBLIC_PREFIX) {
            push(
                Check::SwappedKeys,
                Severity::Error,
                "LANGFUSE_PUBLIC_KEY",
                pk,
                tr!("core-doctor-swapped-keys"),
                &tr!("core-doctor-swapped-keys-fix"),
                true,
            );
        }
    }

    let base_urls = [
        ("TRACELOOP_BASE_URL", true),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", false),
    ];
    for (name, traceloop) in base_urls {
        let Some(var) = found.get(name) else { continue };
        let url = var.value.trim();
        if !has_http_scheme(url) {
            push(
                Check::NoScheme,
                Severity::Error,
                name,
                var,
                if traceloop {
                    tr!("core-doctor-traceloop-no-scheme", name = name)
                } else {
                    tr!("core-doctor-otel-no-scheme", name = name)
                },
                &tr!("core-doctor-add-https-fix"),
                normalize_host(url, true).is_ok(),
            );
            continue;
        }
        let path = url.trim_end_matches('/');
        if path.ends_with("/v1/traces") {
            if !traceloop {
                push(
                    Check::DoubledTracesPath,
                    Severity::Error,
                    name,
                    var,
                    tr!("core-doctor-doubled-traces-path", name = name),
                    &tr!("core-doctor-doubled-traces-path-fix"),
                    true,
                );
            }
        } else if !path.ends_with(OTEL_BASE_PATH) {
            push(
                Check::MissingOtelPath,
                Severity::Error,
                name,
                var,
                tr!("core-doctor-missing-otel-path", name = name, path = path),
                &tr!("core-doctor-missing-otel-path-fix"),
                true,
            );
        }
        insecure(&mut push, name, var);
    }
    if let Some(var) = found.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") {
        let url = var.value.trim().trim_end_matches('/');
        if !has_http_scheme(url) {
            push(
                Check::NoScheme,
                Severity::Error,
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                var,
                tr!("core-doctor-traces-endpoint-no-scheme"),
                &tr!("core-doctor-add-https-fix"),
                normalize_host(url, true).is_ok(),
            );
        } else if !url.ends_with(OTEL_TRACES_PATH) {
            push(
                Check::TracesEndpointPath,
                Severity::Error,
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                var,
                tr!("core-doctor-traces-endpoint-path"),
                &tr!("core-doctor-traces-endpoint-path-fix"),
                true,
            );
        }
        insecure(&mut push, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", var);
    }
    for name in ["LANGFUSE_BASE_URL", "LANGFUSE_HOST"] {
        let Some(var) = found.get(name) else { continue };
        let url = var.value.trim().trim_end_matches('/');
        if url.contains("/api/public") {
            push(
                Check::HostHasOtelPath,
                Severity::Error,
                name,
                var,
                tr!("core-doctor-host-has-otel-path", name = name),
                &tr!("core-doctor-host-has-otel-path-fix"),
                true,
            );
        } else if !has_http_scheme(url) {
            push(
                Check::NoScheme,
                Severity::Error,
                name,
                var,
                tr!("core-doctor-host-no-scheme", name = name),
                &tr!("core-doctor-add-https-fix"),
                normalize_host(url, true).is_ok(),
            );
        }
        insecure(&mut push, name, var);
    }
    findings
}

fn insecure(
    push: &mut impl FnMut(Check, Severity, &'static str, &Found, String, &str, bool),
    name: &'static str,
    var: &Found,
) {
    if let Ok((host, _)) = normalize_host(&var.value, true)
        && !host.is_https()
        && !host.is_loopback()
    {
        push(
            Check::InsecureHttp,
            Severity::Warning,
            name,
            var,
            tr!("core-doctor-insecure-http", name = name),
            &tr!("core-doctor-insecure-http-fix"),
            false,
        );
    }
}

/// The key pair the configuration means: the LANGFUSE_* keys (swapped back if swapped), else the
/// first header's credential read leniently.
fn repair_keys(found: &BTreeMap<&'static str, Found>) -> Option<crate::core::keys::KeyPair> {
    if let (Some(pk), Some(sk)) = (
        found.get("LANGFUSE_PUBLIC_KEY"),
        found.get("LANGFUSE_SECRET_KEY"),
    ) {
        if let Ok((keys, _)) = parse_key_pair(&pk.value, &sk.value) {
            return Some(keys);
        }
        if let Ok((keys, _)) = parse_key_pair(&sk.value, &pk.value) {
            return Some(keys);
        }
    }
    for name in HEADER_LIST_VARIABLES {
        let Some(var) = found.get(name) else { continue };
        for entry in var.value.split(',') {
            let Some((key, value)) = entry.split_once('=') else {
                continue;
            };
            if !key.trim().eq_ignore_ascii_case("authorization") {
                continue;
            }
            // Lenient: a raw space, `+` for the space, or a raw `+` in the base64.
            let value = value
                .trim()
                .replacen("Basic ", "Basic%20", 1)
                .replacen("Basic+", "Basic%20", 1)
                .replace('+', "%2B");
            if let Some((public, secret)) = credential_in(&value) {
                if let Ok((keys, _)) = parse_key_pair(&public, &secret) {
                    return Some(keys);
                }
                if let Ok((keys, _)) = parse_key_pair(&secret, &public) {
                    return Some(keys);
                }
            }
        }
    }
    None
}

/// The Langfuse base the configuration means, from whichever URL variable is usable.
fn repair_host(found: &BTreeMap<&'static str, Found>) -> Option<Host> {
    [
        "LANGFUSE_BASE_URL",
        "LANGFUSE_HOST",
        "TRACELOOP_BASE_URL",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    ]
    .iter()
    .find_map(|name| {
        let var = found.get(name)?;
        normalize_host(&var.value, true).ok().map(|(host, _)| host)
    })
}

/// The new values for every variable a fixable finding names (and `(name, value)` pairs for the
/// editor), or why nothing can be repaired.
pub fn repairs(text: &str, findings: &[Finding]) -> Result<Vec<(&'static str, String)>, String> {
    let found = found_in(text);
    let names: Vec<&'static str> = findings
        .iter()
        .filter(|f| f.fixable)
        .filter_map(|f| f.variable)
        .collect();
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let keys = repair_keys(&found).ok_or_else(|| tr!("core-doctor-repair-no-keys"))?;
    let host = repair_host(&found).ok_or_else(|| tr!("core-doctor-repair-no-url"))?;
    let ingestion_version = HEADER_LIST_VARIABLES.iter().find_map(|name| {
        let var = found.get(name)?;
        var.value.split(',').find_map(|entry| {
            let (key, value) = entry.split_once('=')?;
            key.trim()
                .eq_ignore_ascii_case("x-langfuse-ingestion-version")
                .then(|| value.trim().parse().ok())
                .flatten()
        })
    });
    // The file's own proxy headers survive a rebuilt header list.
    let extra = HEADER_LIST_VARIABLES
        .iter()
        .find_map(|name| found.get(name))
        .map(|var| crate::core::credential::extra_headers_in(&var.value))
        .unwrap_or_default();
    let canonical = build_variables(&Config {
        host: Some(&host),
        keys: &keys,
        families: &Family::ALL,
        ingestion_version,
        signals: crate::core::vars::Signals::TRACES_ONLY,
        headers: &extra,
    });
    let value_of = |name: &str| -> Option<String> {
        match name {
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" => Some(host.otel_traces_url()),
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL" => Some("http/protobuf".to_string()),
            "OTEL_LOGS_EXPORTER" | "OTEL_METRICS_EXPORTER" => Some("none".to_string()),
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS" => canonical
                .iter()
                .find(|v| v.name == "OTEL_EXPORTER_OTLP_HEADERS")
                .map(|v| v.expose().to_string()),
            _ => canonical
                .iter()
                .find(|v| v.name == name)
                .map(|v| v.expose().to_string()),
        }
    };
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for name in names {
        if out.iter().any(|(n, _)| *n == name) {
            continue;
        }
        if let Some(value) = value_of(name) {
            out.push((name, value));
        }
        // Logs and metrics are both kept away from Langfuse.
        if name == "OTEL_LOGS_EXPORTER" && !out.iter().any(|(n, _)| *n == "OTEL_METRICS_EXPORTER") {
            out.push(("OTEL_METRICS_EXPORTER", "none".to_string()));
        }
        // Swapped LANGFUSE_* keys: both values change.
        if name == "LANGFUSE_PUBLIC_KEY" && !out.iter().any(|(n, _)| *n == "LANGFUSE_SECRET_KEY") {
            out.push(("LANGFUSE_SECRET_KEY", keys.secret.expose().to_string()));
        }
    }
    Ok(out)
}

/// Whether the findings leave every family able to authenticate (no errors).
pub fn healthy(findings: &[Finding]) -> bool {
    findings.iter().all(|f| f.severity != Severity::Error)
}

#[cfg(test)]
mod tests;
