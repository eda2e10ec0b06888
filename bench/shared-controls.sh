#!/usr/bin/env bash
# The cost of the shared test controls on the request path: GET by id and POST create against one instance of a
# reference commit (BASE_REF, default main: the controls in each process's memory) and of the commit under test
# (HEAD_REF, default HEAD: the controls in the database), on H2 in memory and on PostgreSQL, alternating the two in
# every run. Both are built from `git archive` in bench/.cache/shared-controls, so target/ is left alone. Loopback only.
#
#   bash bench/shared-controls.sh                        # defaults below
#   RUNS=5 DURATION=15s bash bench/shared-controls.sh
#
# Knobs (environment):
#   BASE_REF=main     the reference commit
#   HEAD_REF=HEAD     the commit under test
#   RUNS=3            wrk runs per target, scenario and database (alternated base / working tree)
#   DURATION=10s      length of each wrk run (wrk -t2 -c32)
#   WARMUP=90s        a wrk warm-up per target and scenario before the runs (the JIT needs about a minute)
#   DATABASES="h2 postgresql"   PostgreSQL is a throw-away server from .ci/start-postgres (needs root), stopped at exit
#   SKIP_BUILD=1      reuse the jars of the previous run
#   START_TIMEOUT=600 seconds a server may take to answer its first request (a loaded machine takes minutes)
#
# Prints one table per database: requests/s of each run and the ratio (head / base) per pair of runs, and
# the median ratio; keeps wrk's output in bench/results/shared-controls-<UTC stamp>/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
BASE_REF="${BASE_REF:-main}"
HEAD_REF="${HEAD_REF:-HEAD}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-90s}"
DATABASES="${DATABASES:-h2 postgresql}"
SKIP_BUILD="${SKIP_BUILD:-0}"
START_TIMEOUT="${START_TIMEOUT:-600}"
CACHE="$ROOT/bench/.cache/shared-controls"
OUT="$ROOT/bench/results/shared-controls-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$CACHE" "$OUT"
AUTH=(-H "Authorization: Bearer bench" -H "Ngrok-Version: 2")
declare -a STARTED=()
PG_ENV=""

