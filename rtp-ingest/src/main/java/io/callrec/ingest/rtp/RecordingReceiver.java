package io.callrec.ingest.rtp;

import io.callrec.contracts.Codec;
import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.StreamCounters;
import io.callrec.contracts.RtpPacket;
import io.callrec.contracts.ingest.RecordingChannel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One stream's UDP socket (a phone's recording, or one channel of a SIPREC session's): accepts RTP from the phone's address (or, latching on the first source, from the
 * address of its first valid packet), and from the port of its first valid packet only; validates it, and hands frames to the publisher in batches (by count or age). Ending it is two steps: {@link #stopAt} starts the drain (the socket is
 * still read, so what the phone sent before its stop is kept), {@link #close} closes the socket and gives the
 * end-of-stream batch. Its batches carry the recording and channel it belongs to. Confined to one Vert.x event loop: every method runs there.
 */
public final class RecordingReceiver {
    private final UUID recordingId;
    private final RecordingChannel channel;
    private final Codec codec;
    private final int port;
    private String phoneAddress;
    /** Set until the first valid packet names the address (SIPREC: media comes from addresses not signalled). */
    private boolean latchAddress;
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
    /** When the last batch was handed on (or the stream opened). */
    private long lastFlushNanos = System.nanoTime();
    private long batchSequence;
    private long lastActivityNanos = System.nanoTime();
    /** The phone's source port, latched on its first valid packet; -1 before. */
    private int sourcePort = -1;
    /** Off while a SIPREC call in on-demand mode is not switched on: packets are received and dropped. */
    private boolean capturing = true;
    /** Set while the client sends nothing on purpose (a SIPREC hold): the RTP timeout is the hold timeout. */
    private boolean held;
    private long stoppedAtNanos;
    private boolean closed;
    private long received;
    private long invalid;
    private long wrongSource;
    private long duplicateCount;
    private long dropped;
    private String endReason;

    /** Where batches go: false means "not accepted, count the frames as dropped". */
    public interface BatchSink {
        boolean accept(FrameBatch batch);
    }

    /**
     * @param recordingId        the stream's id here (its port, its journal entry, the internal API's path)
     * @param channel            the recording and channel its batches are for
     * @param firstBatchSequence 0 for a new stream; where the journal says for a recovered one
     * @param held               whether it starts on hold (a recovered stream that was)
     */
    public RecordingReceiver(UUID recordingId, RecordingChannel channel, Codec codec, int port, String phoneAddress,
                             boolean latchFirstSource, long startedAtMillis, String gatewayId,
                             long firstBatchSequence, boolean held, IngestLimits limits, BatchSink sink,
                             IngestMetrics metrics) {
        this.recordingId = recordingId;
        this.channel = channel;
        this.held = held;
        this.codec = codec;
        this.port = port;
        this.phoneAddress = phoneAddress;
        this.latchAddress = latchFirstSource;
        this.startedAtMillis = startedAtMillis;
        this.gatewayId = gatewayId;
        this.batchSequence = firstBatchSequence;
        this.limits = limits;
        this.sink = sink;
        this.metrics = metrics;
        this.pending = new ArrayList<>(limits.batchMaxFrames());
    }

    public void attach(DatagramSocket boundSocket) {
        this.socket = boundSocket;
        boundSocket.handler(this::onDatagram);
        // A bad datagram never closes the socket: errors are logged by Vert.x and the socket stays open.
        boundSocket.exceptionHandler(error -> metrics.socketError());
    }

    public UUID recordingId() {
        return recordingId;
    }

    public int port() {
        return port;
    }

    /** The control-gateway this recording belongs to; null when it has no lease. */
    public String gatewayId() {
        return gatewayId;
    }

    /** Null while open; the reason from the stop on (also while draining). */
    public String endReason() {
        return endReason;
    }

    private void onDatagram(DatagramPacket packet) {
        if (closed) {
            return;
        }
        String sender = Addresses.normalize(packet.sender().host());
        if (!latchAddress && !phoneAddress.equals(sender)) {
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
        long now = System.nanoTime();
        if (!fromLatchedPort(packet.sender().port(), now)) {
            wrongSource++;
            metrics.dropped("wrong-source-port");
            return;
        }
        if (latchAddress) {
            latchAddress = false;
            phoneAddress = sender;
        }
        lastActivityNanos = now;
        if (!capturing) {
            metrics.dropped("not-capturing");
            return;
        }
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

    /**
     * Whether a valid packet from the phone's address comes from the port the stream is latched on: the first
     * one latches it; another is taken (and latched) only after {@code source-port-change-after} of silence.
     */
    private boolean fromLatchedPort(int port, long nowNanos) {
        if (port == sourcePort) {
            return true;
        }
        if (sourcePort >= 0 && nowNanos - lastActivityNanos < limits.sourcePortChangeNanos()) {
            return false;
        }
        if (sourcePort >= 0) {
            metrics.sourcePortChanged();
        }
        sourcePort = port;
        return true;
    }

    /** Keeps (true) or drops (false) what arrives from now on; the source stays latched either way. */
    public void capture(boolean on) {
        capturing = on;
    }

    /**
     * Held (true): the client sends nothing for now on purpose, so silence is no sign it is gone (only the hold
     * timeout ends the stream). Released (false): the RTP timeout counts again, from now.
     */
    public void hold(boolean on, long nowNanos) {
        if (held && !on) {
            lastActivityNanos = Math.max(lastActivityNanos, nowNanos);
        }
        held = on;
    }

    /**
     * Called periodically: sends a batch that has waited long enough; true when the RTP timeout (the hold timeout
     * while held) has passed.
     */
    public boolean tick(long nowNanos) {
        if (!pending.isEmpty() && nowNanos - pendingSinceNanos >= limits.batchMaxDelayNanos()) {
            flush();
        } else if (held && nowNanos - lastFlushNanos >= limits.rtpTimeoutNanos()) {
            // Nothing arrives while held: an empty batch now and then shows the transcoder the stream is alive (it
            // takes a recording without batches for longer than the RTP timeout for one whose ingest died).
            flush();
        }
        return nowNanos - lastActivityNanos >= (held ? limits.holdTimeoutNanos() : limits.rtpTimeoutNanos());
    }

    private void flush() {
        List<RtpFrame> frames = pending;
        pending = new ArrayList<>(limits.batchMaxFrames());
        lastFlushNanos = System.nanoTime();
        FrameBatch batch = new FrameBatch(channel.recordingId(), channel.channel(), channel.channels(), codec,
                batchSequence, startedAtMillis, frames, false, null, null);
        if (sink.accept(batch)) {
            batchSequence++;
        } else {
            dropped += frames.size();
            received -= frames.size();
            metrics.dropped("buffer-full", frames.size());
        }
    }

    /** Starts the drain with this reason; false (and nothing changes) when it was already stopped. */
    public boolean stopAt(String reason, long nowNanos) {
        if (endReason != null) {
            return false;
        }
        endReason = reason;
        stoppedAtNanos = nowNanos;
        return true;
    }

    /** True once a stopped recording's socket has been quiet for the drain time, or the longest drain is over. */
    public boolean drained(long nowNanos) {
        long quietSince = Math.max(stoppedAtNanos, lastActivityNanos);
        return nowNanos - quietSince >= limits.drainQuietNanos()
                || nowNanos - stoppedAtNanos >= limits.drainMaxNanos();
    }

    /** Closes the socket; the end-of-stream batch carries what is pending, the counters and the stop reason. */
    public FrameBatch close() {
        closed = true;
        if (socket != null) {
            socket.close();
        }
        List<RtpFrame> frames = pending;
        pending = List.of();
        StreamCounters counters = new StreamCounters(received, invalid, wrongSource, duplicateCount, dropped);
        return new FrameBatch(channel.recordingId(), channel.channel(), channel.channels(), codec, batchSequence,
                startedAtMillis, frames, true, counters, endReason);
    }
}
