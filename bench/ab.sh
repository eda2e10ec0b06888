#!/usr/bin/env bash
# Builds of the emulator side by side under GET-by-id load (and the framework's floor, if built), for one change at a
# time: the commit message's before/after ratio. Each round runs wrk once against each target in turn, and for
# each run reads the target's CPU time from /proc (user + system), so that next to requests/s it reports CPU
# milliseconds per request: on a shared, loaded machine the CPU a request costs moves far less than the rate does.
#
#   bash bench/ab.sh BEFORE AFTER...    # each an emulator jar, or a directory of classes (then the libraries of
#                                       # the jar in LIBS_FROM, default bench/.cache/jar/agent-ingress-emulator-*.jar),
#                                       # or the image's layout (src/main/docker/assemble-app.sh), started as the image
#                                       # starts it; every AFTER is compared with BEFORE, and each with the floor
#   knobs: ROUNDS=5 DURATION=10s WARMUP=90s (the JIT needs about a minute of full load on 2 cores) CONNECTIONS=16 PATH_Q=/agent_ingresses/<id> JAVA25=... SKIP_FLOOR=0
#          SEED=1 (ingresses each emulator holds; e.g. SEED=100 PATH_Q='/agent_ingresses?limit=100' for the list)
#          SCENARIO=create (POST create through bench/wrk/create.lua, as bench/run.sh runs it: an account a wrk
#          thread, reset every MAX_CREATES=1400 requests; the floor creates too, with its least: a row, a unique domain)
#          EMULATOR_ARGS='--emulator.journal.enabled=false' (given to every emulator) START_TIMEOUT_S=900
#          AFTER_JVM_ARGS='-Dspring.aot.enabled=true' (given to every AFTER, not to BEFORE: one build with and without
#          a JVM option, e.g. bash bench/ab.sh DIR DIR)
#
# A jar or a classes directory runs with the image's jvm.options on JDK 25, without Spring AOT or the JDK's AOT cache,
# from exploded classes and libraries, so that all such targets start the same way; an image layout runs as the image
# runs (its own jvm.options, Spring AOT, its app.aot if trained), which is how to measure what those cost. 16 connections: one API key may have 16 requests
# running at once (emulator.requests.max-concurrent-per-account); the non-2xx column shows any 429 all the same.
# Writes bench/results/ab-<stamp>.tsv and prints the medians of the per-round ratios.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
(( $# >= 2 )) || { echo "usage: bench/ab.sh BEFORE AFTER..." >&2; exit 1; }
SOURCES=()
for s in "$@"; do SOURCES+=("$(realpath "$s")"); done
ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-90s}"
CONNECTIONS="${CONNECTIONS:-16}"
SEED="${SEED:-1}"
JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
SKIP_FLOOR="${SKIP_FLOOR:-0}"
SCENARIO="${SCENARIO:-get}"
read -r -a EMULATOR_ARGS <<< "${EMULATOR_ARGS:-}"
read -r -a AFTER_JVM_ARGS <<< "${AFTER_JVM_ARGS:-}"
LIBS_FROM="${LIBS_FROM:-$(ls "$ROOT"/bench/.cache/jar/agent-ingress-emulator-*.jar 2>/dev/null | head -n 1 || true)}"
FLOOR_JAR="$ROOT/bench/.cache/jar/floor.jar"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$ROOT/bench/results/ab-$STAMP"
RES="$WORK.tsv"
mkdir -p "$WORK"
AUTH=(-H "Authorization: Bearer bench" -H "Ngrok-Version: 2")
declare -a STARTED=()
cleanup() {
  local pid
  for pid in "${STARTED[@]}"; do stop_pid "$pid"; done
}
trap cleanup EXIT
log() { printf '[ab %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# an exploded application: classes/ and lib/ from a Boot jar, or a classes directory with the libraries of LIBS_FROM
explode() { # explode SOURCE DIR
  local src="$1" dir="$2"
  mkdir -p "$dir/jar"
  if [[ -f "$src" ]]; then
    (cd "$dir/jar" && unzip -q "$src")
  else
    [[ -f "$LIBS_FROM" ]] || { echo "a classes directory needs LIBS_FROM (an emulator jar)" >&2; exit 1; }
    (cd "$dir/jar" && unzip -q "$LIBS_FROM" 'BOOT-INF/lib/*')
    mkdir -p "$dir/jar/BOOT-INF/classes" && cp -r "$src/." "$dir/jar/BOOT-INF/classes/"
  fi
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wait_200() { # wait_200 PID URL: until START_TIMEOUT_S (on a loaded machine a start can take minutes)
  local deadline=$(( $(date +%s) + ${START_TIMEOUT_S:-900} ))
  while (( $(date +%s) < deadline )); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${AUTH[@]}" "$2" || true)" == 200 ]] && return 0
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

declare -A PORT PID
start_emulator() { # start_emulator NAME SOURCE [JVM OPTION...]
  local name="$1" source="$2"; shift 2
  log "$name: $source $*"
  PORT[$name]="$(free_port $((18300 + ${#STARTED[@]} * 10)))"
  if [[ -f "$source/start-emulator.sh" ]]; then
    # as the image starts it (Spring AOT, and the JDK's AOT cache if trained); the script runs java in its place
    PATH="$(dirname "$JAVA25"):$PATH" JAVA_OPTS="$*" sh "$source/start-emulator.sh" --server.port="${PORT[$name]}" \
      ${EMULATOR_ARGS[@]+"${EMULATOR_ARGS[@]}"} > "$WORK/$name.log" 2>&1 &
  else
    explode "$source" "$WORK/$name"
    "$JAVA25" "@$ROOT/src/main/docker/jvm.options" "$@" \
      -cp "$WORK/$name/jar/BOOT-INF/classes:$WORK/$name/jar/BOOT-INF/lib/*" \
      dev.agentingress.emulator.AgentIngressEmulatorApplication --server.port="${PORT[$name]}" \
      ${EMULATOR_ARGS[@]+"${EMULATOR_ARGS[@]}"} > "$WORK/$name.log" 2>&1 &
  fi
  PID[$name]=$!; STARTED+=("$!")
  log "$name: PID ${PID[$name]} (a profiler can attach while the rounds run: jcmd PID JFR.start ...)"
}
TARGETS=(before)
start_emulator before "${SOURCES[0]}"
for ((i = 1; i < ${#SOURCES[@]}; i++)); do
  name="after$i"; [[ ${#SOURCES[@]} == 2 ]] && name=after
  start_emulator "$name" "${SOURCES[$i]}" ${AFTER_JVM_ARGS[@]+"${AFTER_JVM_ARGS[@]}"}; TARGETS+=("$name")
done
EMULATORS=("${TARGETS[@]}")
if [[ "$SKIP_FLOOR" != 1 && -f "$FLOOR_JAR" ]]; then
  PORT[floor]="$(free_port 18390)"
  "$JAVA25" "@$ROOT/src/main/docker/jvm.options" -jar "$FLOOR_JAR" --server.port="${PORT[floor]}" > "$WORK/floor.log" 2>&1 &
  PID[floor]=$!; STARTED+=("$!"); TARGETS+=(floor)
fi
declare -A URL
for t in "${EMULATORS[@]}"; do
  wait_200 "${PID[$t]}" "http://127.0.0.1:${PORT[$t]}/agent_ingresses" || { echo "$t did not start (see $WORK/$t.log)" >&2; exit 1; }
  id="$(curl -sf --max-time 10 "${AUTH[@]}" -H "Content-Type: application/json" -X POST \
    "http://127.0.0.1:${PORT[$t]}/agent_ingresses" -d "{\"domain\":\"ab-$t.bench-test.com\"}" | jq -r .id)"
  for ((n = 2; n <= SEED; n++)); do
    curl -sf --max-time 10 "${AUTH[@]}" -H "Content-Type: application/json" -X POST \
      "http://127.0.0.1:${PORT[$t]}/agent_ingresses" -d "{\"domain\":\"ab-$t-$n.bench-test.com\"}" > /dev/null
  done
  URL[$t]="http://127.0.0.1:${PORT[$t]}${PATH_Q:-/agent_ingresses/$id}"
done
if [[ -n "${PID[floor]:-}" ]]; then
  URL[floor]="http://127.0.0.1:${PORT[floor]}/agent_ingresses/agin_floor0000000000000000000000"
  wait_200 "${PID[floor]}" "${URL[floor]}" || { echo "the floor did not start" >&2; exit 1; }
fi

HZ="$(getconf CLK_TCK)"
once() { # once TARGET ROUND DURATION -> records "round target rps cpu_ms_per_request p99_ms non2xx"
  local t="$1" out="$WORK/wrk-$1-$2.txt" c0 c1 rps p99 n2
  kill -0 "${PID[$t]}" 2>/dev/null || { log "$t is gone (see $WORK/$t.log): run $2 skipped"; return 0; }
  c0="$(cpu_ticks "${PID[$t]}")"
  if [[ "$SCENARIO" == create ]]; then
    BENCH_TOKEN="ab-$1-$2" BENCH_RESET_EVERY="${MAX_CREATES:-1400}" wrk -t2 -c"$CONNECTIONS" -d"$3" --latency \
      -s "$ROOT/bench/wrk/create.lua" "http://127.0.0.1:${PORT[$t]}" > "$out" 2>&1 || true
  else
    wrk -t2 -c"$CONNECTIONS" -d"$3" --latency "${AUTH[@]}" "${URL[$t]}" > "$out" 2>&1 || true
  fi
  c1="$(cpu_ticks "${PID[$t]}" 2>/dev/null || echo "$c0")"
  if [[ "$SCENARIO" == create ]]; then   # the run's accounts go, so that every run starts from the same rows
    for a in 1 2; do
      curl -s -o /dev/null -X POST -H "Authorization: Bearer ab-$1-$2-$a" -H "Ngrok-Version: 2" \
        "http://127.0.0.1:${PORT[$t]}/_emulator/reset" || true
    done
  fi
  [[ "$2" == warmup ]] && return 0
  read -r rps p99 n2 < <(awk '/^Requests\/sec:/ {r = $2} /^ +99%/ {p = $2} /Non-2xx/ {n = $NF}
    END {print r + 0, p, n + 0}' "$out")
  local total; total="$(awk '/requests in/ {print $1}' "$out")"
  local cpu; cpu="$(awk -v d="$((c1 - c0))" -v hz="$HZ" -v n="$total" 'BEGIN {printf "%.4f", (n > 0 ? d * 1000 / hz / n : 0)}')"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$2" "$t" "$rps" "$cpu" "$p99" "$n2" >> "$RES"
  log "$t #$2: $rps req/s, $cpu CPU ms/request, p99 $p99, non-2xx $n2"
}
for t in "${TARGETS[@]}"; do once "$t" warmup "$WARMUP"; done
for r in $(seq 1 "$ROUNDS"); do
  # the order turns each round, so that no target always follows the same one
  if (( r % 2 )); then order=("${TARGETS[@]}"); else order=(); for ((i=${#TARGETS[@]}-1; i>=0; i--)); do order+=("${TARGETS[$i]}"); done; fi
  for t in "${order[@]}"; do once "$t" "$r" "$DURATION"; done
done
python3 - "$RES" <<'EOF'
import sys, statistics as st
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
by = {}
for rnd, t, rps, cpu, p99, n2 in rows:
    by.setdefault(t, {})[rnd] = (float(rps), float(cpu))
def ratios(a, b, i):
    return sorted(by[a][r][i] / by[b][r][i] for r in by[a] if r in by.get(b, {}) and by[b][r][i] > 0)
for t in sorted(by):
    print(f"{t}: median {st.median(v[0] for v in by[t].values()):.0f} req/s, "
          f"{st.median(v[1] for v in by[t].values()):.4f} CPU ms/request")
pairs = [(t, "before") for t in by if t.startswith("after")] + [(t, "floor") for t in by if t != "floor"]
for a, b in pairs:
    if a in by and b in by:
        rr, cr = ratios(a, b, 0), ratios(b, a, 1)
        print(f"{a}/{b}: req/s ratio min {rr[0]:.2f} median {st.median(rr):.2f}; "
              f"CPU-per-request ratio ({b}'s CPU / {a}'s, higher is better for {a}) min {cr[0]:.2f} median {st.median(cr):.2f}")
EOF
