//! `explain`: read an exporter's error line, as the OTel / Traceloop / Langfuse SDKs log it, into the
//! same [`Problem`] the live test would report for that answer.
//!
//! The line is text the user copied from a log: untrusted, maybe cut, maybe wrapped in JSON with
//! escaped quotes. Nothing here trusts its shape; every clue is looked for on its own (the status
//! code, Langfuse's exact message, an HTML page, a network error name, gRPC words, the URL), and the
//! clues are then read through [`diagnosis::problem_of_reply`], the table the live test uses.

use serde::Serialize;

use crate::core::diagnosis::{self, NetError, Problem, Reply};
use crate::core::doctor::{Check, Finding};
use crate::core::server_text::Redactor;
use crate::{tr, tr_static};

/// Longest input read: a pasted stack trace is fine, a whole log file is not what this is for.
pub const MAX_INPUT: usize = 64 * 1024;

/// What the line says, and what it means.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The SDK whose wording the line has, when it is one we know.
    pub client: Option<&'static str>,
    /// The HTTP status the line reports.
    pub status: Option<u16>,
    /// Langfuse's own message, when the line carries it.
    pub message: Option<String>,
    /// The URL the line names.
    pub url: Option<String>,
    pub problem: Problem,
}

impl Explanation {
    /// The doctor checks that find, in a `.env`, the mistakes that lead to this problem.
    pub fn related_checks(&self) -> &'static [Check] {
        related_checks(&self.problem)
    }

    /// What the line was read as, in words: the SDK, the status, Langfuse's message, the URL.
    pub fn what_was_read(&self) -> Vec<String> {
        let mut seen: Vec<String> = self.client.iter().map(|c| c.to_string()).collect();
        seen.extend(self.status.map(|status| format!("HTTP {status}")));
        seen.extend(
            self.message
                .as_ref()
                .map(|message| tr!("core-explain-langfuse-said", message = message)),
        );
        seen.extend(self.url.clone());
        seen
    }

    /// Of a `.env`'s findings, those that lead to this problem.
    pub fn related_findings(&self, findings: &[Finding]) -> Vec<Finding> {
        let related = self.related_checks();
        findings
            .iter()
            .filter(|f| related.contains(&f.check))
            .cloned()
            .collect()
    }
}

/// Why a line was not recognised, and what would be needed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unrecognized {
    /// The status code, when one was found without anything that says what it means.
    pub status: Option<u16>,
    pub needed: &'static str,
}

/// Langfuse's messages (shared/README: the responses to tell apart), in the order to look for them:
/// a longer one before its own prefix.
const LANGFUSE_MESSAGES: [(&str, u16); 8] = [
    ("No authorization header", 401),
    (
        "Invalid credentials. Confirm that you've configured the correct host.",
        401,
    ),
    ("Invalid credentials", 401),
    (
        "Invalid authorization header. Confirm that you've configured the correct host.",
        401,
    ),
    ("Invalid authorization header", 401),
    (
        "Access denied - insufficient permissions for this endpoint",
        403,
    ),
    ("Ingestion suspended", 403),
    ("Invalid content type", 400),
];

