#!/usr/bin/env bash
# Regenerates tests/dialects/table.md from the real readers (python-dotenv and Node dotenv in batch
# processes, dotenvy in-process), for the hand-picked files in tests/dialects/cases.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIALECTS_REGENERATE=1 cargo test --test dialects the_committed_table_is_what_the_real_readers_say
