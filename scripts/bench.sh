#!/usr/bin/env bash
# The load benchmark of issue 11: the release server beside a bare actix-web + sqlx endpoint
# (crates/bench-baseline), both driven by wrk on the same synthetic data set, on PostgreSQL
# and SQLite in one run. Prints one table per database (req/s, p50, p99, errors, ratios to
# the baseline), cold-request times and the server's RSS, and writes them to
# $CARGO_TARGET_DIR/bench-report.md. Not a test: nothing here decides a CI pass or fail.
#
# Environment (defaults in brackets):
#   BENCH_PROJECTS [10000], BENCH_WEEKS [52]   size of the synthetic set
#   BENCH_SECS [15]                            seconds per wrk run
#   BENCH_THREADS [2], BENCH_CONNECTIONS [32]  wrk -t / -c
#   BENCH_COLD_N [20]                          writes + first reads per dashboard group
#   BENCH_SOAK_SECS [0]                        > 0: a mixed load this long on PostgreSQL, RSS every 10 s
#   BENCH_SOAK_ONLY                            set: only the baselines and the soak (no endpoint rows)
#   BENCH_DATABASES ["postgres sqlite"]
#   BENCH_PG_URL [postgres://postgres@127.0.0.1:5432]  a user that may create databases;
#                                              the database BENCH_PG_DB [ioc_bench] is recreated and dropped
#   IOC_BIN, BASELINE_BIN                      use these binaries instead of building them
#   IOC_BIN_BEFORE                             an older server binary, measured in the same run ("before")
#   BENCH_REPORT [$CARGO_TARGET_DIR/bench-report.md]
# Quick smoke run: BENCH_PROJECTS=1000 BENCH_WEEKS=10 BENCH_SECS=3 BENCH_COLD_N=3 scripts/bench.sh
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PROJECTS=${BENCH_PROJECTS:-10000}
WEEKS=${BENCH_WEEKS:-52}
SECS=${BENCH_SECS:-15}
THREADS=${BENCH_THREADS:-2}
CONNS=${BENCH_CONNECTIONS:-32}
COLD_N=${BENCH_COLD_N:-20}
SOAK_SECS=${BENCH_SOAK_SECS:-0}
DATABASES=${BENCH_DATABASES:-postgres sqlite}
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}
PG_DB=${BENCH_PG_DB:-ioc_bench}
BEFORE_BIN=${IOC_BIN_BEFORE:-}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
REPORT=${BENCH_REPORT:-$TARGET/bench-report.md}
SERVER_PORT=${BENCH_PORT:-18080}
BASELINE_PORT=$((SERVER_PORT + 10))
# Longer than a run: a slow endpoint shows as high latency, not as a wall of timeouts.
WRK_TIMEOUT=${BENCH_WRK_TIMEOUT:-30s}
FILTER="sector=transport&status=delayed"

export BENCH_LUA_DIR=$ROOT/scripts/bench BENCH_THREADS=$THREADS
WORK=$(mktemp -d /tmp/ioc-bench.XXXXXX)
PIDS=()
PG_CREATED=""

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ -n $PG_CREATED ]]; then
    psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

need_tools() {
  local missing=() tool pkg
  for tool in wrk:wrk jq:jq curl:curl psql:postgresql-client sqlite3:sqlite3; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
  done
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    if [[ $(id -u) == 0 ]]; then
      apt-get install -y "${missing[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${missing[@]}" >/dev/null; }
    else
      for pkg in "${missing[@]}"; do echo "missing: $pkg (apt-get install -y $pkg)" >&2; done
      exit 1
    fi
  fi
}

build() {
  if [[ -z ${IOC_BIN:-} ]]; then
    log "building the release server"
    cargo build --release -p ioc-api --bin ioc
    IOC_BIN=$TARGET/release/ioc
  fi
  if [[ -z ${BASELINE_BIN:-} ]]; then
    log "building the baseline"
    cargo build --release -p ioc-bench-baseline
    BASELINE_BIN=$TARGET/release/ioc-bench-baseline
  fi
}

# --- processes -------------------------------------------------------------------------

forget_pid() {
  local keep=() p
  for p in "${PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  forget_pid "$1"
}

