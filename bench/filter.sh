#!/usr/bin/env bash
# A filtered list against the unfiltered list of 100, side by side, on one account of $ROWS ingresses: H2 in memory,
# then PostgreSQL (a throw-away server from .ci/start-postgres). The filter matches one ingress, the oldest, so
# without help from the database it would read the whole account.
#
#   bash bench/filter.sh
#   ROWS=20000 ROUNDS=3 DURATION=5s bash bench/filter.sh
#
# Knobs (environment):
#   ROWS=100000       ingresses in the benchmark account (inserted by SQL: Flyway for H2, psql for PostgreSQL)
#   ROUNDS=5          wrk runs per list (alternated unfiltered / filtered); the figure is the median of their p50s
#   DURATION=5s       length of each wrk run (one thread, one connection: latency, not throughput)
#   WARMUP=10s        wrk warm-up on each list before the rounds
#   FILTER='obj.description == "x"'
#   SKIP_BUILD=1      use the jar in target/;  SKIP_POSTGRES=1 measures H2 only
#   JAR=<path>        measure that jar instead (e.g. one built from an earlier commit; implies SKIP_BUILD=1)
#   JAVA=java
#
# Writes bench/results/filter-<UTC stamp>.tsv (+ logs-filter-<stamp>/) and prints the figures.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

ROWS="${ROWS:-100000}"
ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-5s}"
WARMUP="${WARMUP:-10s}"
FILTER="${FILTER:-obj.description == \"x\"}"
SKIP_BUILD="${SKIP_BUILD:-0}"
SKIP_POSTGRES="${SKIP_POSTGRES:-0}"
JAVA="${JAVA:-java}"
ACCOUNT=benchacct
AUTH=(-H "Authorization: Bearer bench" -H "Ngrok-Version: 2")

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p bench/results bench/.cache
RES="$ROOT/bench/results/filter-$STAMP.tsv"
LOGS="$ROOT/bench/results/logs-filter-$STAMP"
CACHE="$ROOT/bench/.cache/filter"
mkdir -p "$LOGS" "$CACHE"

STARTED=()
PG_DATA=""
cleanup() {
  local pid
  for pid in ${STARTED[@]+"${STARTED[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${STARTED[@]+"${STARTED[@]}"}; do wait "$pid" 2>/dev/null || true; done
  rm -f "$CACHE/emulator-$STAMP.jar"
  if [[ -n "$PG_DATA" ]]; then
    runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | tail -1)/pg_ctl" -D "$PG_DATA/pgdata" -m fast stop \
      > /dev/null 2>&1 || true
    rm -rf "$PG_DATA"
  fi
}
trap cleanup EXIT

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
rec() { printf '%s\n' "$(IFS=$'\t'; echo "$*")" >> "$RES"; }
wait_200() { # wait_200 PID URL TIMEOUT_S
  local deadline=$(( $(now_ms) + $3 * 1000 )) code
  while (( $(now_ms) < deadline )); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${AUTH[@]}" "$2" 2>/dev/null || true)"
    [[ "$code" == 200 ]] && return 0
    kill -0 "$1" 2>/dev/null || { log "process $1 died before answering $2"; return 1; }
    sleep 0.1
  done
  log "timeout waiting for $2"; return 1
}
p50_ms() { # p50_ms WRK_OUTPUT_FILE
  awk '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
      return v + 0
    }
    /^ +50%/ { p50 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    END { if (bad > 0) { print "NON2XX"; exit } printf "%.3f\n", p50 }' "$1"
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
encoded_filter="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$FILTER")"

if [[ -n "${JAR:-}" ]]; then
  SKIP_BUILD=1
elif [[ "$SKIP_BUILD" != 1 ]]; then
  log "building the emulator jar"
  ./mvnw -q -B -ntp package -DskipTests
fi
JAR="${JAR:-$(ls "$ROOT"/target/agent-ingress-emulator-*.jar 2>/dev/null | grep -v -- '-plain\|sources\|javadoc' | head -n 1 || true)}"
[[ -f "$JAR" ]] || { echo "no emulator jar in target/ (run without SKIP_BUILD=1)" >&2; exit 1; }
# a private copy: target/ may be rebuilt while the benchmark runs
cp -f "$JAR" "$CACHE/emulator-$STAMP.jar"; JAR="$CACHE/emulator-$STAMP.jar"

rec meta command "ROWS=$ROWS ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP FILTER='$FILTER' bash bench/filter.sh"
rec meta commit "$(git rev-parse --short HEAD)"
rec meta java "$("$JAVA" -version 2>&1 | head -n 1)"
rec meta cpus "$(nproc)"

