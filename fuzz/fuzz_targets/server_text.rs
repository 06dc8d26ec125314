#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| langfuse_otel::fuzzing::server_text(data));
