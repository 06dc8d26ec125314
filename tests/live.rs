//! The live test against real loopback servers (the sandbox) that produce each outcome: the real
//! binary, real HTTP, every failure mode with its message and exit code.

mod common;

use common::{ours, sandbox};

use std::fs;
use std::time::Duration;

use common::{PK, SK, bin, expected_header, get, live_setup, read_dotenv};
use langfuse_otel::io::sandbox::{Sandbox, SandboxConfig};
use predicates::prelude::*;
use tempfile::TempDir;

/// A port with nothing listening: bound, then released.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn traces_posts(server: &Sandbox) -> Vec<langfuse_otel::io::sandbox::Recorded> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/api/public/otel/v1/traces"))
        .collect()
}

#[test]
fn setup_proves_the_written_headers_before_writing() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url(), "--vars", "traceloop,otel,langfuse"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "✓ server         Langfuse 3.130.0",
        ))
        .stdout(predicate::str::contains(
            "✓ keys           project \"Sandbox project\"",
        ))
        .stdout(predicate::str::contains(
            "✓ OTLP endpoint  accepted an empty export",
        ));
    let posts = traces_posts(&server);
    assert_eq!(posts.len(), 1);
    // Exactly the header the written variable decodes to, and the extra header with it.
    let vars = read_dotenv(&dir.path().join(".env"));
    let written = common::otel_header(get(&vars, "TRACELOOP_HEADERS").unwrap(), "Authorization");
    assert_eq!(
        posts[0].header("authorization"),
        Some(expected_header(PK, SK).as_str())
    );
    assert_eq!(written.as_deref(), posts[0].header("authorization"));
    assert_eq!(posts[0].header("x-langfuse-ingestion-version"), Some("4"));
    assert_eq!(
        posts[0].header("content-type"),
        Some("application/x-protobuf")
    );
    assert!(posts[0].body.is_empty());
    let projects: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.path == "/api/public/projects")
        .collect();
    assert_eq!(projects.len(), 1);
    assert_eq!(
        projects[0].header("authorization"),
        Some(expected_header(PK, SK).as_str())
    );
}

