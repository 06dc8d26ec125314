#!/usr/bin/env python3
"""Loader precedence, pinned with the real loaders: what `doctor` claims about a variable already in
the environment is compared with what python-dotenv, Node dotenv and OTel Python actually do.

For each case, a .env and a pre-set environment:
1. `langfuse-otel doctor --offline --json` (with that environment) says whether the environment
   shadows the file, and which loaders it beats;
2. python-dotenv `load_dotenv()` and Node `dotenv.config()` load the file in a child process with
   that environment, with and without override, and print what the app gets;
3. OTel Python's SDK, after `load_dotenv(override=True)`, sends one span to a loopback recorder:
   where it really went and whether Authorization came along (a signal-specific variable replaces
   the generic one, not merged; override does not help, since the file does not set it).

The claim must match the real behaviour in every case; exits non-zero on any mismatch.
"""

import http.server
import json
import os
import threading
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import cargo_paths  # noqa: E402  (the binary is where cargo says, CARGO_TARGET_DIR included)

CACHE = cargo_paths.target_dir() / "clients"
BIN = cargo_paths.build(["--bin", "langfuse-otel"])["langfuse-otel"]
PYTHON = CACHE / "venv-otel" / "bin" / "python"
NODE_PATH = CACHE / "node-otel" / "node_modules"

PK = "pk-lf-1c5d8a3e-0f3b-4c59-9d1a-5b8f2e7c4a10"
FILE_SK = "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b"
OLD_SK = "sk-lf-00000000-1111-2222-3333-444444444444"


def clean_env(extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LANGFUSE_", "OTEL_", "TRACELOOP_", "DD_TRACE_", "SENTRY_", "LOGFIRE_"))
    }
    env.update(extra)
    return env


def python_loads(path, name, env, override):
    code = (
        "import os, sys\n"
        "from dotenv import load_dotenv\n"
        f"load_dotenv({str(path)!r}, override={override})\n"
        f"v = os.environ.get({name!r})\n"
        "print('<unset>' if v is None else v)\n"
    )
    out = subprocess.run([str(PYTHON), "-c", code], env=env, capture_output=True, text=True, check=True)
    return out.stdout.rstrip("\n")


def node_loads(path, name, env, override):
    code = (
        "require('dotenv').config({path: process.argv[1], override: process.argv[2] === 'true', quiet: true});"
        "const v = process.env[process.argv[3]];"
        "console.log(v === undefined ? '<unset>' : v);"
    )
    env = dict(env, NODE_PATH=str(NODE_PATH))
    out = subprocess.run(
        ["node", "-e", code, str(path), "true" if override else "false", name],
        env=env, capture_output=True, text=True, check=True,
    )
    return out.stdout.rstrip("\n")


class Recorder(http.server.ThreadingHTTPServer):
    """Loopback OTLP receiver: records each request's path and header names, answers 200."""

    def __init__(self):
        self.seen = []
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.server.seen.append((self.path, {k.lower() for k in self.headers.keys()}))
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def otel_python_sends(path, env, recorder):
    """Where OTel Python's OTLP/HTTP exporter really sends a span, and with which headers, after
    load_dotenv(override=True)."""
    code = (
        "from dotenv import load_dotenv\n"
        f"load_dotenv({str(path)!r}, override=True)\n"
        "from opentelemetry.sdk.trace import TracerProvider\n"
        "from opentelemetry.sdk.trace.export import SimpleSpanProcessor\n"
        "from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter\n"
        "p = TracerProvider()\n"
        "p.add_span_processor(SimpleSpanProcessor(OTLPSpanExporter()))\n"
        "p.get_tracer('loaders').start_span('loaders').end()\n"
        "p.shutdown()\n"
    )
    recorder.seen.clear()
    subprocess.run([str(PYTHON), "-c", code], env=env, capture_output=True, text=True, check=True)
    assert len(recorder.seen) == 1, recorder.seen
    return recorder.seen[0]


