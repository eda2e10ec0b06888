#!/usr/bin/env bash
# One JFR profile of the emulator under GET-by-id load, grouped by request step (docs/performance.md,
# "Where a request's time goes"). Needs a JDK 25 and a finished bench/run.sh (it reuses bench/.cache/app, the image's
# layout with its AOT cache), or any emulator jar in target/ (started with jvm.options, no AOT cache).
#
#   bash bench/profile/run.sh          # knobs: WARMUP_S=40 RECORD_S=30 JAVA25=... PORT=18190 CONNECTIONS=16
#   SCENARIO=create bash bench/profile/run.sh   # POST create instead (bench/wrk/create.lua, an account a wrk thread,
#                                      # reset every MAX_CREATES=1400 requests so that the in-memory database stays small)
#   APP_CP=<classes>:<lib>/* bash bench/profile/run.sh   # a build of one's own (e.g. bench/ab.sh's exploded
#                                      # targets under bench/results/ab-*/after/jar/BOOT-INF), without the AOT cache
#
# Writes bench/results/profile-<stamp>.jfr and profile-<stamp>.md (both ignored by git).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$(pwd)"
JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
JDK_BIN="$(dirname "$JAVA25")"
WARMUP_S="${WARMUP_S:-40}"
RECORD_S="${RECORD_S:-30}"
PORT="${PORT:-18190}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/bench/results/profile-$STAMP"
mkdir -p "$ROOT/bench/results"
AUTH=(-H "Authorization: Bearer bench" -H "Ngrok-Version: 2")
# stacks of a Spring MVC request are deeper than JFR's default 64 frames: record up to 256, so that the outer frames
# (the filters that wrap the rest) are on every sample. DebugNonSafepoints: without it a sample inside compiled code
# is put on the nearest call site (a list's per-character string writing in Jackson showed as the call that flushes
# its buffer)
REC="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=delay=${WARMUP_S}s,duration=${RECORD_S}s,settings=profile,filename=$OUT.jfr"

if [[ -n "${APP_CP:-}" ]]; then
  # shellcheck disable=SC2086 # REC is several options
  "$JAVA25" "@$ROOT/src/main/docker/jvm.options" $REC -cp "$APP_CP" dev.agentingress.emulator.AgentIngressEmulatorApplication \
    --server.port="$PORT" ${EMULATOR_ARGS:-} > "$OUT.log" 2>&1 &
elif [[ -f "$ROOT/bench/.cache/app/start-emulator.sh" ]]; then
  PATH="$JDK_BIN:$PATH" JAVA_OPTS="$REC" sh "$ROOT/bench/.cache/app/start-emulator.sh" --server.port="$PORT" \
    > "$OUT.log" 2>&1 &
else
  JAR="$(ls "$ROOT"/target/agent-ingress-emulator-*.jar | head -n 1)"
  # shellcheck disable=SC2086 # REC is several options
  "$JAVA25" "@$ROOT/src/main/docker/jvm.options" $REC -jar "$JAR" --server.port="$PORT" > "$OUT.log" 2>&1 &
fi
PID=$!
trap 'kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf -o /dev/null --max-time 2 "${AUTH[@]}" "http://127.0.0.1:$PORT/agent_ingresses" && break
  kill -0 "$PID" 2>/dev/null || { echo "emulator died (see $OUT.log)" >&2; exit 1; }
  sleep 0.1
done
ID="$(curl -sf --max-time 10 "${AUTH[@]}" -H "Content-Type: application/json" -X POST \
  "http://127.0.0.1:$PORT/agent_ingresses" -d '{"domain":"profile.bench-test.com","description":"bench ingress"}' | jq -r .id)"
# load from the start, through the delay (warm-up) and the whole recording, and a little after
SCENARIO="${SCENARIO:-get}"
LOAD=(wrk -t2 -c"${CONNECTIONS:-16}" -d"$((WARMUP_S + RECORD_S + 5))s" --latency)
if [[ "$SCENARIO" == create ]]; then
  BENCH_TOKEN="profile-$RANDOM" BENCH_RESET_EVERY="${MAX_CREATES:-1400}" "${LOAD[@]}" -s "$ROOT/bench/wrk/create.lua" \
    "http://127.0.0.1:$PORT" > "$OUT.wrk.txt" 2>&1 || true
else
  "${LOAD[@]}" "${AUTH[@]}" "http://127.0.0.1:$PORT/agent_ingresses/$ID" > "$OUT.wrk.txt" 2>&1 || true
fi
for _ in $(seq 1 100); do [[ -s "$OUT.jfr" ]] && break; sleep 0.1; done
"$JDK_BIN/jfr" print --json --stack-depth 256 --events jdk.ExecutionSample "$OUT.jfr" > "$OUT.samples.json"
{
  echo "JFR profile settings, ${RECORD_S} s recorded after ${WARMUP_S} s of warm-up, $SCENARIO, wrk -t2 -c${CONNECTIONS:-16}"
  grep -E 'Requests/sec' "$OUT.wrk.txt" || true
  echo
  python3 "$ROOT/bench/profile/jfr_steps.py" "$OUT.samples.json"
} > "$OUT.md"
rm -f "$OUT.samples.json"
cat "$OUT.md"
