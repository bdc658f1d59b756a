#!/usr/bin/env bash
# System load benchmark: the whole of callrec on this machine (embedded Kafka, PostgreSQL and S3 store plus the four
# services, as ./callrec up runs them) under the phone simulator. For each step in concurrent calls it reports
# whether every recording came out complete (0 packets lost end to end), stop->available latency p50/p95,
# CPU-seconds per call-minute of every part, and heap per active recording of every service.
#
# Builds (./mvnw install -DskipTests -pl benchmarks -am), then runs io.callrec.benchmarks.SystemBenchmark: the system
# on free ports with a temporary data folder (deleted at the end; service logs are kept in
# benchmarks/target/system-benchmark-logs), the simulator's load run with its catalog check (as the admin, with the
# password the launcher generated). Method and figures: BENCHMARKS.md.
#
# Usage: benchmarks/system-benchmark.sh [--calls 100,250,500,1000] [--seconds 60] [--ramp-up 10]
#                                  [--codecs PCMA,PCMU,G722] [--verify-timeout 120] [--udp-range 20000-24999]
#                                  [--ingests 1] [--transcoders 1]   (processes of each; CPU and the split per process)
# Needs Linux (/proc) and a JDK 17+. About 1 min to start plus 1.5-2 min per step plus the build; it uses both
# cores, so nothing else should run meanwhile (on the shared build machine: flock /tmp/callrec-mvn.lock benchmarks/system-benchmark.sh).
set -euo pipefail

# The embedded Kafka broker and the simulator run in this JVM.
exec "$(dirname "$0")/run-main.sh" 1g io.callrec.benchmarks.SystemBenchmark "$@"