#[test]
fn rejected_keys_write_nothing_and_say_why() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    let output = live_setup(dir.path(), PK, "sk-lf-wrong-secret-0000000000000")
        .args(["--host", &server.url()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(10));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains(
            "✗ keys           Langfuse does not know these keys (401 \"Invalid credentials\")"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("fix: check that both keys come from the same project"),
        "{stdout}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!stdout.contains("wrong-secret") && !stderr.contains("wrong-secret"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);

    // --write-anyway writes, and says so.
    live_setup(dir.path(), PK, "sk-lf-wrong-secret-0000000000000")
        .args(["--host", &server.url(), "--write-anyway"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("although the live test failed"));
    assert!(dir.path().join(".env").exists());
}

/// Four sandboxes standing in for the cloud regions; `knows` says which know our keys.
fn regions(knows: &[&str]) -> (Vec<Sandbox>, String) {
    let mut servers = Vec::new();
    let spec = common::region_hosts(|region| {
        let server = if knows.contains(&region.slug()) {
            ours()
        } else {
            sandbox(SandboxConfig::with_keys("pk-lf-other", "sk-lf-other"))
        };
        let url = server.url();
        servers.push(server);
        url
    });
    (servers, spec)
}

#[test]
fn region_auto_detect_picks_the_one_region_that_knows_the_keys() {
    let (servers, spec) = regions(&["us"]);
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--region", "auto"])
        .env("LANGFUSE_OTEL_REGION_HOSTS", &spec)
        .assert()
        .success()
        .stdout(predicate::str::contains("✓ US (Langfuse Cloud)"))
        .stdout(predicate::str::contains("✗ EU (Langfuse Cloud)"));
    let vars = read_dotenv(&dir.path().join(".env"));
    assert_eq!(
        get(&vars, "LANGFUSE_BASE_URL"),
        Some(servers[1].url().as_str())
    );
    // Every region was asked, concurrently, once.
    for server in &servers {
        assert!(
            server
                .requests()
                .iter()
                .any(|r| r.path == "/api/public/projects")
        );
    }
}

#[test]
fn region_auto_detect_reports_none_and_several() {
    let (_servers, spec) = regions(&[]);
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--region", "auto"])
        .env("LANGFUSE_OTEL_REGION_HOSTS", &spec)
        .assert()
        .code(30)
        .stderr(predicate::str::contains(
            "no Langfuse Cloud region accepts these keys",
        ));
    let (_servers, spec) = regions(&["eu", "jp"]);
    live_setup(dir.path(), PK, SK)
        .args(["--region", "auto"])
        .env("LANGFUSE_OTEL_REGION_HOSTS", &spec)
        .assert()
        .code(31)
        .stderr(predicate::str::contains(
            "more than one region accepts these keys (eu, jp)",
        ));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn keys_of_another_region_are_named() {
    let (_servers, spec) = regions(&["us"]);
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--region", "eu"])
        .env("LANGFUSE_OTEL_REGION_HOSTS", &spec)
        .assert()
        .code(10)
        .stdout(predicate::str::contains(
            "hint: these keys belong to the US (Langfuse Cloud) region",
        ))
        .stdout(predicate::str::contains("use --region us"));
}

#[test]
fn a_self_hosted_host_never_sends_its_keys_to_the_cloud_regions() {
    let (servers, spec) = regions(&["us"]);
    let self_hosted = sandbox(SandboxConfig::with_keys("pk-lf-x", "sk-lf-x"));
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--host", &self_hosted.url()])
        .env("LANGFUSE_OTEL_REGION_HOSTS", &spec)
        .assert()
        .code(10)
        .stdout(predicate::str::contains("hint").not());
    for server in &servers {
        assert!(server.requests().is_empty());
    }
}

fn write_env(dir: &TempDir, text: &str) -> std::path::PathBuf {
    let path = dir.path().join("test.env");
    fs::write(&path, text).unwrap();
    path
}

/// A .env whose three families end three ways on [`ours`]: Traceloop OK, Langfuse's secret key
/// wrong, OpenTelemetry's endpoint without a scheme.
fn three_outcomes_env(dir: &TempDir, server: &Sandbox) -> std::path::PathBuf {
    write_env(
        dir,
        &format!(
            "TRACELOOP_BASE_URL={url}/api/public/otel\nTRACELOOP_HEADERS={good}\n\
             LANGFUSE_PUBLIC_KEY={PK}\nLANGFUSE_SECRET_KEY=sk-lf-wrong-secret-00000\nLANGFUSE_BASE_URL={url}\n\
             OTEL_EXPORTER_OTLP_ENDPOINT=localhost:4318\n",
            url = server.url(),
            good = encoded()
        ),
    )
}

fn encoded() -> String {
    langfuse_otel::core::credential::encode_header_list([(
        "Authorization",
        expected_header(PK, SK).as_str(),
    )])
}

#[test]
fn a_dropped_header_is_reported_as_the_server_sees_it() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    let b64 = &expected_header(PK, SK)["Basic ".len()..];
    let path = write_env(
        &dir,
        &format!(
            "TRACELOOP_BASE_URL={url}/api/public/otel\nTRACELOOP_HEADERS='Authorization=Basic {b64}'\n\
             OTEL_EXPORTER_OTLP_ENDPOINT={url}/api/public/otel\nOTEL_EXPORTER_OTLP_HEADERS={good}\n",
            url = server.url(),
            good = encoded()
        ),
    );
    let output = bin(dir.path())
        .args(["test", "--env-file"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(11), "{stdout}");
    // Each family alone: the OTel family's good header does not hide Traceloop's dropped one.
    assert!(stdout.contains("traceloop: FAILED"), "{stdout}");
    assert!(stdout.contains("otel: OK"), "{stdout}");
    assert!(stdout.contains("! dropped by strict parsers"), "{stdout}");
    assert!(
        stdout.contains(
            "Langfuse received no Authorization header (401 \"No authorization header\")"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains(b64), "{stdout}");
}

#[test]
fn a_wrong_path_shows_the_url_that_was_tried() {
    let mut config = SandboxConfig::with_keys(PK, SK);
    config.prefix = "/langfuse".to_string();
    let server = sandbox(config);
    let root = format!("http://{}", server.addr());
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--host", &root])
        .assert()
        .code(13)
        .stdout(predicate::str::contains(format!(
            "{root}/api/public/otel/v1/traces does not exist (404 page)"
        )))
        .stdout(predicate::str::contains("proxy prefix"));
    // With the prefix, it works.
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url()])
        .assert()
        .success();
}

#[test]
fn a_server_without_the_otel_route_is_told_to_upgrade() {
    let mut config = SandboxConfig::with_keys(PK, SK);
    config.otel_route = false;
    config.version = "3.10.0".to_string();
    let server = sandbox(config);
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url()])
        .assert()
        .code(13)
        .stdout(predicate::str::contains(
            "on this Langfuse (version 3.10.0)",
        ))
        .stdout(predicate::str::contains("needs Langfuse 3.22 or later"));
}

