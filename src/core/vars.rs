//! The environment variables each client family reads, built from a host and a key pair.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use crate::core::credential::{
    AUTHORIZATION, BasicCredential, ExtraHeader, INGESTION_VERSION_HEADER, REDACTED,
    encode_header_list,
};
use crate::core::host::Host;
use crate::core::keys::KeyPair;
use crate::{tr, tr_static};

/// A group of variables read by one kind of client.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// OpenLLMetry / Traceloop SDK: `TRACELOOP_BASE_URL`, `TRACELOOP_HEADERS`.
    Traceloop,
    /// Any OpenTelemetry SDK: `OTEL_EXPORTER_OTLP_ENDPOINT`, `_HEADERS`, `_PROTOCOL`.
    Otel,
    /// Langfuse's own SDKs: `LANGFUSE_PUBLIC_KEY`, `_SECRET_KEY`, `_BASE_URL`, `_HOST`.
    Langfuse,
}

impl Family {
    pub const ALL: [Family; 3] = [Family::Traceloop, Family::Otel, Family::Langfuse];
    /// What `setup` writes when the user does not choose.
    pub const DEFAULT: [Family; 2] = [Family::Traceloop, Family::Langfuse];
    /// What a Node app reads (the OTel JS and Langfuse JS SDKs; Traceloop Node cannot carry a
    /// padded Basic header in `TRACELOOP_HEADERS`): the default beside a `package.json`.
    pub const NODE_DEFAULT: [Family; 2] = [Family::Otel, Family::Langfuse];

    /// The default families, for a Node project or not.
    pub fn default_for(node_project: bool) -> [Family; 2] {
        if node_project {
            Family::NODE_DEFAULT
        } else {
            Family::DEFAULT
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Family::Traceloop => "traceloop",
            Family::Otel => "otel",
            Family::Langfuse => "langfuse",
        }
    }

    /// The prefix every variable its clients read starts with.
    pub fn prefix(self) -> &'static str {
        match self {
            Family::Traceloop => "TRACELOOP_",
            Family::Otel => "OTEL_",
            Family::Langfuse => "LANGFUSE_",
        }
    }

    /// The family whose clients read the variable `name`.
    pub fn of_variable(name: &str) -> Option<Family> {
        Family::ALL
            .into_iter()
            .find(|family| name.starts_with(family.prefix()))
    }

    /// Every variable name this family may write, in the order they are written (which of the
    /// `otel` family's are written depends on the [`Signals`]).
    pub fn variable_names(self) -> &'static [&'static str] {
        match self {
            Family::Traceloop => &["TRACELOOP_BASE_URL", "TRACELOOP_HEADERS"],
            Family::Otel => &[
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "OTEL_EXPORTER_OTLP_HEADERS",
                "OTEL_EXPORTER_OTLP_PROTOCOL",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
                "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
                "OTEL_LOGS_EXPORTER",
                "OTEL_METRICS_EXPORTER",
            ],
            Family::Langfuse => &[
                "LANGFUSE_PUBLIC_KEY",
                "LANGFUSE_SECRET_KEY",
                "LANGFUSE_BASE_URL",
                "LANGFUSE_HOST",
            ],
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The variables that carry a header list (the Basic credential and any extra headers).
pub const HEADER_LIST_VARIABLES: [&str; 3] = [
    "TRACELOOP_HEADERS",
    "OTEL_EXPORTER_OTLP_HEADERS",
    "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
];

/// Whether a variable of ours holds the secret (the key itself, or a header list with the Basic
/// credential), so that its value is never shown.
pub fn holds_secret(name: &str) -> bool {
    name == "LANGFUSE_SECRET_KEY" || name.ends_with("_HEADERS")
}

/// THE rule for showing a variable's value: never for a variable that holds the secret, nor for
/// any value with a secret key in it (`LANGFUSE_PUBLIC_KEY=sk-lf-...`, pasted in the wrong field).
pub fn may_show(name: &str, value: &str) -> bool {
    !holds_secret(name) && !crate::core::keys::contains_secret_key(value)
}

/// How the app gets the .env into its environment: the closing hint of `setup` and the wizard.
pub fn loading_hint(node_project: bool) -> &'static str {
    if node_project {
        tr_static!("core-loading-hint-node")
    } else {
        tr_static!("core-loading-hint-python")
    }
}

/// An OTLP signal an app may export.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Signal {
    Traces,
    Logs,
    Metrics,
}

