//! What a live test saw, and what it means: every outcome mapped to a cause, a fix and an exit code.
//!
//! Pure: the probe ([`crate::io::probe`]) produces [`Attempt`]s; this module reads them. Status codes and
//! bodies are Langfuse's own (see the sandbox in [`crate::io::sandbox`], which reproduces them).

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::core::exit::Exit;
use crate::core::server_text::{MAX_TEXT, Redactor, ServerBody, ServerText};
use crate::tr;

/// The three requests a live test makes. JSON names them as the text does ([`CheckKind::label`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum CheckKind {
    /// `GET /api/public/health`: is this a Langfuse, and which version.
    #[serde(rename = "server")]
    Health,
    /// `GET /api/public/projects` with the credential: which project the keys belong to.
    #[serde(rename = "keys")]
    Credentials,
    /// `POST /api/public/otel/v1/traces` with exactly the headers the variables decode to.
    #[serde(rename = "OTLP endpoint")]
    Ingest,
    /// `GET /api/public/traces/{traceId}`: is the test span visible yet (`test --arrival`).
    ReadBack,
}

impl CheckKind {
    pub fn label(self) -> &'static str {
        match self {
            CheckKind::Health => "server",
            CheckKind::Credentials => "keys",
            CheckKind::Ingest => "OTLP endpoint",
            CheckKind::ReadBack => "arrival",
        }
    }
}

/// An HTTP answer, every server-controlled part of it through the sanitizer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reply {
    pub status: u16,
    pub content_type: Option<ServerText>,
    pub body: ServerBody,
    pub location: Option<ServerText>,
}

impl Reply {
    /// A reply as the server sent it (the body already cut to what a message needs), sanitized
    /// with `redactor` knowing the secrets that were sent.
    pub fn from_server(
        status: u16,
        content_type: Option<&str>,
        body: &str,
        location: Option<&str>,
        redactor: &Redactor,
    ) -> Reply {
        let text = |raw: &str| ServerText::sanitize(raw, redactor, MAX_TEXT);
        Reply {
            status,
            content_type: content_type.map(text),
            body: ServerBody::from_server(body, redactor),
            location: location.map(text),
        }
    }

    pub fn is_html(&self) -> bool {
        self.content_type
            .as_ref()
            .is_some_and(|t| t.as_str().contains("text/html"))
            || self.body.starts_like_html()
    }

    /// Langfuse's `{"message": ...}` (or `{"error": ...}`), if the body is one.
    pub fn message(&self) -> Option<ServerText> {
        self.body
            .text("/message")
            .or_else(|| self.body.text("/error"))
    }
}

/// A request that got no HTTP answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NetError {
    /// The host name does not resolve.
    Dns {
        host: String,
    },
    /// Nothing listens at the address.
    Refused {
        address: String,
    },
    /// The connection was closed or reset before an answer.
    Reset,
    /// The TLS handshake failed.
    Tls {
        cause: String,
    },
    Timeout {
        after_ms: u64,
    },
    /// The configured proxy failed (refused, reset, or answered with an error).
    Proxy {
        proxy: String,
        cause: String,
    },
    /// Plain http to a host that is not this machine, without the explicit opt-in: not sent.
    InsecureHttp,
    Other {
        cause: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum Outcome {
    Reply(Reply),
    Failed(NetError),
}

/// One check as it ran: where, what came back, after how many tries and how long.
#[derive(Clone, Debug, Serialize)]
pub struct Attempt {
    pub check: CheckKind,
    pub url: String,
    pub outcome: Outcome,
    pub attempts: u32,
    #[serde(rename = "elapsed_ms", serialize_with = "as_millis")]
    pub elapsed: Duration,
}

/// A check's line for the user: a mark (`✓`, `✗`, or `?` for the informative health check) and
/// what it found.
pub fn check_summary(attempt: &Attempt, verdict: &Verdict) -> (&'static str, String) {
    let ok_reply = matches!(&attempt.outcome, Outcome::Reply(r) if (200..300).contains(&r.status));
    let version = verdict.server_version.as_ref();
    match attempt.check {
        CheckKind::Health => match version {
            Some(version) => ("✓", format!("Langfuse {version}")),
            // Health is informative only: some proxies do not route it.
            None => (
                "?",
                tr!(
                    "core-check-no-health-answer",
                    cause = problem_of(attempt, None).cause()
                ),
            ),
        },
        CheckKind::Credentials => match &verdict.project {
            Some(project) => ("✓", describe_project(project)),
            None => ("✗", problem_of(attempt, version).cause()),
        },
        CheckKind::ReadBack => match &attempt.outcome {
            Outcome::Reply(reply) if ok_reply && !reply.is_html() => {
                ("✓", tr!("core-check-span-visible"))
            }
            _ => ("✗", problem_of(attempt, version).cause()),
        },
        CheckKind::Ingest => match &attempt.outcome {
            Outcome::Reply(reply) if ok_reply && !reply.is_html() => {
                ("✓", tr!("core-check-empty-export-accepted"))
            }
            _ => ("✗", problem_of(attempt, version).cause()),
        },
    }
}

pub fn describe_project(project: &Project) -> String {
    match &project.organization {
        Some(organization) => tr!(
            "core-project-in-organization",
            name = project.name.as_str(),
            organization = organization.as_str()
        ),
        None => tr!("core-project", name = project.name.as_str()),
    }
}

fn as_millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_millis() as u64)
}

