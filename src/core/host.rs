//! Langfuse hosts: the known regions, and normalisation of whatever URL a user pastes.
//!
//! Pure: no IO. The result of [`normalize_host`] is the base URL that every variable family is
//! built from, so anything that would make a client talk to the wrong place is fixed or refused here.

use std::fmt;
use std::net::IpAddr;

use url::Url;

use crate::{tr, tr_static};

/// The path Langfuse serves OTLP under; SDKs append `/v1/traces` to it.
pub const OTEL_BASE_PATH: &str = "/api/public/otel";
/// The full traces path, for clients that take the endpoint as-is.
pub const OTEL_TRACES_PATH: &str = "/api/public/otel/v1/traces";

/// A Langfuse deployment the user can pick by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Region {
    Eu,
    Us,
    Jp,
    Hipaa,
    Local,
}

impl Region {
    /// Every named region, in the order the wizard lists them.
    pub const ALL: [Region; 5] = [
        Region::Eu,
        Region::Us,
        Region::Jp,
        Region::Hipaa,
        Region::Local,
    ];
    /// The Langfuse Cloud regions: separate deployments whose keys are unknown to each other.
    /// Taken from [`Region::ALL`] (the build fails if the length stops matching).
    pub const CLOUD: [Region; 4] = {
        let mut cloud = [Region::Eu; 4];
        let (mut i, mut n) = (0, 0);
        while i < Region::ALL.len() {
            if Region::ALL[i].is_cloud() {
                cloud[n] = Region::ALL[i];
                n += 1;
            }
            i += 1;
        }
        assert!(
            n == cloud.len(),
            "Region::CLOUD's length is the cloud regions' count"
        );
        cloud
    };

    /// A Langfuse Cloud region (not this machine).
    pub const fn is_cloud(self) -> bool {
        !matches!(self, Region::Local)
    }

    pub fn url(self) -> &'static str {
        match self {
            Region::Eu => "https://cloud.langfuse.com",
            Region::Us => "https://us.cloud.langfuse.com",
            Region::Jp => "https://jp.cloud.langfuse.com",
            Region::Hipaa => "https://hipaa.cloud.langfuse.com",
            Region::Local => "http://localhost:3000",
        }
    }

    /// The short name used on the command line (`--region eu`).
    pub fn slug(self) -> &'static str {
        match self {
            Region::Eu => "eu",
            Region::Us => "us",
            Region::Jp => "jp",
            Region::Hipaa => "hipaa",
            Region::Local => "local",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Region::Eu => "EU (Langfuse Cloud)",
            Region::Us => "US (Langfuse Cloud)",
            Region::Jp => "Japan (Langfuse Cloud)",
            Region::Hipaa => "HIPAA (Langfuse Cloud)",
            Region::Local => "Local (self-hosted on this machine)",
        }
    }

    /// [`Region::label`] in the user's language, for sentences (the label itself stays English
    /// where columns are aligned on it).
    pub fn name(self) -> &'static str {
        match self {
            Region::Eu => tr_static!("core-region-eu"),
            Region::Us => tr_static!("core-region-us"),
            Region::Jp => tr_static!("core-region-jp"),
            Region::Hipaa => tr_static!("core-region-hipaa"),
            Region::Local => tr_static!("core-region-local"),
        }
    }

    pub fn from_slug(slug: &str) -> Option<Region> {
        Region::ALL
            .into_iter()
            .find(|region| region.slug().eq_ignore_ascii_case(slug.trim()))
    }

    pub fn host(self) -> Host {
        Host {
            base: self.url().to_string(),
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where the user says Langfuse is, picked from a list: detected from the keys, a named region,
/// or a self-hosted URL (typed separately). The wizard lists [`HostPick::ALL`]; `--region` takes
/// the same values (`auto` detects; a self-hosted URL comes with `--host`, so it has no name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HostPick {
    Detect,
    Region(Region),
    SelfHosted,
}

impl HostPick {
    /// Detection, every one of [`Region::ALL`], then self-hosted: the wizard's order.
    pub const ALL: [HostPick; Region::ALL.len() + 2] = {
        let mut all = [HostPick::Detect; Region::ALL.len() + 2];
        let mut i = 0;
        while i < Region::ALL.len() {
            all[i + 1] = HostPick::Region(Region::ALL[i]);
            i += 1;
        }
        all[Region::ALL.len() + 1] = HostPick::SelfHosted;
        all
    };

    /// The named region; `None` for detection and self-hosted.
    pub fn region(self) -> Option<Region> {
        match self {
            HostPick::Region(region) => Some(region),
            HostPick::Detect | HostPick::SelfHosted => None,
        }
    }
}

impl clap::ValueEnum for HostPick {
    fn value_variants<'a>() -> &'a [Self] {
        &HostPick::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        use clap::builder::PossibleValue;
        match self {
            HostPick::Detect => {
                Some(PossibleValue::new("auto").help(
                    "Detect from the keys: ask every cloud region at once which one knows them",
                ))
            }
            HostPick::Region(region) => Some(PossibleValue::new(region.slug()).help(format!(
                "{}: {}",
                region.label(),
                region.url()
            ))),
            // `--host URL` says where a self-hosted Langfuse is.
            HostPick::SelfHosted => None,
        }
    }
}

/// A normalised Langfuse base URL: `scheme://host[:port][/prefix]`, never a trailing slash, never
/// an OTel path suffix.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Host {
    base: String,
}

