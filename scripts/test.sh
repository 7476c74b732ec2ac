#!/usr/bin/env bash
# Runs every test: formatting, lints, the domain crate on wasm32, unit and property tests,
# and the API suite over real HTTP on SQLite. With TEST_DATABASE_URL set (a PostgreSQL URL
# whose user may CREATE DATABASE), the API suite runs on PostgreSQL as well.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

echo "== rustfmt"
cargo fmt --all -- --check
echo "== clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "== domain crate on wasm32-unknown-unknown"
cargo check -p ioc-domain --target wasm32-unknown-unknown
echo "== tests (SQLite)"
env -u TEST_DATABASE_URL cargo test --workspace
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== API tests (PostgreSQL: ${TEST_DATABASE_URL%%@*}@...)"
  cargo test -p ioc-api --test api
fi
if [ -f e2e/package.json ]; then
  echo "== browser tests"
  (cd e2e && npm test)
fi
