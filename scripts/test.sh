#!/usr/bin/env bash
# Runs every test: formatting, lints (server crates natively, the SPA on wasm32), unit and
# property tests, the API suite over real HTTP on SQLite, and the browser suite (e2e/) against
# the real server and the release build of the SPA. With TEST_DATABASE_URL set (a PostgreSQL
# URL whose user may CREATE DATABASE), the API suite runs on PostgreSQL as well.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

echo "== rustfmt"
cargo fmt --all -- --check
echo "== clippy"
# The SPA only builds for the browser, so it is linted on its own target.
cargo clippy --workspace --exclude ioc-frontend --all-targets -- -D warnings
cargo clippy -p ioc-frontend --target wasm32-unknown-unknown -- -D warnings
echo "== domain crate on wasm32-unknown-unknown"
cargo check -p ioc-domain --target wasm32-unknown-unknown
echo "== tests (SQLite)"
env -u TEST_DATABASE_URL cargo test --workspace --exclude ioc-frontend
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== API tests (PostgreSQL: ${TEST_DATABASE_URL%%@*}@...)"
  cargo test -p ioc-api --test api
fi
echo "== release build script (debug profile): the image's build path, staged for the suites below"
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
case "$target_dir" in /*) ;; *) target_dir="$PWD/$target_dir" ;; esac
stage="$target_dir/stage"
./scripts/build-release.sh --debug --out "$stage"
echo "== OpenAPI document (independent validator: committed and served)"
IOC_BIN="$stage/bin/ioc" ./scripts/check-openapi.sh
echo "== schemathesis over the spec against the real server (bounded, fixed seed)"
IOC_BIN="$stage/bin/ioc" ./scripts/schemathesis.sh
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== crash test (PostgreSQL: concurrent weekly updates, kill -9, restart, SQL checks)"
  ./scripts/crash-test.sh "$stage/bin/ioc"
fi
echo "== browser tests (headless Chromium, real server, fresh database per file)"
(cd e2e && IOC_BIN="$stage/bin/ioc" IOC_WEB_DIR="$stage/web" npm test)
