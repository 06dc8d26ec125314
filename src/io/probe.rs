//! The live test: real requests to a Langfuse (or the sandbox), over one connection pool.
//!
//! Bounded everywhere: connect and total timeouts per request, retries only on 5xx and resets (with
//! backoff), never on 4xx. Redirects are not followed, so the Authorization header can never travel
//! to another host.
//!
//! Where the key may go, decided by address, not by name: plain http is sent without the user's
//! opt-in only when every address the host resolves to is loopback; `localhost` and `*.localhost`
//! are loopback by definition (RFC 6761) and never asked of the resolver; a name is resolved once
//! per prober and every connection uses the addresses that were checked. A loopback target never
//! goes through a proxy.
//!
//! THE boundary where server text enters: every reply is read through [`Reply::from_server`] (the
//! sanitizer of [`crate::core::server_text`]) with a [`Redactor`] that knows what this request sent,
//! and a transport error's text through [`ServerText::sanitize`] too.

use std::collections::HashMap;
use std::error::Error as _;
use std::future::Future;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, Once, OnceLock};
use std::time::{Duration, Instant};

use reqwest::redirect::Policy;
use url::Url;
use zeroize::Zeroizing;

use crate::core::credential::{AUTHORIZATION, DecodedHeader};
use crate::core::diagnosis::{
    Attempt, CheckKind, NetError, Outcome, Problem, Project, Reply, Verdict, judge, read_projects,
};
use crate::core::host::{Host, Region};
use crate::core::otlp;
use crate::core::server_text::{MAX_TEXT, Redactor, ServerText};
use crate::core::target::Target;
use crate::tr;

/// Enough of a body for any message Langfuse sends; the rest is not read.
const MAX_BODY: usize = 16 * 1024;

#[derive(Clone, Copy, Debug)]
pub struct ProbeOptions {
    pub connect_timeout: Duration,
    /// For one request, connection included.
    pub timeout: Duration,
    /// Extra tries after a 5xx or a reset.
    pub retries: u32,
    /// First backoff; doubled each retry.
    pub backoff: Duration,
    /// Allow plain http:// to a host other than this machine.
    pub allow_http: bool,
}

impl Default for ProbeOptions {
    fn default() -> Self {
        ProbeOptions {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(10),
            retries: 2,
            backoff: Duration::from_millis(200),
            allow_http: false,
        }
    }
}

impl ProbeOptions {
    /// The longest one check can take, retries and backoff included: what the user is promised.
    pub fn worst_case(&self) -> Duration {
        let tries = self.retries + 1;
        let backoff: Duration = (0..self.retries).map(|i| self.backoff * 2u32.pow(i)).sum();
        self.timeout * tries + backoff
    }
}

/// The result of testing one target.
#[derive(Clone, Debug)]
pub struct Report {
    pub target_label: String,
    pub traces_url: String,
    /// The proxy the OTLP request went through (password hidden), if any.
    pub via_proxy: Option<String>,
    pub health: Attempt,
    pub credentials: Attempt,
    pub ingest: Attempt,
    pub verdict: Verdict,
    pub elapsed: Duration,
}

/// A region's answer to the keys, for auto-detection.
#[derive(Clone, Debug)]
pub struct RegionAnswer {
    pub region: Region,
    pub host: Host,
    pub result: Result<Project, Problem>,
}

/// How host names become addresses: the system's resolver, or one a test injects.
pub trait NameLookup: Send + Sync + 'static {
    fn lookup(&self, name: String) -> Lookup;
}

pub type Lookup = Pin<Box<dyn Future<Output = io::Result<Vec<IpAddr>>> + Send>>;

/// The system's resolver (getaddrinfo, on the blocking pool).
pub struct SystemLookup;

impl NameLookup for SystemLookup {
    fn lookup(&self, name: String) -> Lookup {
        Box::pin(async move {
            Ok(tokio::net::lookup_host((name.as_str(), 0))
                .await?
                .map(|addr| addr.ip())
                .collect())
        })
    }
}

/// True for `localhost` and `*.localhost`: this machine by definition (RFC 6761 §6.3).
pub fn is_localhost_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