/// Reads one pasted error (a line, or a few lines of one error).
pub fn explain(input: &str) -> Result<Explanation, Unrecognized> {
    let text = unescape_json_quotes(&input[..floor_char_boundary(input, MAX_INPUT)]);
    let lower = text.to_ascii_lowercase();
    let client = client_of(&text);
    let url = first_url(&text);

    if let Some(problem) = grpc_problem(&text, &lower) {
        return Ok(Explanation {
            client,
            status: None,
            message: None,
            url,
            problem,
        });
    }

    let message = langfuse_message(&text);
    let status = status_of(&text).or(message.as_ref().map(|(_, status)| *status));
    let html = lower.contains("<!doctype html") || lower.contains("<html");

    if let Some(status) = status.or(html.then_some(404)) {
        let url_text = url
            .clone()
            .unwrap_or_else(|| tr!("core-explain-exporters-url"));
        let problem = if status == 404 && other_signal(&lower, url.as_deref()) {
            Problem::SignalNotAccepted { url: url_text }
        } else {
            let body = match &message {
                Some((text, _)) => serde_json::json!({ "message": text }).to_string(),
                None if html => "<!DOCTYPE html><html></html>".to_string(),
                None => String::new(),
            };
            // Pasted text is untrusted too: it is read through the same sanitizer as a reply.
            let reply = Reply::from_server(
                status,
                Some(if html {
                    "text/html"
                } else {
                    "application/json"
                }),
                &body,
                None,
                &Redactor::none(),
            );
            diagnosis::problem_of_reply(&reply, &url_text, 1, None)
        };
        // A bare 401 could be any of four causes: say which would be needed rather than guess.
        if status == 401 && message.is_none() {
            return Ok(Explanation {
                client,
                status: Some(status),
                message: None,
                url,
                problem: Problem::Unauthorized,
            });
        }
        return Ok(Explanation {
            client,
            status: Some(status),
            message: message.map(|(text, _)| text),
            url,
            problem,
        });
    }

    if let Some(error) = network_error(&text, &lower, url.as_deref()) {
        return Ok(Explanation {
            client,
            status: None,
            message: None,
            url,
            problem: Problem::Network(error),
        });
    }

    Err(Unrecognized {
        status: None,
        needed: tr_static!("core-explain-needed"),
    })
}

/// JS exporters log the body inside a JSON string (`"data":"{\"message\":\"...\"}"`): read it as
/// the body it was.
fn unescape_json_quotes(text: &str) -> String {
    text.replace("\\\"", "\"").replace("\\n", "\n")
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// Which SDK's words these are (for the message only; the meaning never depends on it).
fn client_of(text: &str) -> Option<&'static str> {
    const CLIENTS: [(&str, &str); 9] = [
        ("Failed to export span batch code", "OpenTelemetry Python"),
        ("Failed to export batch code", "OpenTelemetry Python"),
        ("Failed to export traces to", "OpenTelemetry Python (gRPC)"),
        ("OTLPExporterError", "OpenTelemetry JS"),
        (
            "Server responded with HTTP status code",
            "OpenTelemetry Java",
        ),
        ("traces export:", "OpenTelemetry Go"),
        (
            "Exporter failed send data to collector",
            "OpenTelemetry .NET",
        ),
        ("Grpc.Core.RpcException", "OpenTelemetry .NET (gRPC)"),
        ("opentelemetry_otlp", "OpenTelemetry Rust"),
    ];
    CLIENTS
        .iter()
        .find(|(needle, _)| text.contains(needle))
        .map(|(_, client)| *client)
}

/// Langfuse's message in the line, with the status that goes with it.
fn langfuse_message(text: &str) -> Option<(String, u16)> {
    LANGFUSE_MESSAGES
        .iter()
        .find(|(message, _)| text.contains(message))
        .map(|(message, status)| {
            // Keep the rest of the server's sentence (the suspension's reason), up to its quote.
            let start = text.find(message).unwrap_or(0);
            let rest = &text[start..];
            let end = rest.find(['"', '\n']).unwrap_or(rest.len()).min(300);
            let end = floor_char_boundary(rest, end);
            // Pasted text: a control character in it would reach the terminal as one.
            let clean: String = rest[..end]
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            (clean.trim_end().to_string(), *status)
        })
}

