#!/usr/bin/env bash
# Export and import of one large account, in the emulator's shipped JVM options (src/main/docker/jvm.options: a heap
# of at most 256 MiB, and the process exits on an OutOfMemoryError), on the durable H2 file and on PostgreSQL:
#
#   1. seed ROWS ingresses into account "bench" of instance A (SQL, not timed as an emulator step)
#   2. export A                      GET  /_emulator/agent_ingresses  -> a.json
#   3. import a.json into B          POST /_emulator/agent_ingresses  (B: a fresh, empty database)
#   4. export B                                                        -> b.json
#   5. compare a.json and b.json byte for byte (IDs are kept, and both instances have the same public base URL, so
#      nothing may differ)
#
# Each step's wall time and the instance's peak RSS during it (VmHWM, reset before the step through
# /proc/PID/clear_refs) are written to bench/results/export-import-<stamp>.tsv. As a reference measured in the same
# run, PostgreSQL's own COPY of the same rows to a file is timed too.
#
#   ROWS=1000000 bash bench/export-import.sh          # the default
#   ROWS=100000 DBS=h2-file bash bench/export-import.sh
#
# Knobs: ROWS, DBS ("h2-file postgres"), SKIP_BUILD=1 (use the jar in target/), JAR (another jar). PostgreSQL needs root
# (.ci/start-postgres starts a throw-away server, stopped at the end).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
ROWS="${ROWS:-1000000}"
DBS="${DBS:-h2-file postgres}"
SKIP_BUILD="${SKIP_BUILD:-0}"
JAVA="${JAVA:-java}"
CACHE="${CACHE:-$ROOT/bench/.cache/export-import-$$}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$ROOT/bench/results"
RES="$ROOT/bench/results/export-import-$STAMP.tsv"
LOGS="$ROOT/bench/results/export-import-logs-$STAMP"
mkdir -p "$LOGS"
KEY=bench-export-import-key
# two runs at once must not probe the same ports: a seeding instance does not listen yet
PORT_BASE="${PORT_BASE:-$((18300 + ($$ % 200) * 10))}"
AUTH=(-H "Authorization: Bearer $KEY")
BASE_URL=http://emulator.bench.invalid

log() { printf '[export-import %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
rec() { local IFS=$'\t'; printf '%s\n' "$*" >> "$RES"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# the peak RSS starts again from the current RSS (Linux: 5 > clear_refs)
reset_hwm() { echo 5 > "/proc/$1/clear_refs" 2>/dev/null || log "cannot reset the peak RSS of $1"; }

STARTED=()
PG_DATA=""
cleanup() {
  local pid
  for pid in "${STARTED[@]+"${STARTED[@]}"}"; do stop_pid "$pid"; done
  if [[ -n "$PG_DATA" ]]; then
    runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl" -D "$PG_DATA/pgdata" \
      -m fast stop > /dev/null 2>&1 || true
  fi
  rm -rf "$CACHE"
}
trap cleanup EXIT


# start NAME PORT args... : the jar as the image runs it (its JVM options), api key "bench"; sets PID
start() {
  local name="$1" port="$2" deadline; shift 2
  "$JAVA" "@$ROOT/src/main/docker/jvm.options" -jar "$JAR" --server.port="$port" \
    --emulator.api-keys="$KEY=bench" --emulator.public-base-url="$BASE_URL" "$@" > "$LOGS/$name.log" 2>&1 &
  PID=$!
  STARTED+=("$PID")
  deadline=$(( $(now_ms) + 900000 ))
  while (( $(now_ms) < deadline )); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" \
      || true)" == 200 ]] && return 0
    kill -0 "$PID" 2>/dev/null || { log "$name died at start (see $LOGS/$name.log)"; return 1; }
    sleep 0.2
  done
  log "$name did not start"; return 1
}

# step DB NAME PID cmd... : times cmd, records wall ms, the instance's peak RSS during it, and whether it lived
step() {
  local db="$1" name="$2" pid="$3" t0 ms alive; shift 3
  reset_hwm "$pid"
  t0="$(now_ms)"
  "$@"
  ms=$(( $(now_ms) - t0 ))
  alive=yes; kill -0 "$pid" 2>/dev/null || alive=no
  rec "$db" "$name" "$ms" "$(hwm_kb "$pid")" "$alive"
  log "$db $name: ${ms} ms, peak RSS $(( $(hwm_kb "$pid") / 1024 )) MiB, alive: $alive"
}

export_to() { # export_to PORT FILE
  curl -sfS --max-time 7200 "${AUTH[@]}" -o "$2" "http://127.0.0.1:$1/_emulator/agent_ingresses"
}
import_from() { # import_from PORT FILE
  curl -sfS --max-time 7200 "${AUTH[@]}" -H 'Content-Type: application/json' --data-binary "@$2" \
    -o "$LOGS/import-answer.json" "http://127.0.0.1:$1/_emulator/agent_ingresses"
  log "import answered $(cat "$LOGS/import-answer.json")"
}

