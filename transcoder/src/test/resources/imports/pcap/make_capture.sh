#!/bin/sh
# Records the capture fixtures (see README.md). Needs root for capturing, espeak-ng, sox,
# tshark, sipp (package sip-tester) and python3.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

espeak-ng -s 160 -w "$tmp/caller.wav" "Hello, this is the caller speaking."
espeak-ng -s 160 -w "$tmp/callee.wav" "Yes, this is the callee answering."
sox "$tmp/caller.wav" -r 8000 -c 1 -b 16 -e signed "$tmp/caller8k.wav" trim 0 2.0
sox "$tmp/callee.wav" -r 8000 -c 1 -b 16 -e signed "$tmp/callee8k.wav" trim 0 1.6
sox "$tmp/caller8k.wav" -t raw -e a-law caller.alaw
sox "$tmp/callee8k.wav" -t raw -e a-law callee.alaw
sox "$tmp/callee8k.wav" -t raw -e u-law "$tmp/side.ulaw"
sox -t raw -r 8000 -c 1 -e a-law -b 8 caller.alaw -t raw -e signed -b 16 -L caller-alaw.pcm
sox -t raw -r 8000 -c 1 -e a-law -b 8 callee.alaw -t raw -e signed -b 16 -L callee-alaw.pcm

filter='udp and (portrange 20000-20010 or port 25060 or port 25070)'
tshark -q -i lo -f "$filter" -F pcap -w "$tmp/call.pcap" &
lo_capture=$!
tshark -q -i any -y LINUX_SLL2 -f "$filter" -w "$tmp/call-any-sll2.pcapng" &
any_capture=$!
sleep 3   # tshark needs a moment before it captures

# SIP signalling around the media, from SIPp's built-in scenarios: UDP that is not RTP
sipp -sn uas -i 127.0.0.1 -p 25070 -m 1 -nostdin >/dev/null 2>&1 &
uas=$!
sleep 1
sipp -sn uac -i 127.0.0.1 -p 25060 -m 1 -nostdin -d 2500 127.0.0.1:25070 >/dev/null 2>&1 &
uac=$!
python3 rtp_exchange.py caller.alaw callee.alaw "$tmp/side.ulaw"
wait "$uac" "$uas"
sleep 3
kill -INT "$lo_capture" "$any_capture"
wait "$lo_capture" "$any_capture" || true

cp "$tmp/call.pcap" call.pcap
tshark -r call.pcap -F pcapng -w call.pcapng
cp "$tmp/call-any-sll2.pcapng" call-any-sll2.pcapng
