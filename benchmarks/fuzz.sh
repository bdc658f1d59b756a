#!/usr/bin/env bash
# Parser fuzz run: 10^6 generated inputs (default) for each parser that reads bytes from outside - control lines
# (ControlLineFramer + ControlMessageParser), RTP datagrams (RtpPacket), frame batches (FrameBatchCodec), phone USB
# files (UsbRecordingParser) and PCAP/pcapng captures (PcapReader) - counting inputs accepted, refused with the
# parser's own "malformed" exception, and crashes (anything else thrown: must be 0), with the peak heap.
#
# Builds (./mvnw install -DskipTests -pl benchmarks -am) under the shared build lock, then, still under it, runs
# io.callrec.benchmarks.ParserFuzz with -Xmx256m. Inputs: a quarter random bytes, the rest the test fixtures and
# hand-made valid inputs mutated (FuzzInputs); seeded, so a run repeats exactly. Not part of the test suite.
# Figures: BENCHMARKS.md, "Fuzzing".
#
# Usage: benchmarks/fuzz.sh [--inputs 1000000] [--seed 20251202] [--parsers control,rtp,batch,usb,pcap]
# Exit status 1 when any parser crashed. Needs a JDK 17+; single-threaded, a few minutes on 2 cores.
set -euo pipefail

exec flock /tmp/callrec-mvn.lock "$(dirname "$0")/run-main.sh" 256m io.callrec.benchmarks.ParserFuzz "$@"
