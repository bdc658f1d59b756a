#!/usr/bin/env bash
# One basic SIPREC call against a running callrec (./callrec up) with SIPp as the recording client: a second,
# independent client beside the JUnit suite's own. Needs sipp (Debian package sip-tester) and python3.
#   deploy/sip/sipp-basic-call.sh [host:port] [u1|t1]
# host:port defaults to 127.0.0.1:5060, transport to UDP (u1); t1 is TCP. SIPp exits 0 when every expected
# answer came. The call is one catalog entry (session id = the SIP Call-ID that SIPp prints in its log).
set -euo pipefail
target="${1:-127.0.0.1:5060}"
transport="${2:-u1}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
# Five seconds of a 440 Hz tone in PCMA (G.711 A-law), what SIPp's rtp_stream sends in 20 ms packets.
python3 - <<'PY'
import math
def alaw(sample):
    sign = 0x80 if sample >= 0 else 0
    if sample < 0:
        sample = -sample - 1
    sample = min(sample, 32635)
    if sample >= 256:
        exponent = int(math.log2(sample >> 8)) + 1 if (sample >> 8) else 0
        exponent = min(exponent, 7)
        mantissa = (sample >> (exponent + 3)) & 0x0F
        value = (exponent << 4) | mantissa
    else:
        value = sample >> 4
    return (value | sign) ^ 0x55
with open("callrec-tone.pcma", "wb") as out:
    out.write(bytes(alaw(int(8000 * math.sin(2 * math.pi * 440 * n / 8000))) for n in range(5 * 8000)))
PY
sipp "$target" -p "$((20000 + RANDOM % 20000))" -sf "$here/siprec-basic-call.xml" -t "$transport" -m 1 -l 1 -timeout 30s -timeout_error \
    -trace_err -trace_msg -message_file "$work/messages.log" -error_file "$work/errors.log" -nostdin \
    > "$work/sipp.out" 2>&1 || { cat "$work/sipp.out" "$work/errors.log" "$work/messages.log" 2>/dev/null; exit 1; }
grep -m1 -i '^Call-ID:' "$work/messages.log" || true
echo "SIPREC call through SIPp completed against $target"
