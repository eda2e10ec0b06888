#!/bin/sh
# Starts the emulator from an extracted jar (app.jar + lib/, see the Dockerfile) the fastest way: Spring's AOT-
# generated initialisation, and the JDK's AOT cache (app.aot, made by train-aot-cache.sh) when there is one.
# JVM options come from jvm.options, then JAVA_OPTS; arguments are passed to the emulator (--server.port=9000, ...).
cd "$(dirname "$0")"
cache=""
[ -f app.aot ] && cache="-XX:AOTCache=app.aot"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options; an empty $cache must vanish
exec java @jvm.options ${JAVA_OPTS:-} $cache -Dspring.aot.enabled=true -jar app.jar "$@"
