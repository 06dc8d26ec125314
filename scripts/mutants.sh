#!/usr/bin/env bash
# Mutation testing (cargo-mutants) of the code that guards data and secrets: cargo-mutants puts one
# small bug at a time into a copy of the crate and runs the tests; a mutant the tests do not notice
# ("missed") is a behaviour no test pins. Hours on 2 cores, so not in CI: run it in parts.
#
#   scripts/mutants.sh [GROUP...]          run these groups (default: all, most important first)
#   scripts/mutants.sh list [GROUP...]     list the mutants, run nothing
#   scripts/mutants.sh table [RUN...]       the README table from every result so far (or these runs,
#                                          e.g. `keys host-shard-1-of-4`); a mutant in several
#                                          runs counts once, with its newest verdict
#
#   GROUP: credential host keys diagnosis dotenv readers envfile apply tui
#   SHARD=k/n     run part k of n of each group (a full run in n parts, e.g. one a night)
#   AGAIN=1       run again only what the group's last run did not catch (missed, timed out),
#                 into <group>-again (cargo-mutants' --iterate on a copy of that run): after new
#                 tests, or with a slower test target added (TESTS="..." below)
#   IN_DIFF=1     only the mutants in `git diff main` (run before each merge); IN_DIFF=<commit>:
#                 in `git diff <commit>` (e.g. where your branch started, once main is merged in)
#   TESTS=all     every test target, not the group's own (below); slower, never fewer caught;
#                 TESTS="--lib --test x" these targets
#   FILTER=all    every test of those targets (dotenv and readers leave out the unit tests of
#                 unrelated areas, below)
#   DOTENV_CASES, DOTENV_SEED  tests/dialects.rs's run (default here 2000 cases, seed 20261130:
#                 a mutant's verdict must not depend on the clock)
#   JOBS=n        mutants built and tested at once (default 1: the machine is shared)
#   TIMEOUT=s     the test phase's limit (default 300: on a loaded machine it includes a relink, and
#                 cargo-mutants' automatic limit from the baseline then reports slow builds as timeouts)
#   MUTANTS_TARGET=dir  build in this target dir, kept between runs so the dependencies are built
#                 once; default: a fresh one. Never one that other builds use, nor a `cp -al` copy
#                 of one: cargo rewrites some outputs in place, and verdicts then come from stale
#                 binaries
#
# Results: target/mutants/<group>[-shard-k-of-n]/mutants.out/ (caught.txt, missed.txt,
# unviable.txt, timeout.txt, outcomes.json). Needs `cargo install --locked cargo-mutants` and
# cargo-nextest; links faster with lld (`apt-get install lld`). Runs under `nice -n 19`.
set -euo pipefail
cd "$(dirname "$0")/.."

