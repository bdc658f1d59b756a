package io.callrec.ingest.rtp;

import io.callrec.contracts.Codec;
import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.StreamCounters;
import io.callrec.contracts.RtpPacket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One recording's UDP socket: accepts RTP from the phone's address only, validates it, and hands frames to the
 * publisher in batches (by count or age). Confined to one Vert.x event loop: every method runs there.
 */
final class RecordingReceiver {
    private final UUID recordingId;
    private final Codec codec;
    private final int port;
    private final String phoneAddress;
    private final long startedAtMillis;
    private final String gatewayId;
    private final IngestLimits limits;
    private final BatchSink sink;
    private final IngestMetrics metrics;
    private final DuplicateDetector duplicates = new DuplicateDetector();
    // Arrival times come from one wall-clock reading plus the monotonic clock: ordered even if the wall clock steps.
    private final long epochMicrosAtStart = System.currentTimeMillis() * 1000;
    private final long nanosAtStart = System.nanoTime();

    private DatagramSocket socket;
    private List<RtpFrame> pending;
    private long pendingSinceNanos;
    private long batchSequence;
    private long lastActivityNanos = System.nanoTime();
    private long received;
    private long invalid;
    private long wrongSource;
    private long duplicateCount;
    private long dropped;
    private String endReason;

    /** Where batches go: false means "not accepted, count the frames as dropped". */
    interface BatchSink {
        boolean accept(FrameBatch batch);
    }

    RecordingReceiver(UUID recordingId, Codec codec, int port, String phoneAddress, long startedAtMillis,
                      String gatewayId, IngestLimits limits, BatchSink sink, IngestMetrics metrics) {
        this.recordingId = recordingId;
        this.codec = codec;
        this.port = port;
        this.phoneAddress = phoneAddress;
        this.startedAtMillis = startedAtMillis;
        this.gatewayId = gatewayId;
        this.limits = limits;
        this.sink = sink;
        this.metrics = metrics;
        this.pending = new ArrayList<>(limits.batchMaxFrames());
    }

    void attach(DatagramSocket boundSocket) {
        this.socket = boundSocket;
        boundSocket.handler(this::onDatagram);
        // A bad datagram never closes the socket: errors are logged by Vert.x and the socket stays open.
        boundSocket.exceptionHandler(error -> metrics.socketError());
    }

    UUID recordingId() {
        return recordingId;
    }

    int port() {
        return port;
    }

    /** The control-gateway this recording belongs to; null when it has no lease. */
    String gatewayId() {
        return gatewayId;
    }

    String endReason() {
        return endReason;
    }

    private void onDatagram(DatagramPacket packet) {
        if (endReason != null) {
            return;
        }
        if (!phoneAddress.equals(Addresses.normalize(packet.sender().host()))) {
            wrongSource++;
            metrics.dropped("wrong-source");
            return;
        }
        Buffer data = packet.data();
        byte[] bytes = data.getBytes();
        if (!RtpPacket.validate(bytes, 0, bytes.length).isValid()) {
            invalid++;
            metrics.dropped("invalid");
            return;
        }
        int payloadType = RtpPacket.payloadType(bytes, 0, bytes.length);
        if (payloadType != codec.payloadType() && !RtpPacket.isComfortNoise(payloadType)
                && !RtpPacket.isDynamic(payloadType)) {
            invalid++;
            metrics.dropped("wrong-payload-type");
            return;
        }
        lastActivityNanos = System.nanoTime();
        long ssrc = RtpPacket.ssrc(bytes, 0, bytes.length);
        int sequence = RtpPacket.sequence(bytes, 0, bytes.length);
        if (duplicates.isDuplicate(ssrc, sequence)) {
            duplicateCount++;
            metrics.dropped("duplicate");
            return;
        }
        long arrivalMicros = epochMicrosAtStart + (lastActivityNanos - nanosAtStart) / 1000;
        if (pending.isEmpty()) {
            pendingSinceNanos = lastActivityNanos;
        }
        pending.add(RtpPacket.toFrame(bytes, 0, bytes.length, arrivalMicros));
        received++;
        metrics.received();
        if (pending.size() >= limits.batchMaxFrames()) {
            flush();
        }
    }

    /** Called periodically: sends a batch that has waited long enough; true when the RTP timeout has passed. */
    boolean tick(long nowNanos) {
        if (!pending.isEmpty() && nowNanos - pendingSinceNanos >= limits.batchMaxDelayNanos()) {
            flush();
        }
        return nowNanos - lastActivityNanos >= limits.rtpTimeoutNanos();
    }

    private void flush() {
        List<RtpFrame> frames = pending;
        pending = new ArrayList<>(limits.batchMaxFrames());
        FrameBatch batch = new FrameBatch(recordingId, codec, batchSequence, startedAtMillis, frames, false, null,
                null);
        if (sink.accept(batch)) {
            batchSequence++;
        } else {
            dropped += frames.size();
            received -= frames.size();
            metrics.dropped("buffer-full", frames.size());
        }
    }

    /** Closes the socket and sends the end-of-stream batch with what is pending. Idempotent. */
    void end(String reason) {
        if (endReason != null) {
            return;
        }
        endReason = reason;
        if (socket != null) {
            socket.close();
        }
        List<RtpFrame> frames = pending;
        pending = List.of();
        StreamCounters counters = new StreamCounters(received, invalid, wrongSource, duplicateCount, dropped);
        sink.accept(new FrameBatch(recordingId, codec, batchSequence, startedAtMillis, frames, true, counters,
                reason));
    }
}