impl Signal {
    pub fn name(self) -> &'static str {
        match self {
            Signal::Traces => "traces",
            Signal::Logs => "logs",
            Signal::Metrics => "metrics",
        }
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which OTLP signals the app exports (`--signals`); Langfuse takes traces only, so this decides
/// how the `otel` family keeps the others away from it:
/// - traces only (the default): the generic `OTEL_EXPORTER_OTLP_*` variables, plus
///   `OTEL_LOGS_EXPORTER=none` and `OTEL_METRICS_EXPORTER=none`, so an SDK that would also export
///   logs (the Java agent does by default) does not send them to Langfuse (404) or metrics
///   (accepted and dropped). Every tool that reads only the generic endpoint works.
/// - with logs or metrics: only the traces-specific `OTEL_EXPORTER_OTLP_TRACES_*` variables, so
///   the app's other signals keep going wherever its own generic endpoint (a collector) sends
///   them; a signal not listed is still turned off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Signals {
    pub logs: bool,
    pub metrics: bool,
}

impl Signals {
    pub const TRACES_ONLY: Signals = Signals {
        logs: false,
        metrics: false,
    };

    /// From a user's list, which must name traces (the only signal Langfuse takes).
    pub fn from_list(list: &[Signal]) -> Result<Signals, String> {
        if list.is_empty() {
            return Ok(Signals::TRACES_ONLY);
        }
        if !list.contains(&Signal::Traces) {
            return Err(tr!("core-signals-need-traces"));
        }
        Ok(Signals {
            logs: list.contains(&Signal::Logs),
            metrics: list.contains(&Signal::Metrics),
        })
    }

    pub fn list(self) -> Vec<Signal> {
        let mut list = vec![Signal::Traces];
        if self.logs {
            list.push(Signal::Logs);
        }
        if self.metrics {
            list.push(Signal::Metrics);
        }
        list
    }

    pub fn is_traces_only(self) -> bool {
        self == Signals::TRACES_ONLY
    }

    /// `traces`, `traces,logs`…
    pub fn describe(self) -> String {
        self.list()
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Sorts and de-duplicates a user's family choice, so output order never depends on flag order.
pub fn normalize_families(families: &[Family]) -> Vec<Family> {
    let mut out = families.to_vec();
    out.sort();
    out.dedup();
    out
}

/// What Langfuse's docs tell direct OTel exporters to send for real-time ingestion on the v4 data
/// model; servers ≥ 3.154 reject values above it, older servers ignore the header.
pub const DEFAULT_INGESTION_VERSION: u8 = 4;
pub const MAX_INGESTION_VERSION: u8 = 4;

/// Everything needed to build the variables.
pub struct Config<'a> {
    /// `None` for `encode` without a host: only host-independent variables are built.
    pub host: Option<&'a Host>,
    pub keys: &'a KeyPair,
    pub families: &'a [Family],
    /// `x-langfuse-ingestion-version` in the header lists; `None` leaves the header out.
    pub ingestion_version: Option<u8>,
    /// What the app exports: decides the `otel` family's variables.
    pub signals: Signals,
    /// An access proxy's headers, after Langfuse's own in every header list.
    pub headers: &'a [ExtraHeader],
}

#[derive(Clone)]
pub enum Value {
    Plain(String),
    Secret(SecretString),
}

/// One variable to write, with the form of it that is safe to show.
#[derive(Clone)]
pub struct Variable {
    pub name: &'static str,
    pub family: Family,
    pub value: Value,
    /// The value as it may appear on screen: secrets masked.
    pub shown: String,
}

impl Variable {
    fn plain(name: &'static str, family: Family, value: String) -> Self {
        Variable {
            name,
            family,
            shown: value.clone(),
            value: Value::Plain(value),
        }
    }

    fn secret(name: &'static str, family: Family, value: String, shown: String) -> Self {
        Variable {
            name,
            family,
            value: Value::Secret(SecretString::from(value)),
            shown,
        }
    }

    /// The real value. Call only where the user asked for the secret: the .env, or explicit stdout.
    pub fn expose(&self) -> &str {
        match &self.value {
            Value::Plain(value) => value,
            Value::Secret(secret) => secret.expose_secret(),
        }
    }

    pub fn is_secret(&self) -> bool {
        matches!(self.value, Value::Secret(_))
    }
}

impl fmt::Debug for Variable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.name, self.shown)
    }
}

