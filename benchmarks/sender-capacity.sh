#!/usr/bin/env bash
# Measures how many concurrent real-time calls the phone simulator sustains from one JVM: starts a
# recorder stand-in in a separate JVM that answers every start and only counts datagrams, then
# runs simulate.sh against it. Usage: sender-capacity.sh PHONES [SECONDS]; read the "late:" line.
# Needs the module's tests compiled: ./mvnw -o -q -pl deploy/phone-simulator test-compile
set -euo pipefail
benchmarks="$(cd "$(dirname "$0")" && pwd)"
module="$benchmarks/../deploy/phone-simulator"
phones="${1:?usage: sender-capacity.sh PHONES [SECONDS]}"
seconds="${2:-20}"
if [[ ! -f "$module/target/classpath.txt" || ! -d "$module/target/test-classes" ]]; then
  echo "sender-capacity.sh: compile first: ./mvnw -o -q -pl deploy/phone-simulator test-compile" >&2
  exit 2
fi
log="$(mktemp)"
java -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/classpath.txt")" \
  io.callrec.simulator.FakeRecorder >"$log" &
recorder=$!
trap 'kill "$recorder" 2>/dev/null; rm -f "$log"' EXIT
until port="$(sed -n 's/^control port //p' "$log")" && [[ -n "$port" ]]; do sleep 0.2; done
"$benchmarks/simulate.sh" --control "127.0.0.1:$port" --phones "$phones" --duration "${seconds}s" --ramp-up 2s --seed 1 \
  2> >(grep -v '^\[' >&2) || true
sleep 1.5
echo "recorder: $(tail -n 1 "$log")"