# group -> files (cargo-mutants --file globs), a regex on mutant names (empty: the whole file),
# and the test targets that judge it (TESTS=all: every target).
declare -A files=(
  [credential]="src/core/credential.rs"
  [host]="src/core/host.rs"
  [keys]="src/core/keys.rs"
  [diagnosis]="src/core/diagnosis.rs"
  [dotenv]="src/core/dotenv/*.rs"
  [readers]="src/core/dotenv/readers/*.rs"
  [envfile]="src/io/envfile.rs src/io/mod.rs"
  [apply]="src/apply.rs"
  [tui]="src/tui/app.rs src/tui/screens/*.rs"
)
declare -A names=(
  # The loopback and plain-http rules, and the normalisation that applies them.
  [host]='is_https|is_loopback|has_http_scheme|looks_loopback|normalize_host|strip_matching_quotes'
  # Redaction: what Debug, Display and the masked form show of a key.
  [keys]='mask|fmt|expose|SecretKey|PublicKey::as_str'
  # The wizard's update functions: what a key or a message does to the state.
  [tui]='update|on_key|on_paste|on_detected|fill|move_selection|check_keyring|key_pair|current_keys|is_ctrl_c'
)
declare -A tests=(
  [credential]="--lib --test fuzz_regressions"
  [host]="--lib"
  [keys]="--lib --test wizard"
  [diagnosis]="--lib --test live"
  # tests/dialects.rs is the independent oracle (the real python-dotenv and Node dotenv); it adds
  # about 10 s to each mutant that survives the others, so a first pass can leave it out
  # (TESTS="--lib --test fuzz_regressions --test setup") and AGAIN=1 bring it in.
  [dotenv]="--lib --test fuzz_regressions --test setup --test dialects"
  [readers]="--lib --test dialects --test fuzz_regressions"
  [envfile]="--lib --test files --test setup --test pipeline"
  [apply]="--lib --test files --test setup --test keyring --test pipeline --test doctor"
  [tui]="--lib --test wizard"
)
# Within those targets, the unit tests of other areas that cannot see a change to the group's
# files and cost a mutant seconds each (a nextest filter; FILTER=all for every test).
unrelated='not test(/^core::(server_text|credential|host|keys|diagnosis|explain|otlp|arrival|formats|target|i18n)::/)'
declare -A filters=(
  [dotenv]="$unrelated"
  [readers]="$unrelated"
)
order=(credential host keys diagnosis dotenv readers envfile apply tui)

table() {
  python3 - "$@" <<'PY'
import json, pathlib, collections, sys
only = set(sys.argv[1:])
paths = [p for p in pathlib.Path("target/mutants").glob("*/mutants.out/outcomes.json")
         if not only or p.parent.parent.name in only]
# Oldest first, so a mutant tested again (AGAIN=1) counts once, with its newest verdict.
paths.sort(key=lambda p: p.stat().st_mtime)
verdicts = {}
runs = []
for path in paths:
    data = json.loads(path.read_text())
    runs.append(path.parent.parent.name)
    for outcome in data.get("outcomes", []):
        scenario = outcome.get("scenario")
        if not isinstance(scenario, dict) or "Mutant" not in scenario:
            continue
        mutant = scenario["Mutant"]
        summary = outcome.get("summary", "?")
        kind = {"CaughtMutant": "caught", "MissedMutant": "missed", "Unviable": "unviable",
                "Timeout": "timeout"}.get(summary, summary)
        key = (mutant.get("file", "?"), mutant.get("name") or json.dumps(mutant, sort_keys=True))
        verdicts[key] = kind
rows = collections.defaultdict(collections.Counter)
for (file, _), kind in verdicts.items():
    rows[file][kind] += 1
print("| file | caught | missed | unviable | timeout | caught of viable |")
print("|---|---|---|---|---|---|")
total = collections.Counter()
for file in sorted(rows):
    c = rows[file]
    total.update(c)
    viable = c["caught"] + c["missed"] + c["timeout"]
    share = f"{100 * c['caught'] / viable:.0f}%" if viable else "—"
    print(f"| `{file}` | {c['caught']} | {c['missed']} | {c['unviable']} | {c['timeout']} | {share} |")
viable = total["caught"] + total["missed"] + total["timeout"]
if viable:
    print(f"| **all** | {total['caught']} | {total['missed']} | {total['unviable']} | {total['timeout']} | {100 * total['caught'] / viable:.0f}% |")
print()
print("runs: " + ", ".join(runs))
PY
}

mode=run
case "${1:-}" in
  table) shift; table "$@"; exit 0 ;;
  list) mode=list; shift ;;
esac
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=("${order[@]}")

if ! cargo mutants --version >/dev/null 2>&1; then
  echo "cargo-mutants is not installed: cargo install --locked cargo-mutants" >&2
  exit 1
fi

