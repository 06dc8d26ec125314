#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| langfuse_otel::fuzzing::host_normalize(data));