/// 127.0.0.0/8, ::1, and IPv4-mapped loopback.
pub fn is_loopback_ip(ip: IpAddr) -> bool {
    ip.to_canonical().is_loopback()
}

/// The addresses connections use. A name is resolved once and pinned: the address checked is the
/// address connected to, even if the resolver answers differently later (DNS rebinding).
#[derive(Clone)]
struct Addresses {
    lookup: Arc<dyn NameLookup>,
    pinned: Arc<Mutex<HashMap<String, Vec<IpAddr>>>>,
}

impl Addresses {
    async fn resolve(&self, name: &str) -> io::Result<Vec<IpAddr>> {
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if is_localhost_name(&name) {
            return Ok(vec![
                IpAddr::V4(Ipv4Addr::LOCALHOST),
                IpAddr::V6(Ipv6Addr::LOCALHOST),
            ]);
        }
        if let Some(found) = self.pinned().get(&name) {
            return Ok(found.clone());
        }
        let found = self.lookup.lookup(name.clone()).await?;
        if found.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("{name} has no address"),
            ));
        }
        Ok(self.pinned().entry(name).or_insert(found).clone())
    }

    fn pinned(&self) -> std::sync::MutexGuard<'_, HashMap<String, Vec<IpAddr>>> {
        self.pinned
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether `url`'s host is known to be this machine without a lookup now: an address, a
    /// `localhost` name, or a name already resolved to loopback addresses only.
    fn known_loopback(&self, url: &Url) -> bool {
        match url.host() {
            Some(url::Host::Ipv4(ip)) => is_loopback_ip(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => is_loopback_ip(IpAddr::V6(ip)),
            Some(url::Host::Domain(name)) => {
                is_localhost_name(name)
                    || self
                        .pinned()
                        .get(&name.trim_end_matches('.').to_ascii_lowercase())
                        .is_some_and(|ips| ips.iter().all(|ip| is_loopback_ip(*ip)))
            }
            None => false,
        }
    }

    /// Whether every address of `url`'s host is loopback (resolving and pinning a name).
    async fn is_loopback(&self, url: &Url) -> io::Result<bool> {
        match url.host() {
            Some(url::Host::Domain(name)) => Ok(self
                .resolve(name)
                .await?
                .iter()
                .all(|ip| is_loopback_ip(*ip))),
            _ => Ok(self.known_loopback(url)),
        }
    }
}

impl reqwest::dns::Resolve for Addresses {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let this = self.clone();
        let name = name.as_str().to_string();
        Box::pin(async move {
            let ips = this.resolve(&name).await?;
            let addrs: reqwest::dns::Addrs =
                Box::new(ips.into_iter().map(|ip| SocketAddr::new(ip, 0)));
            Ok(addrs)
        })
    }
}

#[derive(Clone)]
pub struct Prober {
    clients: Arc<Clients>,
    options: ProbeOptions,
    addresses: Addresses,
    /// Within one run (see [`Prober::sharing_identical_requests`]): each distinct request is sent
    /// once, and its answer given to every check that would send it.
    shared: Option<Arc<SharedRequests>>,
}

/// What makes two checks' requests the same request: the check, the URL, every header sent
/// (name and exact value), the body, and what the answer is redacted of. Values are zeroed when
/// the run ends.
#[derive(PartialEq, Eq)]
struct RequestKey {
    check: CheckKind,
    url: String,
    headers: Vec<(String, Zeroizing<String>)>,
    body: Vec<u8>,
    redactor: Redactor,
}

impl std::hash::Hash for RequestKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.check.hash(state);
        self.url.hash(state);
        for (name, value) in &self.headers {
            name.hash(state);
            value.as_str().hash(state);
        }
        self.body.hash(state);
        self.redactor.hash(state);
    }
}

type SharedRequests = Mutex<HashMap<RequestKey, Arc<tokio::sync::OnceCell<Attempt>>>>;