impl Host {
    pub fn as_str(&self) -> &str {
        &self.base
    }

    /// `{host}/api/public/otel`: what `TRACELOOP_BASE_URL` and `OTEL_EXPORTER_OTLP_ENDPOINT` take.
    pub fn otel_base_url(&self) -> String {
        format!("{}{}", self.base, OTEL_BASE_PATH)
    }

    /// `{host}/api/public/otel/v1/traces`: where spans are POSTed.
    pub fn otel_traces_url(&self) -> String {
        format!("{}{}", self.base, OTEL_TRACES_PATH)
    }

    /// The named region this host is, if any.
    pub fn region(&self) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.url() == self.base)
    }

    pub fn is_https(&self) -> bool {
        self.base.starts_with("https://")
    }

    /// True when credentials sent here never leave this machine.
    pub fn is_loopback(&self) -> bool {
        Url::parse(&self.base).is_ok_and(|url| is_loopback_url(&url))
    }

    /// A friendly name: the region label when it is one, else the URL.
    pub fn describe(&self) -> String {
        match self.region() {
            Some(region) => format!("{} — {}", region.name(), self.base),
            None => tr!("core-host-self-hosted", url = &self.base),
        }
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.base)
    }
}

/// Something normalisation changed, to be told to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostNote {
    /// A pasted OTel path was removed: the tool adds the right one per variable.
    StrippedSuffix(&'static str),
    /// No scheme was given; this one was assumed.
    AddedScheme(&'static str),
}

impl fmt::Display for HostNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostNote::StrippedSuffix(suffix) => {
                f.write_str(&tr!("core-host-note-stripped-suffix", suffix = *suffix))
            }
            HostNote::AddedScheme("https://") => f.write_str(&tr!("core-host-note-assumed-https")),
            HostNote::AddedScheme(scheme) => f.write_str(&tr!(
                "core-host-note-assumed-local-scheme",
                scheme = *scheme
            )),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HostError {
    Empty,
    Invalid(String),
    UnsupportedScheme { scheme: String },
    HasCredentials,
    HasQueryOrFragment(String),
    InsecureHttp(String),
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            HostError::Empty => tr!("core-host-empty"),
            HostError::Invalid(url) => tr!("core-host-invalid", url = url),
            HostError::UnsupportedScheme { scheme } => {
                tr!("core-host-unsupported-scheme", scheme = scheme)
            }
            HostError::HasCredentials => tr!("core-host-has-credentials"),
            HostError::HasQueryOrFragment(rest) => {
                tr!("core-host-query-or-fragment", rest = rest)
            }
            HostError::InsecureHttp(url) => tr!("core-host-insecure-http", url = url),
        })
    }
}

