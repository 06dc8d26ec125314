"""Reads each .env with python-dotenv and decodes its header variable with OpenTelemetry Python's
own parser: strict (what Traceloop Python uses for TRACELOOP_HEADERS) and liberal (the OTLP
exporters' mode for OTEL_EXPORTER_OTLP_HEADERS). Prints one TSV row a (case, client)."""
import base64
import logging
import sys

from dotenv import dotenv_values
from opentelemetry.util.re import parse_env_headers

logging.disable(logging.CRITICAL)  # the strict parser warns when it drops a pair; we report it

for line in sys.stdin:
    # An optional extra header (name, base64 of its value) must decode too.
    case, path, variable, pk, sk, *extra = line.rstrip("\n").split("\t")
    expected = "Basic " + base64.b64encode(f"{pk}:{sk}".encode()).decode()
    value = dotenv_values(path).get(variable) or ""
    for client, liberal in (("python-otel-strict", False), ("python-otel-liberal", True)):
        headers = parse_env_headers(value, liberal=liberal)
        got = headers.get("authorization")
        ok = got == expected
        if extra:
            ok = ok and headers.get(extra[0].lower()) == base64.b64decode(extra[1]).decode()
        print(f"{case}\t{client}\t{'ok' if ok else 'wrong'}\t{got!r}")