/// The HTTP status, as each SDK writes it.
fn status_of(text: &str) -> Option<u16> {
    // The forms that name a status explicitly, most specific first.
    const AFTER: [&str; 9] = [
        "batch code: ",
        "HTTP status code ",
        "\"code\":\"",
        "\"code\": \"",
        "code\":",
        "status code does not indicate success: ",
        "status code: ",
        "status: ",
        "Status code ",
    ];
    for marker in AFTER {
        let mut from = 0;
        while let Some(at) = text[from..].find(marker) {
            let start = from + at + marker.len();
            if let Some(status) = three_digits(&text[start..]) {
                return Some(status);
            }
            from = start;
        }
    }
    // Go and others: `... : 401 Unauthorized`; JS without a code: `OTLPExporterError: Not Found`.
    const REASONS: [(&str, u16); 10] = [
        ("Unauthorized", 401),
        ("Forbidden", 403),
        ("Not Found", 404),
        ("Method Not Allowed", 405),
        ("Bad Request", 400),
        ("Payload Too Large", 413),
        ("Internal Server Error", 500),
        ("Bad Gateway", 502),
        ("Service Unavailable", 503),
        ("Gateway Timeout", 504),
    ];
    for (reason, status) in REASONS {
        if let Some(at) = text.find(reason) {
            // A number right before the reason phrase wins (`404 Not Found`); else the phrase.
            let before = text[..at].trim_end();
            let digits: String = before
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            return Some(
                digits
                    .parse()
                    .ok()
                    .filter(|s| (100..600).contains(s))
                    .unwrap_or(status),
            );
        }
    }
    None
}

fn three_digits(text: &str) -> Option<u16> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    (digits.len() == 3)
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|s| (100..600).contains(s))
}

/// The first http(s) URL in the line, without the punctuation a log puts around it.
fn first_url(text: &str) -> Option<String> {
    let start = text.find("https://").or_else(|| text.find("http://"))?;
    let rest = &text[start..];
    let end = rest
        .find(|c: char| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '"' | '\'' | '`' | '<' | '>' | ',' | ')')
        })
        .unwrap_or(rest.len());
    let url = rest[..end].trim_end_matches(['.', ':', ';', ']', '}']);
    (url.len() > "http://".len()).then(|| without_userinfo(url))
}

/// A password pasted inside a URL stays out of everything said about it.
fn without_userinfo(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if !parsed.username().is_empty() || parsed.password().is_some() => {
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

/// Logs and metrics to Langfuse's OTel base: it takes traces only.
fn other_signal(lower: &str, url: Option<&str>) -> bool {
    let path = url.map(|u| u.split(['?', '#']).next().unwrap_or(u));
    path.is_some_and(|p| p.ends_with("/v1/logs") || p.ends_with("/v1/metrics"))
        || [
            "export logs",
            "logs batch",
            "logs export:",
            "metrics export:",
        ]
        .iter()
        .any(|needle| lower.contains(needle))
}

/// Words only a gRPC exporter uses: Langfuse has no gRPC endpoint, so any of them is the cause.
fn grpc_problem(text: &str, lower: &str) -> Option<Problem> {
    const GRPC: [&str; 8] = [
        "statuscode.unavailable",
        "statuscode.unimplemented",
        "14 unavailable",
        "12 unimplemented",
        "rpc error: code =",
        "grpc.core.rpcexception",
        "statuscode=\"unavailable\"",
        "statuscode=\"unimplemented\"",
    ];
    let port_4317 = text.contains(":4317");
    (GRPC.iter().any(|needle| lower.contains(needle)) || port_4317).then_some(Problem::GrpcExporter)
}

/// Network errors, by the names the runtimes give them.
fn network_error(text: &str, lower: &str, url: Option<&str>) -> Option<NetError> {
    let host = url
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_string))
        .or_else(|| host_after(text, "host='"))
        .or_else(|| host_after(text, "getaddrinfo ENOTFOUND "))
        .or_else(|| host_after(text, "Failed to resolve '"))
        .unwrap_or_else(|| tr!("core-explain-exporters-host"));
    let any = |needles: &[&str]| needles.iter().any(|n| lower.contains(n));
    if any(&[
        "enotfound",
        "name or service not known",
        "nodename nor servname",
        "no such host",
        "unknownhostexception",
        "nameresolutionerror",
        "failed to resolve",
        "temporary failure in name resolution",
        "getaddrinfo failed",
        "name resolution",
    ]) {
        return Some(NetError::Dns { host });
    }
    if any(&[
        "certificate_verify_failed",
        "certificate verify failed",
        "sslerror",
        "x509:",
        "self-signed certificate",
        "self signed certificate",
        "unable_to_verify_leaf_signature",
        "sslhandshakeexception",
        "wrong_version_number",
        "wrong version number",
        "ssl connection could not be established",
        "tls: ",
        "certificate has expired",
        "err_tls",
    ]) {
        return Some(NetError::Tls {
            cause: tls_cause(lower),
        });
    }
    if any(&[
        "econnrefused",
        "connection refused",
        "actively refused",
        "connectexception",
        "failed to establish a new connection",
    ]) {
        return Some(NetError::Refused { address: host });
    }
    if any(&[
        "econnreset",
        "connection reset",
        "socket hang up",
        "remotedisconnected",
        "connection aborted",
        "unexpected end of stream",
    ]) {
        return Some(NetError::Reset);
    }
    if any(&[
        "timed out",
        "etimedout",
        "timeout",
        "deadline exceeded",
        "deadline_exceeded",
    ]) {
        return Some(NetError::Timeout { after_ms: 0 });
    }
    None
}