#[test]
fn network_failures_each_get_their_own_message_and_code() {
    let server = ours();
    let https_to_plain = format!("https://{}", server.addr());
    let refused = format!("http://127.0.0.1:{}", closed_port());
    let cases: [(&str, i32, &str); 3] = [
        (
            "https://langfuse.invalid",
            20,
            "the host name langfuse.invalid does not resolve (DNS)",
        ),
        (&refused, 21, "(connection refused)"),
        (
            &https_to_plain,
            22,
            "the TLS handshake failed: received corrupt message",
        ),
    ];
    for (host, code, message) in cases {
        let dir = TempDir::new().unwrap();
        live_setup(dir.path(), PK, SK)
            .args(["--host", host])
            .assert()
            .code(code)
            .stdout(predicate::str::contains(message));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "{host}");
    }
}

#[test]
fn a_slow_server_times_out_with_the_limit_named() {
    let server = ours();
    server.faults().latency = Duration::from_secs(3);
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url(), "--timeout", "0.3"])
        .assert()
        .code(23)
        .stdout(predicate::str::contains("no answer within 0.3 s"))
        .stdout(predicate::str::contains("--timeout"));
}

#[test]
fn server_errors_are_retried_then_reported() {
    let server = ours();
    server.faults().fail_status = 503;
    server.faults().fail_next = u32::MAX;
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url()])
        .assert()
        .code(16)
        .stdout(predicate::str::contains(
            "the server failed with 503 (3 attempts)",
        ));

    // One failure, then success: retried once, and the retry is shown.
    let server = ours();
    server.faults().fail_status = 502;
    server.faults().fail_next = 1;
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url(), "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 tries"));
}

#[test]
fn resets_are_retried_then_reported() {
    let server = ours();
    server.faults().reset_next = u32::MAX;
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url()])
        .assert()
        .code(24)
        .stdout(predicate::str::contains("closed before an answer (reset)"));

    let server = ours();
    server.faults().reset_next = 1;
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url(), "--dry-run"])
        .assert()
        .success();
}

#[test]
fn client_errors_are_not_retried() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, "sk-lf-wrong-secret-0000000000000")
        .args(["--host", &server.url()])
        .assert()
        .code(10);
    assert_eq!(traces_posts(&server).len(), 1);
}

/// A host that is not this machine; never resolved (it goes to the proxy, or is refused).
const ELSEWHERE: &str = "http://langfuse.example.test";

#[test]
fn a_failing_proxy_is_named() {
    let proxy = format!("http://user:hunter2@127.0.0.1:{}", closed_port());
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--host", ELSEWHERE, "--allow-http"])
        .env("HTTP_PROXY", &proxy)
        .assert()
        .code(25)
        .stdout(predicate::str::contains(
            "the proxy http://user:***@127.0.0.1:",
        ))
        .stdout(predicate::str::contains("hunter2").not())
        .stdout(predicate::str::contains("NO_PROXY"));

    // A working proxy is used and reported: the sandbox answers proxy-style requests, so it can
    // stand in for a proxy in front of a host that is not otherwise reachable.
    let server = ours();
    live_setup(dir.path(), PK, SK)
        .args(["--host", ELSEWHERE, "--allow-http", "--dry-run"])
        .env("HTTP_PROXY", format!("http://{}", server.addr()))
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "via proxy http://{}",
            server.addr()
        )));
    assert!(!server.requests().is_empty());
}