/// The project the keys belong to, as the server named it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Project {
    pub id: ServerText,
    pub name: ServerText,
    pub organization: Option<ServerText>,
}

/// What went wrong, precisely enough to say what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum Problem {
    /// 401 "No authorization header": the header was not sent, usually because a strict parser
    /// dropped a malformed header list.
    NoAuthorizationHeader,
    /// 401 "Invalid credentials": keys unknown here (wrong keys, or another region's).
    InvalidCredentials,
    /// 401 "Invalid authorization header. Confirm ...": the Basic value is not `pk:sk` in base64.
    MalformedCredential,
    /// 401 "Invalid authorization header": the value does not start with `Basic `.
    NotBasic,
    /// 403 "Access denied": an organization key, or a public-key-only Bearer header.
    AccessDenied,
    /// 403 "Ingestion suspended": the usage limit of the plan is reached.
    IngestionSuspended {
        message: ServerText,
    },
    /// 200 with no project: the SDK's `auth_check()` fails the same way.
    NoProject,
    /// 404 (or an HTML page): nothing at this path.
    NotFound {
        url: String,
        /// The server's version when `/api/public/health` answered: then it is a Langfuse, and
        /// the OTel route is missing or the path is wrong.
        server_version: Option<ServerText>,
    },
    MethodNotAllowed {
        url: String,
    },
    /// 3xx: not followed, so the Authorization header cannot travel to another host.
    Redirect {
        url: String,
        location: ServerText,
    },
    /// 200 but not Langfuse's JSON: some other server answers at this URL.
    NotLangfuse {
        url: String,
    },
    /// Any other 4xx, with Langfuse's message.
    Rejected {
        status: u16,
        message: ServerText,
    },
    /// 5xx after the retries.
    ServerError {
        status: u16,
        attempts: u32,
    },
    Network(NetError),
    /// A 401 whose reason is not known (`explain` of a line without Langfuse's message): one of
    /// the four 401s above, and the line does not say which.
    Unauthorized,
    /// The exporter speaks OTLP over gRPC; Langfuse takes OTLP over HTTP only.
    GrpcExporter,
    /// Logs or metrics sent to Langfuse's OTel base, which takes traces only (logs get 404).
    SignalNotAccepted {
        url: String,
    },
}

/// How the live test of one configuration ended.
#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    pub project: Option<Project>,
    pub server_version: Option<ServerText>,
    /// Problems in order of importance: the first explains the exit code.
    pub problems: Vec<Problem>,
}

impl Verdict {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn exit(&self) -> Exit {
        self.problems.first().map_or(Exit::Ok, Problem::exit)
    }
}

/// Reads the three checks of one configuration into a verdict.
pub fn judge(health: Option<&Attempt>, credentials: Option<&Attempt>, ingest: &Attempt) -> Verdict {
    let server_version = health.and_then(|h| match &h.outcome {
        Outcome::Reply(reply) if reply.status == 200 => reply.body.text("/version"),
        _ => None,
    });
    let mut problems = Vec::new();
    let mut project = None;
    if let Some(credentials) = credentials {
        match read_projects(credentials, server_version.as_ref()) {
            Ok(found) => project = Some(found),
            Err(problem) => problems.push(problem),
        }
    }
    if let Err(problem) = read_ingest(ingest, server_version.as_ref())
        && !problems.contains(&problem)
    {
        problems.push(problem);
    }
    Verdict {
        project,
        server_version,
        problems,
    }
}

