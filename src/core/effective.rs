//! What the app will actually see: the process environment together with the `.env`, combined as
//! each loader combines them, and what the SDKs then use.
//!
//! Pure: the environment is read at the edge ([`crate::checkup::process_environment`]) and passed in
//! as an [`Environment`]. Findings are [`Finding`]s, like the static checks, so that every command
//! renders them the same way.
//!
//! Loaders (from their sources):
//! - python-dotenv `load_dotenv()` and Node `dotenv.config()` (and `node --env-file`) keep a variable
//!   that is already in the environment unless told to override;
//! - `langfuse-otel run` sets the profile's variables over the environment's (and unsets a
//!   signal-specific variable that would replace one of them);
//! - docker compose `env_file:` gives the container the file's values; the shell's environment does
//!   not reach the container unless the compose file names it under `environment:`.
//!
//! Then every OTel SDK uses `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` instead of the generic endpoint, and
//! OTel Python and Java use `OTEL_EXPORTER_OTLP_TRACES_HEADERS` instead of the generic headers
//! (replaced, not merged): a signal-specific variable left in the shell wins under python-dotenv
//! and Node dotenv, `override=True` included (the file does not set it); `langfuse-otel run` unsets
//! it for the command, and compose does not pass the shell's environment on.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::core::credential::{AUTHORIZATION, basic_pair, decode_header_list_dropping};
use crate::core::doctor::{Check, Finding, Severity, known_variables};
use crate::core::keys::mask_secret;
use crate::core::target::FamilyTarget;
use crate::core::vars::{Family, holds_secret, may_show};
use crate::tr;

/// Variable name prefixes the checks look at; the rest of the environment is never kept.
pub const WATCHED_PREFIXES: [&str; 6] = [
    "TRACELOOP_",
    "OTEL_",
    "LANGFUSE_",
    "DD_TRACE_",
    "SENTRY_",
    "LOGFIRE_",
];

/// The process environment's variables that matter here. `Debug` shows names only.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Environment {
    vars: BTreeMap<String, String>,
}

impl Environment {
    /// Keeps the variables with a watched prefix.
    pub fn from_vars(vars: impl IntoIterator<Item = (String, String)>) -> Environment {
        Environment {
            vars: vars
                .into_iter()
                .filter(|(name, _)| WATCHED_PREFIXES.iter().any(|p| name.starts_with(p)))
                .collect(),
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.vars.is_empty()
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        self.vars.keys().map(String::as_str)
    }
}

impl fmt::Debug for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.vars.keys()).finish()
    }
}

/// How an app gets the `.env` into its environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Loader {
    /// python-dotenv `load_dotenv()` without `override=True`.
    PythonDotenv,
    /// Node `dotenv.config()` without `override: true` (and `node --env-file`).
    NodeDotenv,
    /// `langfuse-otel run -- CMD`.
    Run,
    /// docker compose `env_file:`.
    Compose,
}

impl Loader {
    pub const ALL: [Loader; 4] = [
        Loader::PythonDotenv,
        Loader::NodeDotenv,
        Loader::Run,
        Loader::Compose,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Loader::PythonDotenv => "python-dotenv load_dotenv()",
            Loader::NodeDotenv => "Node dotenv.config()",
            Loader::Run => "langfuse-otel run",
            Loader::Compose => "docker compose env_file",
        }
    }

    /// A variable already in the environment beats the file's.
    pub fn environment_wins(self) -> bool {
        matches!(self, Loader::PythonDotenv | Loader::NodeDotenv)
    }

    /// The app sees the shell's environment at all.
    pub fn inherits_environment(self) -> bool {
        !matches!(self, Loader::Compose)
    }
}

/// What the app gets for `name` through `loader`, from the file's value and the environment.
pub fn resolve(loader: Loader, file: Option<String>, environment: Option<&str>) -> Option<String> {
    let environment = environment.filter(|_| loader.inherits_environment());
    match (file, environment) {
        (Some(_), Some(env)) if loader.environment_wins() => Some(env.to_string()),
        (Some(file), _) => Some(file),
        (None, env) => env.map(str::to_string),
    }
}

