package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.RtpPacket;

import io.callrec.contracts.Codec;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Finds the call in a packet capture. UDP payloads that are valid RTP v2 are grouped into streams
 * by source, destination and SSRC; a stream is audio if it carries PCMU, PCMA or G.722 (it may
 * also carry comfort noise and telephone events) and has at least {@value #MIN_STREAM_PACKETS}
 * packets, which keeps stray datagrams that happen to parse as RTP out. Audio streams of one
 * direction (source to destination) form a channel. The two directions of a call are paired by
 * address: exactly reversed, or else one sending to the port the other sends from (endpoints that
 * do not send and receive on one port). The call is the pair, or lone direction, with the most
 * packets.
 *
 * <p>Memory is bounded by {@value #MAX_TRACKED_STREAMS} streams' counters, whatever the capture's length.
 */
public final class RtpStreamExtractor {

    static final int MAX_TRACKED_STREAMS = 4096;
    static final int MIN_STREAM_PACKETS = 2;
    private static final int MAX_REPORTED_TYPES = 8;

    private RtpStreamExtractor() {
    }

    /**
     * Reads the capture once, to find the call.
     *
     * @throws ImportRejectedException if this is not a capture, or it holds no PCMU/PCMA/G.722 stream
     */
    public static PcapCall scan(InputStream capture) throws IOException, ImportRejectedException {
        PcapReader reader = PcapReader.open(capture);
        Map<StreamKey, StreamCounts> streams = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        long datagrams = 0;
        boolean tooManyStreams = false;
        for (UdpDatagram datagram; (datagram = reader.next()) != null; ) {
            datagrams++;
            byte[] payload = datagram.payload();
            if (!RtpPacket.isMedia(payload, 0, payload.length)) {
                continue;
            }
            StreamKey key = new StreamKey(datagram.source(), datagram.destination(), RtpPacket.ssrc(payload, 0, payload.length));
            StreamCounts counts = streams.get(key);
            if (counts == null) {
                if (streams.size() == MAX_TRACKED_STREAMS) {
                    tooManyStreams = true;
                    continue;
                }
                counts = new StreamCounts(datagram.captureMicros());
                streams.put(key, counts);
            }
            counts.add(RtpPacket.payloadType(payload, 0, payload.length));
        }
        warnings.addAll(reader.warnings());
        if (tooManyStreams) {
            warnings.add("the capture holds more than " + MAX_TRACKED_STREAMS + " RTP streams: later ones were not considered");
        }

        List<Direction> directions = audioDirections(streams);
        if (directions.isEmpty()) {
            throw new ImportRejectedException(noCallReason(reader.packets(), datagrams, streams, warnings));
        }
        List<Direction> call = mainCall(directions);
        return toCall(call, streams, warnings);
    }

    /** Audio streams grouped by direction, in order of first appearance. */
    private static List<Direction> audioDirections(Map<StreamKey, StreamCounts> streams) {
        Map<Flow, Direction> directions = new LinkedHashMap<>();
        streams.forEach((key, counts) -> {
            if (counts.packets >= MIN_STREAM_PACKETS && counts.audioPackets() > 0) {
                directions.computeIfAbsent(new Flow(key.source(), key.destination()), Direction::new).add(key, counts);
            }
        });
        List<Direction> ordered = new ArrayList<>(directions.values());
        ordered.sort(Comparator.comparingLong(direction -> direction.firstCaptureMicros));
        return ordered;
    }

    /** The pair of directions (or lone direction) with the most packets; the earlier on a tie. Channel 0 first. */
    private static List<Direction> mainCall(List<Direction> directions) {
        boolean[] paired = new boolean[directions.size()];
        List<Direction> best = null;
        long bestPackets = -1;
        for (int i = 0; i < directions.size(); i++) {
            if (paired[i]) {
                continue;
            }
            Direction direction = directions.get(i);
            int reverse = reverseOf(direction, directions, paired, i);
            List<Direction> call = reverse < 0 ? List.of(direction) : List.of(direction, directions.get(reverse));
            if (reverse >= 0) {
                paired[reverse] = true;
            }
            long packets = call.stream().mapToLong(d -> d.packets).sum();
            if (packets > bestPackets) {
                best = call;
                bestPackets = packets;
            }
        }
        return best;
    }

    /** Index of the unpaired direction that answers {@code direction}: exactly reversed first, else sending to its source. */
    private static int reverseOf(Direction direction, List<Direction> directions, boolean[] paired, int self) {
        int loose = -1;
        for (int j = 0; j < directions.size(); j++) {
            if (j == self || paired[j]) {
                continue;
            }
            Flow other = directions.get(j).flow;
            if (other.source().equals(direction.flow.destination()) && other.destination().equals(direction.flow.source())) {
                return j;
            }
            if (loose < 0 && other.destination().equals(direction.flow.source())
                    && other.source().address().equals(direction.flow.destination().address())) {
                loose = j;
            }
        }
        return loose;
    }

    private static PcapCall toCall(List<Direction> call, Map<StreamKey, StreamCounts> streams, List<String> warnings) {
        List<PcapChannel> channels = new ArrayList<>();
        Map<StreamKey, Integer> channelByStream = new HashMap<>();
        for (int index = 0; index < call.size(); index++) {
            Direction direction = call.get(index);
            Codec codec = direction.mainCodec();
            channels.add(new PcapChannel(index, direction.flow.source(), direction.flow.destination(), codec,
                    direction.packets, direction.firstCaptureMicros, List.copyOf(direction.ssrcs)));
            for (Long ssrc : direction.ssrcs) {
                channelByStream.put(new StreamKey(direction.flow.source(), direction.flow.destination(), ssrc), index);
            }
            if (direction.codecs() > 1) {
                warnings.add("channel " + index + " (" + direction.flow + ") carries more than one codec: only "
                        + codec + ", the most used, is decoded");
            }
        }
        long otherStreams = streams.entrySet().stream()
                .filter(entry -> entry.getValue().packets >= MIN_STREAM_PACKETS && entry.getValue().audioPackets() > 0)
                .filter(entry -> !channelByStream.containsKey(entry.getKey()))
                .count();
        if (otherStreams > 0) {
            warnings.add("the capture holds " + otherStreams + " other RTP audio stream(s), not part of the call "
                    + "with the most packets: not imported");
        }
        return new PcapCall(channels, channelByStream, warnings);
    }

    private static String noCallReason(long packets, long datagrams, Map<StreamKey, StreamCounts> streams,
                                       List<String> warnings) {
        String reason;
        if (packets == 0) {
            reason = "the capture holds no packets";
        } else if (datagrams == 0) {
            reason = "the capture holds no UDP packets over IPv4 or IPv6";
        } else if (streams.isEmpty()) {
            reason = "the capture holds no RTP";
        } else {
            TreeSet<Integer> types = new TreeSet<>();
            streams.values().forEach(counts -> types.addAll(counts.otherTypes));
            reason = types.isEmpty()
                    ? "the capture holds no RTP audio stream of at least " + MIN_STREAM_PACKETS + " packets"
                    : "the capture's RTP carries payload types " + types
                    + ", not PCMU (0), PCMA (8) or G.722 (9)";
        }
        return warnings.isEmpty() ? reason : reason + " (" + String.join("; ", warnings) + ")";
    }

    /** Source and destination of a flow. */
    private record Flow(UdpEndpoint source, UdpEndpoint destination) {
        @Override
        public String toString() {
            return source + " → " + destination;
        }
    }

    /** Packet counts of one stream. */
    private static final class StreamCounts {
        final long firstCaptureMicros;
        final long[] packetsByCodec = new long[Codec.values().length];
        final TreeSet<Integer> otherTypes = new TreeSet<>();
        long packets;

        StreamCounts(long firstCaptureMicros) {
            this.firstCaptureMicros = firstCaptureMicros;
        }

        void add(int payloadType) {
            packets++;
            Codec codec = Codec.byPayloadType(payloadType).orElse(null);
            if (codec != null) {
                packetsByCodec[codec.ordinal()]++;
            } else if (!RtpPacket.isAudioCompanion(payloadType) && otherTypes.size() < MAX_REPORTED_TYPES) {
                otherTypes.add(payloadType);
            }
        }

        long audioPackets() {
            long sum = 0;
            for (long count : packetsByCodec) {
                sum += count;
            }
            return sum;
        }
    }

    /** The audio streams of one flow. */
    private static final class Direction {
        final Flow flow;
        final List<Long> ssrcs = new ArrayList<>();
        final long[] packetsByCodec = new long[Codec.values().length];
        long packets;
        long firstCaptureMicros = Long.MAX_VALUE;

        Direction(Flow flow) {
            this.flow = Objects.requireNonNull(flow);
        }

        void add(StreamKey key, StreamCounts counts) {
            ssrcs.add(key.ssrc());
            packets += counts.packets;
            firstCaptureMicros = Math.min(firstCaptureMicros, counts.firstCaptureMicros);
            for (int i = 0; i < packetsByCodec.length; i++) {
                packetsByCodec[i] += counts.packetsByCodec[i];
            }
        }

        Codec mainCodec() {
            int best = 0;
            for (int i = 1; i < packetsByCodec.length; i++) {
                if (packetsByCodec[i] > packetsByCodec[best]) {
                    best = i;
                }
            }
            return Codec.values()[best];
        }

        int codecs() {
            int used = 0;
            for (long count : packetsByCodec) {
                if (count > 0) {
                    used++;
                }
            }
            return used;
        }
    }
}
