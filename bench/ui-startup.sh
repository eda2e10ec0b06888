#!/usr/bin/env bash
# Start-up with the dashboard on and off (issue 13): time from spawn to the ready line, the CPU time and VmRSS at that
# moment, the two settings alternating (on off, off on, ...) so that the machine's drift falls on both. Prints the
# medians and the median of the per-pair ratios (on / off). Needs the jar: ./mvnw -q package -DskipTests.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-8}"
JAR="${JAR:-$(ls target/agent-ingress-emulator-*.jar | grep -v -- '-plain' | head -n 1)}"
mkdir -p bench/results
out="bench/results/ui-startup-$(date -u +%Y%m%dT%H%M%SZ).tsv"
printf 'run\tui\tready_ms\tcpu_ms\trss_kib\n' >"$out"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

start_once() {
    local run="$1" ui="$2" port log pid t0 t1 rss cpu
    port="$(free_port)"
    log="$(mktemp)"
    t0="$(now_ms)"
    java -jar "$JAR" --server.port="$port" --emulator.ui.enabled="$ui" >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 1 6000); do
        grep -q 'Agent Ingress emulator ready' "$log" && break
        kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
        sleep 0.02
    done
    t1="$(now_ms)"
    rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")"
    # CPU time spent by then (user + system, in clock ticks): on a busy machine the wall time is mostly waiting
    cpu="$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    rm -f "$log"
    printf '%s\t%s\t%s\t%s\t%s\n' "$run" "$ui" "$((t1 - t0))" "$cpu" "$rss" >>"$out"
    echo "run $run ui=$ui: $((t1 - t0)) ms, CPU $cpu ms, RSS $((rss / 1024)) MiB" >&2
}

for run in $(seq 1 "$RUNS"); do
    if [ $((run % 2)) -eq 1 ]; then order="true false"; else order="false true"; fi
    for ui in $order; do
        start_once "$run" "$ui"
    done
done

python3 - "$out" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
by = {(r['run'], r['ui']): r for r in rows}
runs = sorted({r['run'] for r in rows}, key=int)
for metric, unit in (('ready_ms', 'ms'), ('cpu_ms', 'ms'), ('rss_kib', 'KiB')):
    on = [int(by[(n, 'true')][metric]) for n in runs]
    off = [int(by[(n, 'false')][metric]) for n in runs]
    ratios = [a / b for a, b in zip(on, off)]
    print(f"{metric}: on median {statistics.median(on):.0f} {unit}, off median {statistics.median(off):.0f} {unit}, "
          f"median of per-pair ratios on/off {statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})")
PY
echo "results: $out" >&2
