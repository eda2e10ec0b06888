#!/usr/bin/env bash
# Drives each of the emulator's bounds to its maximum while a second account is probed, with the server started as
# the image starts it (src/main/docker/start-emulator.sh: jvm.options, Spring AOT), on loopback only: first the slow
# and expensive clients of attacks.py, then, on the same server, every in-memory bound filled by fill_bounds.py.
#
#   bash bench/limits/run.sh                       # every scenario, 30 s each, then the memory bounds
#   SECONDS_EACH=60 bash bench/limits/run.sh slow-headers delayed-calls     # only these (no memory bounds)
#
# Knobs (environment): SECONDS_EACH=30, SKIP_BUILD=1 (reuse target/*.jar), JAVA=<java of the run> (default: the JDK 25
# beside the default one, as the image runs, else the java on the PATH), PORT (default: a free one from 28700).
# Prints a tab-separated table (see bench/limits/attacks.py) and keeps it with the server log in bench/results/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$(pwd)"

SECONDS_EACH="${SECONDS_EACH:-30}"
JAVA="${JAVA:-$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -n 1 || true)}"
JAVA="${JAVA:-java}"
PORT="${PORT:-28700}"
while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p bench/results bench/.cache
RESULT="bench/results/limits-$STAMP.tsv"
LOG="bench/results/limits-$STAMP.server.log"
APP="bench/.cache/limits-app"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q -DskipTests clean package >&2
fi
rm -rf "$APP"
sh src/main/docker/assemble-app.sh "$(ls target/agent-ingress-emulator-*.jar | head -n 1)" "$APP" > /dev/null

# start-emulator.sh execs the first java on the PATH, so the spawned PID is the JVM's
PATH="$(dirname "$JAVA"):$PATH" sh "$APP/start-emulator.sh" --server.port="$PORT" > "$LOG" 2>&1 &
PID=$!
stop() { kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 240); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null && break
  kill -0 "$PID" 2>/dev/null || { echo "the emulator did not start; see $LOG" >&2; exit 1; }
  sleep 0.5
done

printf 'scenario\tprobe_requests\tprobe_failures\tp50_ms\tp99_ms\tmax_ms\tpeak_rss_mib\tprocess\toutcome\n' | tee "$RESULT"
scenarios=()
for name in "$@"; do scenarios+=(--scenario "$name"); done
python3 bench/limits/attacks.py --port "$PORT" --pid "$PID" --seconds "$SECONDS_EACH" "${scenarios[@]}" | tee -a "$RESULT"
if [[ $# -eq 0 ]]; then
  PATH="$(dirname "$JAVA"):$PATH" python3 bench/limits/fill_bounds.py "$PORT" "$PID" | tee -a "$RESULT"
fi
echo "heap settings: $(grep -E '^-X(ms|mx)' src/main/docker/jvm.options | tr '\n' ' ')" | tee -a "$RESULT"
grep -cE ' (ERROR|WARN) ' "$LOG" | sed 's/^/server log lines at WARN or ERROR: /' | tee -a "$RESULT" || true
