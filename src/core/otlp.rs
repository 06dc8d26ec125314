//! The two OTLP bodies the live test sends, protobuf-encoded by hand: an empty export request (what
//! proves the endpoint and headers without creating data) and one small, clearly named test span.
//!
//! Pure. The encoding is a handful of fields of `ExportTraceServiceRequest`
//! (opentelemetry-proto `collector/trace/v1`), which is smaller than a protobuf code generator.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher as _, Hasher as _};

/// `ExportTraceServiceRequest {}`: zero bytes in protobuf.
pub const EMPTY_EXPORT: &[u8] = &[];

pub const CONTENT_TYPE: &str = "application/x-protobuf";

/// The span `--send-test-trace` sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestSpan {
    pub trace_id: [u8; 16],
    pub span_id: [u8; 8],
    pub start_unix_nanos: u64,
    pub end_unix_nanos: u64,
}

pub const TEST_SPAN_NAME: &str = "langfuse-otel test span";
pub const SERVICE_NAME: &str = "langfuse-otel";

impl TestSpan {
    /// A span with random ids, lasting `duration_nanos` and ending at `end_unix_nanos`.
    pub fn new(end_unix_nanos: u64, duration_nanos: u64) -> TestSpan {
        let mut trace_id = [0u8; 16];
        trace_id[..8].copy_from_slice(&random_u64().to_be_bytes());
        trace_id[8..].copy_from_slice(&random_u64().to_be_bytes());
        TestSpan {
            trace_id,
            span_id: random_u64().to_be_bytes(),
            start_unix_nanos: end_unix_nanos.saturating_sub(duration_nanos),
            end_unix_nanos,
        }
    }

    /// The 32-hex trace id Langfuse shows in its trace URLs.
    pub fn trace_id_hex(&self) -> String {
        hex(&self.trace_id)
    }

    /// `ExportTraceServiceRequest` with one resource, one scope and this span.
    pub fn encode(&self) -> Vec<u8> {
        let service = key_value("service.name", SERVICE_NAME);
        let resource = field_bytes(1, &service);

        let mut scope = field_bytes(1, SERVICE_NAME.as_bytes());
        scope.extend(field_bytes(2, env!("CARGO_PKG_VERSION").as_bytes()));

        let mut span = field_bytes(1, &self.trace_id);
        span.extend(field_bytes(2, &self.span_id));
        span.extend(field_bytes(5, TEST_SPAN_NAME.as_bytes()));
        span.extend(field_varint(6, 1)); // SPAN_KIND_INTERNAL
        span.extend(field_fixed64(7, self.start_unix_nanos));
        span.extend(field_fixed64(8, self.end_unix_nanos));
        span.extend(field_bytes(
            9,
            &key_value(
                "langfuse-otel.note",
                "sent by `langfuse-otel --send-test-trace` to prove the configuration",
            ),
        ));

        let mut scope_spans = field_bytes(1, &scope);
        scope_spans.extend(field_bytes(2, &span));

        let mut resource_spans = field_bytes(1, &resource);
        resource_spans.extend(field_bytes(2, &scope_spans));

        field_bytes(1, &resource_spans)
    }
}

/// `KeyValue { key, value: AnyValue { string_value } }`.
fn key_value(key: &str, value: &str) -> Vec<u8> {
    let mut out = field_bytes(1, key.as_bytes());
    out.extend(field_bytes(2, &field_bytes(1, value.as_bytes())));
    out
}

fn varint(mut value: u64, out: &mut Vec<u8>) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn field_bytes(number: u32, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 6);
    varint(u64::from(number << 3 | 2), &mut out);
    varint(bytes.len() as u64, &mut out);
    out.extend_from_slice(bytes);
    out
}

fn field_varint(number: u32, value: u64) -> Vec<u8> {
    let mut out = Vec::new();
    varint(u64::from(number << 3), &mut out);
    varint(value, &mut out);
    out
}

