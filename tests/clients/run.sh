#!/usr/bin/env bash
# Client conformance (see conformance.py): installs the pinned clients once into <target dir>/clients
# (offline after the first run, reinstalled only when a pin changes), builds the binary and the Rust
# sender, then runs the matrix.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# Python (with venv), Node with npm, and a JDK run the clients. Missing under CI (`CI` set) is a
# failure; elsewhere the suite is skipped and listed in scripts/test.sh's summary.
missing=()
command -v python3 >/dev/null && python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=("python3 with venv")
for tool in node npm java; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  reason="$(IFS=,; echo "${missing[*]}") not installed"
  fix="apt-get install python3-venv nodejs npm openjdk-17-jdk-headless (as .ci/run does)"
  case "${CI:-}" in
    "" | 0 | false) ;;
    *) echo "client suite: $reason. CI is set, so this is a failure, not a skip: $fix" >&2; exit 1 ;;
  esac
  echo "SKIPPED client suite: $reason ($fix)" >&2
  skips="${CARGO_TARGET_DIR:-$root/target}/tmp"
  mkdir -p "$skips"
  printf 'clients::conformance\t%s\t%s\n' "$reason" "$fix" >>"$skips/skipped.tsv"
  exit 0
fi

# Where cargo builds (CARGO_TARGET_DIR or a cargo config may move it from target/).
cache="$(python3 "$root/scripts/cargo_paths.py" target-dir)/clients"
mkdir -p "$cache"

stamp() { sha256sum "$@" | sha256sum | cut -c1-16; }

install_venv() { # name requirements-file
  local dir="$cache/$1" mark
  mark="$dir/.ready-$(stamp "$2")"
  [ -f "$mark" ] && return
  rm -rf "$dir"
  python3 -m venv "$dir"
  "$dir/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$2"
  touch "$mark"
}

install_node() { # name (a folder here with package.json and package-lock.json)
  local dir="$cache/$1" mark
  mark="$dir/.ready-$(stamp "$here/$1/package.json" "$here/$1/package-lock.json")"
  [ -f "$mark" ] && return
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$here/$1/package.json" "$here/$1/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --silent --no-audit --no-fund)
  touch "$mark"
}

install_venv venv-otel "$here/requirements-otel.txt"
install_venv venv-traceloop "$here/requirements-traceloop.txt"
install_node node-otel
install_node node-traceloop

# conformance.py and loaders.py build the binaries and take their paths from cargo.
python3 "$here/conformance.py"
# What doctor claims about variables already in the environment, against the real loaders.
python3 "$here/loaders.py"
