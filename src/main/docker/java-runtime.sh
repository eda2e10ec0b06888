# Sourced by start-emulator.sh and train-aot-cache.sh: which java runs the emulator. Sets java_runtime (the JVM's
# exact build and home, e.g. "25.0.3+9-LTS /opt/java/openjdk": an AOT cache fits only the JVM that made it, so
# train-aot-cache.sh writes this beside the cache and start-emulator.sh compares it) and java_major (17, 25, ...).
# It reads the JDK's release file rather than running java -version, which would add a JVM start to every start.
java_home="$(command -v java || true)"
if [ -z "$java_home" ]; then
    echo "$0: no java on the PATH; the emulator needs a JDK or JRE 17 or newer" >&2
    exit 1
fi
java_home="$(dirname "$(dirname "$(readlink -f "$java_home")")")"
java_version="$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$java_home/release" 2>/dev/null || true)"
if [ -z "$java_version" ]; then
    # no release file (an unusual packaging): ask the JVM itself
    java_version="$(java -version 2>&1 | sed -n 's/^.* (build \([^,)]*\).*$/\1/p' | tail -n 1)"
fi
java_runtime="$java_version $java_home"
# "1.8.0_402" is Java 8: its major is then 1, which is below every check as it should be
java_major="$(echo "$java_version" | sed 's/^\([0-9]*\).*/\1/')"
java_major="${java_major:-0}"
