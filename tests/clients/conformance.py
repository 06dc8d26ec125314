#!/usr/bin/env python3
"""Client conformance: .env files written by the real binary, read by other people's code.

1. For every key pair in pairs.tsv (base64 with `+` and `/`, every padding length) and each header
   family, `langfuse-otel setup` writes a .env pointing at a recorder on loopback.
2. Parsers: each client's own dotenv reader and header parser decode the header variable.
3. Senders: each client, given only its family's file (nothing else in its environment: one
   family's header could hide another's), loads it with its dotenv reader and sends one real span;
   the recorder must receive exactly `Basic base64(pk:sk)`.
4. Negative controls: hand-written broken files must fail where the client is known to misread them,
   or the suite is not testing what it claims. Traceloop Node is recorded as it is: it cannot carry
   a padded Basic header in TRACELOOP_HEADERS at all, and the exact wrong value it sends is pinned
   (`traceloop_node_sends`), so a change in the SDK or in our file shows.

A sender's cell is `ok` (it ran, exited 0, and every request carried exactly the expected header),
`wrong` (it ran, exited 0, and sent a request with another header or none; for Traceloop Node: the
pinned wrong value), `other` (Traceloop Node sent something other than the pinned value) or `crash`
(it exited non-zero or sent nothing). A crash is never an expected result.

Prints a matrix (client x family x case), writes it as Markdown to target/clients/matrix.md, ends with
`clients: N passed, N failed`, and exits non-zero on any unexpected cell.
"""

import base64
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import cargo_paths  # noqa: E402  (the binaries are where cargo says, CARGO_TARGET_DIR included)

CACHE = cargo_paths.target_dir() / "clients"
_BUILT = cargo_paths.build(["--bin", "langfuse-otel", "--example", "otel_send"])
BIN = _BUILT["langfuse-otel"]
RUST_SENDER = _BUILT["otel_send"]


class Recorder(http.server.ThreadingHTTPServer):
    """Answers every POST with 200 {} and records its Authorization header."""

    def __init__(self):
        self.received = []
        self.lock = threading.Lock()

        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("content-length") or 0)
                self.rfile.read(length)
                with recorder.lock:
                    recorder.received.append((self.path, self.headers.get("authorization"),
                                              self.headers.get(PROXY_HEADER)))
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def take(self):
        with self.lock:
            received, self.received = self.received, []
        return received


# An access proxy's header (`setup --header`), with every character the header-list encoding must
# escape or may keep raw: space, `,`, `;`, `"`, `\`, `%`, `+`, `=`, `/`, `~`. Every client that
# reads our files right must send it byte for byte.
PROXY_HEADER = "X-Api-Key"
PROXY_VALUE = 'k+/= a,b;c"d\\e%25f~'


def expected(pk, sk):
    return "Basic " + base64.b64encode(f"{pk}:{sk}".encode()).decode()


def traceloop_node_sends(pk, sk):
    """What Traceloop Node 0.27 puts in the Authorization header for a TRACELOOP_HEADERS we write
    (`Authorization=Basic%20<base64, + as %2B>`, padding raw): its parseKeyPairsIntoRecord splits
    each pair on every `=` and keeps the second piece, never percent-decoding. So: `Basic%20`, the
    base64 with `%2B`, and no padding."""
    b64 = base64.b64encode(f"{pk}:{sk}".encode()).decode()
    return "Basic%20" + b64.replace("+", "%2B").rstrip("=")


def sender_cell(result, received, want_header, pinned_wrong=None, want_proxy=None):
    """(cell, detail) for one sender run: see the module docstring. `want_proxy`: the value every
    request must carry in PROXY_HEADER (files written with `--header`)."""
    auths = [a for _, a, _ in received]
    if want_proxy is not None and result.returncode == 0 and received:
        proxies = [p for _, _, p in received]
        if any(p != want_proxy for p in proxies):
            return "wrong", f"{len(proxies)} request(s), {PROXY_HEADER} {sorted(set(map(str, proxies)))}"
    if result.returncode != 0 or not received:
        why = f"exit {result.returncode}, {len(received)} request(s)"
        return "crash", f"{why}: {result.stderr.strip()[-300:]}"
    detail = f"{len(auths)} request(s), Authorization {sorted(set(map(str, auths)))}"
    if all(a == want_header for a in auths):
        return "ok", detail
    if pinned_wrong is None or all(a == pinned_wrong for a in auths):
        return "wrong", detail
    return "other", f"{detail}; pinned: {pinned_wrong!r}"


