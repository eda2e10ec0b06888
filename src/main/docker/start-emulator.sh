#!/bin/sh
# Starts the emulator from an extracted jar (app.jar + lib/, see the Dockerfile) the fastest way: Spring's AOT-
# generated initialisation, and the JDK's AOT cache (app.aot, made by train-aot-cache.sh) when this JVM made it.
# Runs on any JDK 17 or newer. JVM options come from jvm.options, then JAVA_OPTS; arguments are passed to the
# emulator (--server.port=9000, ...).
cd "$(dirname "$0")" || exit 1
. ./java-runtime.sh
extra=""
if [ -f app.aot ]; then
    # a JDK older than 24 refuses -XX:AOTCache outright, and any other JVM than the one that made the cache (or a
    # newer app.jar) gets no use from it: start without it, and say once how to have it again
    if [ "$(cat app.aot.jvm 2>/dev/null)" != "$java_runtime" ]; then
        echo "start-emulator.sh: app.aot was made by another JVM than this one ($java_runtime), so it is not used;" \
            "run train-aot-cache.sh with this java to make a new one, or delete app.aot" >&2
    elif [ app.jar -nt app.aot ]; then
        echo "start-emulator.sh: app.jar is newer than app.aot, so the cache is not used;" \
            "run train-aot-cache.sh again to make a new one, or delete app.aot" >&2
    else
        # the cache's own warnings (classes it could not store, code it could not link) need no action; a cache
        # that cannot be used still says so, at error level
        extra="-XX:AOTCache=app.aot -Xlog:aot*=error"
    fi
fi
if [ "$java_major" -ge 23 ]; then
    # protobuf (under the CEL filter) still reads memory through sun.misc.Unsafe, which JDK 24 warns about on first
    # use; the option that allows it quietly exists from JDK 23 on, and the library needs no other flag
    extra="$extra --sun-misc-unsafe-memory-access=allow"
fi
# shellcheck disable=SC2086 # JAVA_OPTS and $extra are lists of options; empty ones must vanish
exec java @jvm.options ${JAVA_OPTS:-} $extra -Dspring.aot.enabled=true -jar app.jar "$@"
