#!/usr/bin/env bash
# Validates the OpenAPI document with an independent validator (openapi-spec-validator,
# installed by scripts/setup.sh): the committed api-spec/openapi.json and the document a
# running server serves at /api/openapi.json.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="${IOC_TOOLS_DIR:-$HOME/.cache/ioc-tools}/venv/bin"
validate() { "$tools/openapi-spec-validator" --schema 3.1 --validation-errors all "$1"; }

echo "openapi: committed api-spec/openapi.json"
validate api-spec/openapi.json

# shellcheck source=scripts/throwaway-server.sh
. scripts/throwaway-server.sh
start_throwaway_server
served="$THROWAWAY_DIR/served-openapi.json"
curl -fsS "$IOC_BASE_URL/api/openapi.json" -o "$served"
echo "openapi: served by $(ioc_bin)"
validate "$served"
