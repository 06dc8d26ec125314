//! A Langfuse-compatible HTTP server on loopback, for `demo`, the tests and the benchmarks.
//!
//! It serves the routes the live test uses with Langfuse's own status codes and bodies, checks
//! Basic auth against configured key pairs the way Langfuse does, serves a Next.js-like 404 page
//! elsewhere, and injects faults on demand: latency, 5xx, connection resets, redirects. It is a small
//! hand-written HTTP/1.1 server rather than a framework so that a fault can be exactly what a real
//! network does (a reset is a TCP RST, not an error page).

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Keys for `langfuse-otel demo`: shaped like real ones, valid only in the sandbox.
pub const DEMO_PUBLIC_KEY: &str = "pk-lf-00000000-0000-4000-8000-00000000demo";
pub const DEMO_SECRET_KEY: &str = "sk-lf-00000000-0000-4000-8000-00000000demo";

/// The largest request head and body the sandbox reads; larger requests get 413.
const MAX_HEAD: usize = 64 * 1024;
const MAX_BODY: usize = 16 * 1024 * 1024;

#[derive(Clone)]
pub struct SandboxProject {
    pub public_key: String,
    pub secret_key: String,
    pub id: String,
    pub name: String,
}

impl fmt::Debug for SandboxProject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SandboxProject({}, {})", self.name, self.public_key)
    }
}

#[derive(Clone, Debug)]
pub struct SandboxConfig {
    pub projects: Vec<SandboxProject>,
    /// What `/api/public/health` reports.
    pub version: String,
    /// A path prefix the server lives under (`/langfuse` behind a reverse proxy), or empty.
    pub prefix: String,
    /// `false` answers the OTel route with 404, as servers before 3.22 do.
    pub otel_route: bool,
    /// Answers the OTel route with 403 "Ingestion suspended", as when the usage limit is reached.
    pub ingestion_suspended: bool,
    /// A server that attacks the terminal and the logs: every string of every answer (version,
    /// project, organization, messages, error pages, injected failures, redirect targets) carries
    /// escape sequences (OSC title, CSI clear screen), C0 and C1 controls, bidi overrides and
    /// isolates, a forged line of our own output, overlong text, and the request's Authorization
    /// header echoed back raw, percent-encoded and decoded. See [`HOSTILE_MARK`].
    pub hostile: bool,
    /// When an ingested trace becomes readable at `GET /api/public/traces/{id}`.
    pub visibility: Visibility,
    /// An access proxy in front (Cloudflare Access, oauth2-proxy): every request without each of
    /// these headers, with exactly this value, gets 403 and an HTML page, on every route.
    pub access_headers: Vec<(String, String)>,
}

/// How long an ingested span takes to be readable, as Langfuse's processing does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    Immediate,
    After(Duration),
    /// Accepted, never readable (a stuck worker).
    Never,
    /// At once with `x-langfuse-ingestion-version: 4` (the v4 fast path), after the delay without.
    SlowWithoutV4Header(Duration),
}

/// Text inside the hostile mode's OSC sequences: seen anywhere on a terminal or in an output, the
/// sequence got through.
pub const HOSTILE_MARK: &str = "PWNED";
/// A line of our own output that the hostile mode forges after a line break.
pub const HOSTILE_FORGED_LINE: &str = "  ✓ forged";

impl SandboxConfig {
    /// One project with the given keys.
    pub fn with_keys(public_key: &str, secret_key: &str) -> Self {
        SandboxConfig {
            projects: vec![SandboxProject {
                public_key: public_key.to_string(),
                secret_key: secret_key.to_string(),
                id: "cm0sandbox0project".to_string(),
                name: "Sandbox project".to_string(),
            }],
            version: "3.130.0".to_string(),
            prefix: String::new(),
            otel_route: true,
            ingestion_suspended: false,
            hostile: false,
            visibility: Visibility::Immediate,
            access_headers: Vec::new(),
        }
    }

    pub fn demo() -> Self {
        let mut config = SandboxConfig::with_keys(DEMO_PUBLIC_KEY, DEMO_SECRET_KEY);
        config.projects[0].name = "langfuse-otel demo".to_string();
        config
    }
}

/// Faults to inject, changeable while the server runs.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    /// Added before every answer.
    pub latency: Duration,
    /// Answer this many of the next requests with `fail_status` (`u32::MAX`: all of them).
    pub fail_next: u32,
    pub fail_status: u16,
    /// Reset (TCP RST) the connection of this many of the next requests instead of answering.
    pub reset_next: u32,
    /// Answer every request with `301 Location: {redirect_to}{path}`.
    pub redirect_to: Option<String>,
    /// Send the head and half the body of this many of the next answers, then reset.
    pub truncate_next: u32,
    /// Send the body one byte at a time with this pause between bytes (a slow-loris answer).
    pub slow_body: Option<Duration>,
    /// Answer every request with 200 and a body of this many bytes.
    pub huge_body: Option<usize>,
}

