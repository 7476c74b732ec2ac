# Sourced by the check scripts: starts the `ioc` binary on a throwaway SQLite database on a
# free port and stops it when the calling script exits.
#   start_throwaway_server [demo]   -> sets IOC_BASE_URL (http://127.0.0.1:PORT)
# IOC_BIN names the binary (default: the debug build in CARGO_TARGET_DIR or target/).

ioc_bin() {
  if [ -n "${IOC_BIN:-}" ]; then echo "$IOC_BIN"; return; fi
  local target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
  case "$target_dir" in /*) ;; *) target_dir="$PWD/$target_dir" ;; esac
  echo "$target_dir/debug/ioc"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_throwaway_server() {
  local demo="${1:-}"
  local bin; bin="$(ioc_bin)"
  [ -x "$bin" ] || { echo "no server binary at $bin (cargo build -p ioc-api, or set IOC_BIN)" >&2; return 1; }
  THROWAWAY_DIR="$(mktemp -d)"
  local port; port="$(free_port)"
  IOC_BASE_URL="http://127.0.0.1:$port"
  env -u DATABASE_URL -u IOC_CONFIG \
    IOC_DATA_DIR="$THROWAWAY_DIR" IOC_BIND="127.0.0.1:$port" \
    IOC_DEMO_ON_FIRST_RUN="$([ "$demo" = demo ] && echo true || echo false)" \
    IOC_ACCESS_TOKEN_TTL_SECS=3600 IOC_LOG_FORMAT=text RUST_LOG="${RUST_LOG:-warn}" \
    "$bin" serve >"$THROWAWAY_DIR/server.log" 2>&1 &
  THROWAWAY_PID=$!
  trap 'kill "$THROWAWAY_PID" 2>/dev/null; wait "$THROWAWAY_PID" 2>/dev/null; rm -rf "$THROWAWAY_DIR"' EXIT
  for _ in $(seq 1 300); do
    if curl -fsS "$IOC_BASE_URL/readyz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$THROWAWAY_PID" 2>/dev/null; then cat "$THROWAWAY_DIR/server.log" >&2; return 1; fi
    sleep 0.2
  done
  echo "server did not become ready" >&2
  cat "$THROWAWAY_DIR/server.log" >&2
  return 1
}
