#!/usr/bin/env bash
# Installs what building and testing need, from the project's own files. Idempotent.
# The wasm target is added explicitly: rust-toolchain.toml's `targets` is not acted on
# where rustup auto-install is off.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown >/dev/null
echo "setup: wasm32-unknown-unknown target present"

# Browser tests (e2e/) need Debian chromium and the npm packages of e2e/package.json.
if [ -f e2e/package.json ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
  fi
  (cd e2e && npm ci --no-audit --no-fund)
fi

# Python tools of the CI checks (OpenAPI validation, schemathesis), pinned in
# scripts/requirements-ci.txt, in a venv outside the clone.
tools="${IOC_TOOLS_DIR:-$HOME/.cache/ioc-tools}"
if [ ! -x "$tools/venv/bin/python" ]; then
  python3 -m venv "$tools/venv"
fi
if ! cmp -s scripts/requirements-ci.txt "$tools/venv/requirements-ci.txt"; then
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check -r scripts/requirements-ci.txt
  cp scripts/requirements-ci.txt "$tools/venv/requirements-ci.txt"
fi
echo "setup: CI Python tools in $tools/venv"
