#!/usr/bin/env bash
# Side-by-side benchmark of the Agent Ingress emulator against WireMock standalone, on loopback only.
#
#   bash bench/run.sh                                   # everything, defaults below
#   RUNS=5 WRK_RUNS=3 DURATION=10s bash bench/run.sh    # shorter wrk runs
#
# Knobs (environment):
#   RUNS=5            cold-start runs per variant (alternated A B A B) and list-latency runs per database
#   WRK_RUNS=$RUNS    wrk runs per target for the throughput section (alternated emulator / WireMock)
#   DURATION=15s      length of each wrk throughput run
#   WARMUP=90s        length of the wrk warm-up before each target's runs in the throughput section: under full
#                     load on 2 cores the JIT takes about a minute to reach steady state (shorter warm-ups measured
#                     a half-compiled emulator at a third of its speed)
#   MIXED_SECONDS=60  mixed load before the RSS reading
#   LIST_DURATION=5s  length of each wrk run in the 1M-rows list-latency section
#   SEED_ROWS=1000000 rows in other accounts for the list-latency section
#   MAX_CREATES=1400  rows per wrk thread at most in a create run: every that many requests one resets its account
#                     (two threads stay under the 3,000 ingresses that memory mode holds by default)
#   SKIP_BUILD=1      do not run ./mvnw package;  SKIP_COLD=1 skips the cold-start section (debugging)
#   SKIP_LIST_1M=1    skip the whole 1M-rows section; SKIP_POSTGRES=1 skips only its PostgreSQL part
#   WIREMOCK_JOURNAL=off   WireMock's request journal: off (--no-request-journal, WireMock at its best; default),
#                     default (WireMock's own default: it keeps every request, the comparison made before), or bounded
#                     (--max-request-journal-entries=$WIREMOCK_JOURNAL_MAX, default 1000)
#   TP_SCENARIOS="get list"  throughput scenarios against WireMock (and the floor for get), each run on two emulators:
#                     as shipped (request journal on) and with --emulator.journal.enabled=false, the match for WireMock's
#                     journal off; SKIP_CREATE=1 skips the create runs and SKIP_MIXED=1 the mixed-load section (quick
#                     GET-by-id comparisons)
#   CONNECTIONS=16    wrk connections of the throughput section, on every target: all of them use one API key, and one
#                     key may have 16 requests running at once (emulator.requests.max-concurrent-per-account; 32 got
#                     429s whenever the machine was loaded)
#   SKIP_FLOOR=1      leave the framework's floor (bench/floor: Boot + JPA + H2, GET by id and POST create, nothing
#                     else) out of the throughput section
#   JAVA17=java  JAVA25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
#
# Writes bench/results/run-<UTC stamp>.tsv (+ logs-<stamp>/) and renders docs/performance.md from it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

RUNS="${RUNS:-5}"
WRK_RUNS="${WRK_RUNS:-$RUNS}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-90s}"
MIXED_SECONDS="${MIXED_SECONDS:-60}"
LIST_DURATION="${LIST_DURATION:-5s}"
SEED_ROWS="${SEED_ROWS:-1000000}"
MAX_CREATES="${MAX_CREATES:-1400}"
SKIP_BUILD="${SKIP_BUILD:-0}"
SKIP_LIST_1M="${SKIP_LIST_1M:-0}"
SKIP_POSTGRES="${SKIP_POSTGRES:-0}"
JAVA17="${JAVA17:-java}"
JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
WIREMOCK_VERSION=3.13.2
WIREMOCK_JOURNAL="${WIREMOCK_JOURNAL:-off}"
WIREMOCK_JOURNAL_MAX="${WIREMOCK_JOURNAL_MAX:-1000}"
SKIP_FLOOR="${SKIP_FLOOR:-0}"
TP_SCENARIOS="${TP_SCENARIOS:-get list}"
SKIP_CREATE="${SKIP_CREATE:-0}"
SKIP_MIXED="${SKIP_MIXED:-0}"
CONNECTIONS="${CONNECTIONS:-16}"
case "$WIREMOCK_JOURNAL" in
  off)      WM_ARGS=(--no-request-journal) ;;
  default)  WM_ARGS=() ;;
  bounded)  WM_ARGS=(--max-request-journal-entries "$WIREMOCK_JOURNAL_MAX") ;;
  *) echo "WIREMOCK_JOURNAL must be off, default or bounded" >&2; exit 1 ;;
esac
START_TIMEOUT_S=120

CACHE="$ROOT/bench/.cache"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS_DIR="$ROOT/bench/results"
RES="$RESULTS_DIR/run-$STAMP.tsv"
LOGS="$RESULTS_DIR/logs-$STAMP"
mkdir -p "$CACHE" "$LOGS"
: > "$RES"

