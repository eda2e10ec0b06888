#!/bin/sh
# Lays the emulator out as the image runs it: DEST/app.jar (its classes, and lib/ on its manifest class path),
# DEST/lib/, and this folder's JVM options and scripts. The Dockerfile, .ci/check-container-startup and
# bench/run.sh all start from this layout; train-aot-cache.sh then adds the AOT cache with the JVM that will run it.
#   sh src/main/docker/assemble-app.sh target/agent-ingress-emulator-*.jar DEST
set -eu
jar="$1"
dest="$2"
here="$(dirname "$0")"
java -Djarmode=tools -jar "$jar" extract --application-filename app.jar --destination "$dest"
cp "$here/jvm.options" "$here/java-runtime.sh" "$here/start-emulator.sh" "$here/train-aot-cache.sh" "$dest/"
# a cache trained on the jar this replaces fits it no more
rm -f "$dest/app.aot" "$dest/app.aot.jvm"
