//! Replays every input the fuzzers ever found a problem with (fuzz/regressions/<target>/), and the
//! seeds, through the same checks the fuzz targets run.

use std::path::Path;

use langfuse_otel::fuzzing;

/// A fuzz target's check: panics on a violation.
type Check = fn(&[u8]);

#[test]
fn every_kept_fuzz_input_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let targets: [(&str, Check); 5] = [
        ("dotenv_upsert", fuzzing::dotenv_upsert),
        ("header_roundtrip", fuzzing::header_roundtrip),
        ("host_normalize", fuzzing::host_normalize),
        ("doctor_parse", fuzzing::doctor_parse),
        ("server_text", fuzzing::server_text),
    ];
    let mut replayed = 0;
    for (name, check) in targets {
        for kind in ["regressions", "seeds"] {
            let Ok(entries) = std::fs::read_dir(root.join(kind).join(name)) else {
                continue;
            };
            for entry in entries.flatten() {
                check(&std::fs::read(entry.path()).unwrap());
                replayed += 1;
            }
        }
    }
    assert!(replayed >= 4, "the seeds at least are replayed");
}