#[test]
fn a_proxy_that_answers_407_502_503_504_or_refuses_the_tunnel_is_its_own_diagnosis() {
    let dir = TempDir::new().unwrap();
    // A forwarding proxy (plain http through HTTP_PROXY) answers for the server behind it.
    for (status, says) in [
        (
            407,
            "it requires proxy credentials (407 Proxy Authentication Required)",
        ),
        (502, "it answered 502 Bad Gateway"),
        (503, "it answered 503 Service Unavailable"),
        (504, "it answered 504 Gateway Timeout"),
    ] {
        let proxy = ours();
        proxy.faults().fail_next = u32::MAX;
        proxy.faults().fail_status = status;
        live_setup(dir.path(), PK, SK)
            .args(["--host", ELSEWHERE, "--allow-http"])
            .env("HTTP_PROXY", format!("http://{}", proxy.addr()))
            .assert()
            .code(25)
            .stdout(predicate::str::contains(format!(
                "the proxy http://{} failed: {says}",
                proxy.addr()
            )))
            .stdout(predicate::str::contains("Langfuse is having trouble").not());
        // One try per check: a proxy's failure is not retried as a server's 5xx is.
        assert_eq!(proxy.requests().len(), 3, "{status}");
    }

    // https: the proxy answers the CONNECT with an error (the sandbox has no CONNECT).
    let proxy = ours();
    live_setup(dir.path(), PK, SK)
        .args(["--host", "https://langfuse.example.test"])
        .env("HTTPS_PROXY", format!("http://{}", proxy.addr()))
        .assert()
        .code(25)
        .stdout(predicate::str::contains("refused to open a tunnel"));
    assert!(proxy.requests().iter().all(|r| r.method == "CONNECT"));
}

#[test]
fn a_loopback_target_never_goes_through_a_proxy() {
    let proxy = ours();
    let server = ours();
    let dir = TempDir::new().unwrap();
    let port = server.addr().port();
    for host in [
        server.url(),
        format!("http://localhost:{port}"),
        format!("http://app.localhost:{port}"),
    ] {
        live_setup(dir.path(), PK, SK)
            .args(["--host", &host, "--dry-run"])
            .env("HTTP_PROXY", format!("http://{}", proxy.addr()))
            .env("ALL_PROXY", format!("http://{}", proxy.addr()))
            .assert()
            .success()
            .stdout(predicate::str::contains("via proxy").not());
    }
    assert!(proxy.requests().is_empty(), "{:?}", proxy.requests());
    assert_eq!(traces_posts(&server).len(), 3);
}

#[test]
fn no_proxy_is_honoured() {
    let proxy = format!("http://127.0.0.1:{}", closed_port());
    let dir = TempDir::new().unwrap();
    // Not through the (dead) proxy: straight to a name that does not resolve.
    live_setup(dir.path(), PK, SK)
        .args(["--host", ELSEWHERE, "--allow-http", "--dry-run"])
        .env("HTTP_PROXY", &proxy)
        .env("NO_PROXY", ".example.test")
        .assert()
        .stdout(predicate::str::contains("proxy").not())
        .stdout(predicate::str::contains("does not resolve"));
}

#[test]
fn redirects_are_not_followed_so_the_key_stays_home() {
    let elsewhere = ours();
    let server = ours();
    server.faults().redirect_to = Some(format!("http://localhost:{}", elsewhere.addr().port()));
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url()])
        .assert()
        .code(14)
        .stdout(predicate::str::contains("redirects to http://localhost:"))
        .stdout(predicate::str::contains("use the address it redirects to"));
    assert!(elsewhere.requests().is_empty());
}

#[test]
fn plain_http_to_another_machine_is_never_sent() {
    let dir = TempDir::new().unwrap();
    let path = write_env(
        &dir,
        &format!(
            "TRACELOOP_BASE_URL=http://langfuse.example.com/api/public/otel\nTRACELOOP_HEADERS={}\n",
            encoded()
        ),
    );
    bin(dir.path())
        .args(["test", "--env-file"])
        .arg(&path)
        .assert()
        .code(65)
        .stdout(predicate::str::contains("not sent: plain http://"))
        .stdout(predicate::str::contains("--allow-http"));
}

#[test]
fn suspended_ingestion_is_a_permission_problem() {
    let mut config = SandboxConfig::with_keys(PK, SK);
    config.ingestion_suspended = true;
    let server = sandbox(config);
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url()])
        .assert()
        .code(12)
        .stdout(predicate::str::contains("Ingestion suspended"))
        .stdout(predicate::str::contains("usage limit"));
}

