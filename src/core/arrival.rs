//! Whether a sent span became visible in Langfuse, and what it means when it is slow or never is.
//!
//! An empty export proves the endpoint and the credential, not that a span shows up: without
//! `x-langfuse-ingestion-version: 4` a span can take minutes on the v4 data model, and a stuck
//! worker accepts spans that never appear. Pure: [`crate::checkup::arrival`] sends and polls; this
//! module reads each answer and words the result.

use std::time::Duration;

use serde::Serialize;

use crate::core::diagnosis::{Attempt, Outcome, Problem, problem_of};
use crate::core::exit::Exit;
use crate::tr;

/// Longer than this to become visible is slow enough to name a cause (or a quarter of the
/// deadline, when the user allowed less than a minute).
pub const SLOW: Duration = Duration::from_secs(15);

impl Context {
    fn slow(&self) -> Duration {
        SLOW.min(self.deadline / 4)
    }
}

/// The first server version that reads `x-langfuse-ingestion-version` (it rejects values above 4).
pub const V4_HEADER_SINCE: (u32, u32, u32) = (3, 154, 0);

/// One read of `GET /api/public/traces/{id}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Read {
    Visible,
    /// Langfuse's JSON 404 "Trace ... not found within authorized project".
    NotYet,
    Failed(Problem),
}

