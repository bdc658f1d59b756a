#!/usr/bin/env bash
# Codec benchmark: seconds of audio decoded per CPU second, callrec's decoders against ffmpeg's.
#
# Builds the transcoder's test classes, runs io.callrec.transcoder.bench.CodecBenchmark (fixtures
# looped to MINUTES of audio per codec, decoded to WAV; thread CPU time, median of 5 runs after
# 3 warm-up runs), then times ffmpeg decoding the same looped files, user + sys CPU from
# /usr/bin/time, median of 5 runs. ffmpeg's figure includes its start-up, which is measured
# separately on a 20 ms input and printed too. "callrec x" is callrec's decode-to-WAV speed
# divided by ffmpeg's. callrec writes its WAV to a scratch file, ffmpeg writes to /dev/null.
#
# Usage: benchmarks/codec-benchmark.sh [minutes]   (default 10). Needs java 17+, mvn, ffmpeg.
set -euo pipefail

MINUTES="${1:-10}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/codec-benchmark.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
RUNS=5

cd "$ROOT"
# Maven shares the machine with other builds: take the shared lock.
if ! flock /tmp/callrec-mvn.lock mvn -B -q -pl transcoder -am test-compile >"$WORK/mvn.log" 2>&1; then
    cat "$WORK/mvn.log"
    exit 1
fi
CLASSPATH="transcoder/target/test-classes:transcoder/target/classes:contracts/target/classes"

echo "== callrec (java $(java -version 2>&1 | head -1 | cut -d'"' -f2))"
java -cp "$CLASSPATH" io.callrec.transcoder.bench.CodecBenchmark "$WORK" "$MINUTES"

# CPU seconds (user + sys) of one command, median of $RUNS runs.
cpu_seconds() {
    local samples=()
    for _ in $(seq "$RUNS"); do
        samples+=("$(/usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.3f", $1 + $2 }')")
    done
    printf '%s\n' "${samples[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p"
}

property() {
    grep "^$1=" "$WORK/results.properties" | cut -d= -f2
}

head -c 160 "$WORK/looped-speech-16k.g722" > "$WORK/tiny.g722"
FFMPEG=(ffmpeg -nostdin -hide_banner -loglevel error -threads 1)

echo
echo "== ffmpeg ($(ffmpeg -hide_banner -version | head -1 | cut -d' ' -f3))"
printf '%-5s %9s %12s %14s %10s\n' codec "audio s" "CPU s" "audio s/CPU s" "callrec x"
for row in "PCMA alaw looped-speech-8k.alaw" "PCMU mulaw looped-speech-8k.ulaw" "G722 g722 looped-speech-16k.g722"; do
    read -r codec format file <<<"$row"
    if [ "$format" = g722 ]; then input=(-f g722); else input=(-f "$format" -ar 8000 -ac 1); fi
    cpu=$(cpu_seconds "${FFMPEG[@]}" "${input[@]}" -i "$WORK/$file" -f s16le -y /dev/null)
    audio=$(property "$codec.decode-wav.audio-seconds")
    ours=$(property "$codec.decode-wav.speed")
    awk -v c="$codec" -v a="$audio" -v t="$cpu" -v o="$ours" \
        'BEGIN { s = (t > 0 ? a / t : 0); printf "%-5s %9.1f %12.3f %14.0f %10.1f\n", c, a, t, s, (s > 0 ? o / s : 0) }'
done
startup=$(cpu_seconds "${FFMPEG[@]}" -f g722 -i "$WORK/tiny.g722" -f s16le -y /dev/null)
echo "ffmpeg start-up (20 ms of G.722): $startup CPU s, included in the figures above"