/// One side of a shadowing, safe to show: plain values as they are, secrets as a fingerprint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Shadow {
    /// The environment's value (a secret only as its fingerprint).
    pub environment: String,
    /// The file's value, the same way; `None` when the file does not set this variable.
    pub file: Option<String>,
    /// The loaders under which the environment's value reaches the app.
    pub beats: Vec<Loader>,
    /// The loaders under which the file's value reaches the app.
    pub loses_to: Vec<Loader>,
}

impl Shadow {
    /// An environment value over the file's (or over nothing): it reaches the app under the
    /// loaders where the environment wins, and the file's under the others.
    fn new(environment: String, file: Option<String>) -> Shadow {
        Shadow {
            environment,
            file,
            beats: Loader::ALL
                .into_iter()
                .filter(|l| l.environment_wins())
                .collect(),
            loses_to: Loader::ALL
                .into_iter()
                .filter(|l| !l.environment_wins())
                .collect(),
        }
    }
}

/// A value as it may be shown: a secret key as `sk-lf-...` and its last 4 characters (what
/// Langfuse's UI shows), a header list as its header names with the credential's public key and
/// masked secret, anything else as it is (control characters escaped, length capped).
pub fn fingerprint(name: &str, value: &str) -> String {
    if name == "LANGFUSE_SECRET_KEY" || (!holds_secret(name) && !may_show(name, value)) {
        return mask_secret(value.trim());
    }
    if holds_secret(name) {
        let (headers, _) = decode_header_list_dropping(value);
        let mut parts = Vec::new();
        for header in &headers {
            if header.name.eq_ignore_ascii_case(AUTHORIZATION) {
                parts.push(match basic_pair(&header.value) {
                    Some(pair) => format!(
                        "{AUTHORIZATION}=Basic <{}:{}>",
                        shown_plain(&pair.0),
                        mask_secret(&pair.1)
                    ),
                    None => format!("{AUTHORIZATION}=<{}>", tr!("core-fingerprint-not-basic")),
                });
            } else {
                parts.push(format!("{}=…", shown_plain(&header.name)));
            }
        }
        if parts.is_empty() {
            return format!(
                "<{}>",
                tr!("core-fingerprint-no-header", count = value.chars().count())
            );
        }
        return parts.join(",");
    }
    shown_plain(value)
}

fn shown_plain(value: &str) -> String {
    const MAX: usize = 120;
    let mut out: String = value
        .chars()
        .take(MAX)
        .flat_map(char::escape_debug)
        .collect();
    if value.chars().count() > MAX {
        out.push('…');
    }
    out
}

/// A variable's value in the `.env` (as the loaders read it) and its line.
#[derive(Clone, Debug)]
pub struct FileValue {
    pub value: String,
    pub line: Option<usize>,
}

/// Looks a variable up in the `.env`.
pub type FileLookup<'a> = &'a dyn Fn(&str) -> Option<FileValue>;

/// The signal-specific variable that replaces each generic one.
pub const SIGNAL_SPECIFIC: [(&str, &str); 3] = [
    (
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    ),
    (
        "OTEL_EXPORTER_OTLP_HEADERS",
        "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
    ),
    (
        "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
    ),
];

/// Settings that change whether and how an SDK exports, beside the family variables.
const SETTINGS: [&str; 4] = [
    "OTEL_SDK_DISABLED",
    "OTEL_TRACES_EXPORTER",
    "OTEL_LOGS_EXPORTER",
    "OTEL_METRICS_EXPORTER",
];

fn family_of(name: &str) -> Option<Family> {
    Family::ALL
        .into_iter()
        .find(|f| f.variable_names().contains(&name))
        .or_else(|| {
            name.starts_with("OTEL_EXPORTER_OTLP_")
                .then_some(Family::Otel)
        })
}

/// Where the app's value of a variable comes from (under the loaders where the environment wins).
enum Origin {
    File(Option<usize>),
    Environment,
}

