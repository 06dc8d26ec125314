#!/usr/bin/env bash
# Client conformance: .env files written by the real binary, read back by other people's parsers.
#
# For every key pair in pairs.tsv and every header family, `langfuse-otel setup` writes a .env; each
# client's own dotenv reader and header parser must then give back exactly `Basic base64(pk:sk)`.
# Negative controls (hand-written broken files) must fail in the clients known to misread them, or
# the suite is not testing what it claims. Dependencies are pinned and installed once into
# target/clients (offline after the first run).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache="$root/target/clients"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Profiles go to a throwaway directory, never the developer's.
export XDG_CONFIG_HOME="$work/config"

PY_DEPS=(python-dotenv==1.2.4 opentelemetry-api==1.45.2)
NODE_DEPS=(dotenv@18.0.10 @opentelemetry/core@3.1.1)

mkdir -p "$cache"
if [ ! -f "$cache/venv/.ready-2" ]; then
  rm -rf "$cache/venv"
  python3 -m venv "$cache/venv"
  "$cache/venv/bin/pip" install --quiet --disable-pip-version-check "${PY_DEPS[@]}"
  touch "$cache/venv/.ready-2"
fi
if [ ! -f "$cache/node/.ready-2" ]; then
  rm -rf "$cache/node" && mkdir -p "$cache/node"
  (cd "$cache/node" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "${NODE_DEPS[@]}")
  touch "$cache/node/.ready-2"
fi

(cd "$root" && cargo build --quiet)
bin="$root/target/debug/langfuse-otel"

# cases.tsv: case, file, variable, pk, sk; expect.tsv: case, client, ok|wrong
cases="$work/cases.tsv"; expect="$work/expect.tsv"; : >"$cases"; : >"$expect"
CLIENTS=(python-otel-strict python-otel-liberal node-otel java-urldecoder)
expect_all() { for c in "${CLIENTS[@]}"; do printf '%s\t%s\t%s\n' "$1" "$c" "$2" >>"$expect"; done; }

n=0
while IFS=$'\t' read -r pk sk _why; do
  case "$pk" in '#'*|'') continue ;; esac
  n=$((n + 1))
  for family in traceloop otel; do
    variable=TRACELOOP_HEADERS; [ "$family" = otel ] && variable=OTEL_EXPORTER_OTLP_HEADERS
    file="$work/$family-$n.env"
    printf '%s\n' "$sk" | "$bin" setup --non-interactive --skip-test --no-keyring --region eu --vars "$family" \
      --public-key "$pk" --secret-key-stdin --env-file "$file" >/dev/null 2>&1
    printf '%s\t%s\t%s\t%s\t%s\n' "$family/pair$n" "$file" "$variable" "$pk" "$sk" >>"$cases"
    expect_all "$family/pair$n" ok
  done
done <"$here/pairs.tsv"

# Negative controls, built from a pair whose base64 has a `+`.
pk='pk-lf-?>?>'; sk='sk-lf->>>?'
b64=$(printf '%s:%s' "$pk" "$sk" | base64 -w0)
case "$b64" in *+*) ;; *) echo "negative controls need a + in the base64" >&2; exit 1 ;; esac
control() { # name, line, then client=outcome pairs that differ from ok
  local name=$1 line=$2; shift 2
  printf '%s\n' "$line" >"$work/$name.env"
  printf '%s\t%s\t%s\t%s\t%s\n' "control/$name" "$work/$name.env" TRACELOOP_HEADERS "$pk" "$sk" >>"$cases"
  for c in "${CLIENTS[@]}"; do
    local outcome=ok
    for override in "$@"; do [ "${override%%=*}" = "$c" ] && outcome=${override#*=}; done
    printf '%s\t%s\t%s\n' "control/$name" "$c" "$outcome" >>"$expect"
  done
}
# As most guides write it: a raw space and raw base64.
control raw-space "TRACELOOP_HEADERS='Authorization=Basic ${b64}'" python-otel-strict=wrong java-urldecoder=wrong
# urllib.parse.quote_plus: a form encoding, which only Java's URLDecoder reads back.
control quote-plus "TRACELOOP_HEADERS=Authorization=Basic+${b64//+/%2B}" \
  python-otel-strict=wrong python-otel-liberal=wrong node-otel=wrong
control raw-plus "TRACELOOP_HEADERS=Authorization=Basic%20${b64}" java-urldecoder=wrong

results="$work/results.tsv"
"$cache/venv/bin/python" "$here/decode.py" <"$cases" >>"$results"
NODE_PATH="$cache/node/node_modules" node "$here/decode.js" <"$cases" >>"$results"
java "$here/Decode.java" <"$cases" >>"$results"

passed=0; failed=0
printf '%-20s %-22s %-8s %-8s %s\n' case client expected got verdict
while IFS=$'\t' read -r c client want; do
  got=$(awk -F'\t' -v c="$c" -v k="$client" '$1==c && $2==k {print $3}' "$results")
  if [ "$got" = "$want" ]; then verdict=pass; passed=$((passed + 1)); else verdict=FAIL; failed=$((failed + 1)); fi
  printf '%-20s %-22s %-8s %-8s %s\n' "$c" "$client" "$want" "${got:-missing}" "$verdict"
done <"$expect"
echo "clients: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