/// The first project of a `GET /api/public/projects` answer.
pub fn read_projects(
    attempt: &Attempt,
    server_version: Option<&ServerText>,
) -> Result<Project, Problem> {
    let reply = match &attempt.outcome {
        Outcome::Reply(reply) if reply.status == 200 => reply,
        _ => return Err(problem_of(attempt, server_version)),
    };
    let not_langfuse = || Problem::NotLangfuse {
        url: attempt.url.clone(),
    };
    let data = reply
        .body
        .json()
        .and_then(|json| json.get("data"))
        .and_then(|data| data.as_array())
        .ok_or_else(not_langfuse)?;
    if data.is_empty() {
        return Err(Problem::NoProject);
    }
    let text = |pointer: &str| reply.body.text(pointer);
    Ok(Project {
        id: text("/data/0/id").ok_or_else(not_langfuse)?,
        name: text("/data/0/name").ok_or_else(not_langfuse)?,
        organization: text("/data/0/organization/name"),
    })
}

fn read_ingest(attempt: &Attempt, server_version: Option<&ServerText>) -> Result<(), Problem> {
    match &attempt.outcome {
        Outcome::Reply(reply) if (200..300).contains(&reply.status) && !reply.is_html() => Ok(()),
        _ => Err(problem_of(attempt, server_version)),
    }
}

/// The problem a failed attempt shows.
pub fn problem_of(attempt: &Attempt, server_version: Option<&ServerText>) -> Problem {
    match &attempt.outcome {
        Outcome::Failed(error) => Problem::Network(error.clone()),
        Outcome::Reply(reply) => {
            problem_of_reply(reply, &attempt.url, attempt.attempts, server_version)
        }
    }
}

/// The problem an HTTP answer shows: the one table for the live test and `explain`.
pub fn problem_of_reply(
    reply: &Reply,
    url: &str,
    attempts: u32,
    server_version: Option<&ServerText>,
) -> Problem {
    let message = reply.message().unwrap_or_default();
    let starts = |prefix: &str| message.as_str().starts_with(prefix);
    let url = url.to_string();
    match reply.status {
        300..=399 => Problem::Redirect {
            url,
            location: reply.location.clone().unwrap_or_default(),
        },
        401 if starts("No authorization header") => Problem::NoAuthorizationHeader,
        401 if starts("Invalid credentials") => Problem::InvalidCredentials,
        401 if starts("Invalid authorization header.") => Problem::MalformedCredential,
        401 if starts("Invalid authorization header") => Problem::NotBasic,
        403 if starts("Ingestion suspended") => Problem::IngestionSuspended { message },
        403 => Problem::AccessDenied,
        404 => Problem::NotFound {
            url,
            server_version: server_version.cloned(),
        },
        405 => Problem::MethodNotAllowed { url },
        500..=599 => Problem::ServerError {
            status: reply.status,
            attempts,
        },
        200..=299 if reply.is_html() => Problem::NotFound {
            url,
            server_version: server_version.cloned(),
        },
        200..=299 => Problem::NotLangfuse { url },
        status => Problem::Rejected {
            status,
            message: if message.is_empty() {
                reply.body.excerpt().clone()
            } else {
                message
            },
        },
    }
}

impl Problem {
    pub fn exit(&self) -> Exit {
        match self {
            Problem::InvalidCredentials => Exit::KeysRejected,
            Problem::NoAuthorizationHeader | Problem::MalformedCredential | Problem::NotBasic => {
                Exit::HeaderRejected
            }
            Problem::AccessDenied | Problem::IngestionSuspended { .. } | Problem::NoProject => {
                Exit::AccessDenied
            }
            Problem::NotFound { .. }
            | Problem::MethodNotAllowed { .. }
            | Problem::SignalNotAccepted { .. } => Exit::NotFound,
            Problem::Unauthorized => Exit::KeysRejected,
            Problem::GrpcExporter => Exit::InvalidInput,
            Problem::Redirect { .. } => Exit::Redirected,
            Problem::NotLangfuse { .. } | Problem::Rejected { .. } => Exit::Rejected,
            Problem::ServerError { .. } => Exit::ServerError,
            Problem::Network(error) => match error {
                NetError::Dns { .. } => Exit::Dns,
                NetError::Refused { .. } => Exit::Refused,
                NetError::Tls { .. } => Exit::Tls,
                NetError::Timeout { .. } => Exit::Timeout,
                NetError::Proxy { .. } => Exit::Proxy,
                NetError::InsecureHttp => Exit::InvalidInput,
                NetError::Reset | NetError::Other { .. } => Exit::Network,
            },
        }
    }

