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
    case, path, variable, pk, sk = line.rstrip("\n").split("\t")
    expected = "Basic " + base64.b64encode(f"{pk}:{sk}".encode()).decode()
    value = dotenv_values(path).get(variable) or ""
    for client, liberal in (("python-otel-strict", False), ("python-otel-liberal", True)):
        got = parse_env_headers(value, liberal=liberal).get("authorization")
        print(f"{case}\t{client}\t{'ok' if got == expected else 'wrong'}\t{got!r}")