/// Two connection pools, each built on first use. Only the one for TLS reads the system's root
/// certificates (about 150 files under /etc/ssl/certs, most of a loopback test's time), so a test
/// of plain-http targets never reads them.
#[derive(Default)]
struct Clients {
    plain: OnceLock<Result<reqwest::Client, String>>,
    tls: OnceLock<Result<reqwest::Client, String>>,
}

impl Prober {
    /// Builds nothing yet: each pool is made when a request first needs it.
    pub fn new(options: ProbeOptions) -> Result<Prober, String> {
        Prober::with_lookup(options, Arc::new(SystemLookup))
    }

    /// A prober whose names are resolved by `lookup` (tests inject one).
    pub fn with_lookup(
        options: ProbeOptions,
        lookup: Arc<dyn NameLookup>,
    ) -> Result<Prober, String> {
        Ok(Prober {
            clients: Arc::default(),
            options,
            addresses: Addresses {
                lookup,
                pinned: Arc::default(),
            },
            shared: None,
        })
    }

    /// The same prober for one run of checks (the families of a `test`, checked at once): a
    /// request identical to one already sent in this run, byte for byte and header for header, is
    /// not sent again; its answer is given to each check that asked. Three families of one .env
    /// pointing at one host with one key pair send one health check and one key check instead of
    /// three each (a loopback test's time is mostly the kernel's TCP work per connection). A new
    /// run, such as the wizard's retry, starts with nothing shared.
    pub fn sharing_identical_requests(&self) -> Prober {
        Prober {
            shared: Some(Arc::default()),
            ..self.clone()
        }
    }

    /// Sends `key`'s request with `send`, or, within a sharing run, waits for the answer of the
    /// identical request already under way.
    async fn once(
        &self,
        key: impl FnOnce() -> RequestKey,
        send: impl Future<Output = Attempt>,
    ) -> Attempt {
        let Some(shared) = &self.shared else {
            return send.await;
        };
        let cell = {
            let mut requests = shared
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            requests.entry(key()).or_default().clone()
        };
        cell.get_or_init(|| send).await.clone()
    }

    /// The pool for `url`: with the system's roots when TLS is spoken (an https URL, or any URL
    /// through an https proxy), without any roots otherwise.
    fn client_for(&self, url: &Url) -> Result<&reqwest::Client, NetError> {
        let through_tls_proxy = self
            .proxy_for(url.as_str())
            .is_some_and(|proxy| proxy.to_ascii_lowercase().starts_with("https:"));
        let tls = url.scheme() == "https" || through_tls_proxy;
        let (cell, kind) = if tls {
            (&self.clients.tls, "HTTPS")
        } else {
            (&self.clients.plain, "HTTP")
        };
        cell.get_or_init(|| {
            install_crypto_provider();
            let started = Instant::now();
            let for_proxy = self.addresses.clone();
            let builder = reqwest::Client::builder()
                .redirect(Policy::none())
                .connect_timeout(self.options.connect_timeout)
                .timeout(self.options.timeout)
                .user_agent(concat!("langfuse-otel/", env!("CARGO_PKG_VERSION")))
                .dns_resolver(Arc::new(self.addresses.clone()))
                // THE proxy rule, replacing reqwest's own reading of the variables: the variables
                // as curl reads them, and never a proxy for this machine.
                .proxy(reqwest::Proxy::custom(move |url| {
                    if for_proxy.known_loopback(url) {
                        return None;
                    }
                    env_proxy(url).and_then(|proxy| Url::parse(&proxy).ok())
                }));
            // No roots at all: this pool never speaks TLS (see above).
            let builder = if tls {
                builder
            } else {
                builder.tls_certs_only(std::iter::empty())
            };
            let client = builder.build().map_err(|e| {
                tr!(
                    "core-probe-client-failed",
                    kind = kind,
                    cause = last_cause(&e)
                )
            });
            tracing::debug!(
                client = kind,
                ok = client.is_ok(),
                elapsed_ms = millis(started.elapsed()),
                "HTTP client built"
            );
            client
        })
        .as_ref()
        .map_err(|cause| {
            let cause = cause.clone();
            if tls {
                NetError::Tls { cause }
            } else {
                NetError::Other { cause }
            }
        })
    }