AUTH=(-H "Authorization: Bearer bench" -H "Ngrok-Version: 2")
declare -a STARTED=()   # PIDs of every process this script started

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
rec() { local IFS=$'\t'; printf '%s\n' "$*" >> "$RES"; }

PG_PID=""; PG_DATA=""
cleanup() {
  local pid
  for pid in "${STARTED[@]}"; do stop_pid "$pid"; done
  if [[ -n "$PG_PID" ]] && kill -0 "$PG_PID" 2>/dev/null; then
    kill -TERM "$PG_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  [[ -n "$PG_DATA" && -d "$PG_DATA" ]] && rm -rf "$PG_DATA"
  return 0
}
trap cleanup EXIT

NEXT_PORT=18100
next_port() { # next_port VAR: a fresh free port into VAR (no subshell, so ports are never handed out twice)
  NEXT_PORT="$(free_port "$NEXT_PORT")"; printf -v "$1" %s "$NEXT_PORT"; NEXT_PORT=$((NEXT_PORT + 1))
}

# spawn LOGFILE cmd... : background a process directly (so $! is the JVM itself), record its PID in SPAWNED_PID
spawn() {
  local logf="$1"; shift
  "$@" > "$logf" 2>&1 &
  SPAWNED_PID=$!
  STARTED+=("$SPAWNED_PID")
}
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# wait_200 PID URL TIMEOUT_S: poll every 20 ms until 200; prints nothing, returns 1 on death or timeout
wait_200() {
  local pid="$1" url="$2" timeout_s="$3" deadline code
  deadline=$(( $(now_ms) + timeout_s * 1000 ))
  while (( $(now_ms) < deadline )); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${AUTH[@]}" "$url" 2>/dev/null || true)"
    [[ "$code" == 200 ]] && return 0
    kill -0 "$pid" 2>/dev/null || { log "process $pid died before answering $url"; return 1; }
    sleep 0.02
  done
  log "timeout after ${timeout_s}s waiting for $url"; return 1
}

# parse_wrk FILE -> "rps p50_ms p99_ms non2xx socket_errors"
parse_wrk() {
  awk '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /m$/)  { sub(/m$/, "", v);  return v * 60000 }
      if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
      return v + 0
    }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { n = $NF }
    /Socket errors:/ { line = $0; gsub(/[^0-9 ]/, " ", line); k = split(line, a, " "); for (i = 1; i <= k; i++) se += a[i] }
    END { printf "%s %.3f %.3f %d %d\n", (rps == "" ? 0 : rps), p50, p99, n, se }' "$1"
}

create_ingress() { # create_ingress BASE DOMAIN -> id
  curl -sf --max-time 10 "${AUTH[@]}" -H "Content-Type: application/json" -X POST "$1/agent_ingresses" \
    -d "{\"domain\":\"$2\",\"description\":\"bench ingress\",\"metadata\":\"{\\\"team\\\":\\\"bench\\\"}\"}" | jq -r .id
}
seed_bench_account() { # seed_bench_account BASE PREFIX -> id of the first one; 100 ingresses in account "bench"
  local base="$1" prefix="$2" first="" id i
  for i in $(seq 1 100); do
    id="$(create_ingress "$base" "$prefix$i-$RANDOM.bench-test.com")"
    [[ -n "$id" && "$id" != null ]] || { log "create failed on $base"; return 1; }
    [[ -z "$first" ]] && first="$id"
  done
  echo "$first"
}

# ---------------------------------------------------------------- 1. build, tools, WireMock
if [[ "$SKIP_BUILD" != 1 ]]; then
  log "building the emulator jar"
  ./mvnw -q -B clean package -DskipTests
fi
JAR="$(ls "$ROOT"/target/agent-ingress-emulator-*.jar 2>/dev/null | grep -v -- '-plain\|sources\|javadoc' | head -n 1 || true)"
[[ -f "$JAR" ]] || { echo "no emulator jar in target/ (run without SKIP_BUILD=1)" >&2; exit 1; }
JAR_NAME="$(basename "$JAR")"
# a private copy: others may rebuild or clean target/ while the benchmark runs
mkdir -p "$CACHE/jar"; cp -f "$JAR" "$CACHE/jar/$JAR_NAME"; JAR="$CACHE/jar/$JAR_NAME"

if ! command -v wrk >/dev/null; then
  [[ "$(id -u)" == 0 ]] || { echo "wrk is missing: apt-get install -y wrk (as root)" >&2; exit 1; }
  log "installing wrk"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2 || { apt-get update -qq >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2; }
fi

