#!/usr/bin/env bash
# One SIPREC call with a hold against a running callrec (./callrec up), made by clients we did not write: SIPp as the
# recording client (our scenario siprec-basic-call.xml) and ffmpeg sending each stream's audio (send-alaw.sh).
# Needs sipp and ffmpeg (Debian packages sip-tester and ffmpeg).
#   deploy/sip/sipp-basic-call.sh [host:port] [u1|t1]
# host:port is the gateway's SIP port (default 127.0.0.1:5060), u1 UDP (default), t1 TCP. The call becomes one
# catalog entry whose session id is the Call-ID printed at the end: label 1 plays 440 Hz then 550 Hz, label 2
# 660 Hz then 880 Hz, with a 4-second hold between.
set -euo pipefail
target="${1:-127.0.0.1:5060}"
transport="${2:-u1}"
here="$(cd "$(dirname "$0")" && pwd)"
for tool in sipp ffmpeg; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install --no-install-recommends sip-tester ffmpeg" >&2; exit 1; }
done
work="$(mktemp -d)"
tone() {
  ffmpeg -nostdin -hide_banner -loglevel error -f lavfi -i "sine=frequency=$1:duration=2" -ar 8000 -ac 1 -f alaw "$work/$2"
}
tone 440 label1-before.alaw
tone 550 label1-after.alaw
tone 660 label2-before.alaw
tone 880 label2-after.alaw

call_id="sipp-siprec-$(date +%Y%m%d%H%M%S)-$$"
if ! sipp "$target" -sf "$here/siprec-basic-call.xml" -t "$transport" -m 1 -l 1 -cid_str "$call_id" \
    -set send "$here/send-alaw.sh" -set media "$work" -timeout 60s -timeout_error -nostdin \
    -trace_err -error_file "$work/errors.log" -trace_msg -message_file "$work/messages.log" > "$work/sipp.out" 2>&1; then
  tail -n 20 "$work/sipp.out" "$work/errors.log" 2>/dev/null || true
  echo "the SIPp call failed; its messages and logs are in $work" >&2
  exit 1
fi
for part in label1-before label2-before label1-after label2-after; do
  status="$(cat "$work/$part.alaw.rc" 2>/dev/null || echo "no status")"
  if [ "$status" != 0 ]; then
    echo "ffmpeg sending $part ended with $status; see $work/$part.alaw.log" >&2
    exit 1
  fi
done
rm -rf "$work"
echo "SIPREC call $call_id through SIPp completed against $target ($transport)"
echo "find it: curl -u admin:\"\$(cat .callrec/data/admin-password)\" 'http://127.0.0.1:8080/api/v1/recordings?sessionId=$call_id'"
