#!/usr/bin/env bash
# Builds the benchmarks module (and what it needs) quietly, then runs one of its mains in place of this shell.
# Usage (from the other scripts here): benchmarks/run-main.sh HEAP MAIN_CLASS [ARGS...]; the build's log is
# printed only when the build fails.
set -euo pipefail

HEAP="$1" MAIN="$2"
shift 2
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
LOG="$(mktemp "${TMPDIR:-/tmp}/benchmarks-build.XXXXXX")"
trap 'rm -f "$LOG"' EXIT

if ! ./mvnw -B -q install -DskipTests -pl benchmarks -am >"$LOG" 2>&1; then
    cat "$LOG"
    exit 1
fi
rm -f "$LOG"
exec java "-Xmx$HEAP" -Dcallrec.root="$ROOT" -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    "$MAIN" "$@"