WM_JAR="$CACHE/wiremock-standalone-$WIREMOCK_VERSION.jar"
if [[ ! -f "$WM_JAR" ]]; then
  log "fetching WireMock standalone $WIREMOCK_VERSION through Maven"
  (cd "$CACHE" && "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" dependency:copy \
     -Dartifact="org.wiremock:wiremock-standalone:$WIREMOCK_VERSION" -DoutputDirectory="$CACHE")
fi
[[ -f "$WM_JAR" ]] || { echo "WireMock jar not found at $WM_JAR" >&2; exit 1; }

# the framework's floor: its own small pom, built with the project's Maven wrapper
FLOOR_JAR="$ROOT/bench/floor/target/floor.jar"
if [[ "$SKIP_FLOOR" != 1 ]]; then
  if [[ "$SKIP_BUILD" != 1 || ! -f "$FLOOR_JAR" ]]; then
    log "building the framework's floor (bench/floor)"
    ./mvnw -q -B -f bench/floor/pom.xml clean package -DskipTests
  fi
  [[ -f "$FLOOR_JAR" ]] || { echo "no floor jar at bench/floor/target/floor.jar" >&2; exit 1; }
  cp -f "$FLOOR_JAR" "$CACHE/jar/floor.jar"; FLOOR_JAR="$CACHE/jar/floor.jar"
fi

# machine and run description
rec meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
rec meta command "RUNS=$RUNS WRK_RUNS=$WRK_RUNS DURATION=$DURATION WARMUP=$WARMUP MIXED_SECONDS=$MIXED_SECONDS LIST_DURATION=$LIST_DURATION SEED_ROWS=$SEED_ROWS MAX_CREATES=$MAX_CREATES SKIP_BUILD=$SKIP_BUILD SKIP_LIST_1M=$SKIP_LIST_1M SKIP_POSTGRES=$SKIP_POSTGRES WIREMOCK_JOURNAL=$WIREMOCK_JOURNAL SKIP_FLOOR=$SKIP_FLOOR SKIP_COLD=${SKIP_COLD:-0} TP_SCENARIOS='$TP_SCENARIOS' SKIP_CREATE=$SKIP_CREATE SKIP_MIXED=$SKIP_MIXED bash bench/run.sh"
rec meta nproc "$(nproc)"
rec meta memory "$(awk '/^MemTotal:/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
rec meta cpu "$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
rec meta kernel "$(uname -r)"
rec meta jdk17 "$("$JAVA17" -version 2>&1 | head -n 2 | tail -n 1)"
rec meta jdk25 "$("$JAVA25" -version 2>&1 | head -n 2 | tail -n 1 || echo missing)"
rec meta wrk "$(wrk -v 2>&1 | head -n 1 | cut -c1-60)"
rec meta wiremock "$WIREMOCK_VERSION"
rec meta wiremock_journal "$WIREMOCK_JOURNAL"
rec meta wiremock_args "--port <port> --disable-banner --root-dir <stubs>${WM_ARGS[*]+ ${WM_ARGS[*]}}"
rec meta jar "$JAR_NAME"
rec meta runs "$RUNS"
rec meta wrk_runs "$WRK_RUNS"
rec meta connections "$CONNECTIONS"
rec meta duration "$DURATION"
rec meta warmup "$WARMUP"
rec meta seed_rows "$SEED_ROWS"
rec meta max_creates "$MAX_CREATES"
rec meta list_duration "$LIST_DURATION"

# ---------------------------------------------------------------- WireMock stubs, captured from the emulator itself
log "capturing realistic response bodies from the emulator for WireMock's stubs"
WM_ROOT="$CACHE/wiremock"
rm -rf "$WM_ROOT"; mkdir -p "$WM_ROOT/mappings" "$WM_ROOT/__files"
next_port P
spawn "$LOGS/capture.log" "$JAVA17" -jar "$JAR" --server.port="$P"
CAP_PID="$SPAWNED_PID"
wait_200 "$CAP_PID" "http://127.0.0.1:$P/agent_ingresses" "$START_TIMEOUT_S"
CAP_ID="$(seed_bench_account "http://127.0.0.1:$P" capture)"
curl -sf "${AUTH[@]}" "http://127.0.0.1:$P/agent_ingresses?limit=100" > "$WM_ROOT/__files/list.json"
curl -sf "${AUTH[@]}" "http://127.0.0.1:$P/agent_ingresses/$CAP_ID" > "$WM_ROOT/__files/item.json"
stop_pid "$CAP_PID"
[[ "$(jq '.ingresses | length' "$WM_ROOT/__files/list.json")" == 100 ]] || { echo "list capture is not 100 items" >&2; exit 1; }
for stub in "list|urlPath|/agent_ingresses|list.json" "get|urlPathPattern|/agent_ingresses/agin_[0-9A-Za-z]{27}|item.json"; do
  IFS='|' read -r name kind path file <<< "$stub"
  cat > "$WM_ROOT/mappings/$name.json" <<EOF
{
  "request": {
    "method": "GET",
    "$kind": "$path",
    "headers": {
      "Authorization": { "matches": "Bearer .+" },
      "Ngrok-Version": { "equalTo": "2" }
    }
  },
  "response": {
    "status": 200,
    "headers": { "Content-Type": "application/json" },
    "bodyFileName": "$file"
  }
}
EOF
done
rec meta list_body_bytes "$(wc -c < "$WM_ROOT/__files/list.json")"

