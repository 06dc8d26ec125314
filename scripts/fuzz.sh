#!/usr/bin/env bash
# Bounded fuzzing (not part of every CI run): each target for SECONDS (default 60). A crash input is
# copied to fuzz/regressions/<target>/, where tests/fuzz_regressions.rs replays it in every test run.
#
# cargo-fuzz needs nightly features; this machine has only stable Rust, so RUSTC_BOOTSTRAP=1 lets
# stable build with them (ASan and libFuzzer's instrumentation).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
status=0
for target in dotenv_upsert header_roundtrip host_normalize doctor_parse server_text; do
  mkdir -p "fuzz/corpus/$target"
  [ -d "fuzz/seeds/$target" ] && cp -n fuzz/seeds/"$target"/* "fuzz/corpus/$target/" 2>/dev/null || true
  echo "== $target: ${seconds}s"
  if ! cargo fuzz run "$target" "fuzz/corpus/$target" -- -max_total_time="$seconds" 2>&1 | tail -3; then
    status=1
  fi
  for crash in fuzz/artifacts/"$target"/*; do
    [ -f "$crash" ] || continue
    mkdir -p "fuzz/regressions/$target"
    cp "$crash" "fuzz/regressions/$target/"
    echo "crash input kept: fuzz/regressions/$target/$(basename "$crash")"
    status=1
  done
done
exit $status