    pub fn options(&self) -> &ProbeOptions {
        &self.options
    }

    /// The proxy a request to `url` goes through (password hidden), as the client decides it:
    /// none for this machine (an address, a `localhost` name, or a name the plain-http check
    /// resolved to loopback), else the variables'. Other names are not resolved for this: where
    /// a proxy is needed, often only the proxy can resolve them.
    pub fn proxy_for(&self, url: &str) -> Option<String> {
        let url = Url::parse(url).ok()?;
        let proxy = env_proxy(&url)?;
        (!self.addresses.known_loopback(&url)).then(|| hide_password(&proxy))
    }

    /// Health, credentials and an empty export, concurrently; then the verdict.
    pub async fn test(&self, target: &Target) -> Report {
        let started = Instant::now();
        let redactor = redactor_for(target);
        let extra = target.extra_headers();
        let (health, credentials, ingest) = tokio::join!(
            self.health(&target.host, &redactor, &extra),
            self.credentials(&target.host, target.authorization(), &extra),
            self.ingest(target, otlp::EMPTY_EXPORT.to_vec()),
        );
        let verdict = judge(Some(&health), Some(&credentials), &ingest);
        Report {
            target_label: target.label.clone(),
            traces_url: target.traces_url.clone(),
            via_proxy: self.proxy_for(&target.traces_url),
            health,
            credentials,
            ingest,
            verdict,
            elapsed: started.elapsed(),
        }
    }

    /// `GET /api/public/health`; `redactor` knows what the other requests of the test send.
    /// `extra`: an access proxy's headers, which every request needs.
    pub async fn health(
        &self,
        host: &Host,
        redactor: &Redactor,
        extra: &[DecodedHeader],
    ) -> Attempt {
        let url = format!("{host}/api/public/health");
        let key = || RequestKey {
            check: CheckKind::Health,
            url: url.clone(),
            headers: header_key(extra.iter().map(|h| (h.name.as_str(), h.value.as_str()))),
            body: Vec::new(),
            redactor: redactor.clone(),
        };
        self.once(
            key,
            self.send(CheckKind::Health, &url, redactor, |client, url| {
                with_headers(client.get(url.as_str()), extra)
            }),
        )
        .await
    }

    /// `GET /api/public/projects` with the Authorization value (none when `None`).
    pub async fn credentials(
        &self,
        host: &Host,
        authorization: Option<&str>,
        extra: &[DecodedHeader],
    ) -> Attempt {
        let url = format!("{host}/api/public/projects");
        let key = || RequestKey {
            check: CheckKind::Credentials,
            url: url.clone(),
            headers: header_key(
                extra
                    .iter()
                    .map(|h| (h.name.as_str(), h.value.as_str()))
                    .chain(authorization.map(|value| ("authorization", value))),
            ),
            body: Vec::new(),
            redactor: Redactor::default(),
        };
        self.once(
            key,
            self.authorized_get(CheckKind::Credentials, &url, authorization, extra),
        )
        .await
    }

    /// `GET /api/public/traces/{trace_id}` with the Authorization value: Langfuse's public read
    /// API, 404 until the trace is processed.
    pub async fn read_trace(
        &self,
        host: &Host,
        authorization: Option<&str>,
        extra: &[DecodedHeader],
        trace_id: &str,
    ) -> Attempt {
        let url = format!("{host}/api/public/traces/{trace_id}");
        self.authorized_get(CheckKind::ReadBack, &url, authorization, extra)
            .await
    }

    /// A GET with the Authorization value (none when `None`), whose echo in the answer is redacted.
    async fn authorized_get(
        &self,
        check: CheckKind,
        url: &str,
        authorization: Option<&str>,
        extra: &[DecodedHeader],
    ) -> Attempt {
        let mut redactor =
            Redactor::for_headers(extra.iter().map(|h| (h.name.as_str(), h.value.as_str())));
        if let Some(value) = authorization {
            redactor.add_authorization(value);
        }
        self.send(check, url, &redactor, |client, url| {
            let request = with_headers(client.get(url.as_str()), extra);
            match authorization {
                Some(value) => request.header(AUTHORIZATION, value),
                None => request,
            }
        })
        .await
    }

