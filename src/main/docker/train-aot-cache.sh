#!/bin/sh
# Makes app.aot, the JDK's AOT cache (JDK 25+), beside app.jar: starts the emulator through start-emulator.sh with
# -XX:AOTCacheOutput, runs a representative workload against it (TrainingRunCommand), then stops it with SIGTERM;
# the JVM writes the cache as it exits. The cache fits only the JVM that made it, so app.aot.jvm records which one
# did, for start-emulator.sh to compare: run this with the java that will run the emulator.
set -eu
cd "$(dirname "$0")"
. ./java-runtime.sh
if [ "$java_major" -lt 25 ]; then
    # -XX:AOTCacheOutput came with JDK 25: an older JVM would refuse to start
    echo "train-aot-cache.sh: the AOT cache needs JDK 25 or newer, and this java is $java_runtime;" \
        "start-emulator.sh runs without a cache, or run this with a JDK 25 first on the PATH" >&2
    exit 1
fi
port="${TRAINING_PORT:-18765}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
rm -f app.aot app.aot.jvm
# the server's log (and the JVM's notes on what it could not store in the cache) is shown only if training fails;
# the server and the workload both append to it, so neither writes over the other
JAVA_OPTS="${JAVA_OPTS:-} -XX:AOTCacheOutput=app.aot" sh start-emulator.sh \
    --server.port="$port" --logging.level.root=warn >>"$log" 2>&1 &
server=$!
trained=yes
# given the server's PID, the workload stops waiting as soon as the server dies (a bad setting, a port in use)
java -cp app.jar dev.agentingress.emulator.operations.TrainingRunCommand "$port" "$server" 2>>"$log" || trained=no
kill -TERM "$server" 2>/dev/null || true
wait "$server" || true
if [ "$trained" != yes ] || [ ! -s app.aot ]; then
    grep -v '^\[' "$log" | tail -n 20 >&2
    if [ "$trained" != yes ]; then
        echo "train-aot-cache.sh: the training run failed (above: the end of the server's log)" >&2
    else
        echo "train-aot-cache.sh: the training run wrote no cache (above: the end of the server's log)" >&2
    fi
    rm -f app.aot
    exit 1
fi
echo "$java_runtime" > app.aot.jvm
echo "AOT cache: $(du -h app.aot | cut -f1), for $java_runtime"