/// One request as the sandbox received it.
#[derive(Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for Recorded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth = self.header("authorization").map(|_| "<redacted>");
        write!(
            f,
            "{} {} (authorization: {:?}, {} body bytes)",
            self.method,
            self.path,
            auth,
            self.body.len()
        )
    }
}

struct State {
    config: SandboxConfig,
    faults: Mutex<Faults>,
    requests: Mutex<Vec<Recorded>>,
    /// Ingested trace ids: when they arrived, and whether with the v4 ingestion header.
    traces: Mutex<std::collections::HashMap<String, (Instant, bool)>>,
}

/// A running sandbox; stopped when dropped.
pub struct Sandbox {
    addr: SocketAddr,
    state: Arc<State>,
    task: JoinHandle<()>,
}

impl Sandbox {
    /// Starts on a free port of 127.0.0.1. Must be called inside a tokio runtime.
    pub async fn start(config: SandboxConfig) -> io::Result<Sandbox> {
        Sandbox::start_on(SocketAddr::from(([127, 0, 0, 1], 0)), config).await
    }

    pub async fn start_on(addr: SocketAddr, config: SandboxConfig) -> io::Result<Sandbox> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State {
            config,
            faults: Mutex::new(Faults::default()),
            requests: Mutex::new(Vec::new()),
            traces: Mutex::new(std::collections::HashMap::new()),
        });
        let shared = Arc::clone(&state);
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let state = Arc::clone(&shared);
                tokio::spawn(async move {
                    let _ = serve_connection(stream, &state).await;
                });
            }
        });
        Ok(Sandbox { addr, state, task })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The Langfuse base URL of this sandbox (with its prefix).
    pub fn url(&self) -> String {
        format!("http://{}{}", self.addr, self.state.config.prefix)
    }

    pub fn config(&self) -> &SandboxConfig {
        &self.state.config
    }

    pub fn faults(&self) -> MutexGuard<'_, Faults> {
        lock(&self.state.faults)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.state.requests).clone()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

struct Response {
    status: u16,
    content_type: &'static str,
    body: String,
    location: Option<String>,
}

impl Response {
    fn json(status: u16, body: impl Into<String>) -> Response {
        Response {
            status,
            content_type: "application/json; charset=utf-8",
            body: body.into(),
            location: None,
        }
    }

    fn message(status: u16, message: &str) -> Response {
        Response::json(
            status,
            serde_json::json!({ "message": message }).to_string(),
        )
    }

    /// What an access proxy answers a request without its headers.
    fn access_denied() -> Response {
        Response {
            status: 403,
            content_type: "text/html; charset=utf-8",
            body: "<!DOCTYPE html><html><head><title>Forbidden</title></head><body><h1>403 Forbidden</h1><p>Access denied by the access proxy: missing or wrong service token.</p></body></html>".into(),
            location: None,
        }
    }

    fn not_found() -> Response {
        Response {
            status: 404,
            content_type: "text/html; charset=utf-8",
            body: NOT_FOUND_PAGE.to_string(),
            location: None,
        }
    }
}

const NOT_FOUND_PAGE: &str = "<!DOCTYPE html><html><head><meta charSet=\"utf-8\"/><title>404: This page could not be found</title></head><body><div id=\"__next\"><h1>404</h1><h2>This page could not be found.</h2></div></body></html>";