    /// POSTs `body` to the target's traces URL with exactly the target's headers.
    pub async fn ingest(&self, target: &Target, body: Vec<u8>) -> Attempt {
        let url = &target.traces_url;
        let redactor = redactor_for(target);
        let key = || RequestKey {
            check: CheckKind::Ingest,
            url: url.clone(),
            headers: header_key(
                target
                    .headers
                    .iter()
                    .map(|h| (h.name.as_str(), h.value.as_str())),
            ),
            body: body.clone(),
            redactor: redactor.clone(),
        };
        self.once(
            key,
            self.send(CheckKind::Ingest, url, &redactor, |client, url| {
                let mut request = client
                    .post(url.as_str())
                    .header(reqwest::header::CONTENT_TYPE, otlp::CONTENT_TYPE)
                    .body(body.clone());
                for header in &target.headers {
                    request = request.header(header.name.as_str(), header.value.as_str());
                }
                request
            }),
        )
        .await
    }

    /// Asks every region whether it knows the keys, all at once.
    pub async fn detect_region(
        &self,
        regions: &[(Region, Host)],
        authorization: Option<&str>,
    ) -> Vec<RegionAnswer> {
        let mut tasks = tokio::task::JoinSet::new();
        for (index, (region, host)) in regions.iter().enumerate() {
            let prober = self.clone();
            let host = host.clone();
            let region = *region;
            let authorization = authorization.map(str::to_string);
            tasks.spawn(async move {
                let attempt = prober
                    .credentials(&host, authorization.as_deref(), &[])
                    .await;
                let result = read_projects(&attempt, None);
                (
                    index,
                    RegionAnswer {
                        region,
                        host,
                        result,
                    },
                )
            });
        }
        let mut answers: Vec<(usize, RegionAnswer)> = tasks.join_all().await;
        answers.sort_by_key(|(index, _)| *index);
        answers.into_iter().map(|(_, answer)| answer).collect()
    }

    /// When a cloud region rejected the keys, asks the other cloud regions whether they know them.
    /// Only a cloud region's keys are sent to the other cloud regions: a self-hosted user's keys
    /// never leave for Langfuse Cloud.
    pub async fn region_hint(
        &self,
        regions: &[(Region, Host)],
        report: &Report,
        target: &Target,
    ) -> Option<RegionAnswer> {
        if !report
            .verdict
            .problems
            .contains(&Problem::InvalidCredentials)
            || !regions.iter().any(|(_, h)| *h == target.host)
        {
            return None;
        }
        let others: Vec<(Region, Host)> = regions
            .iter()
            .filter(|(_, h)| *h != target.host)
            .cloned()
            .collect();
        self.detect_region(&others, target.authorization())
            .await
            .into_iter()
            .find(|answer| answer.result.is_ok())
    }

