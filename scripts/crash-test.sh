#!/usr/bin/env bash
# Crash test on PostgreSQL: concurrent weekly updates, `kill -9` of the server midway, restart,
# then SQL checks that every acknowledged submission is stored, none is partial, and every
# write has its audit row (scripts/crash_test.py). Run by scripts/test.sh when
# TEST_DATABASE_URL is set; alone:
#   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test scripts/crash-test.sh [path/to/ioc]
set -euo pipefail
cd "$(dirname "$0")/.."

admin_url="${TEST_DATABASE_URL:?set TEST_DATABASE_URL to a PostgreSQL URL whose user may CREATE DATABASE}"
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
bin="${1:-$target_dir/debug/ioc}"
[ -x "$bin" ] || { echo "crash-test: no server binary at $bin" >&2; exit 1; }

run="r$$"
db="ioc_crash_$run"
db_url="${admin_url%/*}/$db"
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
pid=""

cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  psql "$admin_url" -q -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

export DATABASE_URL="$db_url" IOC_DATA_DIR="$work" IOC_BIND="127.0.0.1:$port" \
  IOC_JWT_SECRET="crash-test-secret-$(date +%s%N)-0123456789abcdef" RUST_LOG=warn

start() {
  "$bin" serve >>"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    if "$bin" healthcheck --url "$base/readyz" >/dev/null 2>&1; then return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "crash-test: the server did not become ready" >&2
  tail -20 "$work/server.log" >&2
  exit 1
}

psql "$admin_url" -q -c "CREATE DATABASE $db" >/dev/null
"$bin" seed-demo --synthetic 40 --weeks 1 >/dev/null

echo "crash-test: 800 weekly updates from 16 clients, kill -9 after 300 acknowledged"
start
python3 scripts/crash_test.py drive --base "$base" --run "$run" --ack-file "$work/acked.json" \
  --total 800 --kill-after 300 --concurrency 16 --kill-pid "$pid"
{ wait "$pid" 2>/dev/null || true; } 2>/dev/null
pid=""

echo "crash-test: restart after the kill"
start
python3 scripts/crash_test.py check --base "$base" --run "$run" --ack-file "$work/acked.json" --db-url "$db_url"