impl Origin {
    fn describe(&self, name: &str) -> String {
        match self {
            Origin::File(Some(line)) => tr!("core-origin-line", name = name, line = *line),
            Origin::File(None) => tr!("core-origin-file", name = name),
            Origin::Environment => tr!("core-origin-environment", name = name),
        }
    }

    fn line(&self) -> Option<usize> {
        match self {
            Origin::File(line) => *line,
            Origin::Environment => None,
        }
    }

    fn is_file(&self) -> bool {
        matches!(self, Origin::File(_))
    }
}

/// The value the app sees for `name` when the environment wins, and where it comes from.
fn seen(file: FileLookup<'_>, env: &Environment, name: &str) -> Option<(String, Origin)> {
    match (env.get(name), file(name)) {
        (Some(value), _) => Some((value.to_string(), Origin::Environment)),
        (None, Some(found)) => Some((found.value, Origin::File(found.line))),
        (None, None) => None,
    }
}

struct Builder {
    findings: Vec<Finding>,
}

impl Builder {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        check: Check,
        severity: Severity,
        family: Option<Family>,
        variable: Option<&'static str>,
        line: Option<usize>,
        cause: String,
        fix: String,
        fixable: bool,
        shadow: Option<Shadow>,
    ) {
        self.findings.push(Finding {
            check,
            severity,
            family,
            variable,
            line,
            cause,
            fix,
            fixable,
            shadow,
        });
    }
}

/// The findings about what the app will see: variables of the environment that shadow the file's
/// (`families`: the families the file configures), then the settings that stop or divert export,
/// wherever they are set. With an empty environment, only the file's settings are checked.
pub fn check_environment(
    file: FileLookup<'_>,
    env: &Environment,
    families: &[Family],
) -> Vec<Finding> {
    let mut out = Builder {
        findings: Vec::new(),
    };

    // The same variable in both places, with different values.
    let names: std::collections::BTreeSet<&'static str> = known_variables()
        .iter()
        .chain(SIGNAL_SPECIFIC.iter().map(|(_, s)| s))
        .chain(SETTINGS.iter())
        .copied()
        .collect();
    for name in names {
        let (Some(env_value), Some(found)) = (env.get(name), file(name)) else {
            continue;
        };
        if env_value == found.value {
            continue;
        }
        let family = family_of(name);
        let severity = if family.is_some() {
            Severity::Error
        } else {
            Severity::Warning
        };
        let env_shown = fingerprint(name, env_value);
        let file_shown = fingerprint(name, &found.value);
        out.push(
            Check::ShadowedByEnvironment,
            severity,
            family,
            Some(name),
            found.line,
            tr!(
                "core-effective-shadowed",
                name = name,
                environment = &env_shown,
                file = &file_shown
            ),
            tr!("core-effective-shadowed-fix", name = name),
            false,
            Some(Shadow::new(env_shown, Some(file_shown))),
        );
    }

    // A signal-specific variable in the environment replaces the file's generic one.
    for (generic, specific) in SIGNAL_SPECIFIC {
        let (Some(env_value), Some(found), None) =
            (env.get(specific), file(generic), file(specific))
        else {
            continue;
        };
        let shown = fingerprint(specific, env_value);
        let consequence = match specific {
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" => tr!("core-effective-override-endpoint"),
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS" => tr!("core-effective-override-headers"),
            _ => tr!("core-effective-override-other"),
        };
        let at = found.line.map_or_else(
            || tr!("core-effective-in-the-env-file"),
            |line| tr!("core-effective-at-line", line = line),
        );
        out.push(
            Check::SignalOverride,
            Severity::Error,
            Some(Family::Otel),
            Some(specific),
            found.line,
            tr!(
                "core-effective-signal-override",
                specific = specific,
                shown = &shown,
                generic = generic,
                at = &at,
                consequence = &consequence
            ),
            tr!("core-effective-signal-override-fix", specific = specific),
            false,
            Some(Shadow::new(shown, None)),
        );
    }

    check_settings(&mut out, file, env, families);
    out.findings
}