start_wiremock() { # start_wiremock JAVA PORT LOG
  spawn "$3" "$1" -jar "$WM_JAR" --port "$2" --disable-banner --root-dir "$WM_ROOT" ${WM_ARGS[@]+"${WM_ARGS[@]}"}
}

# ---------------------------------------------------------------- 2. cold start
log "section 2: cold start to first 200, $RUNS runs per variant"
# the image's layout (src/main/docker/assemble-app.sh) and its AOT cache, trained by the image's own script on JDK 25
APP="$CACHE/app"; APP_NOCACHE="$CACHE/app-nocache"
rm -rf "$APP" "$APP_NOCACHE"
PATH="$(dirname "$JAVA17"):$PATH" sh "$ROOT/src/main/docker/assemble-app.sh" "$JAR" "$APP" > "$LOGS/assemble.log" 2>&1
cp -r "$APP" "$APP_NOCACHE"
AOT_OK=0
if [[ -x "$JAVA25" ]]; then
  if PATH="$(dirname "$JAVA25"):$PATH" TRAINING_PORT="$(free_port 18090)" sh "$APP/train-aot-cache.sh" \
       > "$LOGS/aot-training.log" 2>&1; then
    AOT_OK=1
  fi
fi
if [[ "$AOT_OK" == 1 ]]; then
  rec meta aot_cache_bytes "$(stat -c %s "$APP/app.aot")"
else
  rec skip cold_aot "JDK 25 AOT cache could not be created (see $LOGS/aot-training.log)"
  log "skipping the JDK 25 variants"
fi
# start-emulator.sh runs the first java on the PATH; env and sh both exec, so the spawned PID is the JVM's
ON_JDK25=(env "PATH=$(dirname "$JAVA25"):$PATH")

cold_once() { # cold_once VARIANT RUN
  local variant="$1" run="$2" port t0 t1 pid rss
  next_port port
  t0="$(now_ms)"
  case "$variant" in
    emulator-jdk17)   spawn "$LOGS/cold-$variant-$run.log" "$JAVA17" -jar "$JAR" --server.port="$port" ;;
    emulator-image)   spawn "$LOGS/cold-$variant-$run.log" "${ON_JDK25[@]}" sh "$APP/start-emulator.sh" --server.port="$port" ;;
    emulator-image-nocache) spawn "$LOGS/cold-$variant-$run.log" "${ON_JDK25[@]}" sh "$APP_NOCACHE/start-emulator.sh" --server.port="$port" ;;
    wiremock-jdk17)   start_wiremock "$JAVA17" "$port" "$LOGS/cold-$variant-$run.log" ;;
    wiremock-jdk25)   start_wiremock "$JAVA25" "$port" "$LOGS/cold-$variant-$run.log" ;;
  esac
  pid="$SPAWNED_PID"
  if wait_200 "$pid" "http://127.0.0.1:$port/agent_ingresses" "$START_TIMEOUT_S"; then
    t1="$(now_ms)"; rss="$(rss_kb "$pid")"
    rec cold "$variant" "$run" "$((t1 - t0))" "$rss"
    log "cold $variant #$run: $((t1 - t0)) ms, RSS $((rss / 1024)) MiB"
  else
    rec cold "$variant" "$run" NA NA
  fi
  stop_pid "$pid"
}
COLD_VARIANTS=(emulator-jdk17 wiremock-jdk17)
[[ "$AOT_OK" == 1 ]] && COLD_VARIANTS+=(emulator-image emulator-image-nocache wiremock-jdk25)
if [[ "${SKIP_COLD:-0}" == 1 ]]; then
  rec skip cold "skipped by SKIP_COLD=1"
else
  for run in $(seq 1 "$RUNS"); do
    for v in "${COLD_VARIANTS[@]}"; do cold_once "$v" "$run"; done
  done
fi