async fn serve_connection(mut stream: TcpStream, state: &State) -> io::Result<()> {
    let mut buffer = Vec::with_capacity(4096);
    loop {
        let Some(request) = read_request(&mut stream, &mut buffer).await? else {
            return Ok(());
        };
        let close = request
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        lock(&state.requests).push(request.clone());

        let (latency, reset, fail, redirect, truncate, slow, huge) = {
            let mut faults = lock(&state.faults);
            let reset = faults.reset_next > 0;
            if reset && faults.reset_next != u32::MAX {
                faults.reset_next -= 1;
            }
            let fail = (faults.fail_next > 0).then_some(faults.fail_status);
            if fail.is_some() && faults.fail_next != u32::MAX {
                faults.fail_next -= 1;
            }
            let truncate = faults.truncate_next > 0;
            if truncate && faults.truncate_next != u32::MAX {
                faults.truncate_next -= 1;
            }
            (
                faults.latency,
                reset,
                fail,
                faults.redirect_to.clone(),
                truncate,
                faults.slow_body,
                faults.huge_body,
            )
        };
        if !latency.is_zero() {
            tokio::time::sleep(latency).await;
        }
        if reset {
            // SO_LINGER 0 turns the close into a TCP RST, as a crashing proxy or firewall does.
            let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
            return Ok(());
        }
        if let Some(size) = huge {
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {size}\r\n\r\n"
            );
            stream.write_all(head.as_bytes()).await?;
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0;
            while sent < size {
                let n = chunk.len().min(size - sent);
                // The client may stop reading and close: that is the point.
                if stream.write_all(&chunk[..n]).await.is_err() {
                    return Ok(());
                }
                sent += n;
            }
            continue;
        }
        let response = if let Some(status) = fail {
            Response {
                status,
                content_type: "text/plain; charset=utf-8",
                body: "upstream failure (injected by the sandbox)".to_string(),
                location: None,
            }
        } else if let Some(target) = redirect {
            Response {
                status: 301,
                content_type: "text/plain; charset=utf-8",
                body: String::new(),
                location: Some(format!("{target}{}", request.path)),
            }
        } else {
            route(state, &request)
        };
        let response = if state.config.hostile {
            hostile(response, &request)
        } else {
            response
        };
        if truncate {
            write_partial(&mut stream, &response).await?;
            let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
            return Ok(());
        }
        if let Some(pause) = slow {
            write_slowly(&mut stream, &response, pause).await?;
            continue;
        }
        write_response(&mut stream, &response, close).await?;
        if close {
            return Ok(());
        }
    }
}

/// Reads one request; `None` when the peer closed the connection between requests.
async fn read_request(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
) -> io::Result<Option<Recorded>> {
    let head_end = loop {
        if let Some(end) = find(buffer, b"\r\n\r\n") {
            break end;
        }
        if buffer.len() > MAX_HEAD {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "head too large"));
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..n]);
        // A TLS ClientHello (or other non-HTTP bytes) to this plain-HTTP port: answer as a real
        // HTTP server does, so the client sees the TLS failure it would see in the field.
        if !buffer[0].is_ascii_uppercase() {
            stream
                .write_all(
                    b"HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n",
                )
                .await?;
            return Ok(None);
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    buffer.drain(..head_end + 4);
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_string();
    let target = request_line.next().unwrap_or_default();
    // A proxy-style absolute URL (`http://host/path`) is reduced to its path.
    let path = match target.find("://") {
        Some(i) => target[i + 3..]
            .find('/')
            .map_or("/".to_string(), |j| target[i + 3 + j..].to_string()),
        None => target.to_string(),
    };
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let get = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let body = if get("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        read_chunked(stream, buffer).await?
    } else {
        let length: usize = get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if length > MAX_BODY {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "body too large"));
        }
        fill(stream, buffer, length).await?;
        buffer.drain(..length).collect()
    };
    Ok(Some(Recorded {
        method,
        path,
        headers,
        body,
    }))
}