# measure DB PORT : both lists, alternated, on one running emulator
measure() {
  local db="$1" port="$2" base="http://127.0.0.1:$2/agent_ingresses" n items
  local plain="$base?limit=100" filtered="$base?limit=100&filter=$encoded_filter"
  items="$(curl -sf "${AUTH[@]}" "$filtered" | jq '.ingresses | length')"
  n="$(curl -sf "${AUTH[@]}" "$plain" | jq '.ingresses | length')"
  rec check "$db" filtered_items "$items"
  rec check "$db" unfiltered_items "$n"
  [[ "$items" == 1 && "$n" == 100 ]] || { log "$db: expected 1 filtered and 100 unfiltered items, got $items and $n"; return 1; }
  log "$db: warm-up $WARMUP on each list"
  wrk -t1 -c1 -d"$WARMUP" "${AUTH[@]}" "$plain" > /dev/null
  wrk -t1 -c1 -d"$WARMUP" "${AUTH[@]}" "$filtered" > /dev/null
  local r out
  for r in $(seq 1 "$ROUNDS"); do
    for which in unfiltered filtered; do
      out="$LOGS/$db-$which-$r.txt"
      if [[ "$which" == filtered ]]; then url="$filtered"; else url="$plain"; fi
      wrk -t1 -c1 -d"$DURATION" --latency "${AUTH[@]}" "$url" > "$out"
      rec p50 "$db" "$which" "$r" "$(p50_ms "$out")"
    done
  done
  local pu pf
  pu="$(awk -F'\t' -v db="$db" '$1 == "p50" && $2 == db && $3 == "unfiltered" { print $5 }' "$RES" | median)"
  pf="$(awk -F'\t' -v db="$db" '$1 == "p50" && $2 == db && $3 == "filtered" { print $5 }' "$RES" | median)"
  rec result "$db" "$pu" "$pf" "$(awk -v f="$pf" -v u="$pu" 'BEGIN { printf "%.2f", f / u }')"
  log "$db: p50 unfiltered $pu ms, filtered $pf ms, ratio $(awk -v f="$pf" -v u="$pu" 'BEGIN { printf "%.2f", f / u }')"
}

# ---------------------------------------------------------------- H2 in memory: the rows come with a migration
SEED_DIR="$CACHE/seed-h2"
rm -rf "$SEED_DIR"; mkdir -p "$SEED_DIR"
cat > "$SEED_DIR/V9000__bench_filter_account.sql" <<EOF
-- benchmark only: $ROWS ingresses in one account, the oldest (lowest ID) described "x"
INSERT INTO agent_ingresses (id, account, domain, description, metadata, created_at)
SELECT 'agin_' || LPAD(CAST(X AS VARCHAR), 27, '0'), '$ACCOUNT', 'f' || X || '.filter.bench-test.com',
       CASE WHEN X = 1 THEN 'x' ELSE 'bench ingress' END, '{"team":"bench"}', CURRENT_TIMESTAMP
FROM SYSTEM_RANGE(1, $ROWS);
EOF
PORT="$(free_port $((20000 + RANDOM % 20000)))"
log "h2: starting with $ROWS rows"
t0="$(now_ms)"
"$JAVA" -jar "$JAR" --server.port="$PORT" --emulator.api-keys="bench=$ACCOUNT" \
  --spring.flyway.locations="classpath:db/migration,classpath:db/vendor/{vendor},filesystem:$SEED_DIR" \
  > "$LOGS/h2.log" 2>&1 &
EMU=$!; STARTED+=("$EMU")
wait_200 "$EMU" "http://127.0.0.1:$PORT/agent_ingresses" 600
rec meta h2_start_ms "$(( $(now_ms) - t0 ))"
measure h2 "$PORT"
kill "$EMU"; wait "$EMU" 2>/dev/null || true

# ---------------------------------------------------------------- PostgreSQL: the rows come with psql
if [[ "$SKIP_POSTGRES" == 1 ]]; then
  rec skip postgres "SKIP_POSTGRES=1"
else
  PG_ENV="$(bash "$ROOT/.ci/start-postgres" 2> "$LOGS/start-postgres.log")"
  eval "$PG_ENV"
  PG_DATA="$EMULATOR_TEST_POSTGRES_DATA"
  PG_PORT="$(sed -E 's#.*127\.0\.0\.1:([0-9]+)/.*#\1#' <<< "$EMULATOR_TEST_POSTGRES_URL")"
  PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d emulator)
  rec meta postgres "$("${PSQL[@]}" -tAc 'SHOW server_version')"
  rec meta postgres_collation "$("${PSQL[@]}" -tAc 'SELECT datcollate FROM pg_database WHERE datname = current_database()')"
  PORT="$(free_port $((20000 + RANDOM % 20000)))"
  "$JAVA" -jar "$JAR" --server.port="$PORT" --emulator.api-keys="bench=$ACCOUNT" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/emulator?user=postgres" > "$LOGS/postgres.log" 2>&1 &
  EMU=$!; STARTED+=("$EMU")
  wait_200 "$EMU" "http://127.0.0.1:$PORT/agent_ingresses" 300
  log "postgres: inserting $ROWS rows"
  "${PSQL[@]}" <<EOF
INSERT INTO agent_ingresses (id, account, domain, description, metadata, created_at)
SELECT 'agin_' || lpad(g::text, 27, '0'), '$ACCOUNT', 'f' || g || '.filter.bench-test.com',
       CASE WHEN g = 1 THEN 'x' ELSE 'bench ingress' END, '{"team":"bench"}', now()
FROM generate_series(1, $ROWS) AS g;
VACUUM ANALYZE agent_ingresses;
EOF
  measure postgres "$PORT"
fi
log "done: $RES"
