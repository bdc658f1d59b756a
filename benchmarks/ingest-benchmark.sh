#!/usr/bin/env bash
# rtp-ingest benchmark: the highest number of concurrent 20 ms G.711 streams one rtp-ingest takes into Kafka with
# no loss on this machine, with packets/s, CPU and heap per active recording, next to the ceiling: the same sender
# against a bare UDP receiver on the same ports.
#
# Builds (./mvnw install -DskipTests -pl benchmarks -am), then runs io.callrec.benchmarks.IngestBenchmark: an
# embedded stack on free ports in a temporary folder (deleted at the end), and per step a fresh rtp-ingest process
# (its packaged app, -Xmx512m as the launcher runs it). Method and figures: BENCHMARKS.md.
#
# Usage: benchmarks/ingest-benchmark.sh [--streams 250,500,1000,1500,2000,2500] [--seconds 30]
#                                  [--udp-range 20000-22999] [--receivers bare,ingest]
# Needs Linux (/proc) and a JDK 17+. About 1 min per step and receiver plus the build; it uses both cores, so
# nothing else should run meanwhile (on the shared build machine: flock /tmp/callrec-mvn.lock benchmarks/ingest-benchmark.sh).
set -euo pipefail

# The embedded Kafka broker runs in this JVM, next to the sender.
exec "$(dirname "$0")/run-main.sh" 1g io.callrec.benchmarks.IngestBenchmark "$@"
