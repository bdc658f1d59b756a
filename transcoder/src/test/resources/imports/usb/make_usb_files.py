#!/usr/bin/env python3
"""Writes the phone USB recording fixtures ("Local Recording File Format") from encoded speech.

Header: char codec[64] (NUL-padded), int32 rtpLen, int32 increment, uint32 dataSize, then
dataSize bytes of rtpLen-byte units: whole RTP packets (12-byte v2 header + payload) or bare
codec payload. Independent of the Java parser on purpose, so that the two cannot share a mistake.
"""
import struct

PAYLOAD = 160      # 20 ms of G.711 at 8 kHz, or of G.722 (8 kHz RTP clock, 2 samples per byte)
INCREMENT = 160    # RTP timestamp step per packet


def rtp_packet(pt, seq, ts, ssrc, payload, marker=False):
    return struct.pack('>BBHII', 0x80, (0x80 if marker else 0) | pt,
                       seq & 0xFFFF, ts & 0xFFFFFFFF, ssrc) + payload


def write(path, codec_name, units, unit_len, order):
    data = b''.join(units)
    assert all(len(u) == unit_len for u in units)
    with open(path, 'wb') as f:
        f.write(codec_name.encode('ascii').ljust(64, b'\0'))
        f.write(struct.pack(order + 'iiI', unit_len, INCREMENT, len(data)))
        f.write(data)


def chunks(encoded):
    assert len(encoded) % PAYLOAD == 0
    return [encoded[i:i + PAYLOAD] for i in range(0, len(encoded), PAYLOAD)]


def rtp_units(payloads, pt, seq, ts, ssrc, pause_after=None, pause_packets=0):
    units = []
    for i, p in enumerate(payloads):
        if pause_after is not None and i == pause_after:
            seq += pause_packets           # the call's stream went on while recording was paused
            ts += pause_packets * INCREMENT
        units.append(rtp_packet(pt, seq, ts, ssrc, p, marker=(i == 0)))
        seq += 1
        ts += INCREMENT
    return units


alaw = chunks(open('speech.alaw', 'rb').read())
ulaw = chunks(open('speech.ulaw', 'rb').read())
g722 = chunks(open('speech.g722', 'rb').read())
RTP_LEN = 12 + PAYLOAD

write('pcma-rtp-le.wav', 'PCMA', rtp_units(alaw, 8, 4660, 1_000_000, 0x11223344), RTP_LEN, '<')
write('pcmu-bare-le.wav', 'pcmu', ulaw, PAYLOAD, '<')
# starts just below 2^32 and 2^16 so that both the timestamp and the sequence number wrap
write('g722-rtp-be.wav', 'G.722', rtp_units(g722, 9, 65500, 0xFFFFF000, 0xCAFEBABE), RTP_LEN, '>')
# recording paused after 1 s for 1 s: 50 packets of the stream are not in the file
write('pcma-rtp-pause-le.wav', 'PCMA', rtp_units(alaw, 8, 100, 8000, 0x0BADF00D, pause_after=50, pause_packets=50),
      RTP_LEN, '<')
# one call rolled over into two files after 1.2 s (60 packets); the stream numbering runs on
call = rtp_units(alaw, 8, 30000, 123456, 0x5EED5EED)
write('Record_20251123143015.wav', 'PCMA', call[:60], RTP_LEN, '<')
write('Record_20251123143016.wav', 'PCMA', call[60:], RTP_LEN, '<')
