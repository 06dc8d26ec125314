#!/usr/bin/env bash
# The project's test command (README, CI): unit, property and integration tests, then the client
# conformance suite (other people's dotenv readers and OTel header parsers on our .env files).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --all-targets
bash tests/clients/run.sh
