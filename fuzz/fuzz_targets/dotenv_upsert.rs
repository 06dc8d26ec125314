#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| langfuse_otel::fuzzing::dotenv_upsert(data));