async fn fill(stream: &mut TcpStream, buffer: &mut Vec<u8>, len: usize) -> io::Result<()> {
    while buffer.len() < len {
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    Ok(())
}

async fn read_chunked(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = loop {
            if let Some(end) = find(buffer, b"\r\n") {
                break end;
            }
            let have = buffer.len();
            fill(stream, buffer, have + 1).await?;
        };
        let size_text = String::from_utf8_lossy(&buffer[..line_end]).into_owned();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad chunk size"))?;
        buffer.drain(..line_end + 2);
        if body.len() + size > MAX_BODY {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "body too large"));
        }
        fill(stream, buffer, size + 2).await?;
        body.extend(buffer.drain(..size));
        buffer.drain(..2);
        if size == 0 {
            return Ok(body);
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

async fn write_response(
    stream: &mut TcpStream,
    response: &Response,
    close: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: {}\r\ncontent-length: {}\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    if close {
        head.push_str("connection: close\r\n");
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    if let Some(location) = &response.location {
        // Raw bytes: a hostile Location carries non-ASCII (obs-text), as HTTP/1.1 lets it.
        let at = bytes.len() - 2;
        bytes.splice(at..at, format!("location: {location}\r\n").into_bytes());
    }
    stream.write_all(&bytes).await?;
    stream.write_all(response.body.as_bytes()).await?;
    stream.flush().await
}

/// The hostile mode's text: `text` wrapped in everything a terminal must never receive raw.
fn hostile_text(text: &str, request: &Recorded) -> String {
    let auth = request.header("authorization").unwrap_or_default();
    let b64 = auth.get(6..).unwrap_or_default();
    let decoded = STANDARD
        .decode(b64.trim())
        .ok()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    let encoded = percent_encoding::utf8_percent_encode(auth, percent_encoding::NON_ALPHANUMERIC);
    format!(
        "\u{1b}]0;{HOSTILE_MARK}-title\u{7}\u{1b}[2J\u{1b}[H\u{1b}[31m{text} {auth}\r\n{HOSTILE_FORGED_LINE} \u{1b}[0m\
         \u{202e}gnp.exe\u{2066}x\u{2069}\u{200f}\u{9b}2J\u{9d}0;{HOSTILE_MARK}-c1\u{9c}\u{85}\u{0}\u{8}\u{7f}\u{200b}\
         \n\rbad request from {auth} ({encoded}) ({}) [{decoded}] \u{1b}P{HOSTILE_MARK}-dcs\u{1b}\\{}",
        b64.replace('+', "%2B"),
        "overlong ".repeat(60)
    )
}

/// Every string of `response` through [`hostile_text`]: the JSON's values, an HTML page's title,
/// a plain body, and the redirect target.
fn hostile(mut response: Response, request: &Recorded) -> Response {
    fn walk(value: serde_json::Value, request: &Recorded) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::String(s) => Value::String(hostile_text(&s, request)),
            Value::Array(items) => {
                Value::Array(items.into_iter().map(|v| walk(v, request)).collect())
            }
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| (k, walk(v, request)))
                    .collect(),
            ),
            other => other,
        }
    }
    response.body = match serde_json::from_str::<serde_json::Value>(&response.body) {
        Ok(serde_json::Value::Object(map)) if map.is_empty() => {
            serde_json::json!({ "message": hostile_text("accepted", request) }).to_string()
        }
        Ok(value) => walk(value, request).to_string(),
        Err(_) if response.body.starts_with('<') => format!(
            "<!DOCTYPE html><html><head><title>{}</title></head><body>{}</body></html>",
            hostile_text("404", request),
            hostile_text("This page could not be found.", request)
        ),
        Err(_) => hostile_text(&response.body, request),
    };
    if let Some(location) = &response.location {
        // Header-safe: no controls (hyper would refuse the head); bidi and the credential are.
        let auth = request.header("authorization").unwrap_or_default();
        let encoded =
            percent_encoding::utf8_percent_encode(auth, percent_encoding::NON_ALPHANUMERIC);
        response.location = Some(format!(
            "{location}?\u{202e}evil=%1B%5D0%3B&auth={encoded}&raw={}",
            auth.replace(' ', "+")
        ));
    }
    response
}

