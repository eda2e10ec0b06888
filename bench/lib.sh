# Helpers every bench script shares; sourced after the script has set ROOT (". "$ROOT/bench/lib.sh").

# first free loopback port from $1 on (bounded)
free_port() {
  local p="$1" i
  for i in $(seq 1 200); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    p=$((p + 1))
  done
  echo "no free port from $1" >&2; return 1
}

# stops one process the script started: TERM, up to 20 s, then KILL
stop_pid() {
  local pid="$1" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

now_ms() { date +%s%3N; }
