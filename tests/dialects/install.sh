#!/usr/bin/env bash
# Installs the real .env readers the differential test compares with (tests/dialects.rs), pinned,
# into target/dialects: python-dotenv in a venv, Node dotenv with `npm ci`. Offline after the first
# run; reinstalled only when a pin changes. Prints the two interpreters' paths when done.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache="$root/target/dialects"
mkdir -p "$cache"
# One install at a time: under nextest each test is a process of its own, and two installs at
# once remove each other's directories (npm: `uv_cwd` ENOENT).
exec 9>"$cache/.install.lock"
flock 9
stamp() { sha256sum "$@" | sha256sum | cut -c1-16; }

venv="$cache/venv"
mark="$venv/.ready-$(stamp "$here/requirements.txt")"
if [ ! -f "$mark" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$here/requirements.txt"
  touch "$mark"
fi

node="$cache/node"
mark="$node/.ready-$(stamp "$here/node/package.json" "$here/node/package-lock.json")"
if [ ! -f "$mark" ]; then
  rm -rf "$node" && mkdir -p "$node"
  cp "$here/node/package.json" "$here/node/package-lock.json" "$node/"
  (cd "$node" && npm ci --silent --no-audit --no-fund)
  touch "$mark"
fi
