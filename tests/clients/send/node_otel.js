// OpenTelemetry JS: `dotenv` loads the .env, the OTLP/proto exporter reads OTEL_*, one span.
// (@opentelemetry/sdk-trace is what sdk-trace-base became in OpenTelemetry JS 3.)
require('dotenv').config({ path: process.argv[2], quiet: true });
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const { TracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace');

const provider = new TracerProvider({
  spanProcessors: [new SimpleSpanProcessor({ exporter: new OTLPTraceExporter() })],
});
provider.getTracer('conformance').startSpan('one span').end();
provider.forceFlush().then(() => provider.shutdown());
