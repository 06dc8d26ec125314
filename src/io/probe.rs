//! The live test: real requests to a Langfuse (or the sandbox), over one connection pool.
//!
//! Bounded everywhere: connect and total timeouts per request, retries only on 5xx and resets (with
//! backoff), never on 4xx. Redirects are not followed, so the Authorization header can never travel
//! to another host, and plain http to a host other than this machine is refused before anything is
//! sent unless the user opted in.

use std::error::Error as _;
use std::io;
use std::sync::{Arc, Once, OnceLock};
use std::time::{Duration, Instant};

use reqwest::redirect::Policy;
use url::Url;

use crate::core::credential::AUTHORIZATION;
use crate::core::diagnosis::{
    Attempt, CheckKind, NetError, Outcome, Problem, Project, Reply, Verdict, judge, read_projects,
};
use crate::core::host::{Host, Region, is_loopback_url};
use crate::core::otlp;
use crate::core::target::Target;

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

#[derive(Clone)]
pub struct Prober {
    clients: Arc<Clients>,
    options: ProbeOptions,
}

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
        Ok(Prober {
            clients: Arc::default(),
            options,
        })
    }

    /// The pool for `url`: with the system's roots when TLS is spoken (an https URL, or any URL
    /// through an https proxy), without any roots otherwise.
    fn client_for(&self, url: &Url) -> Result<&reqwest::Client, NetError> {
        let through_tls_proxy =
            proxy_for(url).is_some_and(|proxy| proxy.to_ascii_lowercase().starts_with("https:"));
        let tls = url.scheme() == "https" || through_tls_proxy;
        let (cell, kind) = if tls {
            (&self.clients.tls, "HTTPS")
        } else {
            (&self.clients.plain, "HTTP")
        };
        cell.get_or_init(|| {
            install_crypto_provider();
            let started = Instant::now();
            let builder = reqwest::Client::builder()
                .redirect(Policy::none())
                .connect_timeout(self.options.connect_timeout)
                .timeout(self.options.timeout)
                .user_agent(concat!("langfuse-otel/", env!("CARGO_PKG_VERSION")));
            // No roots at all: this pool never speaks TLS (see above).
            let builder = if tls {
                builder
            } else {
                builder.tls_certs_only(std::iter::empty())
            };
            let client = builder
                .build()
                .map_err(|e| format!("cannot start the {kind} client: {}", last_cause(&e)));
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

    /// Health, credentials and an empty export, concurrently; then the verdict.
    pub async fn test(&self, target: &Target) -> Report {
        let started = Instant::now();
        let (health, credentials, ingest) = tokio::join!(
            self.health(&target.host),
            self.credentials(&target.host, target.authorization()),
            self.ingest(target, otlp::EMPTY_EXPORT.to_vec()),
        );
        let verdict = judge(Some(&health), Some(&credentials), &ingest);
        Report {
            target_label: target.label.clone(),
            traces_url: target.traces_url.clone(),
            health,
            credentials,
            ingest,
            verdict,
            elapsed: started.elapsed(),
        }
    }

    pub async fn health(&self, host: &Host) -> Attempt {
        let url = format!("{host}/api/public/health");
        self.send(CheckKind::Health, &url, |client| client.get(&url))
            .await
    }

    /// `GET /api/public/projects` with the Authorization value (none when `None`).
    pub async fn credentials(&self, host: &Host, authorization: Option<&str>) -> Attempt {
        let url = format!("{host}/api/public/projects");
        self.send(CheckKind::Credentials, &url, |client| {
            let request = client.get(&url);
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
        self.send(CheckKind::Ingest, url, |client| {
            let mut request = client
                .post(url)
                .header(reqwest::header::CONTENT_TYPE, otlp::CONTENT_TYPE)
                .body(body.clone());
            for header in &target.headers {
                request = request.header(header.name.as_str(), header.value.as_str());
            }
            request
        })
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
                let attempt = prober.credentials(&host, authorization.as_deref()).await;
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
        build: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
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
                        cause: format!("`{url}` is not a valid URL: {e}"),
                    }),
                    0,
                );
            }
        };
        if parsed.scheme() == "http" && !self.options.allow_http && !is_loopback_url(&parsed) {
            return done(Outcome::Failed(NetError::InsecureHttp), 0);
        }
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
            let (method, result) = match build(client).build() {
                Ok(request) => (request.method().clone(), client.execute(request).await),
                Err(error) => (reqwest::Method::GET, Err(error)),
            };
            let outcome = match result {
                Ok(response) => match read_reply(response).await {
                    Ok(reply) => Outcome::Reply(reply),
                    // Cut mid-body (a reset, a stall past the timeout): a transport failure, not
                    // an answer.
                    Err(error) => Outcome::Failed(classify(&error, &parsed, &self.options)),
                },
                Err(error) => Outcome::Failed(classify(&error, &parsed, &self.options)),
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
            tracing::debug!(
                content_type = reply.content_type.as_deref().unwrap_or(""),
                body_bytes = reply.body.len(),
                redirect = reply.location.is_some(),
                "response"
            );
        }
        Outcome::Failed(error) => {
            tracing::info!(%method, url = %shown, ?error, elapsed_ms, attempt, "request failed");
        }
    }
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

async fn read_reply(mut response: reqwest::Response) -> Result<Reply, reqwest::Error> {
    let status = response.status().as_u16();
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
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
    Ok(Reply {
        status,
        content_type,
        body: String::from_utf8_lossy(&body).into_owned(),
        location,
    })
}

/// Turns a transport error into what the user needs to hear.
fn classify(error: &reqwest::Error, url: &Url, options: &ProbeOptions) -> NetError {
    let host = url.host_str().unwrap_or_default().to_string();
    let address = format!("{host}:{}", url.port_or_known_default().unwrap_or(0));
    let chain = error_chain(error);
    let inner = classify_chain(error, &chain, &host, &address, options);
    match proxy_for(url) {
        // Through a proxy, a failure to connect is the proxy's; say which one.
        Some(proxy)
            if error.is_connect()
                || chain.contains("tunnel")
                || matches!(inner, NetError::Refused { .. }) =>
        {
            NetError::Proxy {
                proxy,
                cause: match inner {
                    NetError::Refused { .. } => "connection refused".to_string(),
                    other => other_cause(&other, &chain),
                },
            }
        }
        _ => inner,
    }
}

fn other_cause(error: &NetError, chain: &str) -> String {
    match error {
        NetError::Other { cause } | NetError::Tls { cause } => cause.clone(),
        NetError::Dns { host } => format!("{host} does not resolve"),
        NetError::Timeout { .. } => "no answer in time".to_string(),
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
            cause: last_cause(error),
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

/// The proxy reqwest will use for `url`, from the same variables it reads, with any password hidden.
pub fn proxy_for(url: &Url) -> Option<String> {
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
    Some(hide_password(&proxy))
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
    fn loopback_urls() {
        for url in [
            "http://localhost:3000",
            "http://127.0.0.1",
            "http://[::1]:1",
        ] {
            assert!(is_loopback_url(&Url::parse(url).unwrap()), "{url}");
        }
        assert!(!is_loopback_url(&Url::parse("http://example.com").unwrap()));
    }
}
