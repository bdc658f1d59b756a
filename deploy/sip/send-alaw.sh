#!/usr/bin/env bash
# Sends a file of A-law (G.711 PCMA) bytes as RTP to HOST:PORT with ffmpeg, unchanged and in real time: 160 bytes
# (20 ms) per packet, payload type 8, no RTCP. Started by the SIPp scenario (siprec-basic-call.xml) for each stream
# it was answered; writes ffmpeg's output to FILE.log and, when done, its exit status to FILE.rc.
#   deploy/sip/send-alaw.sh FILE HOST PORT
set -u
file="$1"
host="$2"
port="$3"
# pkt_size 172 = 12 bytes of RTP header + 160 bytes of audio; skip_rtcp: the port above ours may be another stream's.
ffmpeg -nostdin -hide_banner -loglevel error -re -f alaw -ar 8000 -ac 1 -i "$file" -c:a copy -rtpflags skip_rtcp \
    -f rtp "rtp://$host:$port?pkt_size=172" > "$file.log" 2>&1
echo $? > "$file.rc.part"
mv "$file.rc.part" "$file.rc"
