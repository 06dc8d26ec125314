//! What a live test sends, and where: derived from the variables exactly as the clients derive it.
//!
//! Pure. A [`Target`] carries the headers that the written (or found) header variable decodes to, so
//! the live test proves the file rather than the keys. From a `.env`, each family is read alone, the
//! way its client reads it, because one family's correct header can hide another's broken one.

use std::fmt;

use crate::core::credential::{
    AUTHORIZATION, BasicCredential, DecodedHeader, HeaderListError, INGESTION_VERSION_HEADER,
    decode_header_list_dropping, encode_header_list, find_header,
};
use crate::core::host::{Host, Region, has_http_scheme, normalize_host};
use crate::core::keys::{KeyError, parse_key_pair};
use crate::core::vars::{Family, Variable};
use crate::tr;

/// One configuration to test.
#[derive(Clone)]
pub struct Target {
    /// `traceloop`, `otel`, `langfuse`, or `setup` for what `setup` is about to write.
    pub label: String,
    /// The Langfuse base, for the health and credential checks.
    pub host: Host,
    /// Where the client POSTs spans.
    pub traces_url: String,
    /// What the client sends, decoded from the header variable.
    pub headers: Vec<DecodedHeader>,
    /// Entries a strict client drops (OTel Python, so Traceloop Python), with why.
    pub dropped: Vec<HeaderListError>,
}

impl Target {
    pub fn authorization(&self) -> Option<&str> {
        find_header(&self.headers, AUTHORIZATION)
    }

    /// The headers besides Langfuse's credential and ingestion version (an access proxy's), which
    /// every request to the host carries.
    pub fn extra_headers(&self) -> Vec<DecodedHeader> {
        self.headers
            .iter()
            .filter(|h| {
                !h.name.eq_ignore_ascii_case(AUTHORIZATION)
                    && !h.name.eq_ignore_ascii_case(INGESTION_VERSION_HEADER)
            })
            .cloned()
            .collect()
    }

    /// The target for variables `setup` is about to write: the header variable's value, decoded.
    /// With only the `langfuse` family, the header the Langfuse SDK builds from the keys.
    pub fn for_variables(
        host: &Host,
        variables: &[Variable],
        fallback_keys: &[Variable],
    ) -> Target {
        let header_list = variables
            .iter()
            .find(|v| crate::core::vars::HEADER_LIST_VARIABLES.contains(&v.name))
            .map(|v| v.expose().to_string())
            .unwrap_or_else(|| sdk_header_list(fallback_keys));
        let (headers, dropped) = decode_header_list_dropping(&header_list);
        Target {
            label: "setup".to_string(),
            host: host.clone(),
            traces_url: host.otel_traces_url(),
            headers,
            dropped,
        }
    }
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // DecodedHeader's Debug redacts the Authorization value.
        f.debug_struct("Target")
            .field("label", &self.label)
            .field("traces_url", &self.traces_url)
            .field("headers", &self.headers)
            .finish()
    }
}

/// The header list Langfuse's SDK sends, from `LANGFUSE_PUBLIC_KEY` / `LANGFUSE_SECRET_KEY`
/// variables (empty when they are missing).
fn sdk_header_list(variables: &[Variable]) -> String {
    let get = |name: &str| {
        variables
            .iter()
            .find(|v| v.name == name)
            .map(|v| v.expose().to_string())
    };
    match (get("LANGFUSE_PUBLIC_KEY"), get("LANGFUSE_SECRET_KEY")) {
        (Some(pk), Some(sk)) => match parse_key_pair(&pk, &sk) {
            Ok((keys, _)) => {
                let header = BasicCredential::new(&keys).header_value();
                use secrecy::ExposeSecret as _;
                encode_header_list([
                    (AUTHORIZATION, header.expose_secret()),
                    (INGESTION_VERSION_HEADER, "4"),
                ])
            }
            Err(_) => String::new(),
        },
        _ => String::new(),
    }
}