def pairs():
    for line in (HERE / "pairs.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            pk, sk, why = line.split("\t")
            yield pk, sk, why


def write_env(work, family, pk, sk, url, name, extra_args=()):
    path = work / name
    subprocess.run(
        [str(BIN), "setup", "--non-interactive", "--skip-test", "--no-keyring", "--host", url,
         "--vars", family, "--public-key", pk, "--secret-key-stdin", "--env-file", str(path),
         *extra_args],
        input=sk + "\n", text=True, check=True, capture_output=True,
        # One profile directory per file: each file has its own key pair, and setup never joins a
        # profile of another key (it would exit 3).
        env={"PATH": os.environ["PATH"], "HOME": str(work), "XDG_CONFIG_HOME": str(work / "config" / name)},
    )
    return path


# Parsers: (client, command, family variable it reads).
def parsers():
    return [
        ("python-otel-strict (Traceloop Python's parser)", "python", "py-strict"),
        ("python-otel-liberal (OTLP exporter's parser)", "python", "py-liberal"),
        ("node-otel parseKeyPairsIntoRecord", "node", "node-otel"),
        ("java URLDecoder (as OtlpConfigUtil)", "java", "java-urldecoder"),
    ]


def run_parsers(cases):
    """cases: (case, path, variable, pk, sk[, proxy value]) -> {(case, client): 'ok'|'wrong'}

    With a proxy value, the decoder must also find PROXY_HEADER with exactly that value (given
    base64-encoded: it has characters a TSV line cannot carry)."""
    def line(case):
        c, p, v, pk, sk, *proxy = case
        extra = f"\t{PROXY_HEADER}\t{base64.b64encode(proxy[0].encode()).decode()}" if proxy else ""
        return f"{c}\t{p}\t{v}\t{pk}\t{sk}{extra}\n"
    lines = "".join(line(case) for case in cases)
    outputs = []
    for command in (
        [str(CACHE / "venv-otel" / "bin" / "python"), str(HERE / "decode.py")],
        ["node", str(HERE / "decode.js")],
        ["java", str(HERE / "Decode.java")],
    ):
        env = dict(os.environ, NODE_PATH=str(CACHE / "node-otel" / "node_modules"))
        result = subprocess.run(command, input=lines, text=True, capture_output=True, env=env, check=True)
        outputs.extend(result.stdout.splitlines())
    found = {}
    for line in outputs:
        case, client, verdict, _got = line.split("\t", 3)
        found[(case, client)] = verdict
    return found


# Senders: client -> (command prefix, family it reads, extra environment).
def senders():
    return {
        "traceloop-python": ([str(CACHE / "venv-traceloop" / "bin" / "python"), str(HERE / "send" / "py_traceloop.py")], "traceloop", {}),
        "otel-python": ([str(CACHE / "venv-otel" / "bin" / "python"), str(HERE / "send" / "py_otel.py")], "otel", {}),
        "otel-node": (["node", str(HERE / "send" / "node_otel.js")], "otel", {"NODE_PATH": str(CACHE / "node-otel" / "node_modules")}),
        "otel-rust": ([str(RUST_SENDER)], "otel", {}),
        "traceloop-node": (["node", str(HERE / "send" / "node_traceloop.js")], "traceloop", {"NODE_PATH": str(CACHE / "node-traceloop" / "node_modules")}),
    }


def send(recorder, work, command, extra, path):
    env = {"PATH": os.environ["PATH"], "HOME": str(work), "TRACELOOP_TELEMETRY": "false", **extra}
    result = subprocess.run(command + [str(path)], capture_output=True, text=True, env=env, timeout=120)
    received = recorder.take()
    return result, received


def main():
    rows = []  # (client, family, case, want, got, detail)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        recorder = Recorder()
        files = {}  # (family, n) -> path
        all_pairs = list(pairs())
        for n, (pk, sk, _why) in enumerate(all_pairs, 1):
            for family in ("traceloop", "otel"):
                files[(family, n)] = write_env(work, family, pk, sk, recorder.url, f"{family}-{n}.env")
        # The first pair again with an access proxy's headers after Langfuse's own.
        proxy_pair = all_pairs[0][:2]
        proxy_files = {
            family: write_env(work, family, *proxy_pair, recorder.url, f"{family}-proxy.env",
                              ["--header", "X-Tenant=acme", "--header", f"{PROXY_HEADER}={PROXY_VALUE}"])
            for family in ("traceloop", "otel")
        }
        # The otel family for an app that also exports logs (`--signals traces,logs`): only the
        # traces-specific variables point at Langfuse, so the SDKs must send the span there.
        traces_only = write_env(work, "otel", *proxy_pair, recorder.url, "otel-traces-only.env",
                                ["--signals", "traces,logs"])

        # Negative controls, from a pair whose base64 has a `+`.
        pk, sk = "pk-lf-?>?>", "sk-lf->>>?"
        b64 = base64.b64encode(f"{pk}:{sk}".encode()).decode()
        assert "+" in b64
        encoded = b64.replace("+", "%2B")
        base = f"{recorder.url}/api/public/otel"
        controls = {
            # As most guides write it: a raw space and raw base64.
            "raw-space": ("traceloop", f"TRACELOOP_BASE_URL={base}\nTRACELOOP_HEADERS='Authorization=Basic {b64}'\n"),
            # urllib.parse.quote_plus: `+` for the space.
            "quote-plus": ("otel", f"OTEL_EXPORTER_OTLP_ENDPOINT={base}\nOTEL_EXPORTER_OTLP_HEADERS=Authorization=Basic+{encoded}\n"),
            # %20 right, but a raw `+` in the base64.
            "raw-plus": ("otel", f"OTEL_EXPORTER_OTLP_ENDPOINT={base}\nOTEL_EXPORTER_OTLP_HEADERS=Authorization=Basic%20{b64}\n"),
        }
        control_files = {}
        for name, (family, text) in controls.items():
            path = work / f"control-{name}.env"
            path.write_text(text)
            control_files[name] = (family, path)

        # Parsers on every file.
        variable = {"traceloop": "TRACELOOP_HEADERS", "otel": "OTEL_EXPORTER_OTLP_HEADERS"}
        cases = [(f"{family}/pair{n}", str(path), variable[family], *all_pairs[n - 1][:2])
                 for (family, n), path in files.items()]
        cases += [(f"control/{name}", str(path), variable[family], pk, sk)
                  for name, (family, path) in control_files.items()]
        cases += [(f"{family}/proxy", str(path), variable[family], *proxy_pair, PROXY_VALUE)
                  for family, path in proxy_files.items()]
        parsed = run_parsers(cases)
        parser_wrong = {
            "control/raw-space": {"py-strict", "java-urldecoder"},
            "control/quote-plus": {"py-strict", "py-liberal", "node-otel"},
            "control/raw-plus": {"java-urldecoder"},
        }
        short = {"py-strict": "python-otel-strict", "py-liberal": "python-otel-liberal",
                 "node-otel": "node-otel", "java-urldecoder": "java-urldecoder"}
        for case, *_ in cases:
            for label, _lang, key in parsers():
                want = "wrong" if key in parser_wrong.get(case, set()) else "ok"
                got = parsed.get((case, short[key]), "missing")
                family = case.split("/")[0] if not case.startswith("control") else dict(controls)[case.split("/")[1]][0]
                rows.append((label, family, case, want, got, "parse"))

        # Senders: a real span each.
        send_wrong = {
            ("traceloop-node", "traceloop"),  # documented: it splits on every `=` and never decodes
        }
        control_wrong = {
            "raw-space": {"traceloop-python"},
            "quote-plus": {"otel-python", "otel-node", "otel-rust"},
            "raw-plus": set(),
        }
        for client, (command, family, extra) in senders().items():
            for n, (pk_n, sk_n, _why) in enumerate(all_pairs, 1):
                result, received = send(recorder, work, command, extra, files[(family, n)])
                wrong = (client, family) in send_wrong
                pinned = traceloop_node_sends(pk_n, sk_n) if client == "traceloop-node" else None
                got, detail = sender_cell(result, received, expected(pk_n, sk_n), pinned)
                rows.append((client, family, f"{family}/pair{n}", "wrong" if wrong else "ok", got, detail))
            if client != "traceloop-node":
                result, received = send(recorder, work, command, extra, proxy_files[family])
                got, detail = sender_cell(result, received, expected(*proxy_pair), None, PROXY_VALUE)
                rows.append((client, family, f"{family}/proxy", "ok", got, detail))
            if family == "otel":
                result, received = send(recorder, work, command, extra, traces_only)
                got, detail = sender_cell(result, received, expected(*proxy_pair))
                paths = sorted({path for path, _, _ in received})
                if got == "ok" and paths != ["/api/public/otel/v1/traces"]:
                    got, detail = "wrong", f"sent to {paths}"
                rows.append((client, family, "otel/traces-only", "ok", got, detail))
            for name, (control_family, path) in control_files.items():
                if control_family != family or client == "traceloop-node":
                    continue
                result, received = send(recorder, work, command, extra, path)
                want = "wrong" if client in control_wrong[name] else "ok"
                got, detail = sender_cell(result, received, expected(pk, sk))
                rows.append((client, family, f"control/{name}", want, got, detail))

    passed = failed = 0
    width = max(len(r[0]) for r in rows)
    print(f"{'client':<{width}}  {'family':<9} {'case':<19} {'expected':<8} {'got':<8} verdict")
    for client, family, case, want, got, detail in rows:
        verdict = "pass" if want == got else "FAIL"
        passed += verdict == "pass"
        failed += verdict == "FAIL"
        note = f"  ({detail})" if verdict == "FAIL" else ""
        print(f"{client:<{width}}  {family:<9} {case:<19} {want:<8} {got:<8} {verdict}{note}")

    # The README's table: one row per client, one column per file kind.
    table = {}
    for client, family, case, want, got, _ in rows:
        kind = "ours" if not case.startswith("control") else case.split("/")[1]
        cell = table.setdefault((client, family), {}).setdefault(kind, [])
        cell.append(got)
    lines = ["| client | family | files we write (4 key pairs) | raw space | `Basic+` (quote_plus) | raw `+` in base64 |",
             "|---|---|---|---|---|---|"]
    for (client, family), cells in table.items():
        def show(kind):
            values = cells.get(kind)
            if not values:
                return "—"
            return "✓" if all(v == "ok" for v in values) else "✗" if all(v == "wrong" for v in values) else "mixed"
        lines.append(f"| {client} | {family} | {show('ours')} | {show('raw-space')} | {show('quote-plus')} | {show('raw-plus')} |")
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "matrix.md").write_text("\n".join(lines) + "\n")
    print()
    print("\n".join(lines))
    print(f"clients: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
