//! Where the key may go, decided by address: the prober with an injected resolver (the system's is
//! never touched), real sandbox listeners, and the credential's fate observed at the listener.

mod common;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::{Arc, Mutex};

use common::{PK, SK, expected_header, runtime};
use langfuse_otel::core::credential::DecodedHeader;
use langfuse_otel::core::diagnosis::{NetError, Outcome};
use langfuse_otel::core::host::normalize_host;
use langfuse_otel::core::target::Target;
use langfuse_otel::io::probe::{Lookup, NameLookup, ProbeOptions, Prober, Report};
use langfuse_otel::io::sandbox::{Sandbox, SandboxConfig};

/// A resolver that answers from a table, one answer per call in turn (the last one repeats), and
/// counts the questions.
#[derive(Default)]
struct Table {
    answers: HashMap<String, Vec<Vec<IpAddr>>>,
    asked: Mutex<Vec<String>>,
}

impl Table {
    fn with(mut self, name: &str, answers: &[&[IpAddr]]) -> Table {
        self.answers.insert(
            name.to_string(),
            answers.iter().map(|a| a.to_vec()).collect(),
        );
        self
    }

    fn asked(&self, name: &str) -> usize {
        self.asked
            .lock()
            .unwrap()
            .iter()
            .filter(|n| *n == name)
            .count()
    }
}

impl NameLookup for Table {
    fn lookup(&self, name: String) -> Lookup {
        let mut asked = self.asked.lock().unwrap();
        let turn = asked.iter().filter(|n| **n == name).count();
        asked.push(name.clone());
        let answer = self
            .answers
            .get(&name)
            .map(|answers| answers[turn.min(answers.len() - 1)].clone());
        Box::pin(async move {
            answer.ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, name))
        })
    }
}

fn prober(table: &Arc<Table>, allow_http: bool) -> Prober {
    let options = ProbeOptions {
        allow_http,
        retries: 0,
        ..ProbeOptions::default()
    };
    Prober::with_lookup(options, Arc::clone(table) as Arc<dyn NameLookup>).unwrap()
}

fn target(base: &str) -> Target {
    let (host, _) = normalize_host(base, true).unwrap();
    Target {
        label: "test".into(),
        traces_url: host.otel_traces_url(),
        host,
        headers: vec![DecodedHeader {
            name: "Authorization".into(),
            value: expected_header(PK, SK),
        }],
        dropped: Vec::new(),
    }
}

fn loopback(last: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, 0, last))
}

/// This machine's address on its default interface, when it has one that is not loopback (a UDP
/// "connect" sends nothing; it only picks the route).
fn own_non_loopback_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

fn refused(report: &Report) -> bool {
    [&report.health, &report.credentials, &report.ingest]
        .iter()
        .all(|a| a.outcome == Outcome::Failed(NetError::InsecureHttp) && a.attempts == 0)
}

#[test]
fn localhost_names_are_this_machine_without_asking_the_resolver() {
    let server = runtime()
        .block_on(Sandbox::start(SandboxConfig::with_keys(PK, SK)))
        .unwrap();
    let elsewhere: &[IpAddr] = &["192.0.2.10".parse().unwrap()];
    let table = Arc::new(
        Table::default()
            .with("app.localhost", &[elsewhere])
            .with("localhost", &[elsewhere]),
    );
    let prober = prober(&table, false);
    for name in ["localhost", "app.localhost", "APP.Localhost."] {
        let url = format!("http://{name}:{}", server.addr().port());
        let report = runtime().block_on(prober.test(&target(&url)));
        assert!(report.verdict.ok(), "{url}: {:?}", report.verdict);
    }
    assert_eq!(table.asked("app.localhost") + table.asked("localhost"), 0);
    assert_eq!(server.requests().len(), 9);
}

#[test]
fn a_name_that_resolves_elsewhere_gets_nothing_over_plain_http() {
    // A listener on this machine's own non-loopback address stands for "another machine".
    let Some(ip) = own_non_loopback_address() else {
        eprintln!("note: no non-loopback interface; checked with an address nobody listens on");
        let table =
            Arc::new(Table::default().with("plain.example", &[&["192.0.2.7".parse().unwrap()]]));
        let report =
            runtime().block_on(prober(&table, false).test(&target("http://plain.example:8080")));
        assert!(refused(&report), "{report:?}");
        return;
    };
    let listener = runtime()
        .block_on(Sandbox::start_on(
            SocketAddr::new(ip, 0),
            SandboxConfig::with_keys(PK, SK),
        ))
        .unwrap();
    let port = listener.addr().port();
    let table = Arc::new(
        Table::default()
            .with("plain.example", &[&[ip]])
            .with("localhost.evil.example", &[&[ip]])
            .with("half.example", &[&[loopback(1), ip]]),
    );
    for name in ["plain.example", "localhost.evil.example", "half.example"] {
        let report = runtime()
            .block_on(prober(&table, false).test(&target(&format!("http://{name}:{port}"))));
        assert!(refused(&report), "{name}: {report:?}");
        assert!(
            table.asked(name) >= 1,
            "{name} is resolved, not judged by its name"
        );
    }
    assert!(listener.requests().is_empty(), "{:?}", listener.requests());

    // The control: with the user's opt-in the same request does reach the listener, so the
    // listener would have seen a leak.
    let report = runtime()
        .block_on(prober(&table, true).test(&target(&format!("http://plain.example:{port}"))));
    assert!(report.verdict.ok(), "{:?}", report.verdict);
    assert!(
        listener
            .requests()
            .iter()
            .any(|r| r.header("authorization") == Some(expected_header(PK, SK).as_str()))
    );
}

#[test]
fn the_checked_address_is_the_one_connected_to() {
    let server = runtime()
        .block_on(Sandbox::start(SandboxConfig::with_keys(PK, SK)))
        .unwrap();
    // First answer loopback, every later one elsewhere: a rebinding resolver.
    let table = Arc::new(Table::default().with(
        "rebind.example",
        &[&[loopback(1)], &["192.0.2.66".parse().unwrap()]],
    ));
    let prober = prober(&table, false);
    let url = format!("http://rebind.example:{}", server.addr().port());
    let report = runtime().block_on(prober.test(&target(&url)));
    assert!(report.verdict.ok(), "{:?}", report.verdict);
    let again = runtime().block_on(prober.test(&target(&url)));
    assert!(again.verdict.ok(), "{:?}", again.verdict);
    assert_eq!(
        table.asked("rebind.example"),
        1,
        "resolved once, then pinned"
    );
    assert_eq!(server.requests().len(), 6);
}

#[test]
fn a_name_that_resolves_to_loopback_only_is_this_machine() {
    let server = runtime()
        .block_on(Sandbox::start(SandboxConfig::with_keys(PK, SK)))
        .unwrap();
    let table = Arc::new(Table::default().with("dev.internal", &[&[loopback(1)]]));
    let url = format!("http://dev.internal:{}", server.addr().port());
    let report = runtime().block_on(prober(&table, false).test(&target(&url)));
    assert!(report.verdict.ok(), "{:?}", report.verdict);
    // A name nobody can resolve is not shown to be this machine.
    let report = runtime().block_on(prober(&table, false).test(&target("http://nowhere.example")));
    assert!(refused(&report), "{report:?}");
}