/// Why a family found in a `.env` cannot be tested as it stands.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    MissingBaseUrl {
        headers: &'static str,
        base: &'static str,
        default: &'static str,
    },
    NoScheme {
        variable: &'static str,
        value: String,
    },
    BadUrl {
        variable: &'static str,
        reason: String,
    },
    Grpc(String),
    Keys(KeyError),
    MissingKey,
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            TargetError::MissingBaseUrl {
                headers,
                base,
                default,
            } => tr!(
                "core-target-missing-base-url",
                headers = *headers,
                base = *base,
                default = *default
            ),
            TargetError::NoScheme { variable, value } => {
                tr!("core-target-no-scheme", variable = *variable, value = value)
            }
            TargetError::BadUrl { variable, reason } => {
                tr!("core-target-bad-url", variable = *variable, reason = reason)
            }
            TargetError::Grpc(protocol) => tr!("core-target-grpc", protocol = protocol),
            TargetError::Keys(error) => tr!("core-target-keys", error = error.to_string()),
            TargetError::MissingKey => tr!("core-target-missing-key"),
        })
    }
}

/// One family found in a `.env`, ready to test or not.
#[derive(Debug)]
pub struct FamilyTarget {
    pub family: Family,
    pub target: Result<Target, TargetError>,
}

/// Every family that has at least one variable set, each read the way its client reads it.
/// `lookup` gives a variable's value (from a `.env` or the environment).
pub fn targets_from_env(lookup: &dyn Fn(&str) -> Option<String>) -> Vec<FamilyTarget> {
    let has = |names: &[&str]| names.iter().any(|n| lookup(n).is_some());
    let mut found = Vec::new();
    if has(Family::Traceloop.variable_names()) {
        found.push(FamilyTarget {
            family: Family::Traceloop,
            target: traceloop_target(lookup),
        });
    }
    if has(&[
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_HEADERS",
        "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
    ]) {
        found.push(FamilyTarget {
            family: Family::Otel,
            target: otel_target(lookup),
        });
    }
    if has(&["LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY"]) {
        found.push(FamilyTarget {
            family: Family::Langfuse,
            target: langfuse_target(lookup),
        });
    }
    found
}

/// The Langfuse base a traces URL belongs to (its OTel suffixes removed).
fn host_of(variable: &'static str, url: &str) -> Result<Host, TargetError> {
    normalize_host(url, true)
        .map(|(host, _)| host)
        .map_err(|e| TargetError::BadUrl {
            variable,
            reason: e.to_string(),
        })
}

