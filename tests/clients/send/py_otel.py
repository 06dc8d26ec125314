"""OpenTelemetry Python: python-dotenv loads the .env, the OTLP/HTTP exporter reads OTEL_*, one span."""
import sys

from dotenv import load_dotenv

load_dotenv(sys.argv[1])

from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import SimpleSpanProcessor  # noqa: E402

provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(OTLPSpanExporter()))
with provider.get_tracer("conformance").start_as_current_span("one span"):
    pass
provider.shutdown()