log() { printf '[shared-controls %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

cleanup() {
  local pid
  for pid in "${STARTED[@]}"; do stop_pid "$pid"; done
  if [[ -n "$PG_ENV" ]]; then
    # shellcheck disable=SC1090
    source "$PG_ENV"
    runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl" \
      -D "$EMULATOR_TEST_POSTGRES_DATA/pgdata" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$EMULATOR_TEST_POSTGRES_DATA"
  fi
  return 0
}
trap cleanup EXIT


# ---------------------------------------------------------------- the two jars
jar_of() { ls "$1"/target/agent-ingress-emulator-*.jar 2>/dev/null | grep -v -- '-plain\|sources\|javadoc' | head -n 1; }
build() { # build NAME REF: the commit's jar into $CACHE/NAME.jar
  log "building $2"
  rm -rf "${CACHE:?}/$1" && mkdir -p "$CACHE/$1"
  git archive "$2" | tar -x -C "$CACHE/$1"
  (cd "$CACHE/$1" && ./mvnw -q -B package -DskipTests)
  cp -f "$(jar_of "$CACHE/$1")" "$CACHE/$1.jar"
}
if [[ "$SKIP_BUILD" != 1 ]]; then
  build base "$BASE_REF"
  build head "$HEAD_REF"
fi
[[ -f "$CACHE/head.jar" && -f "$CACHE/base.jar" ]] || { echo "no jars in $CACHE (run without SKIP_BUILD=1)" >&2; exit 1; }

# ---------------------------------------------------------------- helpers
start() { # start NAME URL -> port in PORT, pid in PID; each target its own database
  local name="$1" url="$2"
  PORT="$(free_port $((18300 + RANDOM % 500)))"
  java "@$ROOT/src/main/docker/jvm.options" -jar "$CACHE/$name.jar" --server.port="$PORT" \
    --spring.datasource.url="$url" > "$OUT/$name-$db.log" 2>&1 &
  PID=$!
  STARTED+=("$PID")
  for _ in $(seq 1 $((START_TIMEOUT * 5))); do
    curl -sf -o /dev/null "${AUTH[@]}" "http://127.0.0.1:$PORT/agent_ingresses" && return 0
    kill -0 "$PID" 2>/dev/null || { log "$name died: $OUT/$name-$db.log"; return 1; }
    sleep 0.2
  done
  log "$name did not answer in $START_TIMEOUT s"; return 1
}
create_one() { # create_one PORT -> id
  curl -sf "${AUTH[@]}" -H "Content-Type: application/json" -X POST "http://127.0.0.1:$1/agent_ingresses" \
    -d "{\"domain\":\"get-$RANDOM$RANDOM.bench-test.com\",\"description\":\"bench ingress\"}" \
    | sed -n 's/.*"id":"\([^"]*\)".*/\1/p'
}
wrk_rps() { # wrk_rps OUTFILE DURATION PORT SCENARIO ID -> requests/s
  local out="$1" d="$2" port="$3" scenario="$4" id="$5"
  if [[ "$scenario" == get ]]; then
    wrk -t2 -c32 -d"$d" "${AUTH[@]}" "http://127.0.0.1:$port/agent_ingresses/$id" > "$out" 2>&1 || true
  else
    # every 1,400 requests a thread resets its account: memory mode holds at most 3,000 ingresses
    BENCH_TOKEN="bench-create" BENCH_RESET_EVERY=1400 BENCH_NONCE="$RANDOM$RANDOM" \
      wrk -t2 -c32 -d"$d" -s "$ROOT/bench/wrk/create.lua" "http://127.0.0.1:$port" > "$out" 2>&1 || true
  fi
  if grep -q "Non-2xx\|Socket errors" "$out"; then log "errors in $out"; fi
  awk '/^Requests\/sec:/ {print $2}' "$out"
}
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

# ---------------------------------------------------------------- the runs
for db in $DATABASES; do
  case "$db" in
    h2)
      base_url="jdbc:h2:mem:emulator;DB_CLOSE_DELAY=-1"; head_url="$base_url" ;;
    postgresql)
      if [[ -z "$PG_ENV" ]]; then
        PG_ENV="$OUT/postgres.env"
        bash "$ROOT/.ci/start-postgres" > "$PG_ENV"
      fi
      # shellcheck disable=SC1090
      source "$PG_ENV"
      pg_url="${EMULATOR_TEST_POSTGRES_URL%%\?*}"; pg_port="${pg_url##*:}"; pg_port="${pg_port%%/*}"
      for name in bench_base bench_head; do
        runuser -u postgres -- psql -h 127.0.0.1 -p "$pg_port" -q -c "DROP DATABASE IF EXISTS $name" \
          -c "CREATE DATABASE $name" >/dev/null
      done
      base_url="jdbc:postgresql://127.0.0.1:$pg_port/bench_base?user=postgres"
      head_url="jdbc:postgresql://127.0.0.1:$pg_port/bench_head?user=postgres" ;;
    *) echo "unknown database $db" >&2; exit 1 ;;
  esac
  log "$db: starting $BASE_REF and the working tree"
  start base "$base_url"; base_port="$PORT"; base_pid="$PID"
  start head "$head_url"; head_port="$PORT"; head_pid="$PID"
  base_id="$(create_one "$base_port")"; head_id="$(create_one "$head_port")"
  for scenario in get create; do
    for target in base head; do
      port_var="${target}_port"; id_var="${target}_id"
      log "$db $scenario: warming $target for $WARMUP"
      wrk_rps "$OUT/warmup-$db-$scenario-$target.txt" "$WARMUP" "${!port_var}" "$scenario" "${!id_var}" >/dev/null
    done
    : > "$OUT/ratios-$db-$scenario.txt"
    for run in $(seq 1 "$RUNS"); do
      base_rps="$(wrk_rps "$OUT/$db-$scenario-base-$run.txt" "$DURATION" "$base_port" "$scenario" "$base_id")"
      head_rps="$(wrk_rps "$OUT/$db-$scenario-head-$run.txt" "$DURATION" "$head_port" "$scenario" "$head_id")"
      ratio="$(awk -v h="$head_rps" -v b="$base_rps" 'BEGIN {printf "%.2f", (b > 0 ? h / b : 0)}')"
      echo "$ratio" >> "$OUT/ratios-$db-$scenario.txt"
      printf '| %s | %s | %s | %.0f | %.0f | %s× |\n' "$db" "$scenario" "$run" "$base_rps" "$head_rps" "$ratio" \
        | tee -a "$OUT/table.md"
    done
    printf '| %s | %s | median | | | **%s×** |\n' "$db" "$scenario" \
      "$(median < "$OUT/ratios-$db-$scenario.txt")" | tee -a "$OUT/table.md"
  done
  stop_pid "$base_pid"; stop_pid "$head_pid"
done

echo
echo "| database | scenario | run | $BASE_REF requests/s | $HEAD_REF requests/s | ratio |"
echo "|---|---|---|---|---|---|"
cat "$OUT/table.md"
