#!/usr/bin/env bash
# Property-based run over the OpenAPI document against the real server: the `ioc` binary on
# a throwaway SQLite database with the demo data, every operation and method, signed in as
# the demo admin. Fails on any server error, undocumented status code or content type,
# body that does not match its schema, or missing documented header.
# `POST /auth/logout-all` is left out: it would end the run's own session at once, and every
# later request would test only the 401 path (the API suite covers it, tests/api/sessions.rs).
#   SCHEMATHESIS_MAX_EXAMPLES (default 10), SCHEMATHESIS_SEED (default 20261129),
#   SCHEMATHESIS_MAX_TIME (seconds, default 300), IOC_BIN (default: the debug build).
set -euo pipefail
cd "$(dirname "$0")/.."
tools="${IOC_TOOLS_DIR:-$HOME/.cache/ioc-tools}/venv/bin"

# shellcheck source=scripts/throwaway-server.sh
. scripts/throwaway-server.sh
start_throwaway_server demo
token="$(curl -fsS -H 'content-type: application/json' \
  -d '{"username":"admin","password":"DongNai@2026"}' "$IOC_BASE_URL/api/v1/auth/login" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')"

report_dir="${SCHEMATHESIS_REPORT_DIR:-${TMPDIR:-/tmp}/ioc-schemathesis-report}"
status=0
# From the throwaway directory, so schemathesis's own cache (.schemathesis/) stays out of the
# clone and every run starts from the same state.
(cd "$THROWAWAY_DIR" && "$tools/st" run "$IOC_BASE_URL/api/openapi.json" \
  --header "Authorization: Bearer $token" \
  --exclude-path /api/v1/auth/logout-all \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  --phases examples,coverage,fuzzing \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-10}" \
  --seed "${SCHEMATHESIS_SEED:-20261129}" \
  --max-time "${SCHEMATHESIS_MAX_TIME:-300}" \
  --workers 1 \
  --request-timeout 30 \
  --suppress-health-check all \
  --report junit --report-dir "$report_dir") || status=$?
if [ "$status" -ne 0 ]; then
  echo "schemathesis found problems (report: $report_dir)" >&2
  echo "server errors and panics (count, where):" >&2
  grep -E "ERROR|panicked" "$THROWAWAY_DIR/server.log" |
    sed -E 's/^.*(panicked at|ERROR) //; s/^thread .*panicked at //' | sort | uniq -c | sort -rn | head -40 >&2 || true
fi
exit "$status"
