#!/bin/sh
# Makes app.aot, the JDK's AOT cache (JDK 24+), beside app.jar: starts the emulator through start-emulator.sh with
# -XX:AOTCacheOutput, runs a representative workload against it (TrainingRunCommand), then stops it with SIGTERM;
# the JVM writes the cache as it exits. The cache fits only the JVM that made it: run this with the image's java.
set -eu
cd "$(dirname "$0")"
port="${TRAINING_PORT:-18765}"
rm -f app.aot
JAVA_OPTS="${JAVA_OPTS:-} -XX:AOTCacheOutput=app.aot" sh start-emulator.sh \
    --server.port="$port" --logging.level.root=warn &
server=$!
trained=yes
java -cp app.jar dev.agentingress.emulator.operations.TrainingRunCommand "$port" || trained=no
kill -TERM "$server"
wait "$server" || true
if [ "$trained" != yes ]; then
    echo "AOT training run failed" >&2; exit 1
fi
if [ ! -s app.aot ]; then
    echo "AOT training run wrote no cache" >&2; exit 1
fi
echo "AOT cache: $(du -h app.aot | cut -f1)"
