#!/usr/bin/env bash
# Regenerates the speech clip the simulator loops: an English and a Japanese sentence from
# espeak-ng, encoded the way phones send it (raw A-law, mu-law at 8 kHz; G.722 at 16 kHz).
# Needs espeak-ng, sox and ffmpeg. Every file is a whole number of 20 ms frames of 160 bytes.
set -euo pipefail

out="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/speech"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

trim='silence 1 0.05 1% reverse silence 1 0.05 1% reverse'
espeak-ng -v en-us -s 160 -w "$work/en.wav" "Hello, this is a call rec test call."
espeak-ng -v ja -s 160 -w "$work/ja.wav" "もしもし、テストです。"
sox "$work/en.wav" -r 16000 -c 1 -b 16 "$work/en16.wav" $trim
sox "$work/ja.wav" -r 16000 -c 1 -b 16 "$work/ja16.wav" $trim
sox -n -r 16000 -c 1 -b 16 "$work/gap.wav" trim 0 0.3

# Join, leave headroom, then pad the end so the clip is a whole number of 20 ms (320 samples).
sox "$work/en16.wav" "$work/gap.wav" "$work/ja16.wav" "$work/gap.wav" "$work/joined.wav" gain -n -3
samples=$(soxi -s "$work/joined.wav")
padded=$(( (samples + 319) / 320 * 320 ))
sox "$work/joined.wav" "$work/speech16k.wav" pad 0 "$((padded - samples))s"

sox "$work/speech16k.wav" -r 8000 -t raw -e a-law -b 8 "$out/speech.pcma"
sox "$work/speech16k.wav" -r 8000 -t raw -e u-law -b 8 "$out/speech.pcmu"
ffmpeg -loglevel error -y -i "$work/speech16k.wav" -c:a g722 -f g722 "$out/speech.g722"
ls -l "$out"
