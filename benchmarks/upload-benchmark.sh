#!/usr/bin/env bash
# Transcoder-side CPU of storing recordings: presign, SHA-256 and upload of FILES files of KB KB each to the
# embedded S3 store, from THREADS threads, ROUNDS times; CPU per file by thread group, and the store's.
# io.callrec.platform.bench.UploadCpuBenchmark; method and figures: BENCHMARKS.md.
#
# Usage: benchmarks/upload-benchmark.sh [files (1000)] [rounds (3)] [threads (32)] [KB (320)]
# Files and the store's data go to a temporary folder, deleted at the end. It builds with ./mvnw: on the shared
# build machine run it as flock /tmp/callrec-mvn.lock benchmarks/upload-benchmark.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/upload-benchmark.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

cd "$ROOT"
if ! ./mvnw -B -q test-compile dependency:build-classpath -pl platform -am -Dmdep.includeScope=test \
        -Dmdep.outputFile=target/bench-classpath.txt >"$WORK/mvn.log" 2>&1; then
    cat "$WORK/mvn.log"
    exit 1
fi
java -Xmx512m -cp "platform/target/test-classes:platform/target/classes:$(cat platform/target/bench-classpath.txt)" \
    io.callrec.platform.bench.UploadCpuBenchmark "$WORK/scratch" "$@"