pub fn read_state(attempt: &Attempt) -> Read {
    match &attempt.outcome {
        Outcome::Reply(reply) if !reply.is_html() && (200..300).contains(&reply.status) => {
            Read::Visible
        }
        Outcome::Reply(reply)
            if reply.status == 404
                && !reply.is_html()
                && reply.message().is_some_and(|m| {
                    m.as_str().contains("not found within authorized project")
                }) =>
        {
            Read::NotYet
        }
        _ => Read::Failed(problem_of(attempt, None)),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Arrived {
    Visible,
    /// Visible, after longer than [`SLOW`].
    Slow,
    /// Not visible by the deadline.
    Never,
    /// The test span was not accepted.
    NotSent,
    /// Reading it back failed (not a "not yet").
    Unreadable,
}

/// What the exporter sent and the server is, for naming the cause.
#[derive(Clone, Debug, Default)]
pub struct Context {
    pub sent_v4_header: bool,
    pub server_version: Option<String>,
    pub deadline: Duration,
}

/// The result of `test --arrival` for one family.
#[derive(Clone, Debug, Serialize)]
pub struct Arrival {
    pub trace_id: String,
    pub outcome: Arrived,
    /// From the start of the send to the first read that saw the span.
    pub visible_after_ms: Option<u64>,
    pub waited_ms: u64,
    pub reads: u32,
    /// The span in Langfuse's UI (when the project is known).
    pub link: Option<String>,
    pub cause: Option<String>,
    pub fix: Option<String>,
    #[serde(skip)]
    pub exit: Exit,
}

fn parse_version(version: &str) -> Option<(u32, u32, u32)> {
    let mut parts = version.trim().trim_start_matches('v').split(['.', '-']);
    let mut next = || parts.next()?.parse::<u32>().ok();
    Some((next()?, next().unwrap_or(0), next().unwrap_or(0)))
}

/// The likely reason a span is slow or missing, and its fix.
fn likely_cause(context: &Context) -> (String, String) {
    if !context.sent_v4_header {
        return (
            tr!("core-arrival-no-v4-header"),
            tr!("core-arrival-no-v4-header-fix"),
        );
    }
    if let Some(version) = &context.server_version
        && parse_version(version).is_some_and(|v| v < V4_HEADER_SINCE)
    {
        return (
            tr!("core-arrival-old-server", version = version),
            tr!("core-arrival-old-server-fix"),
        );
    }
    (
        tr!("core-arrival-not-processed"),
        tr!("core-arrival-not-processed-fix"),
    )
}

/// Words the result of one arrival check. `visible_after`: when the span was first seen;
/// `failure`: why sending or reading failed.
pub fn judge(
    trace_id: String,
    visible_after: Option<Duration>,
    waited: Duration,
    reads: u32,
    failure: Option<(Arrived, Problem)>,
    context: &Context,
) -> Arrival {
    let mut arrival = Arrival {
        trace_id,
        outcome: Arrived::Visible,
        visible_after_ms: visible_after.map(|d| d.as_millis() as u64),
        waited_ms: waited.as_millis() as u64,
        reads,
        link: None,
        cause: None,
        fix: None,
        exit: Exit::Ok,
    };
    match (visible_after, failure) {
        (_, Some((outcome, problem))) => {
            arrival.outcome = outcome;
            arrival.exit = Exit::NotVisible;
            arrival.cause = Some(match outcome {
                Arrived::NotSent => tr!("core-arrival-not-sent", cause = problem.cause()),
                _ => tr!("core-arrival-read-back-failed", cause = problem.cause()),
            });
            arrival.fix = Some(problem.fix());
        }
        (Some(after), None) if after > context.slow() => {
            let (cause, fix) = likely_cause(context);
            arrival.outcome = Arrived::Slow;
            arrival.cause = Some(cause);
            arrival.fix = Some(fix);
        }
        (Some(_), None) => {}
        (None, None) => {
            let (cause, fix) = likely_cause(context);
            arrival.outcome = Arrived::Never;
            arrival.exit = Exit::NotVisible;
            arrival.cause = Some(tr!(
                "core-arrival-never",
                seconds = format!("{}", context.deadline.as_secs_f64().round()),
                cause = cause
            ));
            arrival.fix = Some(fix);
        }
    }
    arrival
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diagnosis::{CheckKind, Reply};

    fn reply(status: u16, body: &str) -> Attempt {
        Attempt {
            check: CheckKind::ReadBack,
            url: "http://127.0.0.1:1/api/public/traces/ab".to_string(),
            outcome: Outcome::Reply(Reply::from_server(
                status,
                Some(if body.starts_with('<') {
                    "text/html"
                } else {
                    "application/json"
                }),
                body,
                None,
                &crate::core::server_text::Redactor::none(),
            )),
            attempts: 1,
            elapsed: Duration::ZERO,
        }
    }

    #[test]
    fn langfuses_answers_read_as_visible_not_yet_or_a_problem() {
        assert_eq!(read_state(&reply(200, r#"{"id":"ab"}"#)), Read::Visible);
        let not_found = r#"{"message":"Trace ab not found within authorized project","error":"LangfuseNotFoundError"}"#;
        assert_eq!(read_state(&reply(404, not_found)), Read::NotYet);
        // A 404 that is not Langfuse's "not found" (a wrong path) is a problem, not "not yet".
        assert!(matches!(
            read_state(&reply(404, "<html>404</html>")),
            Read::Failed(Problem::NotFound { .. })
        ));
        assert!(matches!(
            read_state(&reply(401, r#"{"message":"Invalid credentials. Confirm"}"#)),
            Read::Failed(Problem::InvalidCredentials)
        ));
    }

    fn context(v4: bool, version: Option<&str>) -> Context {
        Context {
            sent_v4_header: v4,
            server_version: version.map(str::to_string),
            deadline: Duration::from_secs(60),
        }
    }

    #[test]
    fn fast_slow_and_never_are_told_apart_with_the_likely_cause() {
        let fast = judge(
            "ab".into(),
            Some(Duration::from_millis(800)),
            Duration::from_millis(800),
            2,
            None,
            &context(true, Some("3.160.0")),
        );
        assert_eq!(
            (fast.outcome, fast.exit, fast.cause),
            (Arrived::Visible, Exit::Ok, None)
        );

        let slow = judge(
            "ab".into(),
            Some(Duration::from_secs(20)),
            Duration::from_secs(20),
            9,
            None,
            &context(false, Some("3.160.0")),
        );
        assert_eq!((slow.outcome, slow.exit), (Arrived::Slow, Exit::Ok));
        assert!(
            slow.cause
                .unwrap()
                .contains("x-langfuse-ingestion-version: 4")
        );
        assert_eq!(slow.visible_after_ms, Some(20_000));

        let old = judge(
            "ab".into(),
            None,
            Duration::from_secs(60),
            20,
            None,
            &context(true, Some("3.100.2")),
        );
        assert_eq!((old.outcome, old.exit), (Arrived::Never, Exit::NotVisible));
        let cause = old.cause.unwrap();
        assert!(
            cause.starts_with("not visible after 60 s") && cause.contains("3.100.2"),
            "{cause}"
        );

        let stuck = judge(
            "ab".into(),
            None,
            Duration::from_secs(60),
            20,
            None,
            &context(true, Some("3.160.0")),
        );
        assert!(stuck.cause.unwrap().contains("worker"));
    }
}