fn field_fixed64(number: u32, value: u64) -> Vec<u8> {
    let mut out = Vec::new();
    varint(u64::from(number << 3 | 1), &mut out);
    out.extend_from_slice(&value.to_le_bytes());
    out
}

/// The trace ids of every span in a protobuf `ExportTraceServiceRequest`
/// (`resource_spans` 1 → `scope_spans` 2 → `spans` 2 → `trace_id` 1), as hex; `None` when the body
/// is not well-formed protobuf. Unknown fields are skipped, as protobuf readers do.
pub fn trace_ids(body: &[u8]) -> Option<Vec<String>> {
    let mut ids = Vec::new();
    for resource in fields(body, 1)? {
        for scope in fields(resource, 2)? {
            for span in fields(scope, 2)? {
                if let Some(id) = fields(span, 1)?.last()
                    && id.len() == 16
                {
                    ids.push(hex(id));
                }
            }
        }
    }
    ids.dedup();
    Some(ids)
}

/// The length-delimited values of field `wanted` in one message.
fn fields(mut message: &[u8], wanted: u64) -> Option<Vec<&[u8]>> {
    let mut out = Vec::new();
    while !message.is_empty() {
        let key = read_varint(&mut message)?;
        let (number, wire) = (key >> 3, key & 7);
        match wire {
            0 => {
                read_varint(&mut message)?;
            }
            1 => message = message.get(8..)?,
            2 => {
                let len = usize::try_from(read_varint(&mut message)?).ok()?;
                let value = message.get(..len)?;
                message = &message[len..];
                if number == wanted {
                    out.push(value);
                }
            }
            5 => message = message.get(4..)?,
            _ => return None,
        }
    }
    Some(out)
}

fn read_varint(input: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = input.split_first()?;
        *input = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(value);
        }
    }
    None
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Random enough for trace ids (not for secrets): std's hasher keys are seeded per process from
/// the OS, and each call hashes a fresh counter and the time.
fn random_u64() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_fields_match_the_protobuf_wire_format() {
        let mut out = Vec::new();
        varint(300, &mut out);
        assert_eq!(out, [0xac, 0x02]);
        assert_eq!(field_bytes(1, b"ab"), [0x0a, 2, b'a', b'b']);
        assert_eq!(field_varint(6, 1), [0x30, 1]);
        assert_eq!(field_fixed64(7, 1), [0x39, 1, 0, 0, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn a_test_span_encodes_its_ids_name_and_times() {
        let span = TestSpan {
            trace_id: [0x11; 16],
            span_id: [0x22; 8],
            start_unix_nanos: 1_000,
            end_unix_nanos: 2_000,
        };
        let body = span.encode();
        let contains = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
        assert!(contains(&field_bytes(1, &[0x11; 16])));
        assert!(contains(&field_bytes(2, &[0x22; 8])));
        assert!(contains(&field_bytes(5, TEST_SPAN_NAME.as_bytes())));
        assert!(contains(&field_fixed64(7, 1_000)));
        assert!(contains(&field_fixed64(8, 2_000)));
        assert!(contains(b"service.name"));
        // The outer message is one ResourceSpans field whose length covers the rest.
        assert_eq!(body[0], 0x0a);
        assert_eq!(span.trace_id_hex(), "11".repeat(16));
    }

    #[test]
    fn the_trace_id_is_read_back_from_an_encoded_span_and_garbage_is_refused() {
        let span = TestSpan::new(10, 5);
        assert_eq!(trace_ids(&span.encode()), Some(vec![span.trace_id_hex()]));
        assert_eq!(trace_ids(EMPTY_EXPORT), Some(vec![]));
        assert_eq!(trace_ids(&[0x0a, 0x05, 1]), None);
        assert_eq!(trace_ids(&[0xff; 12]), None);
    }

    #[test]
    fn ids_are_fresh_each_time() {
        let a = TestSpan::new(10, 5);
        let b = TestSpan::new(10, 5);
        assert_ne!(a.trace_id, b.trace_id);
        assert_ne!(a.span_id, b.span_id);
        assert_eq!(a.start_unix_nanos, 5);
    }
}