# ---------------------------------------------------------------- 3. throughput
log "section 3: throughput, wrk -t2 -c$CONNECTIONS -d$DURATION, $WRK_RUNS runs per target"
next_port EP; next_port WP; next_port FP; next_port NP
# both on the same JDK: the emulator as the image runs it (start-emulator.sh: jvm.options, Spring AOT, AOT cache)
start_emulator_as_shipped() { # start_emulator_as_shipped PORT LOG [APPLICATION ARGUMENT...]
  local port="$1" logf="$2"; shift 2
  if [[ "$AOT_OK" == 1 ]]; then spawn "$logf" "${ON_JDK25[@]}" sh "$APP/start-emulator.sh" --server.port="$port" "$@"
  else spawn "$logf" env PATH="$(dirname "$JAVA17"):$PATH" sh "$APP_NOCACHE/start-emulator.sh" --server.port="$port" "$@"; fi
}
if [[ "$AOT_OK" == 1 ]]; then TP_JAVA="$JAVA25"; else TP_JAVA="$JAVA17"; fi
rec meta throughput_java "$("$TP_JAVA" -version 2>&1 | head -n 2 | tail -n 1)"
start_emulator_as_shipped "$EP" "$LOGS/throughput-emulator.log"; EMU_PID="$SPAWNED_PID"
# the same with its request journal off, to match WireMock with --no-request-journal (the emulator's default keeps
# the last 200 requests of each account)
start_emulator_as_shipped "$NP" "$LOGS/throughput-emulator-nojournal.log" --emulator.journal.enabled=false
NJ_PID="$SPAWNED_PID"
start_wiremock "$TP_JAVA" "$WP" "$LOGS/throughput-wiremock.log"; WM_PID="$SPAWNED_PID"
wait_200 "$EMU_PID" "http://127.0.0.1:$EP/agent_ingresses" "$START_TIMEOUT_S"
wait_200 "$NJ_PID" "http://127.0.0.1:$NP/agent_ingresses" "$START_TIMEOUT_S"
wait_200 "$WM_PID" "http://127.0.0.1:$WP/agent_ingresses" "$START_TIMEOUT_S"
# the framework's floor: same JDK and the same JVM options file as the emulator (no AOT cache: it only speeds start-up)
FLOOR_ID=agin_floor0000000000000000000000
FLOOR_URL="http://127.0.0.1:$FP/agent_ingresses/$FLOOR_ID"
FL_PID=""
if [[ "$SKIP_FLOOR" != 1 ]]; then
  spawn "$LOGS/throughput-floor.log" "$TP_JAVA" "@$ROOT/src/main/docker/jvm.options" -jar "$FLOOR_JAR" --server.port="$FP"
  FL_PID="$SPAWNED_PID"
  if ! wait_200 "$FL_PID" "http://127.0.0.1:$FP/agent_ingresses/$FLOOR_ID" "$START_TIMEOUT_S"; then
    rec skip floor "the floor app did not start (see $LOGS/throughput-floor.log)"; stop_pid "$FL_PID"; FL_PID=""
  fi
else
  rec skip floor "skipped by SKIP_FLOOR=1"
fi
BENCH_ID="$(seed_bench_account "http://127.0.0.1:$EP" tp)"   # 100 in account "bench"; the first is the GET target
rec meta bench_id "$BENCH_ID"
NJ_BENCH_ID="$(seed_bench_account "http://127.0.0.1:$NP" nj)"

wrk_once() { # wrk_once SCENARIO TARGET RUN OUTFILE wrk-args... ; records a row unless RUN is "warmup"
  local scen="$1" target="$2" run="$3" out="$4"; shift 4
  local d="$DURATION"; [[ "$run" == warmup ]] && d="$WARMUP"
  BENCH_NONCE="$RANDOM$RANDOM" wrk -t2 -c"$CONNECTIONS" -d"$d" --latency "$@" > "$out" 2>&1 || true
  local parsed; parsed="$(parse_wrk "$out")"
  if [[ "$run" != warmup ]]; then
    # shellcheck disable=SC2086
    rec wrk "$scen" "$target" "$run" $parsed
    log "wrk $scen $target #$run: $parsed (rps p50 p99 non2xx sockerr)"
  fi
}
for scen in $TP_SCENARIOS; do
  if [[ "$scen" == get ]]; then path="/agent_ingresses/$BENCH_ID"; nj_path="/agent_ingresses/$NJ_BENCH_ID"
  else path="/agent_ingresses?limit=100"; nj_path="$path"; fi
  wrk_once "$scen" emulator warmup "$LOGS/wrk-$scen-emulator-warmup.txt" "${AUTH[@]}" "http://127.0.0.1:$EP$path"
  wrk_once "$scen" emulator-nojournal warmup "$LOGS/wrk-$scen-emulator-nojournal-warmup.txt" "${AUTH[@]}" \
    "http://127.0.0.1:$NP$nj_path"
  wrk_once "$scen" wiremock warmup "$LOGS/wrk-$scen-wiremock-warmup.txt" "${AUTH[@]}" "http://127.0.0.1:$WP$path"
  # of these scenarios, GET by id only: the floor has no list (it creates in the create section below)
  floor=0; [[ "$scen" == get && -n "$FL_PID" ]] && floor=1
  if [[ "$floor" == 1 ]]; then wrk_once "$scen" floor warmup "$LOGS/wrk-$scen-floor-warmup.txt" "${AUTH[@]}" "$FLOOR_URL"; fi
  for run in $(seq 1 "$WRK_RUNS"); do
    wrk_once "$scen" emulator "$run" "$LOGS/wrk-$scen-emulator-$run.txt" "${AUTH[@]}" "http://127.0.0.1:$EP$path"
    wrk_once "$scen" emulator-nojournal "$run" "$LOGS/wrk-$scen-emulator-nojournal-$run.txt" "${AUTH[@]}" \
      "http://127.0.0.1:$NP$nj_path"
    wrk_once "$scen" wiremock "$run" "$LOGS/wrk-$scen-wiremock-$run.txt" "${AUTH[@]}" "http://127.0.0.1:$WP$path"
    if [[ "$floor" == 1 ]]; then wrk_once "$scen" floor "$run" "$LOGS/wrk-$scen-floor-$run.txt" "${AUTH[@]}" "$FLOOR_URL"; fi
  done
  # off the cores before the list runs, unless it is to create too (idle, it takes next to nothing from them)
  if [[ "$floor" == 1 && "$SKIP_CREATE" == 1 ]]; then stop_pid "$FL_PID"; FL_PID=""; fi