fn host_after(text: &str, marker: &str) -> Option<String> {
    let start = text.find(marker)? + marker.len();
    let host: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    (!host.is_empty()).then_some(host)
}

fn tls_cause(lower: &str) -> String {
    if lower.contains("wrong_version_number") || lower.contains("wrong version number") {
        tr!("core-tls-not-tls")
    } else if lower.contains("expired") {
        tr!("core-tls-expired")
    } else if lower.contains("self-signed") || lower.contains("self signed") {
        tr!("core-tls-self-signed")
    } else if lower.contains("hostname mismatch") || lower.contains("doesn't match") {
        tr!("core-tls-other-host")
    } else {
        tr!("core-tls-untrusted")
    }
}

/// The doctor checks whose findings cause each problem. A variable the environment sets over the
/// file's (an old key exported by a shell profile, a collector's traces endpoint) causes any of them.
pub fn related_checks(problem: &Problem) -> &'static [Check] {
    use Check::*;
    match problem {
        Problem::NoAuthorizationHeader => &[
            RawSpace,
            MissingAuthorization,
            BadEscape,
            Quoting,
            NodeTruncation,
            ShadowedByEnvironment,
            SignalOverride,
        ],
        Problem::NotBasic => &[
            QuotePlus,
            MissingBasic,
            BadEscape,
            NodeTruncation,
            ShadowedByEnvironment,
            SignalOverride,
        ],
        Problem::MalformedCredential => &[
            RawPlus,
            BadBase64,
            NotKeyPair,
            BadEscape,
            ShadowedByEnvironment,
            SignalOverride,
        ],
        Problem::InvalidCredentials | Problem::Unauthorized => &[
            SwappedKeys,
            CredentialMismatch,
            RawPlus,
            RawSpace,
            QuotePlus,
            MissingAuthorization,
            NotKeyPair,
            HostsDisagree,
            ShadowedByEnvironment,
            SignalOverride,
        ],
        Problem::NotFound { .. } | Problem::MethodNotAllowed { .. } => &[
            NoScheme,
            MissingOtelPath,
            DoubledTracesPath,
            TracesEndpointPath,
            HostHasOtelPath,
            HostsDisagree,
            ShadowedByEnvironment,
            SignalOverride,
        ],
        Problem::GrpcExporter => &[NoScheme, Grpc, ProtocolUnset, ShadowedByEnvironment],
        Problem::SignalNotAccepted { .. } => &[LogsTo404],
        Problem::Network(NetError::Tls { .. })
        | Problem::Network(NetError::Refused { .. })
        | Problem::Network(NetError::Dns { .. }) => &[
            NoScheme,
            InsecureHttp,
            HostsDisagree,
            ShadowedByEnvironment,
            SignalOverride,
        ],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: &str) -> Problem {
        explain(line).unwrap().problem
    }

    #[test]
    fn status_forms_of_each_sdk() {
        assert_eq!(
            status_of("Failed to export batch code: 404, reason: x"),
            Some(404)
        );
        assert_eq!(
            status_of("Failed to export spans. Server responded with HTTP status code 405. Error"),
            Some(405)
        );
        assert_eq!(
            status_of("traces export: failed to send to https://h/v1/traces: 404 Not Found"),
            Some(404)
        );
        assert_eq!(
            status_of(r#"{"message":"Unauthorized","code":"401"}"#),
            Some(401)
        );
        assert_eq!(status_of("OTLPExporterError: Not Found"), Some(404));
        assert_eq!(
            status_of("Response status code does not indicate success: 403 (Forbidden)."),
            Some(403)
        );
        assert_eq!(status_of("nothing here 12345"), None);
    }

    #[test]
    fn a_bare_401_is_not_guessed() {
        assert_eq!(
            problem("Failed to export span batch code: 401, reason: Unauthorized"),
            Problem::Unauthorized
        );
    }

    #[test]
    fn langfuse_bodies_decide() {
        assert_eq!(
            problem(
                r#"Failed to export batch code: 401, reason: {"message":"No authorization header"}"#
            ),
            Problem::NoAuthorizationHeader
        );
        assert_eq!(
            problem(
                r#"{"stack":"OTLPExporterError: Unauthorized","data":"{\"message\":\"Invalid authorization header\"}","code":"401"}"#
            ),
            Problem::NotBasic
        );
    }

    #[test]
    fn logs_to_langfuse_are_their_own_problem() {
        assert!(matches!(
            problem(
                "Failed to export logs to https://cloud.langfuse.com/api/public/otel/v1/logs: 404 Not Found"
            ),
            Problem::SignalNotAccepted { .. }
        ));
    }

    #[test]
    fn grpc_words_win_over_timeouts() {
        assert_eq!(
            problem(
                "traces export: context deadline exceeded: rpc error: code = Unavailable desc = x"
            ),
            Problem::GrpcExporter
        );
    }

    #[test]
    fn a_password_in_the_url_is_dropped() {
        assert_eq!(
            first_url("to https://u:p@h.example/v1/traces: 404").as_deref(),
            Some("https://h.example/v1/traces")
        );
    }

    #[test]
    fn input_is_bounded_and_never_split_inside_a_character() {
        let long = "é".repeat(MAX_INPUT);
        assert!(explain(&long).is_err());
    }

    /// The corpus (tests/explain/corpus.txt) in both languages: the same problem and exit code,
    /// whatever the language, and a cause and a fix in Chinese under zh-CN.
    #[test]
    fn the_corpus_is_recognised_alike_in_both_languages() {
        use crate::core::i18n::{Lang, assert_chinese, with_language};
        let corpus = include_str!("../../tests/explain/corpus.txt");
        let lines: Vec<&str> = corpus
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .collect();
        assert!(lines.len() >= 30, "{}", lines.len());
        for line in lines {
            let english = with_language(Lang::En, || explain(line));
            let (chinese, words) = with_language(Lang::ZhCn, || {
                let explained = explain(line);
                let words = explained
                    .as_ref()
                    .ok()
                    .map(|e| (e.problem.cause(), e.problem.fix()));
                (explained, words)
            });
            let (english, chinese) = (english.expect(line), chinese.expect(line));
            let (cause, fix) = words.expect(line);
            let tag = |p: &Problem| serde_json::to_value(p).unwrap()["problem"].clone();
            assert_eq!(tag(&english.problem), tag(&chinese.problem), "{line}");
            assert_eq!(english.problem.exit(), chinese.problem.exit(), "{line}");
            assert_eq!(english.status, chinese.status, "{line}");
            assert_chinese(&cause, &[]);
            assert_chinese(&fix, &[]);
        }
        let unknown = with_language(Lang::ZhCn, || explain("something went wrong")).unwrap_err();
        assert_chinese(unknown.needed, &["code: 401", "DNS", "TLS"]);
    }
}