    async fn send(
        &self,
        check: CheckKind,
        url: &str,
        redactor: &Redactor,
        build: impl Fn(&reqwest::Client, &Url) -> reqwest::RequestBuilder,
    ) -> Attempt {
        let started = Instant::now();
        let done = |outcome, attempts| Attempt {
            check,
            url: url.to_string(),
            outcome,
            attempts,
            elapsed: started.elapsed(),
        };
        let parsed = match Url::parse(url) {
            Ok(parsed) => parsed,
            Err(e) => {
                return done(
                    Outcome::Failed(NetError::Other {
                        cause: tr!("core-probe-bad-url", url = url, error = e.to_string()),
                    }),
                    0,
                );
            }
        };
        let proxy = env_proxy(&parsed);
        if parsed.scheme() == "http" && !self.options.allow_http {
            // By address: the name is resolved here, and the connection uses what was checked.
            // A name that does not resolve here cannot be shown to be this machine either.
            if !self.addresses.is_loopback(&parsed).await.unwrap_or(false) {
                return done(Outcome::Failed(NetError::InsecureHttp), 0);
            }
        }
        let proxy = proxy.filter(|_| !self.addresses.known_loopback(&parsed));
        let mut backoff = self.options.backoff;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let retry_left = attempt <= self.options.retries;
            let client = match self.client_for(&parsed) {
                Ok(client) => client,
                Err(error) => return done(Outcome::Failed(error), attempt - 1),
            };
            let sent = Instant::now();
            let (method, result) = match build(client, &parsed).build() {
                Ok(request) => (request.method().clone(), client.execute(request).await),
                Err(error) => (reqwest::Method::GET, Err(error)),
            };
            let outcome = match result {
                Ok(response) => match read_reply(response, redactor).await {
                    Ok(reply) => match proxy_failure(&reply, proxy.as_deref()) {
                        Some(error) => Outcome::Failed(error),
                        None => Outcome::Reply(reply),
                    },
                    // Cut mid-body (a reset, a stall past the timeout): a transport failure, not
                    // an answer.
                    Err(error) => Outcome::Failed(classify(
                        &error,
                        &parsed,
                        proxy.as_deref(),
                        redactor,
                        &self.options,
                    )),
                },
                Err(error) => Outcome::Failed(classify(
                    &error,
                    &parsed,
                    proxy.as_deref(),
                    redactor,
                    &self.options,
                )),
            };
            log_request(&method, &parsed, &outcome, sent.elapsed(), attempt);
            let retryable = match &outcome {
                Outcome::Reply(reply) => reply.status >= 500,
                Outcome::Failed(NetError::Reset) => true,
                Outcome::Failed(_) => false,
            };
            if !(retryable && retry_left) {
                return done(outcome, attempt);
            }
            tokio::time::sleep(backoff).await;
            backoff *= 2;
        }
    }
}

/// One line per request: method, URL (without any user or password), status or failure, time.
/// Never a header (the Authorization value) and never the body (a server may echo the header).
fn log_request(
    method: &reqwest::Method,
    url: &Url,
    outcome: &Outcome,
    elapsed: Duration,
    attempt: u32,
) {
    let mut shown = url.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    let elapsed_ms = millis(elapsed);
    match outcome {
        Outcome::Reply(reply) => {
            tracing::info!(%method, url = %shown, status = reply.status, elapsed_ms, attempt, "request");
        }
        Outcome::Failed(error) => {
            tracing::info!(%method, url = %shown, ?error, elapsed_ms, attempt, "request failed");
        }
    }
}

fn with_headers(
    mut request: reqwest::RequestBuilder,
    headers: &[DecodedHeader],
) -> reqwest::RequestBuilder {
    for header in headers {
        request = request.header(header.name.as_str(), header.value.as_str());
    }
    request
}

/// What a request carries that a reply must not show.
/// Headers as a request's identity: in the order sent, names lower-cased (as they go on the
/// wire), values exactly.
fn header_key<'a>(
    headers: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, Zeroizing<String>)> {
    headers
        .map(|(name, value)| (name.to_ascii_lowercase(), Zeroizing::new(value.to_string())))
        .collect()
}

fn redactor_for(target: &Target) -> Redactor {
    Redactor::for_headers(
        target
            .headers
            .iter()
            .map(|h| (h.name.as_str(), h.value.as_str())),
    )
}

/// An answer that came from the proxy rather than from the server behind it: 407 (only a proxy
/// asks for proxy credentials), and 502/503/504 from a forwarding proxy (it could not reach, or
/// gave up on, the server).
fn proxy_failure(reply: &Reply, proxy: Option<&str>) -> Option<NetError> {
    let proxy = proxy?;
    let cause = match reply.status {
        407 => tr!("core-proxy-needs-credentials"),
        502 => tr!("core-proxy-bad-gateway"),
        503 => tr!("core-proxy-unavailable"),
        504 => tr!("core-proxy-gateway-timeout"),
        _ => return None,
    };
    Some(NetError::Proxy {
        proxy: hide_password(proxy),
        cause,
    })
}