# The rows: IDs whose KSUID time is its epoch (2014-05-13T16:53:20Z), which created_at must match for an import.
SEED_COLUMNS="id, account, domain, description, metadata, created_at"
h2_seed_sql() {
  cat <<EOF
INSERT INTO agent_ingresses ($SEED_COLUMNS)
SELECT 'agin_' || LPAD(CAST(X AS VARCHAR), 27, '0'), 'bench', 'i' || X || '.bench-test.com',
       'bench ingress ' || X, '{"team":"bench","n":' || X || '}', TIMESTAMP WITH TIME ZONE '2014-05-13 16:53:20Z'
FROM SYSTEM_RANGE(1, $ROWS);
EOF
}
pg_seed_sql() {
  cat <<EOF
INSERT INTO agent_ingresses ($SEED_COLUMNS)
SELECT 'agin_' || lpad(g::text, 27, '0'), 'bench', 'i' || g || '.bench-test.com',
       'bench ingress ' || g, '{"team":"bench","n":' || g || '}', TIMESTAMPTZ '2014-05-13 16:53:20Z'
FROM generate_series(1, $ROWS) AS g;
VACUUM ANALYZE agent_ingresses;
EOF
}

if [[ "$SKIP_BUILD" != 1 ]]; then
  log "building the jar"
  ./mvnw -q -B -ntp package -DskipTests
fi
JAR="${JAR:-$(ls "$ROOT"/target/agent-ingress-emulator-*.jar | grep -v -- '-plain\|sources\|javadoc' | head -n 1)}"
mkdir -p "$CACHE"
rec meta rows "$ROWS"
rec meta java "$("$JAVA" -version 2>&1 | head -n 1)"
rec meta jvm_options "src/main/docker/jvm.options (-Xmx256m, -XX:+ExitOnOutOfMemoryError)"
rec meta cpus "$(nproc)"
rec meta load "$(cut -d' ' -f1-3 /proc/loadavg)"
rec db step ms peak_rss_kb alive

compare() { # compare DB
  local verdict
  if cmp -s "$CACHE/a.json" "$CACHE/b.json"; then verdict=identical; else verdict=DIFFERENT; fi
  rec "$1" compare "$(stat -c %s "$CACHE/a.json")" "$(stat -c %s "$CACHE/b.json")" "$verdict"
  rec "$1" items "$(grep -o '"id":"agin_' "$CACHE/a.json" | wc -l)"
  log "$1: a.json $(stat -c %s "$CACHE/a.json") bytes, b.json $(stat -c %s "$CACHE/b.json") bytes: $verdict"
}

for db in $DBS; do
  rm -rf "$CACHE/data-a" "$CACHE/data-b" "$CACHE/a.json" "$CACHE/b.json"
  case "$db" in
    h2-file)
      mkdir -p "$CACHE/seed"
      h2_seed_sql > "$CACHE/seed/V9100__bench_export_import.sql"
      PORT_A="$(free_port "$PORT_BASE")"
      t0="$(now_ms)"
      start "$db-a" "$PORT_A" --spring.profiles.active=durable --emulator.data-dir="$CACHE/data-a" \
        --spring.flyway.locations="classpath:db/migration,classpath:db/vendor/{vendor},filesystem:$CACHE/seed"
      rec "$db" seed "$(( $(now_ms) - t0 ))"
      A="$PID"
      PORT_B="$(free_port $((PORT_A + 1)))"
      start "$db-b" "$PORT_B" --spring.profiles.active=durable --emulator.data-dir="$CACHE/data-b"
      B="$PID"
      ;;
    postgres)
      if [[ "$(id -u)" != 0 ]]; then rec "$db" skipped "needs root"; continue; fi
      eval "$(bash "$ROOT/.ci/start-postgres" 2> "$LOGS/start-postgres.log")"
      PG_DATA="$EMULATOR_TEST_POSTGRES_DATA"
      PG_PORT="$(sed -E 's#.*127\.0\.0\.1:([0-9]+)/.*#\1#' <<< "$EMULATOR_TEST_POSTGRES_URL")"
      PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres)
      "${PSQL[@]}" -d emulator -c "CREATE DATABASE emulator_b"
      rec meta postgres "$("${PSQL[@]}" -d emulator -tAc 'SHOW server_version')"
      PORT_A="$(free_port "$PORT_BASE")"
      start "$db-a" "$PORT_A" --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/emulator?user=postgres"
      A="$PID"
      t0="$(now_ms)"
      pg_seed_sql | "${PSQL[@]}" -d emulator
      rec "$db" seed "$(( $(now_ms) - t0 ))"
      PORT_B="$(free_port $((PORT_A + 1)))"
      start "$db-b" "$PORT_B" --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/emulator_b?user=postgres"
      B="$PID"
      ;;
    *) log "unknown database $db"; continue ;;
  esac
  rec "$db" rss_idle_a "$(rss_kb "$A")"
  step "$db" export_a "$A" export_to "$PORT_A" "$CACHE/a.json"
  step "$db" import_b "$B" import_from "$PORT_B" "$CACHE/a.json"
  step "$db" export_b "$B" export_to "$PORT_B" "$CACHE/b.json"
  compare "$db"
  if [[ "$db" == postgres ]]; then
    # the reference: PostgreSQL's own copy of the same rows, newest first, to a file on the same disk
    t0="$(now_ms)"
    "${PSQL[@]}" -d emulator -c "\\copy (SELECT * FROM agent_ingresses WHERE account = 'bench' ORDER BY id DESC) TO '$CACHE/copy.csv' WITH CSV"
    rec "$db" reference_copy "$(( $(now_ms) - t0 ))"
    rm -f "$CACHE/copy.csv"
  fi
  stop_pid "$A"; stop_pid "$B"
done
log "results in $RES"
cat "$RES"