done
stop_pid "$NJ_PID"
# POST create: ours and the floor's (a row with a fresh ID and a unique domain, nothing else); one more GET-by-id run
# on the same process right after each create run, for the ratio in the same conditions. Each create run works in
# accounts of its own (one a wrk thread), and every MAX_CREATES-th request of a thread resets its account instead: the
# in-memory database lives in the default heap (112 MiB, about 60,000 ingresses), which a 15 s run at thousands of
# creates a second would otherwise outgrow. The accounts are reset after the run too.
create_run() { # create_run TARGET PORT RUN
  local target="$1" port="$2" run="$3" token="create-$3-$RANDOM" t
  export BENCH_TOKEN="$token" BENCH_RESET_EVERY="$MAX_CREATES"
  wrk_once create "$target" "$run" "$LOGS/wrk-create-$target-$run.txt" -s "$ROOT/bench/wrk/create.lua" \
    "http://127.0.0.1:$port"
  unset BENCH_TOKEN BENCH_RESET_EVERY
  for t in 1 2; do
    curl -s -o /dev/null -X POST -H "Authorization: Bearer $token-$t" -H "Ngrok-Version: 2" \
      "http://127.0.0.1:$port/_emulator/reset" \
      || log "reset after create run $run failed: is $target still up? (see $LOGS/throughput-$target.log)"
  done
}
if [[ "$SKIP_CREATE" == 1 ]]; then
  rec skip create "skipped by SKIP_CREATE=1"
else
  create_run emulator "$EP" warmup
  if [[ -n "$FL_PID" ]]; then create_run floor "$FP" warmup; fi
  for run in $(seq 1 "$WRK_RUNS"); do
    create_run emulator "$EP" "$run"
    wrk_once get-after-create emulator "$run" "$LOGS/wrk-get-after-create-emulator-$run.txt" "${AUTH[@]}" \
      "http://127.0.0.1:$EP/agent_ingresses/$BENCH_ID"
    if [[ -n "$FL_PID" ]]; then
      create_run floor "$FP" "$run"
      wrk_once get-after-create floor "$run" "$LOGS/wrk-get-after-create-floor-$run.txt" "${AUTH[@]}" \
        "$FLOOR_URL"
    fi
  done
fi
if [[ -n "$FL_PID" ]]; then stop_pid "$FL_PID"; FL_PID=""; fi
stop_pid "$EMU_PID"; stop_pid "$WM_PID"

# ---------------------------------------------------------------- 4. RSS after mixed load
if [[ "$SKIP_MIXED" == 1 ]]; then
  rec skip mixed "skipped by SKIP_MIXED=1"
else
log "section 4: ${MIXED_SECONDS}s of mixed load on a fresh emulator, then VmRSS"
next_port MP
start_emulator_as_shipped "$MP" "$LOGS/mixed-emulator.log"; MIX_PID="$SPAWNED_PID"
wait_200 "$MIX_PID" "http://127.0.0.1:$MP/agent_ingresses" "$START_TIMEOUT_S"
MIX_ID="$(seed_bench_account "http://127.0.0.1:$MP" mixed)"
rec mixed rss_before_kb "$(rss_kb "$MIX_PID")"
BENCH_ID="$MIX_ID" BENCH_NONCE="$RANDOM" wrk -t2 -c32 -d"${MIXED_SECONDS}s" --latency -s "$ROOT/bench/wrk/mixed.lua" \
  "http://127.0.0.1:$MP" > "$LOGS/wrk-mixed.txt" 2>&1 || true
