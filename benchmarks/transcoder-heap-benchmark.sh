#!/usr/bin/env bash
# Transcoder memory per open recording against call length: N streamed recordings open side by side, fed one-second
# frame batches, heap (after a full GC) and direct buffers per recording at each checkpoint in minutes of audio.
# io.callrec.transcoder.bench.AssemblyHeapBenchmark; method and figures: BENCHMARKS.md.
#
# Usage: benchmarks/transcoder-heap-benchmark.sh [recordings (500)] [minutes,... (1,2,4)]
# The spool (about 1 MB per recording and minute) goes to a temporary folder, deleted at the end. It builds with
# ./mvnw: on the shared build machine run it as flock /tmp/callrec-mvn.lock benchmarks/transcoder-heap-benchmark.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/transcoder-heap-benchmark.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

cd "$ROOT"
if ! ./mvnw -B -q test-compile -pl transcoder -am >"$WORK/mvn.log" 2>&1; then
    cat "$WORK/mvn.log"
    exit 1
fi
CLASSPATH="transcoder/target/test-classes:transcoder/target/classes:contracts/target/classes"
exec java -Xmx512m -cp "$CLASSPATH" io.callrec.transcoder.bench.AssemblyHeapBenchmark "$WORK/spool" "$@"
