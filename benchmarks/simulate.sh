#!/usr/bin/env bash
# Runs the phone simulator (deploy/phone-simulator) from its built classpath; flags: --help.
# Build it first: ./mvnw -o -q install -pl contracts -DskipTests && ./mvnw -o -q -pl deploy/phone-simulator package
set -euo pipefail
module="$(cd "$(dirname "$0")/../deploy/phone-simulator" && pwd)"
if [[ ! -f "$module/target/classpath.txt" || ! -d "$module/target/classes" ]]; then
  echo "simulate.sh: build the simulator first: ./mvnw -o -q -pl deploy/phone-simulator package" >&2
  exit 2
fi
exec java ${JAVA_OPTS:-} -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" \
  io.callrec.simulator.SimulatorMain "$@"
