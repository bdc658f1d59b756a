#!/usr/bin/env python3
"""Plays a call's two directions of A-law speech as RTP over loopback, paced in real time, for
tshark to capture (see README.md). Both ends use symmetric RTP (send from the port they receive on).

main call, IPv4:  caller 127.0.0.1:20000 <-> callee 127.0.0.1:20002, PT 8 (PCMA)
  caller: a STUN binding request first (not RTP), 2.0 s of speech, then a DTMF digit
          (RFC 4733, PT 101), then an RTCP sender report from port 20001
  callee: starts 0.2 s after the caller, 1.6 s of other speech
side call, IPv6:  [::1]:20006 <-> [::1]:20008, PT 0 (PCMU), from 0.5 s, 20 packets each way
"""
import socket
import struct
import sys
import threading
import time

FRAME = 160          # 20 ms at 8 kHz
PTIME = 0.020


def rtp(pt, seq, ts, ssrc, payload, marker=False):
    return struct.pack('>BBHII', 0x80, (0x80 if marker else 0) | pt, seq & 0xFFFF, ts & 0xFFFFFFFF, ssrc) + payload


def send_paced(sock, dest, packets, start):
    for i, packet in enumerate(packets):
        delay = start + i * PTIME - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        sock.sendto(packet, dest)


def speech_packets(encoded, pt, seq, ts, ssrc):
    frames = [encoded[i:i + FRAME] for i in range(0, len(encoded) - FRAME + 1, FRAME)]
    return [rtp(pt, seq + i, ts + i * FRAME, ssrc, f, marker=(i == 0)) for i, f in enumerate(frames)]


def dtmf_packets(digit, seq, ts, ssrc):
    # RFC 4733: one event, durations growing by a packet; the end packet is sent three times
    events = [(False, 160), (False, 320), (False, 480), (True, 640), (True, 640), (True, 640)]
    return [rtp(101, seq + i, ts, ssrc, struct.pack('>BBH', digit, (0x80 if end else 0) | 10, duration),
                marker=(i == 0))
            for i, (end, duration) in enumerate(events)]


def sender_report(ssrc, packets, octets):
    ntp = int((time.time() + 2208988800) * 2 ** 32)
    return struct.pack('>BBHIIIIII', 0x80, 200, 6, ssrc, ntp >> 32, ntp & 0xFFFFFFFF, 0, packets, octets)


def caller(speech):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(('127.0.0.1', 20000))
    dest = ('127.0.0.1', 20002)
    sock.sendto(struct.pack('>HHI', 0x0001, 0, 0x2112A442) + bytes(range(12)), dest)   # STUN binding request
    ssrc, seq, ts = 0x1CA11E40, 31000, 4_000_000
    audio = speech_packets(speech, 8, seq, ts, ssrc)
    dtmf = dtmf_packets(5, seq + len(audio), ts + len(audio) * FRAME, ssrc)
    send_paced(sock, dest, audio + dtmf, time.monotonic())
    rtcp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    rtcp.bind(('127.0.0.1', 20001))
    rtcp.sendto(sender_report(ssrc, len(audio) + len(dtmf), len(speech)), ('127.0.0.1', 20003))


def callee(speech):
    time.sleep(0.2)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(('127.0.0.1', 20002))
    send_paced(sock, ('127.0.0.1', 20000), speech_packets(speech, 8, 65500, 90_000, 0xCA11EE01), time.monotonic())


def side_call_end(port, peer, pt, ssrc, payload):
    time.sleep(0.5)
    sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    sock.bind(('::1', port))
    send_paced(sock, ('::1', peer), speech_packets(payload, pt, 7, 0, ssrc), time.monotonic())


def main():
    caller_speech = open(sys.argv[1], 'rb').read()
    callee_speech = open(sys.argv[2], 'rb').read()
    side = open(sys.argv[3], 'rb').read()[:20 * FRAME]
    threads = [threading.Thread(target=caller, args=(caller_speech,)),
               threading.Thread(target=callee, args=(callee_speech,)),
               threading.Thread(target=side_call_end, args=(20006, 20008, 0, 0x51DE0001, side)),
               threading.Thread(target=side_call_end, args=(20008, 20006, 0, 0x51DE0002, side))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == '__main__':
    main()