    /// What happened, in one sentence.
    pub fn cause(&self) -> String {
        match self {
            Problem::NoAuthorizationHeader => tr!("core-cause-no-authorization-header"),
            Problem::InvalidCredentials => tr!("core-cause-invalid-credentials"),
            Problem::MalformedCredential => tr!("core-cause-malformed-credential"),
            Problem::NotBasic => tr!("core-cause-not-basic"),
            Problem::AccessDenied => tr!("core-cause-access-denied"),
            Problem::IngestionSuspended { message } => {
                tr!("core-cause-ingestion-suspended", message = message.as_str())
            }
            Problem::NoProject => tr!("core-cause-no-project"),
            Problem::NotFound {
                url,
                server_version: Some(version),
            } => tr!(
                "core-cause-not-found-on-langfuse",
                url = url,
                version = version.as_str()
            ),
            Problem::NotFound {
                url,
                server_version: None,
            } => tr!("core-cause-not-found", url = url),
            Problem::MethodNotAllowed { url } => tr!("core-cause-method-not-allowed", url = url),
            Problem::Redirect { url, location } => tr!(
                "core-cause-redirect",
                url = url,
                location = location.as_str()
            ),
            Problem::NotLangfuse { url } => tr!("core-cause-not-langfuse", url = url),
            Problem::Rejected { status, message } => tr!(
                "core-cause-rejected",
                status = status.to_string(),
                message = message.as_str()
            ),
            Problem::ServerError { status, attempts } => tr!(
                "core-cause-server-error",
                status = status.to_string(),
                attempts = *attempts
            ),
            Problem::Unauthorized => tr!("core-cause-unauthorized"),
            Problem::GrpcExporter => tr!("core-cause-grpc"),
            Problem::SignalNotAccepted { url } => tr!("core-cause-signal-not-accepted", url = url),
            Problem::Network(error) => match error {
                NetError::Dns { host } => tr!("core-cause-dns", host = host),
                NetError::Refused { address } => tr!("core-cause-refused", address = address),
                NetError::Reset => tr!("core-cause-reset"),
                NetError::Tls { cause } => tr!("core-cause-tls", cause = cause),
                NetError::Timeout { after_ms } => {
                    tr!("core-cause-timeout", seconds = seconds(*after_ms))
                }
                NetError::Proxy { proxy, cause } => {
                    tr!("core-cause-proxy", proxy = proxy, cause = cause)
                }
                NetError::InsecureHttp => tr!("core-cause-insecure-http"),
                NetError::Other { cause } => tr!("core-cause-other", cause = cause),
            },
        }
    }

    /// What to do about it.
    pub fn fix(&self) -> String {
        match self {
            Problem::NoAuthorizationHeader => tr!("core-fix-no-authorization-header"),
            Problem::InvalidCredentials => tr!("core-fix-invalid-credentials"),
            Problem::MalformedCredential => tr!("core-fix-malformed-credential"),
            Problem::NotBasic => tr!("core-fix-not-basic"),
            Problem::AccessDenied => tr!("core-fix-access-denied"),
            Problem::IngestionSuspended { .. } => tr!("core-fix-ingestion-suspended"),
            Problem::NoProject => tr!("core-fix-no-project"),
            Problem::NotFound {
                server_version: Some(version),
                ..
            } if !version_at_least(version.as_str(), 3, 22) => {
                tr!("core-fix-not-found-old-server", version = version.as_str())
            }
            Problem::NotFound {
                server_version: Some(_),
                ..
            } => tr!("core-fix-not-found-wrong-path"),
            Problem::NotFound {
                server_version: None,
                ..
            } => tr!("core-fix-not-found"),
            Problem::MethodNotAllowed { .. } => tr!("core-fix-method-not-allowed"),
            Problem::Redirect { location, .. } => {
                tr!("core-fix-redirect", location = location.as_str())
            }
            Problem::NotLangfuse { .. } => tr!("core-fix-not-langfuse"),
            Problem::Rejected { message, .. } => rejected_fix(message.as_str()),
            Problem::ServerError { .. } => tr!("core-fix-server-error"),
            Problem::Unauthorized => tr!("core-fix-unauthorized"),
            Problem::GrpcExporter => tr!("core-fix-grpc"),
            Problem::SignalNotAccepted { .. } => tr!("core-fix-signal-not-accepted"),
            Problem::Network(error) => match error {
                NetError::Dns { .. } => tr!("core-fix-dns"),
                NetError::Refused { .. } => tr!("core-fix-refused"),
                NetError::Reset => tr!("core-fix-reset"),
                NetError::Tls { .. } => tr!("core-fix-tls"),
                NetError::Timeout { .. } => tr!("core-fix-timeout"),
                NetError::Proxy { .. } => tr!("core-fix-proxy"),
                NetError::InsecureHttp => tr!("core-fix-insecure-http"),
                NetError::Other { .. } => tr!("core-fix-other"),
            },
        }
    }
}

