#!/usr/bin/env bash
# Builds everything (the SPA to wasm, then the server) and serves both on http://127.0.0.1:8080
# with the demo data set loaded into an embedded SQLite database on first run.
# Sign in as admin / DongNai@2026 (sample data). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export IOC_DATA_DIR="${IOC_DATA_DIR:-$PWD/data}"
cargo run -q -p xtask -- frontend
export IOC_STATIC_DIR="${IOC_STATIC_DIR:-$PWD/frontend/dist}"
echo "Serving on http://${IOC_BIND:-127.0.0.1:8080}  (API docs: /api/docs/, sign in: admin / DongNai@2026)"
exec cargo run --release -p ioc-api -- serve
