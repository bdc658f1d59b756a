#!/usr/bin/env bash
# catalog-api benchmark: query latency with ROWS recordings in the catalog, and event indexing rate.
#
# Packages catalog-api, then runs io.callrec.catalog.bench.CatalogQueryBenchmark: it starts a fresh embedded
# stack (Kafka, PostgreSQL, S3) on free ports, starts the packaged service against it, seeds ROWS recordings
# straight into PostgreSQL (COPY, then the service's own indexes rebuilt and VACUUM ANALYZE), times typical
# GET /api/v1/recordings queries over HTTP (sequential, 20 warm-up + 200 timed requests each, p50/p95/p99 of
# the client-side latency), then publishes started/stopped/stored for 20,000 new recordings to Kafka and
# times until catalog-api has committed them all. The stack's data folder is deleted at the end.
#
# Usage: benchmarks/catalog-benchmark.sh [rows]   (default 1000000). Needs java 17+; ~2 GB of disk, ~6 min.
set -euo pipefail

ROWS="${1:-1000000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
LOG="$(mktemp "${TMPDIR:-/tmp}/catalog-benchmark.XXXXXX")"
trap 'rm -f "$LOG"' EXIT

# Maven shares the machine with other builds: take the shared lock.
if ! flock /tmp/callrec-mvn.lock ./mvnw -B -q -pl contracts,deploy/embedded-stack install -DskipTests >"$LOG" 2>&1 \
    || ! flock /tmp/callrec-mvn.lock ./mvnw -B -q -pl catalog-api package dependency:build-classpath -DskipTests \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >"$LOG" 2>&1; then
    cat "$LOG"
    exit 1
fi

echo "== catalog-api benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $ROWS recordings"
lscpu | grep -E '^(Model name|CPU\(s\))' || true
# The measurement holds the lock too (a few minutes): a build running beside it would be measured instead.
flock /tmp/callrec-mvn.lock java -Xmx2g -cp "catalog-api/target/test-classes:catalog-api/target/classes:$(cat catalog-api/target/bench-classpath.txt)" \
    io.callrec.catalog.bench.CatalogQueryBenchmark "$ROWS" catalog-api/target/quarkus-app/quarkus-run.jar