fn check_settings(out: &mut Builder, file: FileLookup<'_>, env: &Environment, families: &[Family]) {
    let otel = families.contains(&Family::Otel);
    let unset_fix = |name: &str, origin: &Origin| match origin {
        Origin::Environment => tr!("core-effective-unset-where-exported", name = name),
        Origin::File(_) => tr!("core-effective-remove-from-env-file", name = name),
    };

    if let Some((value, origin)) = seen(file, env, "OTEL_SDK_DISABLED")
        && value.trim().eq_ignore_ascii_case("true")
    {
        out.push(
            Check::SdkDisabled,
            Severity::Error,
            None,
            Some("OTEL_SDK_DISABLED"),
            origin.line(),
            tr!(
                "core-effective-sdk-disabled",
                variable = origin.describe("OTEL_SDK_DISABLED")
            ),
            unset_fix("OTEL_SDK_DISABLED", &origin),
            false,
            None,
        );
    }

    if let Some((value, origin)) = seen(file, env, "OTEL_TRACES_EXPORTER") {
        let exporters: Vec<String> = value
            .split(',')
            .map(|e| e.trim().to_ascii_lowercase())
            .collect();
        if !exporters.iter().any(|e| e == "otlp") {
            out.push(
                Check::TracesExporterOff,
                if otel {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                Some(Family::Otel),
                Some("OTEL_TRACES_EXPORTER"),
                origin.line(),
                tr!(
                    "core-effective-traces-exporter-off",
                    variable = origin.describe("OTEL_TRACES_EXPORTER"),
                    value = shown_plain(value.trim())
                ),
                tr!(
                    "core-effective-traces-exporter-off-fix",
                    unset = unset_fix("OTEL_TRACES_EXPORTER", &origin)
                ),
                false,
                None,
            );
        }
    }

    if otel {
        let protocol = seen(file, env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
            .map(|p| ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", p))
            .or_else(|| {
                seen(file, env, "OTEL_EXPORTER_OTLP_PROTOCOL")
                    .map(|p| ("OTEL_EXPORTER_OTLP_PROTOCOL", p))
            });
        match protocol {
            Some((name, (value, origin))) if value.trim().starts_with("grpc") => {
                let from_file = origin.is_file();
                out.push(
                    Check::Grpc,
                    Severity::Error,
                    Some(Family::Otel),
                    Some(name),
                    origin.line(),
                    tr!(
                        "core-effective-grpc",
                        variable = origin.describe(name),
                        value = shown_plain(value.trim())
                    ),
                    if from_file {
                        tr!("core-effective-grpc-fix-file", name = name)
                    } else {
                        tr!("core-effective-grpc-fix-environment", name = name)
                    },
                    from_file,
                    None,
                );
            }
            Some(_) => {}
            None => out.push(
                Check::ProtocolUnset,
                Severity::Warning,
                Some(Family::Otel),
                Some("OTEL_EXPORTER_OTLP_PROTOCOL"),
                None,
                tr!("core-effective-protocol-unset"),
                tr!("core-effective-protocol-unset-fix"),
                file("OTEL_EXPORTER_OTLP_ENDPOINT").is_some()
                    || file("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").is_some(),
                None,
            ),
        }

        if let Some((endpoint, origin)) = seen(file, env, "OTEL_EXPORTER_OTLP_ENDPOINT")
            && endpoint
                .trim()
                .trim_end_matches('/')
                .ends_with("/api/public/otel")
        {
            // Logs reach Langfuse only when they are exported over OTLP (the SDKs' default, or
            // `otlp` in the exporter list) and no logs-specific endpoint sends them elsewhere.
            let logs_over_otlp = seen(file, env, "OTEL_LOGS_EXPORTER").is_none_or(|(v, _)| {
                v.split(',')
                    .any(|exporter| exporter.trim().eq_ignore_ascii_case("otlp"))
            });
            let logs_elsewhere = seen(file, env, "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT").is_some();
            if logs_over_otlp && !logs_elsewhere {
                out.push(
                    Check::LogsTo404,
                    Severity::Warning,
                    Some(Family::Otel),
                    Some("OTEL_LOGS_EXPORTER"),
                    origin.line(),
                    tr!(
                        "core-effective-logs-to-404",
                        variable = origin.describe("OTEL_EXPORTER_OTLP_ENDPOINT")
                    ),
                    tr!("core-effective-logs-to-404-fix"),
                    origin.is_file(),
                    None,
                );
            }
        }
    }

    // Other vendors' SDKs that install their own tracer provider.
    let vendor = |name: &str| seen(file, env, name);
    if let Some((value, origin)) = vendor("DD_TRACE_OTEL_ENABLED")
        && matches!(value.trim().to_ascii_lowercase().as_str(), "true" | "1")
    {
        out.push(
            Check::VendorTakeover,
            Severity::Error,
            None,
            Some("DD_TRACE_OTEL_ENABLED"),
            origin.line(),
            tr!(
                "core-effective-datadog",
                variable = origin.describe("DD_TRACE_OTEL_ENABLED")
            ),
            tr!(
                "core-effective-datadog-fix",
                unset = unset_fix("DD_TRACE_OTEL_ENABLED", &origin)
            ),
            false,
            None,
        );
    } else if env.names().any(|n| n.starts_with("DD_TRACE_")) {
        out.push(
            Check::VendorTakeover,
            Severity::Warning,
            None,
            Some("DD_TRACE_*"),
            None,
            tr!("core-effective-datadog-variables"),
            tr!("core-effective-datadog-variables-fix"),
            false,
            None,
        );
    }
    if let Some((_, origin)) = vendor("SENTRY_DSN") {
        let tracing = vendor("SENTRY_TRACES_SAMPLE_RATE")
            .is_some_and(|(v, _)| v.trim().parse::<f64>().is_ok_and(|r| r > 0.0))
            || vendor("SENTRY_ENABLE_TRACING")
                .is_some_and(|(v, _)| v.trim().eq_ignore_ascii_case("true"));
        if tracing {
            out.push(
                Check::VendorTakeover,
                Severity::Warning,
                None,
                Some("SENTRY_DSN"),
                origin.line(),
                tr!(
                    "core-effective-sentry",
                    variable = origin.describe("SENTRY_DSN")
                ),
                tr!("core-effective-sentry-fix"),
                false,
                None,
            );
        }
    }
    if let Some((_, origin)) = vendor("LOGFIRE_TOKEN") {
        out.push(
            Check::VendorTakeover,
            Severity::Warning,
            None,
            Some("LOGFIRE_TOKEN"),
            origin.line(),
            tr!(
                "core-effective-logfire",
                variable = origin.describe("LOGFIRE_TOKEN")
            ),
            tr!("core-effective-logfire-fix"),
            false,
            None,
        );
    }
}

/// Families configured with the same keys but different hosts: keys belong to one region (or one
/// server), so at least one family sends to the wrong place.
pub fn check_hosts(families: &[FamilyTarget]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let ready: Vec<_> = families
        .iter()
        .filter_map(|f| f.target.as_ref().ok().map(|t| (f.family, t)))
        .collect();
    for (i, (family_a, a)) in ready.iter().enumerate() {
        for (family_b, b) in &ready[i + 1..] {
            let keys = |t: &crate::core::target::Target| {
                t.authorization()
                    .and_then(basic_pair)
                    .map(|pair| pair.1.clone())
            };
            let (Some(key_a), Some(key_b)) = (keys(a), keys(b)) else {
                continue;
            };
            if key_a == key_b && a.host != b.host {
                findings.push(Finding {
                    check: Check::HostsDisagree,
                    severity: Severity::Error,
                    family: Some(*family_b),
                    variable: None,
                    line: None,
                    cause: tr!(
                        "core-effective-hosts-disagree",
                        family_a = family_a.to_string(),
                        host_a = a.host.to_string(),
                        family_b = family_b.to_string(),
                        host_b = b.host.to_string()
                    ),
                    fix: tr!("core-effective-hosts-disagree-fix"),
                    fixable: false,
                    shadow: None,
                });
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests;