/// The fix for a 4xx Langfuse has no dedicated case for: the cause Langfuse names in its message,
/// and no guess when it names none (a 400 has many causes).
fn rejected_fix(message: &str) -> String {
    let lower = message.to_ascii_lowercase();
    if lower.contains("ingestion-version") {
        tr!("core-fix-ingestion-version")
    } else if lower.contains("content type") || lower.contains("content-type") {
        tr!("core-fix-content-type")
    } else {
        tr!("core-fix-rejected")
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&tr!(
            "core-problem-with-fix",
            cause = self.cause(),
            fix = self.fix()
        ))
    }
}

/// `major.minor` at least the given one; unparsable versions count as recent.
fn version_at_least(version: &str, major: u64, minor: u64) -> bool {
    let mut parts = version
        .trim_start_matches('v')
        .split('.')
        .map(|p| p.parse::<u64>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(a), Some(b)) => (a, b) >= (major, minor),
        _ => true,
    }
}

/// Seconds as a message shows them (`2`, `1.5`); the unit is the message's.
fn seconds(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{}", ms / 1000)
    } else {
        format!("{:.1}", ms as f64 / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(raw: &str) -> ServerText {
        ServerText::sanitize(raw, &Redactor::none(), MAX_TEXT)
    }

    fn reply(status: u16, body: &str) -> Outcome {
        Outcome::Reply(Reply::from_server(
            status,
            Some(if body.starts_with('<') {
                "text/html; charset=utf-8"
            } else {
                "application/json"
            }),
            body,
            None,
            &Redactor::none(),
        ))
    }

    fn attempt(check: CheckKind, outcome: Outcome) -> Attempt {
        Attempt {
            check,
            url: "https://x.example/api/public/otel/v1/traces".into(),
            outcome,
            attempts: 1,
            elapsed: Duration::from_millis(5),
        }
    }

    fn problem(status: u16, body: &str) -> Problem {
        problem_of(&attempt(CheckKind::Ingest, reply(status, body)), None)
    }

    /// A reply is HTML by its content type or by its body alone (a proxy's login page sent as
    /// JSON, or with no content type).
    #[test]
    fn html_is_told_by_the_content_type_or_by_the_body_alone() {
        let is_html = |content_type: Option<&str>, body: &str| {
            Reply::from_server(200, content_type, body, None, &Redactor::none()).is_html()
        };
        assert!(is_html(Some("text/html"), ""));
        assert!(is_html(Some("text/html; charset=utf-8"), "{}"));
        assert!(is_html(
            None,
            "<!DOCTYPE html><html><body>sign in</body></html>"
        ));
        assert!(is_html(
            Some("application/json"),
            "<html><body>sign in</body></html>"
        ));
        assert!(!is_html(Some("application/json"), r#"{"message":"ok"}"#));
        assert!(!is_html(None, "{}"));
    }

    /// The OTLP checks pass only on a 2xx reply that is not an HTML page (a proxy or a web app
    /// answering 200 with a page proves nothing about the endpoint).
    #[test]
    fn the_read_back_and_ingest_checks_pass_only_on_a_2xx_that_is_not_html() {
        let verdict = Verdict {
            project: None,
            server_version: None,
            problems: Vec::new(),
        };
        for check in [CheckKind::ReadBack, CheckKind::Ingest] {
            let mark = |outcome| check_summary(&attempt(check, outcome), &verdict).0;
            assert_eq!(mark(reply(200, "{}")), "✓", "{check:?}");
            assert_eq!(mark(reply(299, "{}")), "✓", "{check:?}");
            assert_eq!(mark(reply(200, "<html>sign in</html>")), "✗", "{check:?}");
            assert_eq!(mark(reply(199, "{}")), "✗", "{check:?}");
            assert_eq!(mark(reply(300, "{}")), "✗", "{check:?}");
            assert_eq!(mark(reply(404, "{}")), "✗", "{check:?}");
        }
    }

    /// A 401 with a message of its own is told as it came, not as one of Langfuse's four; a 2xx
    /// that is not HTML is some other server, an HTML one a path that leads to a web page.
    #[test]
    fn replies_outside_langfuses_own_words_are_told_as_they_came() {
        const URL: &str = "https://x.example/api/public/otel/v1/traces";
        assert_eq!(
            problem(401, r#"{"message":"Unauthorized by the gateway"}"#),
            Problem::Rejected {
                status: 401,
                message: text("Unauthorized by the gateway")
            }
        );
        assert_eq!(
            problem(200, r#"{"ok":true}"#),
            Problem::NotLangfuse { url: URL.into() }
        );
        assert_eq!(
            problem(200, "<html><body>welcome</body></html>"),
            Problem::NotFound {
                url: URL.into(),
                server_version: None
            }
        );
    }

    /// The server's version is read from a health check that answered 200 only: a 503 from a
    /// Langfuse whose database is down, or any error page, proves nothing about the route.
    #[test]
    fn the_version_comes_from_a_healthy_answer_only() {
        let ingest = attempt(CheckKind::Ingest, reply(200, "{}"));
        let version = |status| {
            let health = attempt(
                CheckKind::Health,
                reply(status, r#"{"status":"OK","version":"3.130.0"}"#),
            );
            judge(Some(&health), None, &ingest).server_version
        };
        assert_eq!(version(200), Some(text("3.130.0")));
        assert_eq!(version(503), None);
        assert_eq!(version(404), None);
        assert_eq!(version(204), None);
    }

    #[test]
    fn langfuse_401_bodies_are_told_apart() {
        assert_eq!(
            problem(401, r#"{"message":"No authorization header"}"#),
            Problem::NoAuthorizationHeader
        );
        assert_eq!(
            problem(
                401,
                r#"{"message":"Invalid credentials. Confirm that you've configured the correct host."}"#
            ),
            Problem::InvalidCredentials
        );
        assert_eq!(
            problem(
                401,
                r#"{"message":"Invalid authorization header. Confirm that you've configured the correct host."}"#
            ),
            Problem::MalformedCredential
        );
        assert_eq!(
            problem(401, r#"{"message":"Invalid authorization header"}"#),
            Problem::NotBasic
        );
    }

    #[test]
    fn other_statuses() {
        assert_eq!(
            problem(
                403,
                r#"{"message":"Access denied - insufficient permissions for this endpoint"}"#
            ),
            Problem::AccessDenied
        );
        assert!(matches!(
            problem(
                403,
                r#"{"message":"Ingestion suspended: Usage threshold exceeded."}"#
            ),
            Problem::IngestionSuspended { .. }
        ));
        assert!(matches!(
            problem(404, "<!DOCTYPE html><html>404</html>"),
            Problem::NotFound {
                server_version: None,
                ..
            }
        ));
        assert!(matches!(
            problem(405, r#"{"message":"Method not allowed"}"#),
            Problem::MethodNotAllowed { .. }
        ));
        assert_eq!(
            problem(400, r#"{"error":"Invalid content type"}"#),
            Problem::Rejected {
                status: 400,
                message: text("Invalid content type")
            }
        );
        assert!(matches!(
            problem(503, "upstream down"),
            Problem::ServerError { status: 503, .. }
        ));
        assert!(matches!(
            problem(200, "<html>login</html>"),
            Problem::NotFound { .. }
        ));
        let redirect = Outcome::Reply(Reply::from_server(
            301,
            None,
            "",
            Some("https://x.example/"),
            &Redactor::none(),
        ));
        assert!(matches!(
            problem_of(&attempt(CheckKind::Ingest, redirect), None),
            Problem::Redirect { location, .. } if location.as_str() == "https://x.example/"
        ));
    }

    #[test]
    fn json_names_each_check_as_the_text_does() {
        for check in [CheckKind::Health, CheckKind::Credentials, CheckKind::Ingest] {
            assert_eq!(
                serde_json::to_value(check).unwrap(),
                serde_json::Value::from(check.label())
            );
        }
    }

    #[test]
    fn every_problem_has_its_own_exit_code_family_and_a_fix() {
        let problems = [
            Problem::NoAuthorizationHeader,
            Problem::InvalidCredentials,
            Problem::AccessDenied,
            Problem::NotFound {
                url: "u".into(),
                server_version: None,
            },
            Problem::Redirect {
                url: "u".into(),
                location: text("l"),
            },
            Problem::Rejected {
                status: 400,
                message: text("m"),
            },
            Problem::ServerError {
                status: 500,
                attempts: 3,
            },
            Problem::Network(NetError::Dns { host: "h".into() }),
            Problem::Network(NetError::Refused {
                address: "a".into(),
            }),
            Problem::Network(NetError::Tls { cause: "c".into() }),
            Problem::Network(NetError::Timeout { after_ms: 1500 }),
            Problem::Network(NetError::Proxy {
                proxy: "p".into(),
                cause: "c".into(),
            }),
            Problem::Network(NetError::Reset),
        ];
        let mut codes: Vec<i32> = problems.iter().map(|p| p.exit().code()).collect();
        for p in &problems {
            assert!(!p.cause().is_empty() && !p.fix().is_empty(), "{p:?}");
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), problems.len(), "{codes:?}");
        assert_eq!(
            Problem::Network(NetError::Timeout { after_ms: 1500 }).cause(),
            "no answer within 1.5 s"
        );
    }

    #[test]
    fn a_rejection_is_explained_by_its_message_and_nothing_is_guessed() {
        let fix = |body: &str| problem(400, body).fix();
        assert!(
            fix(r#"{"message":"Invalid x-langfuse-ingestion-version header"}"#)
                .contains("x-langfuse-ingestion-version=4")
        );
        assert!(fix(r#"{"error":"Invalid content type"}"#).contains("application/x-protobuf"));
        for body in [
            r#"{"message":"Batch rejected: span 3 has no name"}"#,
            "bad request",
            "",
        ] {
            let fix = fix(body);
            assert!(
                !fix.contains("ingestion-version") && !fix.contains("protobuf"),
                "{body:?}: {fix}"
            );
        }
        assert_eq!(
            problem(400, "bad request from <html>").cause(),
            "Langfuse rejected the request (400): bad request from <html>"
        );
    }

    #[test]
    fn a_missing_otel_route_on_a_real_langfuse_says_upgrade() {
        let health = attempt(
            CheckKind::Health,
            reply(200, r#"{"status":"OK","version":"3.10.0"}"#),
        );
        let creds = attempt(
            CheckKind::Credentials,
            reply(200, r#"{"data":[{"id":"p1","name":"Demo"}]}"#),
        );
        let ingest = attempt(CheckKind::Ingest, reply(404, "<!DOCTYPE html>"));
        let verdict = judge(Some(&health), Some(&creds), &ingest);
        assert_eq!(verdict.server_version, Some(text("3.10.0")));
        assert_eq!(verdict.project.as_ref().unwrap().name, "Demo");
        assert!(verdict.problems[0].fix().contains("3.22"));
        let recent = Problem::NotFound {
            url: "u".into(),
            server_version: Some(text("3.130.0")),
        };
        assert!(
            recent.fix().contains("the path is wrong"),
            "{}",
            recent.fix()
        );
        assert!(version_at_least("v3.22.1", 3, 22) && !version_at_least("3.9.9", 3, 22));
        assert_eq!(verdict.exit(), Exit::NotFound);
    }

    #[test]
    fn the_credential_problem_comes_first_and_is_not_repeated() {
        let bad = r#"{"message":"Invalid credentials. Confirm that you've configured the correct host."}"#;
        let creds = attempt(CheckKind::Credentials, reply(401, bad));
        let ingest = attempt(CheckKind::Ingest, reply(401, bad));
        let verdict = judge(None, Some(&creds), &ingest);
        assert_eq!(verdict.problems, vec![Problem::InvalidCredentials]);
        assert_eq!(verdict.exit(), Exit::KeysRejected);
    }

    #[test]
    fn projects_are_read_like_the_sdk_does() {
        let ok = attempt(
            CheckKind::Credentials,
            reply(
                200,
                r#"{"data":[{"id":"p1","name":"Demo","organization":{"id":"o","name":"Acme"},"metadata":{}}]}"#,
            ),
        );
        assert_eq!(
            read_projects(&ok, None).unwrap(),
            Project {
                id: text("p1"),
                name: text("Demo"),
                organization: Some(text("Acme"))
            }
        );
        let empty = attempt(CheckKind::Credentials, reply(200, r#"{"data":[]}"#));
        assert_eq!(read_projects(&empty, None), Err(Problem::NoProject));
        let other = attempt(CheckKind::Credentials, reply(200, r#"{"hello":1}"#));
        assert!(matches!(
            read_projects(&other, None),
            Err(Problem::NotLangfuse { .. })
        ));
    }

    /// Every problem's cause and fix in Chinese, with its URL, version, status, host and server
    /// text as they were; the English stays the catalog's own.
    #[test]
    fn every_problem_reads_in_chinese_with_its_values() {
        use crate::core::i18n::{Lang, assert_chinese, with_language};
        let url = "https://x.example/api/public/otel/v1/traces";
        let cases: Vec<(Problem, Vec<&str>)> = vec![
            (Problem::NoAuthorizationHeader, vec!["Authorization", "401"]),
            (Problem::InvalidCredentials, vec!["401"]),
            (Problem::MalformedCredential, vec!["public_key:secret_key"]),
            (Problem::NotBasic, vec!["`Basic `"]),
            (Problem::AccessDenied, vec!["403"]),
            (
                Problem::IngestionSuspended {
                    message: text("Ingestion suspended: Usage threshold exceeded."),
                },
                vec!["Ingestion suspended: Usage threshold exceeded."],
            ),
            (Problem::NoProject, vec![]),
            (
                Problem::NotFound {
                    url: url.into(),
                    server_version: Some(text("3.10.0")),
                },
                vec![url, "3.10.0", "3.22"],
            ),
            (
                Problem::NotFound {
                    url: url.into(),
                    server_version: Some(text("3.130.0")),
                },
                vec![url, "3.130.0", "{host}/api/public/otel/v1/traces"],
            ),
            (
                Problem::NotFound {
                    url: url.into(),
                    server_version: None,
                },
                vec![url, "https://cloud.langfuse.com"],
            ),
            (
                Problem::MethodNotAllowed { url: url.into() },
                vec![url, "405"],
            ),
            (
                Problem::Redirect {
                    url: url.into(),
                    location: text("https://y.example/"),
                },
                vec![url, "https://y.example/"],
            ),
            (Problem::NotLangfuse { url: url.into() }, vec![url]),
            (
                Problem::Rejected {
                    status: 400,
                    message: text("Invalid content type"),
                },
                vec![
                    "400",
                    "Invalid content type",
                    "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
                ],
            ),
            (
                Problem::ServerError {
                    status: 503,
                    attempts: 3,
                },
                vec!["503", "3"],
            ),
            (Problem::Unauthorized, vec!["langfuse-otel doctor"]),
            (
                Problem::GrpcExporter,
                vec!["OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf"],
            ),
            (
                Problem::SignalNotAccepted { url: url.into() },
                vec![url, "OTEL_LOGS_EXPORTER=none"],
            ),
            (
                Problem::Network(NetError::Dns {
                    host: "lf.example".into(),
                }),
                vec!["lf.example"],
            ),
            (
                Problem::Network(NetError::Refused {
                    address: "127.0.0.1:3000".into(),
                }),
                vec!["127.0.0.1:3000", "docker compose ps"],
            ),
            (Problem::Network(NetError::Reset), vec![]),
            (
                Problem::Network(NetError::Tls {
                    cause: "certificate expired".into(),
                }),
                vec!["certificate expired", "http://"],
            ),
            (
                Problem::Network(NetError::Timeout { after_ms: 1500 }),
                vec!["1.5", "--timeout"],
            ),
            (
                Problem::Network(NetError::Proxy {
                    proxy: "http://proxy:8080".into(),
                    cause: "refused".into(),
                }),
                vec!["http://proxy:8080", "NO_PROXY"],
            ),
            (
                Problem::Network(NetError::InsecureHttp),
                vec!["--allow-http"],
            ),
            (
                Problem::Network(NetError::Other {
                    cause: "boom".into(),
                }),
                vec!["boom"],
            ),
        ];
        for (problem, kept) in cases {
            let english = with_language(Lang::En, || problem.to_string());
            let chinese = with_language(Lang::ZhCn, || problem.to_string());
            assert_ne!(english, chinese);
            assert!(english.contains("; fix: "), "{english}");
            assert_chinese(&chinese, &kept);
            // The same values in both languages: nothing is lost in translation.
            for value in &kept {
                assert!(
                    english.contains(value),
                    "{value:?} missing from {english:?}"
                );
            }
        }
        let project = Project {
            id: text("p1"),
            name: text("Demo"),
            organization: Some(text("Acme")),
        };
        assert_eq!(
            with_language(Lang::En, || describe_project(&project)),
            "project \"Demo\" (organization \"Acme\")"
        );
        assert_chinese(
            &with_language(Lang::ZhCn, || describe_project(&project)),
            &["Demo", "Acme"],
        );
    }
}