#[test]
fn test_reads_each_family_and_reports_json() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    let path = three_outcomes_env(&dir, &server);
    let output = bin(dir.path())
        .args(["test", "--json", "--env-file"])
        .arg(&path)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["ok"], false);
    let families = json["families"].as_array().unwrap();
    let by_name = |name: &str| {
        families
            .iter()
            .find(|f| f["family"] == name)
            .unwrap_or_else(|| panic!("{name}: {json}"))
    };
    assert_eq!(by_name("traceloop")["ok"], true);
    assert_eq!(by_name("traceloop")["project"]["name"], "Sandbox project");
    assert_eq!(by_name("langfuse")["exit_code"], 10);
    assert_eq!(
        by_name("langfuse")["problems"][0]["problem"],
        "invalid-credentials"
    );
    assert_eq!(by_name("otel")["exit_code"], 65);
    assert!(
        by_name("otel")["error"]
            .as_str()
            .unwrap()
            .contains("http:// or https://")
    );
    // The exit code is the first failing family's, in the order traceloop, otel, langfuse.
    assert_eq!(output.status.code(), Some(65));
    assert_eq!(json["exit_code"], 65);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains(&expected_header(PK, SK)[6..]));
}

#[test]
fn a_test_trace_is_sent_and_linked() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    let path = write_env(
        &dir,
        &format!(
            "OTEL_EXPORTER_OTLP_ENDPOINT={}/api/public/otel\nOTEL_EXPORTER_OTLP_HEADERS={}\n",
            server.url(),
            encoded()
        ),
    );
    let output = bin(dir.path())
        .args(["test", "--send-test-trace", "--env-file"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let link_prefix = format!(
        "test span: {}/project/cm0sandbox0project/traces/",
        server.url()
    );
    let line = stdout
        .lines()
        .find(|l| l.contains(&link_prefix))
        .expect(&stdout);
    let trace_id = line.rsplit('/').next().unwrap();
    assert_eq!(trace_id.len(), 32);
    let raw_id: Vec<u8> = (0..16)
        .map(|i| u8::from_str_radix(&trace_id[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    let span = traces_posts(&server)
        .into_iter()
        .find(|r| !r.body.is_empty())
        .unwrap();
    assert!(span.body.windows(16).any(|w| w == raw_id.as_slice()));
    assert!(
        span.body
            .windows(23)
            .any(|w| w == b"langfuse-otel test span")
    );
}

#[test]
fn demo_works_with_no_network_and_no_account() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("demo.env");
    bin(dir.path())
        .args(["demo", "--env-file"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("traceloop: OK"))
        .stdout(predicate::str::contains("otel: OK"))
        .stdout(predicate::str::contains("langfuse: OK"))
        .stdout(predicate::str::contains(
            "carried exactly `Authorization: Basic base64(pk:sk)`",
        ));
    let vars = read_dotenv(&path);
    assert!(
        get(&vars, "TRACELOOP_HEADERS")
            .unwrap()
            .starts_with("Authorization=Basic%20")
    );
}

/// An access proxy in front of a self-hosted Langfuse (Cloudflare Access's service token): the
/// sandbox refuses every request without both headers, so a passing live test proves them, and the
/// server side sees them on every request of the test. Neither value is ever printed.
#[test]
fn extra_headers_reach_the_server_on_every_request_and_their_values_are_never_shown() {
    const PROXY_SECRET: &str = "cf-proxy-secret-0123456789abcdef+/=";
    let mut config = SandboxConfig::with_keys(PK, SK);
    config.access_headers = vec![
        ("CF-Access-Client-Id".into(), "abc.access".into()),
        ("CF-Access-Client-Secret".into(), PROXY_SECRET.into()),
    ];
    let server = sandbox(config);
    let dir = TempDir::new().unwrap();
    let header_secret = format!("CF-Access-Client-Secret={PROXY_SECRET}");
    let output = live_setup(dir.path(), PK, SK)
        .args([
            "--host",
            &server.url(),
            "--vars",
            "traceloop,otel,langfuse",
            "--header",
            "CF-Access-Client-Id=abc.access",
            "--header",
            &header_secret,
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    // Every extra header's value is a secret: both are named, neither value is shown.
    assert!(
        stdout.contains("CF-Access-Client-Id=<redacted>, CF-Access-Client-Secret=<redacted>"),
        "{stdout}"
    );
    for text in [&stdout, &stderr] {
        assert!(!text.contains("abc.access"), "{text}");
        assert!(!text.contains("cf-proxy-secret"), "{text}");
        assert!(!text.contains("0123456789abcdef"), "{text}");
    }
    // Every request of the live test carried both, with the exact value.
    let requests = server.requests();
    assert!(requests.len() >= 3, "{}", requests.len());
    for request in &requests {
        assert_eq!(
            request.header("cf-access-client-id"),
            Some("abc.access"),
            "{}",
            request.path
        );
        assert_eq!(
            request.header("cf-access-client-secret"),
            Some(PROXY_SECRET),
            "{}",
            request.path
        );
    }
    // Both header lists carry them after Langfuse's own, decoded back to the same bytes.
    let vars = read_dotenv(&dir.path().join(".env"));
    for name in ["TRACELOOP_HEADERS", "OTEL_EXPORTER_OTLP_HEADERS"] {
        let list = get(&vars, name).unwrap();
        assert_eq!(
            common::otel_header(list, "CF-Access-Client-Secret").as_deref(),
            Some(PROXY_SECRET),
            "{list}"
        );
        assert_eq!(
            common::otel_header(list, "CF-Access-Client-Id").as_deref(),
            Some("abc.access")
        );
    }
    // The profile names the headers; no value is in its file.
    let profiles = common::config_for(dir.path()).join("langfuse-otel/profiles");
    let profile = fs::read_to_string(profiles.join("default.toml")).unwrap();
    assert!(profile.contains("CF-Access-Client-Secret"), "{profile}");
    assert!(profile.contains("CF-Access-Client-Id"), "{profile}");
    assert!(!profile.contains("abc.access"), "{profile}");
    assert!(!profile.contains(PROXY_SECRET), "{profile}");
}

/// Without the proxy's headers, the same server refuses: the test fails and nothing is written.
#[test]
fn a_missing_proxy_header_fails_the_live_test_and_writes_nothing() {
    let mut config = SandboxConfig::with_keys(PK, SK);
    config.access_headers = vec![("CF-Access-Client-Id".into(), "abc.access".into())];
    let server = sandbox(config);
    let dir = TempDir::new().unwrap();
    live_setup(dir.path(), PK, SK)
        .args(["--host", &server.url(), "--vars", "otel"])
        .assert()
        .failure();
    assert!(!dir.path().join(".env").exists());
}

#[test]
fn a_bad_header_is_refused_before_anything_and_its_value_is_not_echoed() {
    let dir = TempDir::new().unwrap();
    for (header, says) in [
        ("X-Token", "no `=`"),
        (
            "Authorization=Bearer sk-lf-zzzzzzzz",
            "set by langfuse-otel",
        ),
        ("X-Token=abc\u{7f}def-secretvalue", "printable ASCII"),
        ("X Tenant=acme", "not portable"),
        ("X-Tenant=", "empty value"),
    ] {
        let output = bin(dir.path())
            .args([
                "setup",
                "--non-interactive",
                "--region",
                "eu",
                "--public-key",
                PK,
                "--secret-key-stdin",
                "--header",
                header,
            ])
            .write_stdin(format!("{SK}\n"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{header}: {stderr}");
        assert!(stderr.contains(says), "{header}: {stderr}");
        assert!(!stderr.contains("secretvalue"), "{stderr}");
        assert!(!stderr.contains("sk-lf-zzzz"), "{stderr}");
    }
    assert!(!dir.path().join(".env").exists());
}

/// Three families of one .env, one host, one key pair: the health and key checks are the same
/// request for each, so each is sent once and its answer shown for all three; the exports differ
/// only if their headers do. Judged by what the server received: no request twice.
#[test]
fn identical_requests_of_one_test_are_sent_once_and_different_ones_each() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    let url = server.url();
    let path = write_env(
        &dir,
        &format!(
            "TRACELOOP_BASE_URL={url}/api/public/otel\nTRACELOOP_HEADERS={good}\n\
             OTEL_EXPORTER_OTLP_ENDPOINT={url}/api/public/otel\nOTEL_EXPORTER_OTLP_HEADERS={good}\n\
             LANGFUSE_PUBLIC_KEY={PK}\nLANGFUSE_SECRET_KEY={SK}\nLANGFUSE_BASE_URL={url}\n",
            good = encoded()
        ),
    );
    let run = || {
        let output = bin(dir.path())
            .args(["test", "--env-file"])
            .arg(&path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert_eq!(output.status.code(), Some(0), "{stdout}");
        for family in ["traceloop", "otel", "langfuse"] {
            assert!(stdout.contains(&format!("{family}: OK")), "{stdout}");
        }
        assert_eq!(stdout.matches("✓ keys ").count(), 3, "{stdout}");
    };
    run();
    let requests = server.requests();
    let identity = |r: &langfuse_otel::io::sandbox::Recorded| {
        let mut headers: Vec<_> = r
            .headers
            .iter()
            .filter(|(name, _)| {
                !["host", "content-length"].contains(&name.to_ascii_lowercase().as_str())
            })
            .cloned()
            .collect();
        headers.sort();
        (r.method.clone(), r.path.clone(), headers, r.body.clone())
    };
    let distinct: std::collections::HashSet<_> = requests.iter().map(identity).collect();
    assert_eq!(
        distinct.len(),
        requests.len(),
        "a request was sent twice: {requests:?}"
    );
    let count = |path: &str| requests.iter().filter(|r| r.path == path).count();
    assert_eq!(count("/api/public/health"), 1, "{requests:?}");
    assert_eq!(count("/api/public/projects"), 1, "{requests:?}");
    assert!(!traces_posts(&server).is_empty(), "{requests:?}");
    // A second run shares nothing with the first: everything is asked again.
    run();
    assert_eq!(server.requests().len(), 2 * requests.len());

    // Another key pair in the OpenTelemetry family: its checks are its own.
    let other = langfuse_otel::core::credential::encode_header_list([(
        "Authorization",
        expected_header("pk-lf-other", "sk-lf-other").as_str(),
    )]);
    let mixed = write_env(
        &dir,
        &format!(
            "TRACELOOP_BASE_URL={url}/api/public/otel\nTRACELOOP_HEADERS={good}\n\
             OTEL_EXPORTER_OTLP_ENDPOINT={url}/api/public/otel\nOTEL_EXPORTER_OTLP_HEADERS={other}\n",
            good = encoded()
        ),
    );
    let before = server.requests().len();
    let output = bin(dir.path())
        .args(["test", "--env-file"])
        .arg(&mixed)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("traceloop: OK"), "{stdout}");
    assert!(stdout.contains("otel: FAILED"), "{stdout}");
    let after = &server.requests()[before..];
    let keys: Vec<_> = after
        .iter()
        .filter(|r| r.path == "/api/public/projects")
        .filter_map(|r| r.header("authorization").map(str::to_string))
        .collect();
    assert_eq!(keys.len(), 2, "{after:?}");
    assert_ne!(keys[0], keys[1]);
    // The health check sends no key, but its answer is redacted of the keys its family sends, so
    // families with other keys do not share it (a server could echo one family's key in the
    // other's answer).
    assert_eq!(
        after
            .iter()
            .filter(|r| r.path == "/api/public/health")
            .count(),
        2
    );
    assert_eq!(
        after.iter().filter(|r| r.method == "POST").count(),
        2,
        "{after:?}"
    );
}

/// A live test's JSON is the same in every language (its causes, fixes and errors in English),
/// timings aside; the human report words the same verdicts in Chinese under `zh_CN`.
#[test]
fn live_json_is_the_same_in_every_language() {
    let server = ours();
    let dir = TempDir::new().unwrap();
    let path = three_outcomes_env(&dir, &server);
    let run = |locale: &str, json: bool| {
        let mut command = bin(dir.path());
        command
            .env("LANG", locale)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .args(["test", "--env-file"])
            .arg(&path);
        if json {
            command.arg("--json");
        }
        command.output().unwrap()
    };
    fn without_timings(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.remove("elapsed_ms");
                map.values_mut().for_each(without_timings);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(without_timings),
            _ => {}
        }
    }
    let parsed = |output: &std::process::Output| {
        let mut json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        without_timings(&mut json);
        json
    };
    let (english, chinese) = (run("C.UTF-8", true), run("zh_CN.UTF-8", true));
    assert_eq!(english.status.code(), chinese.status.code());
    assert_eq!(parsed(&english), parsed(&chinese));
    assert!(String::from_utf8_lossy(&english.stdout).contains("Langfuse does not know these keys"));
    let human = run("zh_CN.UTF-8", false);
    assert_eq!(human.status.code(), english.status.code());
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("Langfuse 不认识这对密钥"), "{text}");
    assert!(
        !text.contains("Langfuse does not know these keys"),
        "{text}"
    );
}
