#!/usr/bin/env bash
# Every benchmark (figures in the README): start-up and footprint in a real pty, the Python
# credential-check comparison, the live test under injected latency, the .env editor, and the
# write pipeline (rotate across 1,000 files; 8 setups contending for one file).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
python3 benches/startup.py
cargo bench --quiet --bench live
cargo bench --quiet --bench upsert
cargo bench --quiet --bench pipeline