/// Paths users paste that are not part of the base. Longest first, so a full traces URL loses the
/// whole suffix rather than just `/v1/traces`.
const PASTED_SUFFIXES: [&str; 5] = [
    "/api/public/otel/v1/traces",
    "/api/public/otel/v1",
    "/api/public/otel",
    "/v1/traces",
    "/api/public",
];

/// Normalises a pasted URL into a [`Host`], with notes on what was changed.
///
/// `allow_http` permits plain `http://` to a non-loopback host; loopback is always allowed since the
/// key never leaves the machine.
pub fn normalize_host(input: &str, allow_http: bool) -> Result<(Host, Vec<HostNote>), HostError> {
    let mut notes = Vec::new();
    let trimmed = strip_matching_quotes(input.trim()).trim();
    if trimmed.is_empty() {
        return Err(HostError::Empty);
    }
    if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(HostError::Invalid(trimmed.to_string()));
    }

    let with_scheme = match trimmed.find("://") {
        Some(_) => trimmed.to_string(),
        None => {
            // `localhost:3000` parses as scheme "localhost", so scheme detection is textual.
            let scheme = if looks_loopback_authority(trimmed) {
                "http://"
            } else {
                "https://"
            };
            notes.push(HostNote::AddedScheme(scheme));
            format!("{scheme}{trimmed}")
        }
    };

    let url = Url::parse(&with_scheme).map_err(|_| HostError::Invalid(trimmed.to_string()))?;
    match url.scheme() {
        "http" | "https" => {}
        other => {
            return Err(HostError::UnsupportedScheme {
                scheme: other.to_string(),
            });
        }
    }
    let Some(host) = url.host() else {
        return Err(HostError::Invalid(trimmed.to_string()));
    };
    // The URL parser lets through domains no resolver will find (`cloud.langfuse.com"`, a stray
    // quote from a paste); a DNS name (international ones arrive as `xn--` punycode) has letters,
    // digits, `-`, `_` and dots only.
    if let url::Host::Domain(name) = &host
        && !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        return Err(HostError::Invalid(trimmed.to_string()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(HostError::HasCredentials);
    }
    if url.query().is_some() || url.fragment().is_some() {
        let extra = &url[url::Position::AfterPath..];
        return Err(HostError::HasQueryOrFragment(extra.to_string()));
    }

    let loopback = is_loopback_host(&host);
    if url.scheme() == "http" && !loopback && !allow_http {
        return Err(HostError::InsecureHttp(
            url[..url::Position::AfterPort].to_string(),
        ));
    }

    let mut path = url.path().trim_end_matches('/').to_string();
    // A suffix can be pasted twice (`.../otel/v1/traces/v1/traces`); strip until none is left.
    'strip: loop {
        for suffix in PASTED_SUFFIXES {
            if path.len() >= suffix.len()
                && path[path.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
            {
                path.truncate(path.len() - suffix.len());
                path = path.trim_end_matches('/').to_string();
                if !notes.contains(&HostNote::StrippedSuffix(suffix)) {
                    notes.push(HostNote::StrippedSuffix(suffix));
                }
                continue 'strip;
            }
        }
        break;
    }

    let base = format!("{}{}", &url[..url::Position::AfterPort], path);
    Ok((Host { base }, notes))
}

/// Parses `eu=URL,us=URL,...`: where the cloud regions are, for tests and benchmarks that point
/// them at sandbox servers (`LANGFUSE_OTEL_REGION_HOSTS`). Regions not named keep their real URL.
pub fn parse_region_hosts(spec: &str) -> Result<Vec<(Region, Host)>, String> {
    let mut hosts: Vec<(Region, Host)> = Region::CLOUD.iter().map(|r| (*r, r.host())).collect();
    for item in spec.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let (name, url) = item
            .split_once('=')
            .ok_or_else(|| format!("`{item}` is not REGION=URL"))?;
        let region = Region::from_slug(name)
            .filter(|r| Region::CLOUD.contains(r))
            .ok_or_else(|| format!("`{name}` is not a cloud region (eu, us, jp, hipaa)"))?;
        let (host, _) = normalize_host(url, true).map_err(|e| e.to_string())?;
        if let Some(slot) = hosts.iter_mut().find(|(r, _)| *r == region) {
            slot.1 = host;
        }
    }
    Ok(hosts)
}