def doctor_findings(path, env):
    out = subprocess.run(
        [str(BIN), "doctor", "--offline", "--json", str(path)], env=env, capture_output=True, text=True
    )
    report = json.loads(out.stdout)
    return [f for source in report["sources"] for f in source["findings"]]


def main():
    failed = passed = 0

    def check(label, ok, detail=""):
        nonlocal failed, passed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"  FAIL {label}  {detail}")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ".env"
        path.write_text(
            f"LANGFUSE_PUBLIC_KEY={PK}\nLANGFUSE_SECRET_KEY={FILE_SK}\n"
            "LANGFUSE_BASE_URL=https://cloud.langfuse.com\n"
        )
        for case, preset in [
            ("unset", {}),
            ("same value", {"LANGFUSE_SECRET_KEY": FILE_SK}),
            ("stale value", {"LANGFUSE_SECRET_KEY": OLD_SK}),
            ("empty value", {"LANGFUSE_SECRET_KEY": ""}),
        ]:
            env = clean_env(preset)
            findings = [
                f for f in doctor_findings(path, env)
                if f["check"] == "shadowed-by-environment" and f["variable"] == "LANGFUSE_SECRET_KEY"
            ]
            beats = set(findings[0]["shadow"]["beats"]) if findings else set()
            for loader, loads in [("python-dotenv", python_loads), ("node-dotenv", node_loads)]:
                plain = loads(path, "LANGFUSE_SECRET_KEY", env, False)
                forced = loads(path, "LANGFUSE_SECRET_KEY", env, True)
                label = f"{case} / {loader}"
                check(
                    f"{label}: the finding says the environment wins exactly when the loader keeps it",
                    (loader in beats) == (plain != FILE_SK),
                    f"claim beats={sorted(beats)}, loader gave {plain!r}",
                )
                check(f"{label}: the fix (override) loads the file's value", forced == FILE_SK, repr(forced))
                print(f"  {label:<28} app gets {'file' if plain == FILE_SK else 'environment'}; claim: "
                      f"{'environment wins' if loader in beats else 'no shadowing'}")

        # Signal-specific variables in the environment: OTel Python uses them instead of the file's
        # generic ones, even after load_dotenv(override=True).
        recorder = Recorder()
        threading.Thread(target=recorder.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{recorder.server_address[1]}"
        otel = Path(tmp) / "otel.env"
        otel.write_text(
            f"OTEL_EXPORTER_OTLP_ENDPOINT={base}/api/public/otel\n"
            "OTEL_EXPORTER_OTLP_HEADERS=Authorization=Basic%20eA==\n"
            "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf\n"
        )
        collector = f"{base}/collector/v1/traces"
        for case, preset in [
            ("none", {}),
            ("traces endpoint", {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": collector}),
            ("traces headers", {"OTEL_EXPORTER_OTLP_TRACES_HEADERS": "x-other=1"}),
        ]:
            env = clean_env(preset)
            claims = {
                f["variable"]: f for f in doctor_findings(otel, env) if f["check"] == "signal-override"
            }
            sent_to, sent_headers = otel_python_sends(otel, env, recorder)
            endpoint_moved = sent_to != "/api/public/otel/v1/traces"
            headers_replaced = "authorization" not in sent_headers
            check(
                f"{case}: traces endpoint claim matches OTel Python",
                ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" in claims) == endpoint_moved,
                f"claims={sorted(claims)}, exporter sent to {sent_to}",
            )
            check(
                f"{case}: traces headers claim matches OTel Python (replaced, not merged)",
                ("OTEL_EXPORTER_OTLP_TRACES_HEADERS" in claims) == headers_replaced,
                f"claims={sorted(claims)}, exporter sent headers {sorted(sent_headers)}",
            )
            for claim in claims.values():
                check(
                    f"{case}: override=True is not claimed to help",
                    "python-dotenv" in claim["shadow"]["beats"],
                    json.dumps(claim["shadow"]),
                )
            print(f"  otel / {case:<20} OTel Python sent to {sent_to}, "
                  f"{'with' if not headers_replaced else 'without'} Authorization; "
                  f"claims: {sorted(claims) or 'none'}")
        recorder.shutdown()

    print(f"loaders: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