for group in "${groups[@]}"; do
  [ -n "${files[$group]+x}" ] || { echo "unknown group $group (one of: ${order[*]})" >&2; exit 2; }
  args=()
  for f in ${files[$group]}; do args+=(--file "$f"); done
  # The unit tests live in the files too (`mod tests`, dotenv/tests.rs): never mutate them.
  args+=(--exclude "src/core/dotenv/tests.rs" --exclude "src/core/dotenv/readers/tests.rs")
  [ -n "${names[$group]:-}" ] && args+=(--re "${names[$group]}")
  suffix=""
  if [ -n "${IN_DIFF:-}" ]; then
    base=main
    [ "$IN_DIFF" = 1 ] || base=$IN_DIFF
    mkdir -p target/mutants
    git diff "$base" -- ${files[$group]} >target/mutants/$group.diff
    args+=(--in-diff "target/mutants/$group.diff")
    suffix="-in-diff"
  fi
  if [ "$mode" = list ]; then
    cargo mutants --list "${args[@]}"
    continue
  fi
  out="target/mutants/$group"
  if [ -n "${SHARD:-}" ]; then
    args+=(--shard "$SHARD")
    out="$out-shard-${SHARD/\//-of-}"
  fi
  out="$out$suffix"
  if [ -n "${AGAIN:-}" ]; then
    last="$out/mutants.out"
    [ -f "$last/outcomes.json" ] || { echo "no earlier run in $out to run again" >&2; exit 2; }
    out="$out-again"
    rm -rf "$out" && mkdir -p "$out" && cp -r "$last" "$out/"
    args+=(--iterate)
  fi
  mkdir -p "$out"
  selection=()
  case "${TESTS:-}" in
    all) ;;
    "") read -r -a selection <<<"${tests[$group]}" ;;
    *) read -r -a selection <<<"$TESTS" ;;
  esac
  # The selection applies to the build as well as to the test run, so only those targets are built.
  for arg in "${selection[@]}"; do args+=(--cargo-arg="$arg"); done
  filter="${filters[$group]:-}"
  [ "${FILTER:-}" = all ] && filter=""
  [ -n "$filter" ] && args+=(--cargo-test-arg=-E --cargo-test-arg="$filter")
  # nextest's `mutants` profile (.config/nextest.toml) stops a test that runs 30 s: a mutant that
  # makes a loop endless is caught then, instead of waiting out TIMEOUT as a "timeout".
  args+=(--cargo-test-arg=--profile --cargo-test-arg=mutants)
  [ -n "${MUTANTS_TARGET:-}" ] && export CARGO_TARGET_DIR="$MUTANTS_TARGET"
  # A mutant's build is mostly linking the test binaries. Without debug info (nothing reads it
  # here) and with lld where it is installed, an edit of src/io/envfile.rs rebuilt the envfile
  # group's targets in 4.6 s instead of 7.5 s (2026-11-30, this machine).
  export CARGO_PROFILE_DEV_DEBUG=0
  if command -v ld.lld >/dev/null && [[ "${RUSTFLAGS:-}" != *fuse-ld* ]]; then
    export RUSTFLAGS="${RUSTFLAGS:-} -C link-arg=-fuse-ld=lld"
  fi
  export DOTENV_CASES="${DOTENV_CASES:-2000}" DOTENV_SEED="${DOTENV_SEED:-20261130}"
  echo "== $group: cargo mutants ${args[*]}" >&2
  # Exit codes: 0 all caught, 2 some missed, 3 timeouts (the table reports them, so go on);
  # anything else (a usage error, 4: the tests fail without any mutant) stops here.
  status=0
  # With the failpoints, as scripts/test.sh runs the suite: the kill and lock tests stop the real
  # binary at named points of the write pipeline, and are skipped without them.
  nice -n 19 cargo mutants --test-tool nextest --jobs "${JOBS:-1}" --timeout "${TIMEOUT:-300}" \
    --features failpoints --output "$out" \
    "${args[@]}" || status=$?
  case $status in
    0 | 2 | 3) ;;
    *) echo "cargo mutants stopped with exit code $status (see $out/mutants.out/debug.log)" >&2; exit "$status" ;;
  esac
done
[ "$mode" = run ] && table