/// rustls with the ring provider, for the whole process (reqwest asks rustls for the default).
fn install_crypto_provider() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // An error means a provider is already installed, which serves as well.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn read_reply(
    mut response: reqwest::Response,
    redactor: &Redactor,
) -> Result<Reply, reqwest::Error> {
    let status = response.status().as_u16();
    let header = |name| {
        response
            .headers()
            .get(name)
            // Bytes beyond ASCII are read too (and sanitized), not dropped: a hostile value must
            // not hide by being unreadable.
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    let content_type = header(reqwest::header::CONTENT_TYPE);
    let location = header(reqwest::header::LOCATION);
    let mut body = Vec::new();
    // Bounded: past MAX_BODY the rest is not read (the connection is dropped, not drained).
    while body.len() < MAX_BODY {
        match response.chunk().await? {
            Some(chunk) => body.extend_from_slice(&chunk),
            None => break,
        }
    }
    body.truncate(MAX_BODY);
    Ok(Reply::from_server(
        status,
        content_type.as_deref(),
        &String::from_utf8_lossy(&body),
        location.as_deref(),
        redactor,
    ))
}

/// Turns a transport error into what the user needs to hear. `proxy`: the proxy the request went
/// through.
fn classify(
    error: &reqwest::Error,
    url: &Url,
    proxy: Option<&str>,
    redactor: &Redactor,
    options: &ProbeOptions,
) -> NetError {
    let host = url.host_str().unwrap_or_default().to_string();
    let address = format!("{host}:{}", url.port_or_known_default().unwrap_or(0));
    // A transport error's text can quote what a peer sent: it goes through the sanitizer too.
    let chain = ServerText::sanitize(&error_chain(error), redactor, MAX_TEXT).to_string();
    let inner = classify_chain(error, &chain, &host, &address, options);
    match proxy {
        // Through a proxy, a failure to connect is the proxy's; say which one.
        Some(proxy)
            if error.is_connect()
                || chain.contains("tunnel")
                || matches!(inner, NetError::Refused { .. }) =>
        {
            NetError::Proxy {
                proxy: hide_password(proxy),
                cause: if chain.contains("proxy authorization required") {
                    tr!("core-proxy-needs-credentials")
                } else if chain.contains("tunnel error: unsuccessful") {
                    tr!("core-proxy-no-tunnel")
                } else {
                    match inner {
                        NetError::Refused { .. } => tr!("core-proxy-refused"),
                        other => other_cause(&other, &chain),
                    }
                },
            }
        }
        _ => inner,
    }
}

fn other_cause(error: &NetError, chain: &str) -> String {
    match error {
        NetError::Other { cause } | NetError::Tls { cause } => cause.clone(),
        NetError::Dns { host } => tr!("core-proxy-dns", host = host),
        NetError::Timeout { .. } => tr!("core-proxy-timeout"),
        _ => chain.to_string(),
    }
}

fn classify_chain(
    error: &reqwest::Error,
    chain: &str,
    host: &str,
    address: &str,
    options: &ProbeOptions,
) -> NetError {
    if error.is_timeout() {
        let limit = if error.is_connect() {
            options.connect_timeout
        } else {
            options.timeout
        };
        return NetError::Timeout {
            after_ms: limit.as_millis() as u64,
        };
    }
    let mut source = error.source();
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            match io.kind() {
                io::ErrorKind::ConnectionRefused => {
                    return NetError::Refused {
                        address: address.to_string(),
                    };
                }
                io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
                | io::ErrorKind::BrokenPipe
                | io::ErrorKind::UnexpectedEof => return NetError::Reset,
                io::ErrorKind::TimedOut => {
                    return NetError::Timeout {
                        after_ms: options.timeout.as_millis() as u64,
                    };
                }
                _ => {}
            }
        }
        source = cause.source();
    }
    let lower = chain.to_ascii_lowercase();
    if lower.contains("dns error") || lower.contains("failed to lookup address") {
        return NetError::Dns {
            host: host.to_string(),
        };
    }
    if lower.contains("certificate")
        || lower.contains("tls")
        || lower.contains("handshake")
        || lower.contains("corrupt message")
        || lower.contains("invalidcontenttype")
    {
        return NetError::Tls {
            cause: ServerText::sanitize(&last_cause(error), &Redactor::none(), MAX_TEXT)
                .to_string(),
        };
    }
    if lower.contains("connection closed")
        || lower.contains("incomplete message")
        || lower.contains("reset")
    {
        return NetError::Reset;
    }
    NetError::Other {
        cause: chain.to_string(),
    }
}