rec mixed rss_after_kb "$(rss_kb "$MIX_PID")"
rec mixed hwm_kb "$(hwm_kb "$MIX_PID")"
rec mixed seconds "$MIXED_SECONDS"
# shellcheck disable=SC2046
rec mixed wrk $(parse_wrk "$LOGS/wrk-mixed.txt")
log "mixed: RSS $(( $(rss_kb "$MIX_PID") / 1024 )) MiB after ${MIXED_SECONDS}s; $(parse_wrk "$LOGS/wrk-mixed.txt")"
stop_pid "$MIX_PID"
fi

# ---------------------------------------------------------------- 5. list latency, 1M rows in other accounts vs empty
# Other accounts look like real ones (SHA-256 hex of a token), 1,000 of them, interleaved with "bench" in index order.
list_compare() { # list_compare DB EMPTY_PID EMPTY_PORT SEEDED_PID SEEDED_PORT
  local db="$1" epid="$2" eport="$3" spid="$4" sport="$5" run out parsed
  seed_bench_account "http://127.0.0.1:$eport" "le$db" > /dev/null
  seed_bench_account "http://127.0.0.1:$sport" "ls$db" > /dev/null
  for which in empty seeded; do # warm-up
    [[ "$which" == empty ]] && port="$eport" || port="$sport"
    wrk -t1 -c4 -d"$LIST_DURATION" --latency "${AUTH[@]}" "http://127.0.0.1:$port/agent_ingresses?limit=100" \
      > "$LOGS/list-$db-$which-warmup.txt" 2>&1 || true
  done
  for run in $(seq 1 "$RUNS"); do
    for which in empty seeded; do
      [[ "$which" == empty ]] && port="$eport" || port="$sport"
      out="$LOGS/list-$db-$which-$run.txt"
      wrk -t1 -c4 -d"$LIST_DURATION" --latency "${AUTH[@]}" "http://127.0.0.1:$port/agent_ingresses?limit=100" > "$out" 2>&1 || true
      parsed="$(parse_wrk "$out")"
      # shellcheck disable=SC2086
      rec list "$db" "$which" "$run" $parsed
      log "list $db $which #$run: $parsed"
    done
  done
  rec listmeta "$db" rss_empty_kb "$(rss_kb "$epid")"
  rec listmeta "$db" rss_seeded_kb "$(rss_kb "$spid")"
}
count_check() { # count_check DB PORT : the seeded instance really sees the bench account's 100 (sanity)
  local n; n="$(curl -sf "${AUTH[@]}" "http://127.0.0.1:$2/agent_ingresses?limit=100" | jq '.ingresses | length')"
  rec listmeta "$1" bench_items "$n"
}

if [[ "$SKIP_LIST_1M" == 1 ]]; then
  rec skip list_1m "skipped by SKIP_LIST_1M=1"
else
  log "section 5: list latency with $SEED_ROWS rows in other accounts vs empty"
  SEED_DIR="$CACHE/seed-h2"
  rm -rf "$SEED_DIR"; mkdir -p "$SEED_DIR"
  cat > "$SEED_DIR/V9000__bench_other_accounts.sql" <<EOF
-- benchmark only: $SEED_ROWS ingresses spread over 1,000 other accounts
INSERT INTO agent_ingresses (id, account, domain, description, metadata, created_at)
SELECT 'agin_' || LPAD(CAST(X AS VARCHAR), 27, '0'),
       LOWER(RAWTOHEX(HASH('SHA-256', CAST('other-' || MOD(X, 1000) AS VARCHAR)))),
       'o' || X || '.other.bench-test.com', 'other account', '', CURRENT_TIMESTAMP
