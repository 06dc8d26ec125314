#!/usr/bin/env bash
# The project's test command (README, CI): unit, property and integration tests, then the client
# conformance suite (other people's dotenv readers and OTel header parsers on our .env files).
set -euo pipefail
cd "$(dirname "$0")/.."
# Benches are not run here: speed targets live in `scripts/bench.sh`, never in timed tests.
# failpoints: named pause points the kill tests stop the binary at (off in release builds).
cargo test --features failpoints --lib --bins --tests
bash tests/clients/run.sh
