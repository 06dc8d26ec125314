//! What the benches share (each bench uses a part).
#![allow(dead_code)]

#[path = "../../tests/common/scrub.rs"]
pub mod scrub;

#[path = "../../tests/common/child.rs"]
pub mod child;

/// The machine's load when the figures were taken (`/proc/loadavg`: 1, 5 and 15 minutes).
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| {
            let fields: Vec<&str> = text.split_whitespace().take(3).collect();
            (fields.len() == 3).then(|| format!("load average {}", fields.join(" ")))
        })
        .unwrap_or_else(|| "load average unknown".to_string())
}

/// The runtime the benches start the sandbox on.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}