FROM SYSTEM_RANGE(1, $SEED_ROWS);
EOF
  FLYWAY_SEEDED="classpath:db/migration,classpath:db/vendor/{vendor},filesystem:$SEED_DIR"

  for db in h2-mem h2-file; do
    next_port EPORT; next_port SPORT
    extra=()
    if [[ "$db" == h2-file ]]; then
      rm -rf "$CACHE/h2-empty" "$CACHE/h2-seeded"
      e_extra=(--spring.profiles.active=durable --emulator.data-dir="$CACHE/h2-empty")
      s_extra=(--spring.profiles.active=durable --emulator.data-dir="$CACHE/h2-seeded")
    else
      e_extra=(); s_extra=()
    fi
    t0="$(now_ms)"
    spawn "$LOGS/list-$db-seeded.log" "$JAVA17" -jar "$JAR" --server.port="$SPORT" ${s_extra[@]+"${s_extra[@]}"} \
      --spring.flyway.locations="$FLYWAY_SEEDED"
    S_PID="$SPAWNED_PID"
    if ! wait_200 "$S_PID" "http://127.0.0.1:$SPORT/agent_ingresses" 600; then
      rec skip "list_$db" "seeded instance did not start (see $LOGS/list-$db-seeded.log)"; stop_pid "$S_PID"; continue
    fi
    rec listmeta "$db" seed_start_ms "$(( $(now_ms) - t0 ))"
    spawn "$LOGS/list-$db-empty.log" "$JAVA17" -jar "$JAR" --server.port="$EPORT" ${e_extra[@]+"${e_extra[@]}"}
    E_PID="$SPAWNED_PID"
    wait_200 "$E_PID" "http://127.0.0.1:$EPORT/agent_ingresses" "$START_TIMEOUT_S"
    list_compare "$db" "$E_PID" "$EPORT" "$S_PID" "$SPORT"
    count_check "$db" "$SPORT"
    [[ "$db" == h2-file ]] && rec listmeta "$db" file_bytes_seeded "$(du -sb "$CACHE/h2-seeded" | cut -f1)"
    stop_pid "$E_PID"; stop_pid "$S_PID"
    rm -rf "$CACHE/h2-empty" "$CACHE/h2-seeded"   # the seeded file is large (GBs): do not leave it behind
  done

  if [[ "$SKIP_POSTGRES" == 1 ]]; then
    rec skip list_postgres "skipped by SKIP_POSTGRES=1"
  elif [[ "$(id -u)" != 0 ]]; then
    rec skip list_postgres "needs root for .ci/start-postgres"
  elif ! PG_ENV="$(bash "$ROOT/.ci/start-postgres" 2> "$LOGS/start-postgres.log")"; then
    rec skip list_postgres "PostgreSQL could not be started (see $LOGS/start-postgres.log)"
  else
    eval "$PG_ENV"
    PG_PID="$EMULATOR_TEST_POSTGRES_PID"; PG_DATA="$EMULATOR_TEST_POSTGRES_DATA"
    PG_PORT="$(sed -E 's#.*127\.0\.0\.1:([0-9]+)/.*#\1#' <<< "$EMULATOR_TEST_POSTGRES_URL")"
    PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres)
    "${PSQL[@]}" -d emulator -c "CREATE DATABASE emulator_seeded"
    rec meta postgres "$("${PSQL[@]}" -d emulator -tAc 'SHOW server_version')"
    next_port EPORT; next_port SPORT
    spawn "$LOGS/list-postgres-empty.log" "$JAVA17" -jar "$JAR" --server.port="$EPORT" \
      --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/emulator?user=postgres"
    E_PID="$SPAWNED_PID"
    spawn "$LOGS/list-postgres-seeded.log" "$JAVA17" -jar "$JAR" --server.port="$SPORT" \
      --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/emulator_seeded?user=postgres"
    S_PID="$SPAWNED_PID"
    wait_200 "$E_PID" "http://127.0.0.1:$EPORT/agent_ingresses" "$START_TIMEOUT_S"
    wait_200 "$S_PID" "http://127.0.0.1:$SPORT/agent_ingresses" "$START_TIMEOUT_S"
    t0="$(now_ms)"
    "${PSQL[@]}" -d emulator_seeded <<EOF
INSERT INTO agent_ingresses (id, account, domain, description, metadata, created_at)
SELECT 'agin_' || lpad(g::text, 27, '0'),
       encode(sha256(('other-' || (g % 1000))::bytea), 'hex'),
       'o' || g || '.other.bench-test.com', 'other account', '', now()
FROM generate_series(1, $SEED_ROWS) AS g;
VACUUM ANALYZE agent_ingresses;
EOF
    rec listmeta postgres seed_ms "$(( $(now_ms) - t0 ))"
    rec listmeta postgres rows_seeded "$("${PSQL[@]}" -d emulator_seeded -tAc 'SELECT count(*) FROM agent_ingresses')"
    list_compare postgres "$E_PID" "$EPORT" "$S_PID" "$SPORT"
    count_check postgres "$SPORT"
    stop_pid "$E_PID"; stop_pid "$S_PID"
  fi
fi

# ---------------------------------------------------------------- 6. render
log "rendering docs/performance.md from $RES"
# the sections other scripts measure (written by hand after the rendered ones) are carried over from the current file
python3 "$ROOT/bench/render.py" "$RES" "$ROOT/docs/performance.md" > "$RES.md" && mv "$RES.md" "$ROOT/docs/performance.md"
log "done: $RES and docs/performance.md"