/// The encoded header list that every header variable carries: Langfuse's credential, the
/// ingestion version, then the extra headers in the order given.
fn header_list(
    credential: &BasicCredential,
    ingestion_version: Option<u8>,
    extra: &[ExtraHeader],
) -> (String, String) {
    let header = credential.header_value();
    let version = ingestion_version.map(|v| v.to_string());
    let basic_shown = format!("Basic {REDACTED}");
    let mut real = vec![(AUTHORIZATION, header.expose_secret())];
    let mut shown = vec![(AUTHORIZATION, basic_shown.as_str())];
    if let Some(version) = &version {
        real.push((INGESTION_VERSION_HEADER, version));
        shown.push((INGESTION_VERSION_HEADER, version));
    }
    for header in extra {
        real.push((header.name(), header.expose()));
        shown.push((header.name(), header.shown()));
    }
    // Encoding the placeholder keeps the shown form's shape (`Basic%20...`) true to the file.
    (
        encode_header_list(real),
        encode_header_list(shown).replace("%3Credacted%3E", REDACTED),
    )
}

/// Builds every variable of the chosen families, in family order.
pub fn build_variables(config: &Config<'_>) -> Vec<Variable> {
    let credential = BasicCredential::new(config.keys);
    let (headers, headers_shown) =
        header_list(&credential, config.ingestion_version, config.headers);
    let mut vars = Vec::new();
    for family in normalize_families(config.families) {
        match family {
            Family::Traceloop => {
                if let Some(host) = config.host {
                    vars.push(Variable::plain(
                        "TRACELOOP_BASE_URL",
                        family,
                        host.otel_base_url(),
                    ));
                }
                vars.push(Variable::secret(
                    "TRACELOOP_HEADERS",
                    family,
                    headers.clone(),
                    headers_shown.clone(),
                ));
            }
            Family::Otel => {
                let signals = config.signals;
                let generic = signals.is_traces_only();
                if let Some(host) = config.host {
                    vars.push(if generic {
                        Variable::plain("OTEL_EXPORTER_OTLP_ENDPOINT", family, host.otel_base_url())
                    } else {
                        // Used as-is by every SDK: the full traces URL.
                        Variable::plain(
                            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                            family,
                            host.otel_traces_url(),
                        )
                    });
                }
                vars.push(Variable::secret(
                    if generic {
                        "OTEL_EXPORTER_OTLP_HEADERS"
                    } else {
                        "OTEL_EXPORTER_OTLP_TRACES_HEADERS"
                    },
                    family,
                    headers.clone(),
                    headers_shown.clone(),
                ));
                vars.push(Variable::plain(
                    if generic {
                        "OTEL_EXPORTER_OTLP_PROTOCOL"
                    } else {
                        "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"
                    },
                    family,
                    "http/protobuf".to_string(),
                ));
                if !signals.logs {
                    vars.push(Variable::plain(
                        "OTEL_LOGS_EXPORTER",
                        family,
                        "none".to_string(),
                    ));
                }
                if !signals.metrics {
                    vars.push(Variable::plain(
                        "OTEL_METRICS_EXPORTER",
                        family,
                        "none".to_string(),
                    ));
                }
            }
            Family::Langfuse => {
                vars.push(Variable::plain(
                    "LANGFUSE_PUBLIC_KEY",
                    family,
                    config.keys.public.as_str().to_string(),
                ));
                vars.push(Variable::secret(
                    "LANGFUSE_SECRET_KEY",
                    family,
                    config.keys.secret.expose().to_string(),
                    config.keys.secret.masked(),
                ));
                if let Some(host) = config.host {
                    vars.push(Variable::plain(
                        "LANGFUSE_BASE_URL",
                        family,
                        host.to_string(),
                    ));
                    vars.push(Variable::plain("LANGFUSE_HOST", family, host.to_string()));
                }
            }
        }
    }
    vars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_lists_the_family_table() {
        let readme = include_str!("../../README.md");
        let names = |families: &[Family]| -> String {
            families
                .iter()
                .map(|f| f.name())
                .collect::<Vec<_>>()
                .join(",")
        };
        for listed in [
            format!("`--vars {}`", names(&Family::ALL)),
            format!("(default `{}`", names(&Family::DEFAULT)),
        ] {
            assert!(readme.contains(&listed), "the README should say {listed}");
        }
        for family in Family::ALL {
            assert!(
                family
                    .variable_names()
                    .iter()
                    .all(|name| Family::of_variable(name) == Some(family)),
                "{family}: every variable starts with {}",
                family.prefix()
            );
        }
    }
    use crate::core::credential::{decode_header_list, find_header};
    use crate::core::host::Region;
    use crate::core::keys::parse_key_pair;

    const PK: &str = "pk-lf-1c5d8a3e-0f3b-4c59-9d1a-5b8f2e7c4a10";
    const SK: &str = "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b";

    fn build(families: &[Family], host: Option<&Host>, version: Option<u8>) -> Vec<Variable> {
        build_with(families, host, version, Signals::TRACES_ONLY, &[])
    }

    fn build_with(
        families: &[Family],
        host: Option<&Host>,
        version: Option<u8>,
        signals: Signals,
        headers: &[ExtraHeader],
    ) -> Vec<Variable> {
        let keys = parse_key_pair(PK, SK).unwrap().0;
        build_variables(&Config {
            host,
            keys: &keys,
            families,
            ingestion_version: version,
            signals,
            headers,
        })
    }

    const ALL_SIGNALS: [Signals; 4] = [
        Signals::TRACES_ONLY,
        Signals {
            logs: true,
            metrics: false,
        },
        Signals {
            logs: false,
            metrics: true,
        },
        Signals {
            logs: true,
            metrics: true,
        },
    ];

    fn names(vars: &[Variable]) -> Vec<&str> {
        vars.iter().map(|v| v.name).collect()
    }

    #[test]
    fn every_family_writes_only_its_names_in_their_order() {
        let host = Region::Eu.host();
        for family in Family::ALL {
            for signals in ALL_SIGNALS {
                let vars = build_with(&[family], Some(&host), Some(4), signals, &[]);
                let own = family.variable_names();
                let positions: Vec<usize> = names(&vars)
                    .iter()
                    .map(|n| own.iter().position(|o| o == n).expect("owned name"))
                    .collect();
                assert!(positions.windows(2).all(|w| w[0] < w[1]), "{family}");
            }
        }
        let vars = build(&[Family::Traceloop], Some(&host), Some(4));
        assert_eq!(names(&vars), Family::Traceloop.variable_names());
    }

    #[test]
    fn traces_only_keeps_the_generic_endpoint_and_turns_the_other_signals_off() {
        let host = Region::Eu.host();
        let vars = build(&[Family::Otel], Some(&host), Some(4));
        assert_eq!(
            names(&vars),
            [
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "OTEL_EXPORTER_OTLP_HEADERS",
                "OTEL_EXPORTER_OTLP_PROTOCOL",
                "OTEL_LOGS_EXPORTER",
                "OTEL_METRICS_EXPORTER"
            ]
        );
        assert_eq!(vars[3].expose(), "none");
        assert_eq!(vars[4].expose(), "none");
    }

    #[test]
    fn other_signals_get_traces_specific_variables_and_the_unlisted_one_is_off() {
        let host = Region::Us.host();
        let logs = Signals::from_list(&[Signal::Logs, Signal::Traces]).unwrap();
        let vars = build_with(&[Family::Otel], Some(&host), Some(4), logs, &[]);
        assert_eq!(
            names(&vars),
            [
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
                "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
                "OTEL_METRICS_EXPORTER"
            ]
        );
        assert_eq!(
            vars[0].expose(),
            "https://us.cloud.langfuse.com/api/public/otel/v1/traces"
        );
        let all = Signals::from_list(&[Signal::Traces, Signal::Logs, Signal::Metrics]).unwrap();
        let vars = build_with(&[Family::Otel], Some(&host), None, all, &[]);
        assert_eq!(vars.len(), 3);
        assert!(Signals::from_list(&[Signal::Logs]).is_err());
        assert_eq!(Signals::from_list(&[]).unwrap(), Signals::TRACES_ONLY);
        assert_eq!(all.describe(), "traces,logs,metrics");
    }

    #[test]
    fn extra_headers_follow_ours_in_every_list_and_secret_ones_are_hidden() {
        let host = Region::Eu.host();
        let extra = [
            ExtraHeader::parse("CF-Access-Client-Id=abc.access").unwrap(),
            ExtraHeader::parse("CF-Access-Client-Secret= s3cr+t/v=al ").unwrap(),
            ExtraHeader::parse("X-Tenant=acme corp").unwrap(),
        ];
        for signals in ALL_SIGNALS {
            let vars = build_with(&Family::ALL, Some(&host), Some(4), signals, &extra);
            let lists: Vec<&Variable> = vars
                .iter()
                .filter(|v| v.name.ends_with("_HEADERS"))
                .collect();
            assert_eq!(lists.len(), 2);
            for list in lists {
                let decoded = decode_header_list(list.expose()).unwrap();
                let got: Vec<(&str, &str)> = decoded
                    .iter()
                    .map(|h| (h.name.as_str(), h.value.as_str()))
                    .collect();
                assert_eq!(got[1], (INGESTION_VERSION_HEADER, "4"));
                assert_eq!(
                    &got[2..],
                    [
                        ("CF-Access-Client-Id", "abc.access"),
                        ("CF-Access-Client-Secret", "s3cr+t/v=al"),
                        ("X-Tenant", "acme corp")
                    ]
                );
                assert!(!list.shown.contains("s3cr"), "{}", list.shown);
                assert!(list.shown.ends_with(
                    "CF-Access-Client-Id=<redacted>,CF-Access-Client-Secret=<redacted>,X-Tenant=<redacted>"
                ), "{}", list.shown);
            }
        }
    }

    #[test]
    fn families_come_out_in_a_fixed_order_without_duplicates() {
        let host = Region::Eu.host();
        let a = build(
            &[Family::Langfuse, Family::Traceloop, Family::Langfuse],
            Some(&host),
            None,
        );
        let b = build(&[Family::Traceloop, Family::Langfuse], Some(&host), None);
        assert_eq!(names(&a), names(&b));
        assert_eq!(
            names(&a),
            [
                "TRACELOOP_BASE_URL",
                "TRACELOOP_HEADERS",
                "LANGFUSE_PUBLIC_KEY",
                "LANGFUSE_SECRET_KEY",
                "LANGFUSE_BASE_URL",
                "LANGFUSE_HOST"
            ]
        );
    }

    #[test]
    fn values_for_the_us_region() {
        let host = Region::Us.host();
        let vars = build(&Family::ALL, Some(&host), Some(4));
        let get = |name: &str| {
            vars.iter()
                .find(|v| v.name == name)
                .unwrap()
                .expose()
                .to_string()
        };
        assert_eq!(
            get("TRACELOOP_BASE_URL"),
            "https://us.cloud.langfuse.com/api/public/otel"
        );
        assert_eq!(
            get("OTEL_EXPORTER_OTLP_ENDPOINT"),
            "https://us.cloud.langfuse.com/api/public/otel"
        );
        assert_eq!(get("OTEL_EXPORTER_OTLP_PROTOCOL"), "http/protobuf");
        assert_eq!(get("LANGFUSE_BASE_URL"), "https://us.cloud.langfuse.com");
        assert_eq!(get("LANGFUSE_HOST"), "https://us.cloud.langfuse.com");
        assert_eq!(get("LANGFUSE_PUBLIC_KEY"), PK);
        assert_eq!(get("LANGFUSE_SECRET_KEY"), SK);
        assert_eq!(get("TRACELOOP_HEADERS"), get("OTEL_EXPORTER_OTLP_HEADERS"));
        let decoded = decode_header_list(&get("TRACELOOP_HEADERS")).unwrap();
        let credential = BasicCredential::new(&parse_key_pair(PK, SK).unwrap().0);
        assert_eq!(
            find_header(&decoded, "Authorization"),
            Some(credential.header_value().expose_secret())
        );
        assert_eq!(find_header(&decoded, INGESTION_VERSION_HEADER), Some("4"));
    }

    #[test]
    fn ingestion_version_can_be_left_out() {
        let vars = build(&[Family::Otel], None, None);
        let headers = vars
            .iter()
            .find(|v| v.name == "OTEL_EXPORTER_OTLP_HEADERS")
            .unwrap();
        assert!(!headers.expose().contains("ingestion"));
        assert!(headers.expose().starts_with("Authorization=Basic%20"));
    }

    #[test]
    fn without_a_host_only_host_independent_variables_are_built() {
        let vars = build(&Family::ALL, None, Some(4));
        assert_eq!(
            names(&vars),
            [
                "TRACELOOP_HEADERS",
                "OTEL_EXPORTER_OTLP_HEADERS",
                "OTEL_EXPORTER_OTLP_PROTOCOL",
                "OTEL_LOGS_EXPORTER",
                "OTEL_METRICS_EXPORTER",
                "LANGFUSE_PUBLIC_KEY",
                "LANGFUSE_SECRET_KEY"
            ]
        );
    }

    #[test]
    fn shown_values_never_hold_the_secret() {
        let credential = BasicCredential::new(&parse_key_pair(PK, SK).unwrap().0);
        for var in build(&Family::ALL, Some(&Region::Eu.host()), Some(4)) {
            assert!(!var.shown.contains(SK), "{var:?}");
            assert!(!var.shown.contains(credential.base64()), "{var:?}");
            assert!(!format!("{var:?}").contains(SK));
            assert_eq!(var.is_secret(), var.shown != var.expose(), "{}", var.name);
            assert_eq!(var.is_secret(), holds_secret(var.name), "{}", var.name);
        }
        let vars = build(&[Family::Traceloop], None, Some(4));
        assert_eq!(
            vars[0].shown,
            "Authorization=Basic%20<redacted>,x-langfuse-ingestion-version=4"
        );
        let vars = build(&[Family::Langfuse], None, None);
        assert_eq!(vars[1].shown, "sk-lf-...3f4b");
    }
}