fn error_chain(error: &reqwest::Error) -> String {
    let mut parts = vec![strip_url(&error.to_string())];
    let mut source = error.source();
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.dedup();
    parts.join(": ")
}

fn last_cause(error: &reqwest::Error) -> String {
    let mut last = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        last = cause.to_string();
        source = cause.source();
    }
    last
}

/// reqwest's message ends with ` for url (...)`; the URL is shown elsewhere.
fn strip_url(message: &str) -> String {
    match message.find(" for url (") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The proxy the variables name for `url` (as curl reads them: `HTTPS_PROXY` / `HTTP_PROXY`, then
/// `ALL_PROXY`, either case; `NO_PROXY`), password included, with a scheme. Loopback targets are
/// exempted by the caller, which knows their addresses.
fn env_proxy(url: &Url) -> Option<String> {
    let env = |name: &str| {
        std::env::var(name)
            .ok()
            .or_else(|| std::env::var(name.to_ascii_lowercase()).ok())
            .filter(|v| !v.trim().is_empty())
    };
    let host = url.host_str()?.to_ascii_lowercase();
    if let Some(no_proxy) = env("NO_PROXY")
        && no_proxy_matches(&no_proxy, &host)
    {
        return None;
    }
    let proxy = match url.scheme() {
        "https" => env("HTTPS_PROXY"),
        _ => env("HTTP_PROXY"),
    }
    .or_else(|| env("ALL_PROXY"))?;
    let proxy = proxy.trim();
    Some(if proxy.contains("://") {
        proxy.to_string()
    } else {
        format!("http://{proxy}")
    })
}

fn no_proxy_matches(list: &str, host: &str) -> bool {
    list.split(',')
        .map(|entry| entry.trim().trim_start_matches('.').to_ascii_lowercase())
        .filter(|entry| !entry.is_empty())
        .any(|entry| entry == "*" || host == entry || host.ends_with(&format!(".{entry}")))
}

fn hide_password(proxy: &str) -> String {
    match Url::parse(proxy) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string().trim_end_matches('/').to_string()
        }
        _ => proxy.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_case_of_a_check_is_bounded_and_known() {
        let options = ProbeOptions::default();
        assert_eq!(
            options.worst_case(),
            Duration::from_secs(30) + Duration::from_millis(600)
        );
    }

    #[test]
    fn no_proxy_entries_match_hosts_and_subdomains() {
        assert!(no_proxy_matches(
            "localhost, .langfuse.com",
            "cloud.langfuse.com"
        ));
        assert!(no_proxy_matches("cloud.langfuse.com", "cloud.langfuse.com"));
        assert!(no_proxy_matches("*", "x"));
        assert!(!no_proxy_matches("langfuse.com.evil", "cloud.langfuse.com"));
        assert!(!no_proxy_matches("", "x"));
    }

    #[test]
    fn proxy_passwords_are_hidden() {
        assert_eq!(
            hide_password("http://user:hunter2@proxy:3128"),
            "http://user:***@proxy:3128"
        );
        assert_eq!(hide_password("http://proxy:3128"), "http://proxy:3128");
    }

    #[test]
    fn loopback_is_an_address_or_a_localhost_name() {
        for ip in ["127.0.0.1", "127.9.8.7", "::1", "::ffff:127.0.0.1"] {
            assert!(is_loopback_ip(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["10.0.0.1", "192.0.2.1", "::", "0.0.0.0", "::ffff:10.0.0.1"] {
            assert!(!is_loopback_ip(ip.parse().unwrap()), "{ip}");
        }
        for name in ["localhost", "LOCALHOST.", "app.localhost", "a.b.localhost"] {
            assert!(is_localhost_name(name), "{name}");
        }
        for name in ["localhost.evil.example", "evillocalhost", "localhost.", "x"] {
            assert_eq!(is_localhost_name(name), name == "localhost.", "{name}");
        }
    }
}