fn strip_matching_quotes(s: &str) -> &str {
    for quote in ['"', '\'', '`'] {
        if s.len() >= 2 && s.starts_with(quote) && s.ends_with(quote) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

/// True when a URL's host is this machine (`localhost`, `*.localhost`, 127.0.0.0/8, `::1`).
pub fn is_loopback_url(url: &Url) -> bool {
    url.host().is_some_and(|h| is_loopback_host(&h))
}

/// Whether a URL starts with `http://` or `https://` (any case).
pub fn has_http_scheme(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn is_loopback_host(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
        url::Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        url::Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

/// For scheme-less input: does the authority name this machine?
fn looks_loopback_authority(input: &str) -> bool {
    Url::parse(&format!("http://{input}"))
        .ok()
        .and_then(|url| url.host().map(|h| is_loopback_host(&h)))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_lists_the_region_table() {
        let readme = include_str!("../../README.md");
        let slugs: Vec<&str> = Region::ALL.iter().map(|r| r.slug()).collect();
        let listed = format!("`--region {}`", slugs.join("|"));
        assert!(readme.contains(&listed), "the README should say {listed}");
        // --region takes the table's names, and `auto`; the wizard lists them all in between.
        let names: Vec<String> = HostPick::ALL
            .iter()
            .filter_map(clap::ValueEnum::to_possible_value)
            .map(|value| value.get_name().to_string())
            .collect();
        assert_eq!(names[0], "auto");
        assert_eq!(names[1..], slugs);
        assert_eq!(HostPick::ALL.last(), Some(&HostPick::SelfHosted));
        assert!(
            Region::CLOUD
                .iter()
                .all(|r| r.is_cloud() && Region::ALL.contains(r))
        );
    }

    fn ok(input: &str) -> (String, Vec<HostNote>) {
        let (host, notes) = normalize_host(input, false).expect(input);
        (host.to_string(), notes)
    }

    #[test]
    fn region_urls_are_already_normal() {
        for region in Region::ALL {
            let (host, notes) = normalize_host(region.url(), false).unwrap();
            assert_eq!(host, region.host());
            assert!(notes.is_empty(), "{region:?}: {notes:?}");
            assert_eq!(host.region(), Some(region));
        }
    }

    #[test]
    fn region_slugs_round_trip() {
        for region in Region::ALL {
            assert_eq!(Region::from_slug(region.slug()), Some(region));
            assert_eq!(
                Region::from_slug(&region.slug().to_uppercase()),
                Some(region)
            );
        }
        assert_eq!(Region::from_slug("mars"), None);
    }

    #[test]
    fn trims_whitespace_quotes_and_trailing_slashes() {
        assert_eq!(
            ok("  https://cloud.langfuse.com/  \n").0,
            "https://cloud.langfuse.com"
        );
        assert_eq!(
            ok("\"https://cloud.langfuse.com\"").0,
            "https://cloud.langfuse.com"
        );
        assert_eq!(
            ok("'https://us.cloud.langfuse.com///'").0,
            "https://us.cloud.langfuse.com"
        );
    }

    #[test]
    fn strips_pasted_otel_suffixes_and_says_so() {
        let cases = [
            (
                "https://cloud.langfuse.com/api/public/otel",
                "/api/public/otel",
            ),
            (
                "https://cloud.langfuse.com/api/public/otel/",
                "/api/public/otel",
            ),
            (
                "https://cloud.langfuse.com/api/public/otel/v1/traces",
                "/api/public/otel/v1/traces",
            ),
            ("https://cloud.langfuse.com/v1/traces", "/v1/traces"),
            (
                "https://cloud.langfuse.com/API/Public/OTEL",
                "/api/public/otel",
            ),
        ];
        for (input, suffix) in cases {
            let (host, notes) = ok(input);
            assert_eq!(host, "https://cloud.langfuse.com", "{input}");
            assert_eq!(notes, vec![HostNote::StrippedSuffix(suffix)], "{input}");
        }
    }

    #[test]
    fn strips_a_doubled_suffix() {
        let (host, notes) = ok("https://lf.example.com/api/public/otel/v1/traces/v1/traces");
        assert_eq!(host, "https://lf.example.com");
        assert_eq!(
            notes,
            vec![
                HostNote::StrippedSuffix("/v1/traces"),
                HostNote::StrippedSuffix("/api/public/otel/v1/traces")
            ]
        );
    }

    #[test]
    fn keeps_a_proxy_prefix() {
        let (host, _) = ok("https://example.com/langfuse/api/public/otel");
        assert_eq!(host, "https://example.com/langfuse");
        let host = normalize_host("https://example.com/langfuse", false)
            .unwrap()
            .0;
        assert_eq!(
            host.otel_traces_url(),
            "https://example.com/langfuse/api/public/otel/v1/traces"
        );
        assert_eq!(host.region(), None);
    }

    #[test]
    fn adds_https_when_no_scheme() {
        let (host, notes) = ok("cloud.langfuse.com");
        assert_eq!(host, "https://cloud.langfuse.com");
        assert_eq!(notes, vec![HostNote::AddedScheme("https://")]);
        assert_eq!(
            ok("langfuse.example.com:8443/lf").0,
            "https://langfuse.example.com:8443/lf"
        );
    }

    #[test]
    fn adds_http_for_a_schemeless_loopback_host() {
        for input in [
            "localhost:3000",
            "127.0.0.1:3000",
            "[::1]:3000",
            "LOCALHOST:3000/",
        ] {
            let (host, notes) = ok(input);
            assert!(host.starts_with("http://"), "{input} -> {host}");
            assert_eq!(notes, vec![HostNote::AddedScheme("http://")], "{input}");
        }
        assert_eq!(ok("localhost:3000").0, "http://localhost:3000");
    }

    #[test]
    fn lowercases_the_host_and_drops_default_ports() {
        assert_eq!(
            ok("https://Cloud.Langfuse.COM:443").0,
            "https://cloud.langfuse.com"
        );
        assert_eq!(ok("http://localhost:80").0, "http://localhost");
        assert_eq!(ok("https://cloud.langfuse.com").1, vec![]);
    }

    #[test]
    fn rejects_what_is_not_an_http_url() {
        assert_eq!(normalize_host("", false), Err(HostError::Empty));
        assert_eq!(normalize_host("  \"\" ", false), Err(HostError::Empty));
        assert!(matches!(
            normalize_host("grpc://cloud.langfuse.com", false),
            Err(HostError::UnsupportedScheme { scheme }) if scheme == "grpc"
        ));
        assert!(matches!(
            normalize_host("ftp://x.example", false),
            Err(HostError::UnsupportedScheme { .. })
        ));
        assert!(matches!(
            normalize_host("https://", false),
            Err(HostError::Invalid(_))
        ));
        assert!(matches!(
            normalize_host("https://cloud langfuse.com", false),
            Err(HostError::Invalid(_))
        ));
        assert!(matches!(
            normalize_host("https://exa mple.com", false),
            Err(HostError::Invalid(_))
        ));
        assert_eq!(
            normalize_host("https://pk:sk@cloud.langfuse.com", false),
            Err(HostError::HasCredentials)
        );
        assert!(matches!(
            normalize_host("https://cloud.langfuse.com/?x=1", false),
            Err(HostError::HasQueryOrFragment(q)) if q == "?x=1"
        ));
        assert!(matches!(
            normalize_host("https://cloud.langfuse.com/#top", false),
            Err(HostError::HasQueryOrFragment(q)) if q == "#top"
        ));
    }

    #[test]
    fn plain_http_to_a_remote_host_needs_the_flag() {
        let err = normalize_host("http://langfuse.example.com", false).unwrap_err();
        assert_eq!(
            err,
            HostError::InsecureHttp("http://langfuse.example.com".into())
        );
        assert!(err.to_string().contains("--allow-http"));
        let (host, _) = normalize_host("http://langfuse.example.com", true).unwrap();
        assert_eq!(host.as_str(), "http://langfuse.example.com");
        assert!(!host.is_https());
        assert!(!host.is_loopback());
    }

    #[test]
    fn plain_http_to_loopback_is_fine() {
        for input in [
            "http://localhost:3000",
            "http://127.0.0.1:3000",
            "http://127.8.9.10",
            "http://[::1]:3000",
            "http://langfuse.localhost",
        ] {
            let host = normalize_host(input, false).expect(input).0;
            assert!(host.is_loopback(), "{input}");
        }
    }

    #[test]
    fn every_part_of_a_url_that_cannot_be_a_host_is_refused() {
        // In the path, where the URL parser would percent-encode them: still refused.
        for input in [
            "https://cloud.langfuse.com/a b",
            "https://cloud.langfuse.com/a\u{7}b",
            "https://cloud.langfuse.com/a\u{a0}b",
        ] {
            assert!(
                matches!(normalize_host(input, false), Err(HostError::Invalid(_))),
                "{input:?}"
            );
        }
        // A user name alone, or a password alone, is a credential too.
        for input in [
            "https://pk@cloud.langfuse.com",
            "https://:sk@cloud.langfuse.com",
        ] {
            assert_eq!(
                normalize_host(input, false),
                Err(HostError::HasCredentials),
                "{input}"
            );
        }
        assert!(matches!(
            normalize_host("https://cloud.langfuse.com/?x=1#top", false),
            Err(HostError::HasQueryOrFragment(q)) if q == "?x=1#top"
        ));
        // Quotes are removed only in matching pairs.
        for input in [
            "https://cloud.langfuse.com\"",
            "\"https://cloud.langfuse.com",
            "\"https://cloud.langfuse.com'",
            "\"",
            "'",
        ] {
            assert!(normalize_host(input, false).is_err(), "{input}");
        }
        assert_eq!(
            ok("`https://cloud.langfuse.com`").0,
            "https://cloud.langfuse.com"
        );
        assert_eq!(ok("'cloud.langfuse.com'").0, "https://cloud.langfuse.com");
    }

    #[test]
    fn only_http_and_https_urls_have_an_http_scheme() {
        for url in [
            "http://x",
            "https://x",
            "HTTPS://x",
            "Http://x",
            " https://x",
        ] {
            assert!(has_http_scheme(url), "{url}");
        }
        for url in [
            "x",
            "grpc://x",
            "httpx://x",
            "//x",
            "http:/x",
            "ftp://x",
            "",
        ] {
            assert!(!has_http_scheme(url), "{url}");
        }
        assert!(Region::Eu.host().is_https());
        assert!(ok("cloud.example.com").0.starts_with("https://"));
        assert!(
            normalize_host("https://lf.example.com", false)
                .unwrap()
                .0
                .is_https()
        );
        assert!(
            !normalize_host("http://localhost", false)
                .unwrap()
                .0
                .is_https()
        );
    }

    #[test]
    fn names_that_only_look_like_this_machine_are_remote() {
        for input in [
            "http://localhost.evil.example",
            "http://evil-localhost",
            "http://localhostx",
            "http://127.0.0.1.evil.example",
            "http://localhost.evil.example:3000",
            "http://128.0.0.1",
            "http://[::2]",
        ] {
            assert!(
                matches!(
                    normalize_host(input, false),
                    Err(HostError::InsecureHttp(_))
                ),
                "{input}"
            );
            let (host, _) = normalize_host(input, true).expect(input);
            assert!(!host.is_loopback(), "{input}");
        }
        // Without a scheme, only this machine gets plain http.
        assert_eq!(
            ok("localhost.evil.example:3000").0,
            "https://localhost.evil.example:3000"
        );
        assert_eq!(ok("LocalHost.:3000").0, "http://localhost.:3000");
        assert!(
            normalize_host("http://LOCALHOST.", false)
                .unwrap()
                .0
                .is_loopback()
        );
    }

    #[test]
    fn derived_urls() {
        let host = Region::Us.host();
        assert_eq!(
            host.otel_base_url(),
            "https://us.cloud.langfuse.com/api/public/otel"
        );
        assert_eq!(
            host.otel_traces_url(),
            "https://us.cloud.langfuse.com/api/public/otel/v1/traces"
        );
        assert_eq!(
            host.describe(),
            "US (Langfuse Cloud) — https://us.cloud.langfuse.com"
        );
        let custom = normalize_host("lf.example.com", false).unwrap().0;
        assert_eq!(custom.describe(), "self-hosted — https://lf.example.com");
    }

    #[test]
    fn notes_read_well() {
        assert_eq!(
            HostNote::AddedScheme("https://").to_string(),
            "no scheme given: assumed `https://`"
        );
        assert!(
            HostNote::StrippedSuffix("/v1/traces")
                .to_string()
                .contains("removed `/v1/traces`")
        );
    }

    #[test]
    fn region_hosts_can_be_pointed_elsewhere() {
        let hosts =
            parse_region_hosts("us=http://127.0.0.1:9001, jp=http://127.0.0.1:9002").unwrap();
        let urls: Vec<(Region, &str)> = hosts.iter().map(|(r, h)| (*r, h.as_str())).collect();
        assert_eq!(
            urls,
            [
                (Region::Eu, "https://cloud.langfuse.com"),
                (Region::Us, "http://127.0.0.1:9001"),
                (Region::Jp, "http://127.0.0.1:9002"),
                (Region::Hipaa, "https://hipaa.cloud.langfuse.com"),
            ]
        );
        assert!(parse_region_hosts("local=http://x").is_err());
        assert!(parse_region_hosts("eu").is_err());
        assert!(parse_region_hosts("").unwrap().len() == 4);
    }

    proptest::proptest! {
        #[test]
        fn normalisation_is_idempotent(input in "[a-zA-Z0-9:/._ -]{0,40}") {
            if let Ok((host, _)) = normalize_host(&input, true) {
                let (again, notes) = normalize_host(host.as_str(), true).unwrap();
                proptest::prop_assert_eq!(&again, &host);
                proptest::prop_assert!(notes.is_empty(), "{:?}", notes);
                proptest::prop_assert!(!host.as_str().ends_with('/'));
            }
        }
    }

    /// Host errors and notes in Chinese, each with the URL or scheme it is about.
    #[test]
    fn host_messages_read_in_chinese() {
        use crate::core::i18n::{Lang, assert_chinese, with_language};
        let zh = |input: &str| {
            with_language(Lang::ZhCn, || {
                normalize_host(input, false).unwrap_err().to_string()
            })
        };
        assert_chinese(&zh(""), &["https://cloud.langfuse.com", "--region"]);
        assert_chinese(&zh("https://exa mple.com"), &["https://exa mple.com"]);
        assert_chinese(&zh("ftp://lf.example"), &["ftp://"]);
        assert_chinese(&zh("https://u:p@lf.example"), &["Authorization"]);
        assert_chinese(&zh("https://lf.example/?a=1"), &["?a=1"]);
        assert_chinese(
            &zh("http://lf.example"),
            &["http://lf.example", "--allow-http"],
        );
        let notes = with_language(Lang::ZhCn, || {
            let (_, notes) = normalize_host("lf.example/api/public/otel/v1/traces", false).unwrap();
            notes.iter().map(ToString::to_string).collect::<Vec<_>>()
        });
        assert_eq!(notes.len(), 2, "{notes:?}");
        for note in &notes {
            assert_chinese(note, &[]);
        }
        assert!(
            notes
                .iter()
                .any(|n| n.contains("/api/public/otel/v1/traces"))
        );
        assert!(notes.iter().any(|n| n.contains("`https://`")));
        for region in Region::ALL {
            assert_eq!(with_language(Lang::En, || region.name()), region.label());
            assert_chinese(with_language(Lang::ZhCn, || region.name()), &[]);
        }
        assert_chinese(
            &with_language(Lang::ZhCn, || Region::Eu.host().describe()),
            &["欧洲", "https://cloud.langfuse.com"],
        );
    }
}