wait_ready() {
  local url=$1 pid=$2 i
  for ((i = 0; i < 600; i++)); do
    curl -fs -o /dev/null "$url" && return 0
    kill -0 "$pid" 2>/dev/null || { log "process $pid died, see $WORK/*.log"; tail -20 "$WORK"/*.log >&2; exit 1; }
    sleep 0.2
  done
  log "$url not ready after 120 s"
  exit 1
}

# start_server NAME BINARY DATABASE_URL: sets STARTED_PID.
start_server() {
  DATABASE_URL=$3 IOC_BIND=127.0.0.1:$SERVER_PORT IOC_DATA_DIR=$WORK/data-$1 \
    IOC_JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef \
    IOC_ACCESS_TOKEN_TTL_SECS=86400 IOC_DEMO_ON_FIRST_RUN=false \
    "$2" serve >"$WORK/$1.log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  wait_ready "http://127.0.0.1:$SERVER_PORT/readyz" "$STARTED_PID"
}

start_baseline() {
  DATABASE_URL=$1 IOC_BIND=127.0.0.1:$BASELINE_PORT "$BASELINE_BIN" >"$WORK/baseline.log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  wait_ready "http://127.0.0.1:$BASELINE_PORT/projects" "$STARTED_PID"
}

# sample_rss PID FILE SECONDS: VmRSS in kB, one line per sample, until the process ends.
sample_rss() {
  while kill -0 "$1" 2>/dev/null; do
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" >>"$2" 2>/dev/null || true
    sleep "$3"
  done
}

start_sampler() {
  : >"$2"
  sample_rss "$1" "$2" "$3" &
  SAMPLER_PID=$!
  PIDS+=("$SAMPLER_PID")
}

login() {
  curl -fsS "http://127.0.0.1:$SERVER_PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"DongNai@2026"}' | jq -r .access_token
}

# --- measuring -------------------------------------------------------------------------

# measure DB KEY LABEL URL [LUA]: one wrk run, a line "KEY<TAB>LABEL<TAB>rps p50 p99 non2xx sockerr
# requests" in $WORK/DB.tsv. Extra BENCH_* variables reach the Lua scripts.
measure() {
  local db=$1 key=$2 label=$3 url=$4 script=${5:-report.lua} out line
  log "$db: $label"
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --timeout "$WRK_TIMEOUT" --latency \
    -H "Authorization: Bearer ${BENCH_TOKEN:-none}" -s "$BENCH_LUA_DIR/$script" "$url")
  echo "$out" >>"$WORK/wrk-$db.log"
  line=$(grep '^BENCH ' <<<"$out" | sed 's/[a-z0-9]*=//g; s/^BENCH //') # requests secs rps p50 p99 non2xx sockerr
  read -r req _ rps p50 p99 non2xx sockerr <<<"$line"
  printf '%s\t%s\t%s %s %s %s %s %s\n' "$key" "$label" "$rps" "$p50" "$p99" "$non2xx" "$sockerr" "$req" >>"$WORK/$db.tsv"
  grep '^BENCH_STATUS\|^BENCH_FIRST_ERROR' <<<"$out" | sed "s|^BENCH_STATUS|status codes:|; s|^BENCH_FIRST_ERROR|first error:|; s|^|$key: |" >>"$WORK/$db.notes" || true
  LAST_REQUESTS=$req
}

# The weekly-update and mixed runs use up slots (project, date); a round gives every project
# one more date, and the next run starts past every slot this one may have issued.
ROUND=0
advance_rounds() {
  ROUND=$((ROUND + (2 * $1 + 2 * CONNS) / SPAN + 1))
}

ENDPOINTS=(
  "GET /projects?page=1&per_page=20|/api/v1/projects?page=1&per_page=20"
  "GET /projects?page=2&per_page=20&$FILTER|/api/v1/projects?page=2&per_page=20&$FILTER"
  "GET /projects/{id}|/api/v1/projects/@ID@"
)
for group in overview progress disbursement difficulties direction; do
  ENDPOINTS+=("GET /dashboard/$group|/api/v1/dashboard/$group" "GET /dashboard/$group?$FILTER|/api/v1/dashboard/$group?$FILTER")
done

# server_rows DB PREFIX: every endpoint row against the server on SERVER_PORT.
server_rows() {
  local db=$1 prefix=$2 e label path base=http://127.0.0.1:$SERVER_PORT
  BENCH_TOKEN=$(login)
  export BENCH_TOKEN
  for e in "${ENDPOINTS[@]}"; do
    label=${e%%|*}
    path=${e#*|}
    path=${path//@ID@/$MID_ID}
    curl -fsS -o /dev/null -H "Authorization: Bearer $BENCH_TOKEN" "$base$path" # warm, and fail early
    measure "$db" "$prefix$label" "$label" "$base$path"
  done
  BENCH_ROUND=$ROUND measure "$db" "${prefix}POST /projects/{id}/weekly-update" \
    "POST /projects/{id}/weekly-update" "$base" weekly.lua
  advance_rounds "$LAST_REQUESTS"
}

# cold DB: for each dashboard group, COLD_N times a weekly update then the group's first read.
cold() {
  local db=$1 group j ms t code project back day base=http://127.0.0.1:$SERVER_PORT k=0
  for group in overview progress disbursement difficulties direction; do
    : >"$WORK/cold-$group"
    for ((j = 0; j < COLD_N; j++)); do
      project=$((FIRST_ID + k % SPAN))
      back=$((ROUND + ROUND / 6 + 1))
      day=$(date -u -d "$TODAY - $back days" +%F)
      k=$((k + 1))
      ((k % SPAN)) || ROUND=$((ROUND + 1))
      code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$base/api/v1/projects/$project/weekly-update" \
        -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: application/json' \
        -d "{\"report\":{\"as_of\":\"$day\",\"actual_percent\":\"50\",\"output_value\":\"1000000\",\"work_done\":\"bench\",\"correction_reason\":\"benchmark\"}}")
      [[ $code == 201 ]] || log "cold: the write answered $code"
      read -r t code < <(curl -sS -o /dev/null -w '%{time_total} %{http_code}\n' \
        -H "Authorization: Bearer $BENCH_TOKEN" "$base/api/v1/dashboard/$group")
      [[ $code == 200 ]] || log "cold: /dashboard/$group answered $code"
      ms=$(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }')
      echo "$ms" >>"$WORK/cold-$group"
    done
    sort -n "$WORK/cold-$group" | awk -v g="$group" '{ v[NR] = $1 } END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      within = 0; for (i = 1; i <= NR; i++) if (v[i] <= 50) within++
      printf "| `/dashboard/%s` | %.1f | %.1f | %d / %d |\n", g, m, v[NR], within, NR }' >>"$WORK/$db.cold"
  done
  ROUND=$((ROUND + 1))
}

# rss_summary FILE: "first peak last" in MB.
rss_summary() {
  awk 'NR == 1 { f = $1 } { if ($1 > p) p = $1; l = $1 } END { printf "%.0f %.0f %.0f\n", f / 1024, p / 1024, l / 1024 }' "$1"
}

# soak DB URL: a mixed load for SOAK_SECS, RSS every 10 s; growth = least-squares slope of the
# second half, MB per minute.
soak() {
  local db=$1 pid=$2 base=http://127.0.0.1:$SERVER_PORT out line growth
  log "$db: soak, mixed load for $SOAK_SECS s"
  start_sampler "$pid" "$WORK/soak-rss" 10
  out=$(BENCH_ROUND=$ROUND wrk -t"$THREADS" -c"$CONNS" -d"${SOAK_SECS}s" --timeout "$WRK_TIMEOUT" --latency \
    -s "$BENCH_LUA_DIR/mixed.lua" "$base")
  stop "$SAMPLER_PID"
  echo "$out" >>"$WORK/wrk-$db.log"
  line=$(grep '^BENCH ' <<<"$out")
  local requests=${line#*requests=}
  advance_rounds "${requests%% *}"
  growth=$(awk '{ y[NR] = $1 / 1024 } END {
      h = int(NR / 2) + 1; n = 0
      for (i = h; i <= NR; i++) { x = (i - 1) * 10 / 60; n++; sx += x; sy += y[i]; sxx += x * x; sxy += x * y[i] }
      d = n * sxx - sx * sx; printf "%.2f", (d > 0) ? (n * sxy - sx * sy) / d : 0 }' "$WORK/soak-rss")
  read -r f p l < <(rss_summary "$WORK/soak-rss")
  {
    echo
    echo "Soak ($SOAK_SECS s mixed load: lists, a project, the five dashboard groups, weekly updates; $(grep -c . "$WORK/soak-rss") RSS samples every 10 s):"
    echo "$line $(grep '^BENCH_WRITES' <<<"$out" || true)" | sed 's/^BENCH /wrk: /; s/BENCH_WRITES/weekly updates:/'
    echo "RSS first $f MB, peak $p MB, last $l MB; second half growth $growth MB/min."
  } >>"$WORK/$db.extra"
}

# --- databases -------------------------------------------------------------------------

prepare_db() {
  case $1 in
    postgres)
      psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" -c "CREATE DATABASE $PG_DB" >/dev/null
      PG_CREATED=1
      DB_URL=$PG_URL/$PG_DB
      ;;
    sqlite) DB_URL="sqlite://$WORK/ioc-bench.db?mode=rwc" ;;
    *) log "unknown database $1" && exit 1 ;;
  esac
}

sql() {
  case $1 in
    postgres) psql -Atq "$DB_URL" -c "$2" ;;
    sqlite) sqlite3 "$WORK/ioc-bench.db" "$2" ;;
  esac
}

db_size() {
  case $1 in
    postgres) psql -Atq "$PG_URL/postgres" -c "SELECT pg_database_size('$PG_DB') / 1048576" ;;
    sqlite) du -cm "$WORK"/ioc-bench.db* 2>/dev/null | awk 'END { print $1 }' ;;
  esac
}

seed() {
  local db=$1 bin=$2 started
  log "$db: loading $PROJECTS projects x $WEEKS weeks with $bin"
  started=$(date +%s)
  DATABASE_URL=$DB_URL IOC_DATA_DIR=$WORK/data-seed "$bin" seed-demo --synthetic "$PROJECTS" --weeks "$WEEKS" \
    >"$WORK/seed-$db.log" 2>&1 &
  local loader=$!
  PIDS+=("$loader")
  # The loader writes in one transaction, so rows cannot be counted from outside until it
  # commits: the database's size on disk shows that it is moving.
  while kill -0 "$loader" 2>/dev/null; do
    sleep 10
    kill -0 "$loader" 2>/dev/null && log "$db: loading, $(($(date +%s) - started)) s, database $(db_size "$db") MB"
  done
  wait "$loader" || { cat "$WORK/seed-$db.log" >&2; exit 1; }
  forget_pid "$loader"
  cat "$WORK/seed-$db.log" >&2
  SEED_SECS=$(($(date +%s) - started))
  read -r FIRST_ID LAST_ID < <(sql "$db" "SELECT MIN(id), MAX(id) FROM projects" | tr '|' ' ')
  SPAN=$((LAST_ID - FIRST_ID + 1))
  MID_ID=$((FIRST_ID + SPAN / 2))
  # The loader's today (its last synthetic report), not ours: slots must miss its dates.
  TODAY=$(sql "$db" "SELECT CAST(MAX(as_of) AS TEXT) FROM progress_reports")
  export BENCH_FIRST_ID=$FIRST_ID BENCH_LAST_ID=$LAST_ID BENCH_TODAY=$TODAY
  ROUND=0
}

bench_db() {
  local db=$1 pid
  : >"$WORK/$db.tsv"
  : >"$WORK/$db.notes"
  : >"$WORK/$db.cold"
  : >"$WORK/$db.extra"
  prepare_db "$db"
  # An older binary seeds, so that it meets no migration it does not know; the current
  # server then migrates the database forward.
  seed "$db" "${BEFORE_BIN:-$IOC_BIN}"

  start_baseline "$DB_URL"
  measure "$db" base "baseline GET /projects (20 rows)" "http://127.0.0.1:$BASELINE_PORT/projects"
  stop "$STARTED_PID"

  if [[ -n $BEFORE_BIN ]]; then
    start_server before "$BEFORE_BIN" "$DB_URL"
    server_rows "$db" "before:"
    stop "$STARTED_PID"
  fi

  start_server server "$IOC_BIN" "$DB_URL"
  pid=$STARTED_PID
  if [[ -z ${BENCH_SOAK_ONLY:-} ]]; then
    start_sampler "$pid" "$WORK/rss-$db" 1
    server_rows "$db" ""
    stop "$SAMPLER_PID"
    read -r f p l < <(rss_summary "$WORK/rss-$db")
    echo "Server RSS during the load above: first sample $f MB, peak $p MB, last $l MB." >>"$WORK/$db.extra"
    log "$db: cold requests"
    cold "$db"
  else
    BENCH_TOKEN=$(login)
    export BENCH_TOKEN
  fi
  if [[ $db == postgres ]] && ((SOAK_SECS > 0)); then
    soak "$db" "$pid"
  fi
  stop "$pid"

  start_baseline "$DB_URL"
  measure "$db" base_after "baseline GET /projects (20 rows), after" "http://127.0.0.1:$BASELINE_PORT/projects"
  stop "$STARTED_PID"

  if [[ $db == postgres ]]; then
    psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
    PG_CREATED=""
  fi
  table "$db" >>"$REPORT"
}

# --- the report ------------------------------------------------------------------------

# table DB: the markdown for one database.
table() {
  local db=$1
  echo
  echo "### $db ($PROJECTS projects x $WEEKS weeks; loaded in $SEED_SECS s)"
  echo
  awk -F'\t' -v before="$BEFORE_BIN" '
    function ms(us) { return (us >= 10000) ? sprintf("%.0f", us / 1000) : sprintf("%.2f", us / 1000) }
    function rate(r) { return (r >= 100) ? sprintf("%.0f", r) : sprintf("%.1f", r) }
    function errs(a, b) { return (a + b == 0) ? "0" : sprintf("%d (%d non-2xx, %d socket)", a + b, a, b) }
    { split($3, v, " "); rps[$1] = v[1]; p50[$1] = v[2]; p99[$1] = v[3]; n2[$1] = v[4]; se[$1] = v[5]; req[$1] = v[6]; lbl[$1] = $2; order[++n] = $1 }
    END {
      head = "| endpoint | req/s | p50 ms | p99 ms | errors | req/s ÷ baseline | p99 ÷ baseline p99 |"
      rule = "|---|---:|---:|---:|---|---:|---:|"
      if (before != "") { head = head " before req/s | before p99 ms | req/s ÷ before |"; rule = rule "---:|---:|---:|" }
      print head; print rule
      for (i = 1; i <= n; i++) {
        k = order[i]
        if (k ~ /^before:/) continue
        if (req[k] == 0)
          # wrk saw no answer within the run: every request was still waiting at the end.
          line = sprintf("| %s | 0 | – | – | no answer within the run | – | – |", lbl[k])
        else
          line = sprintf("| %s | %s | %s | %s | %s | %.2f | %.1f |", lbl[k], rate(rps[k]), ms(p50[k]), ms(p99[k]),
            errs(n2[k], se[k]), rps[k] / rps["base"], p99[k] / p99["base"])
        if (before != "") {
          b = "before:" k
          if (b in rps && req[b] > 0) line = line sprintf(" %s | %s | %.2f |", rate(rps[b]), ms(p99[b]), rps[k] / rps[b])
          else if (b in rps) line = line " 0 | – | – |"
          else line = line " | | |"
        }
        print line
      }
    }' "$WORK/$db.tsv"
  if [[ -s $WORK/$db.notes ]]; then
    echo
    sed 's/^/    /' "$WORK/$db.notes"
  fi
  echo
  echo "Cold requests: a weekly update, then the group's first read (curl time_total), $COLD_N times per group:"
  echo
  echo "| group | median ms | max ms | within 50 ms |"
  echo "|---|---:|---:|---:|"
  cat "$WORK/$db.cold"
  echo
  cat "$WORK/$db.extra"
}

header() {
  local cpu mem
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  mem=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1024 / 1024 }' /proc/meminfo)
  echo "## Benchmark run $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) CPUs ($cpu), $mem RAM; load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Server $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$([[ -n $BEFORE_BIN ]] && echo ", before: $BEFORE_BIN")."
  echo "wrk -t$THREADS -c$CONNS -d${SECS}s --timeout $WRK_TIMEOUT --latency; filter \`$FILTER\`; baseline = crates/bench-baseline measured right before the server (its \"after\" row shows drift)."
}

need_tools
build
mkdir -p "$(dirname "$REPORT")"
header >"$REPORT"
for db in $DATABASES; do
  bench_db "$db"
done
cat "$REPORT"
log "report written to $REPORT"