fn traceloop_target(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Target, TargetError> {
    const BASE: &str = "TRACELOOP_BASE_URL";
    let Some(base) = lookup(BASE) else {
        return Err(TargetError::MissingBaseUrl {
            headers: "TRACELOOP_HEADERS",
            base: BASE,
            default: "api.traceloop.com",
        });
    };
    let base = base.trim().to_string();
    if !has_http_scheme(&base) {
        return Err(TargetError::NoScheme {
            variable: BASE,
            value: if crate::core::vars::may_show(BASE, &base) {
                base
            } else {
                crate::core::keys::mask_secret(&base)
            },
        });
    }
    // Traceloop Python appends /v1/traces unless the URL already ends with it.
    let traces_url = if base.ends_with("/v1/traces") {
        base.clone()
    } else {
        format!("{base}/v1/traces")
    };
    let (headers, dropped) =
        decode_header_list_dropping(&lookup("TRACELOOP_HEADERS").unwrap_or_default());
    Ok(Target {
        label: Family::Traceloop.name().to_string(),
        host: host_of(BASE, &base)?,
        traces_url,
        headers,
        dropped,
    })
}

fn otel_target(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Target, TargetError> {
    for name in [
        "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
    ] {
        if let Some(protocol) = lookup(name) {
            if protocol.trim().starts_with("grpc") {
                return Err(TargetError::Grpc(protocol.trim().to_string()));
            }
            break;
        }
    }
    // The signal-specific endpoint is used as-is; the general one gets /v1/traces appended.
    let (variable, traces_url) = match (
        lookup("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
        lookup("OTEL_EXPORTER_OTLP_ENDPOINT"),
    ) {
        (Some(url), _) => ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", url.trim().to_string()),
        (None, Some(url)) => {
            let url = url.trim();
            let joined = if url.ends_with('/') {
                format!("{url}v1/traces")
            } else {
                format!("{url}/v1/traces")
            };
            ("OTEL_EXPORTER_OTLP_ENDPOINT", joined)
        }
        (None, None) => {
            return Err(TargetError::MissingBaseUrl {
                headers: "OTEL_EXPORTER_OTLP_HEADERS",
                base: "OTEL_EXPORTER_OTLP_ENDPOINT",
                default: "http://localhost:4318",
            });
        }
    };
    if !has_http_scheme(&traces_url) {
        return Err(TargetError::BadUrl {
            variable,
            reason: tr!("core-target-needs-scheme"),
        });
    }
    let list = lookup("OTEL_EXPORTER_OTLP_TRACES_HEADERS")
        .or_else(|| lookup("OTEL_EXPORTER_OTLP_HEADERS"))
        .unwrap_or_default();
    let (headers, dropped) = decode_header_list_dropping(&list);
    Ok(Target {
        label: Family::Otel.name().to_string(),
        host: host_of(variable, &traces_url)?,
        traces_url,
        headers,
        dropped,
    })
}

fn langfuse_target(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Target, TargetError> {
    let (Some(public), Some(secret)) =
        (lookup("LANGFUSE_PUBLIC_KEY"), lookup("LANGFUSE_SECRET_KEY"))
    else {
        return Err(TargetError::MissingKey);
    };
    let (keys, _) = parse_key_pair(&public, &secret).map_err(TargetError::Keys)?;
    // What the Python SDK reads: LANGFUSE_BASE_URL, then its deprecated LANGFUSE_HOST; EU by default.
    let (variable, url) = match (lookup("LANGFUSE_BASE_URL"), lookup("LANGFUSE_HOST")) {
        (Some(url), _) => ("LANGFUSE_BASE_URL", url),
        (None, Some(url)) => ("LANGFUSE_HOST", url),
        (None, None) => ("LANGFUSE_BASE_URL", Region::Eu.url().to_string()),
    };
    let host = host_of(variable, &url)?;
    let header = BasicCredential::new(&keys).header_value();
    use secrecy::ExposeSecret as _;
    let list = encode_header_list([
        (AUTHORIZATION, header.expose_secret()),
        (INGESTION_VERSION_HEADER, "4"),
    ]);
    let (headers, dropped) = decode_header_list_dropping(&list);
    Ok(Target {
        label: Family::Langfuse.name().to_string(),
        traces_url: host.otel_traces_url(),
        host,
        headers,
        dropped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const PK: &str = "pk-lf-1c5d8a3e-0f3b-4c59-9d1a-5b8f2e7c4a10";
    const SK: &str = "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b";

    fn targets(vars: &[(&str, &str)]) -> Vec<FamilyTarget> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        targets_from_env(&move |name| map.get(name).cloned())
    }

    fn expected() -> String {
        let keys = parse_key_pair(PK, SK).unwrap().0;
        use secrecy::ExposeSecret as _;
        BasicCredential::new(&keys)
            .header_value()
            .expose_secret()
            .to_string()
    }

    fn encoded() -> String {
        format!(
            "Authorization={},x-langfuse-ingestion-version=4",
            crate::core::credential::encode_header_value(&expected())
        )
    }

    #[test]
    fn each_family_is_read_alone_the_way_its_client_reads_it() {
        let list = encoded();
        let found = targets(&[
            (
                "TRACELOOP_BASE_URL",
                "https://us.cloud.langfuse.com/api/public/otel",
            ),
            ("TRACELOOP_HEADERS", &list),
            (
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "https://us.cloud.langfuse.com/api/public/otel/",
            ),
            ("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Basic abc"),
            ("LANGFUSE_PUBLIC_KEY", PK),
            ("LANGFUSE_SECRET_KEY", SK),
            ("LANGFUSE_HOST", "https://jp.cloud.langfuse.com"),
        ]);
        let families: Vec<Family> = found.iter().map(|f| f.family).collect();
        assert_eq!(families, Family::ALL);

        let traceloop = found[0].target.as_ref().unwrap();
        assert_eq!(
            traceloop.traces_url,
            "https://us.cloud.langfuse.com/api/public/otel/v1/traces"
        );
        assert_eq!(traceloop.host, Region::Us.host());
        assert_eq!(traceloop.authorization(), Some(expected().as_str()));

        // The OTel family's broken header is not hidden by the Traceloop family's good one.
        let otel = found[1].target.as_ref().unwrap();
        assert_eq!(
            otel.traces_url,
            "https://us.cloud.langfuse.com/api/public/otel/v1/traces"
        );
        assert_eq!(otel.authorization(), None);
        assert_eq!(otel.dropped.len(), 1);

        let langfuse = found[2].target.as_ref().unwrap();
        assert_eq!(langfuse.host, Region::Jp.host());
        assert_eq!(langfuse.authorization(), Some(expected().as_str()));
    }

    #[test]
    fn url_mistakes_are_named() {
        let found = targets(&[("TRACELOOP_BASE_URL", "cloud.langfuse.com/api/public/otel")]);
        assert!(matches!(
            &found[0].target,
            Err(TargetError::NoScheme {
                variable: "TRACELOOP_BASE_URL",
                ..
            })
        ));
        assert!(
            found[0]
                .target
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("gRPC")
        );

        let found = targets(&[("TRACELOOP_HEADERS", "a=b")]);
        assert!(matches!(
            &found[0].target,
            Err(TargetError::MissingBaseUrl { .. })
        ));

        let found = targets(&[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "https://cloud.langfuse.com"),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
        ]);
        assert_eq!(
            found[0].target.as_ref().unwrap_err(),
            &TargetError::Grpc("grpc".into())
        );

        let found = targets(&[("LANGFUSE_PUBLIC_KEY", SK), ("LANGFUSE_SECRET_KEY", PK)]);
        assert_eq!(
            found[0].target.as_ref().unwrap_err(),
            &TargetError::Keys(KeyError::Swapped)
        );
    }

    #[test]
    fn wrong_paths_are_kept_so_the_live_test_shows_the_404() {
        let found = targets(&[
            ("TRACELOOP_BASE_URL", "https://cloud.langfuse.com"),
            (
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "https://cloud.langfuse.com/api/public/otel",
            ),
        ]);
        assert_eq!(
            found[0].target.as_ref().unwrap().traces_url,
            "https://cloud.langfuse.com/v1/traces"
        );
        let otel = found[1].target.as_ref().unwrap();
        assert_eq!(
            otel.traces_url,
            "https://cloud.langfuse.com/api/public/otel"
        );
        assert_eq!(otel.host, Region::Eu.host());
    }

    #[test]
    fn the_langfuse_family_defaults_to_eu() {
        let found = targets(&[("LANGFUSE_PUBLIC_KEY", PK), ("LANGFUSE_SECRET_KEY", SK)]);
        assert_eq!(found[0].target.as_ref().unwrap().host, Region::Eu.host());
    }

    #[test]
    fn debug_never_shows_the_credential() {
        let list = encoded();
        let found = targets(&[
            (
                "TRACELOOP_BASE_URL",
                "https://cloud.langfuse.com/api/public/otel",
            ),
            ("TRACELOOP_HEADERS", &list),
        ]);
        let debug = format!("{found:?}");
        assert!(!debug.contains(&expected()[6..]), "{debug}");
    }
}