fn head_of(response: &Response) -> String {
    format!(
        "HTTP/1.1 {} {}\r\ncontent-type: {}\r\ncontent-length: {}\r\n\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    )
}

/// The head and half the body: what a crashing server or proxy leaves on the wire.
async fn write_partial(stream: &mut TcpStream, response: &Response) -> io::Result<()> {
    stream.write_all(head_of(response).as_bytes()).await?;
    let half = response.body.len() / 2;
    stream.write_all(&response.body.as_bytes()[..half]).await?;
    stream.flush().await
}

/// The head at once, then the body a byte at a time.
async fn write_slowly(
    stream: &mut TcpStream,
    response: &Response,
    pause: Duration,
) -> io::Result<()> {
    stream.write_all(head_of(response).as_bytes()).await?;
    for byte in response.body.as_bytes() {
        tokio::time::sleep(pause).await;
        stream.write_all(&[*byte]).await?;
        stream.flush().await?;
    }
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

const HEALTH: &str = "/api/public/health";
const PROJECTS: &str = "/api/public/projects";
const TRACES: &str = "/api/public/otel/v1/traces";
const READ_TRACE: &str = "/api/public/traces/";

fn route(state: &State, request: &Recorded) -> Response {
    let config = &state.config;
    let path = request.path.split('?').next().unwrap_or_default();
    let Some(path) = path.strip_prefix(config.prefix.as_str()) else {
        return Response::not_found();
    };
    if config
        .access_headers
        .iter()
        .any(|(name, value)| request.header(name) != Some(value.as_str()))
    {
        return Response::access_denied();
    }
    match path {
        HEALTH => Response::json(
            200,
            serde_json::json!({ "status": "OK", "version": config.version }).to_string(),
        ),
        PROJECTS if request.method == "GET" => match authenticate(config, request) {
            Ok(project) => Response::json(
                200,
                serde_json::json!({ "data": [{
                    "id": project.id,
                    "name": project.name,
                    "organization": { "id": "cm0sandbox0org", "name": "Sandbox organization" },
                    "metadata": {},
                }] })
                .to_string(),
            ),
            Err(response) => response,
        },
        TRACES if config.otel_route => {
            let response = ingest(config, request);
            if response.status == 200 {
                remember_traces(state, request);
            }
            response
        }
        _ if path.starts_with(READ_TRACE) && request.method == "GET" => {
            read_trace(state, request, &path[READ_TRACE.len()..])
        }
        _ => Response::not_found(),
    }
}

fn remember_traces(state: &State, request: &Recorded) {
    let with_v4 = request
        .header("x-langfuse-ingestion-version")
        .is_some_and(|v| v.trim() == "4");
    let ids = crate::core::otlp::trace_ids(&request.body).unwrap_or_default();
    let mut traces = lock(&state.traces);
    for id in ids {
        traces.entry(id).or_insert((Instant::now(), with_v4));
    }
}

/// `GET /api/public/traces/{traceId}`: Langfuse's answer, 404 until the trace is processed.
fn read_trace(state: &State, request: &Recorded, trace_id: &str) -> Response {
    let project = match authenticate(&state.config, request) {
        Ok(project) => project,
        Err(response) => return response,
    };
    let arrived = lock(&state.traces).get(trace_id).copied();
    let visible = arrived.is_some_and(|(at, with_v4)| match state.config.visibility {
        Visibility::Immediate => true,
        Visibility::After(delay) => at.elapsed() >= delay,
        Visibility::Never => false,
        Visibility::SlowWithoutV4Header(delay) => with_v4 || at.elapsed() >= delay,
    });
    if !visible {
        return Response::json(
            404,
            serde_json::json!({
                "message": format!("Trace {trace_id} not found within authorized project"),
                "error": "LangfuseNotFoundError",
            })
            .to_string(),
        );
    }
    Response::json(
        200,
        serde_json::json!({
            "id": trace_id,
            "projectId": project.id,
            "name": crate::core::otlp::TEST_SPAN_NAME,
            "htmlPath": format!("/project/{}/traces/{trace_id}", project.id),
            "observations": [],
            "scores": [],
        })
        .to_string(),
    )
}

fn ingest(config: &SandboxConfig, request: &Recorded) -> Response {
    if request.method != "POST" {
        return Response::json(
            405,
            r#"{"message":"Method not allowed","allowedMethods":["POST"]}"#,
        );
    }
    if let Err(response) = authenticate(config, request) {
        return response;
    }
    if config.ingestion_suspended {
        return Response::message(
            403,
            "Ingestion suspended: Usage threshold exceeded. Please upgrade your plan.",
        );
    }
    let content_type = request.header("content-type").unwrap_or_default();
    if !(content_type.starts_with("application/x-protobuf")
        || content_type.starts_with("application/json"))
    {
        return Response::json(400, r#"{"error":"Invalid content type"}"#);
    }
    if let Some(version) = request.header("x-langfuse-ingestion-version")
        && version.trim().parse::<u32>().map_or(true, |v| v > 4)
    {
        return Response::message(400, "Invalid x-langfuse-ingestion-version header");
    }
    Response::json(200, "{}")
}

/// Langfuse's order of checks: header present, scheme, decodable `pk:sk`, known secret.
fn authenticate<'c>(
    config: &'c SandboxConfig,
    request: &Recorded,
) -> Result<&'c SandboxProject, Response> {
    let Some(value) = request.header("authorization") else {
        return Err(Response::message(401, "No authorization header"));
    };
    if value.starts_with("Bearer ") {
        return Err(Response::message(
            403,
            "Access denied - insufficient permissions for this endpoint",
        ));
    }
    let Some(encoded) = value.strip_prefix("Basic ") else {
        return Err(Response::message(401, "Invalid authorization header"));
    };
    let malformed = || {
        Response::message(
            401,
            "Invalid authorization header. Confirm that you've configured the correct host.",
        )
    };
    let decoded = STANDARD
        .decode(encoded.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(malformed)?;
    let (public, secret) = decoded.split_once(':').ok_or_else(malformed)?;
    if secret.is_empty() {
        return Err(malformed());
    }
    config
        .projects
        .iter()
        .find(|p| p.secret_key == secret && p.public_key == public)
        .ok_or_else(|| {
            Response::message(
                401,
                "Invalid credentials. Confirm that you've configured the correct host.",
            )
        })
}
