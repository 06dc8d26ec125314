"""Traceloop Python: python-dotenv loads the .env, Traceloop.init() reads TRACELOOP_*, one span."""
import sys

from dotenv import load_dotenv

load_dotenv(sys.argv[1])

from opentelemetry import trace  # noqa: E402
from traceloop.sdk import Traceloop  # noqa: E402

Traceloop.init(app_name="conformance", disable_batch=True, telemetry_enabled=False)
with trace.get_tracer("conformance").start_as_current_span("one span"):
    pass
