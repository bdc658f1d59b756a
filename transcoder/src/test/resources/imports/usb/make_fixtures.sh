#!/bin/sh
# Regenerates every file in this folder (see README.md). Needs espeak-ng, sox, ffmpeg, python3.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

espeak-ng -s 160 -w "$tmp/speech.wav" "Recorded on the phone, saved to the stick."
sox "$tmp/speech.wav" -r 8000  -c 1 -b 16 -e signed "$tmp/speech8k.wav"  trim 0 2.0
sox "$tmp/speech.wav" -r 16000 -c 1 -b 16 -e signed "$tmp/speech16k.wav" trim 0 2.0

sox "$tmp/speech8k.wav" -t raw -e a-law speech.alaw
sox "$tmp/speech8k.wav" -t raw -e u-law speech.ulaw
ffmpeg -loglevel error -y -i "$tmp/speech16k.wav" -c:a g722 -f g722 speech.g722

sox -t raw -r 8000 -c 1 -e a-law -b 8 speech.alaw -t raw -e signed -b 16 -L speech-alaw.pcm
sox -t raw -r 8000 -c 1 -e u-law -b 8 speech.ulaw -t raw -e signed -b 16 -L speech-ulaw.pcm
ffmpeg -loglevel error -y -f g722 -i speech.g722 -f s16le -ar 16000 -ac 1 speech-g722.pcm

python3 make_usb_files.py
