package io.callrec.ingest.rtp;

import io.callrec.contracts.Codec;
import io.callrec.contracts.EncodedFrameBatch;
import io.callrec.contracts.FrameBatchWriter;
import io.callrec.contracts.StreamCounters;
import io.callrec.contracts.RtpPacket;
import io.callrec.contracts.ingest.RecordingChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One stream's UDP socket (a phone's recording, or one channel of a SIPREC session's): accepts RTP from the
 * phone's address (or, latching on the first source, from the address of its first valid packet), and from the port
 * of its first valid packet only; validates it, and hands frames to the publisher in batches (by count or age); its
 * batches carry the recording and channel it belongs to. Ending it is two steps: {@link #stopAt} starts the drain
 * (the socket is still read, so what the phone sent before its stop is kept), {@link #close} closes the socket and
 * gives the end-of-stream batch. Confined to one Vert.x event loop: every method runs there.
 *
 * <p>The drain ends when the socket's queue in the kernel holds nothing more from before the stop and its grace:
 * {@code drain-grace} after the stop the socket sends a marker datagram to itself, which the kernel queues behind
 * every datagram already waiting, so once the marker is read, so is everything that arrived until then, however
 * late the event loop got to it (a wall-clock quiet time could not tell a lagging loop from a silent phone). The
 * grace is for packets the phone sent before its stop that arrive after it: on another path than the stop's, or
 * held in a busy host's network stack (seen on loopback: a call's last 120 ms delivered after its stop's marker).
 * The stop's {@code whenDrained} runs as soon as the marker is read, so the end does not wait for the next tick.
 */
public final class RecordingReceiver {
    private static final Logger LOG = Logger.getLogger(RecordingReceiver.class);
    /** Where a datagram is copied to be read: one per event loop, as every receiver there reads one at a time. */
    private static final FastThreadLocal<byte[]> READ_BUFFER = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[RtpSockets.READ_BYTES];
        }
    };

    private final UUID recordingId;
    private final int port;
    /** Null when the address given is not an IP address (nothing comes from it) or while latching. */
    private InetAddress phoneAddress;
    /** Set until the first valid packet names the address (SIPREC: media comes from addresses not signalled). */
    private boolean latchAddress;
    private final String gatewayId;
    private final IngestLimits limits;
    private final BatchSink sink;
    private final IngestMetrics metrics;
    private final DuplicateDetector duplicates = new DuplicateDetector();
    /** The drain marker's content: the recording id, so no other datagram from our own port is taken for it. */
    private final byte[] drainMarker;
    // Arrival times come from one wall-clock reading plus the monotonic clock: ordered even if the wall clock steps.
    private final long epochMicrosAtStart = System.currentTimeMillis() * 1000;
    private final long nanosAtStart = System.nanoTime();

    private DatagramChannel socket;
    private final Codec codec;
    /** The pending batch, in its wire form: each frame is written into it as it arrives. */
    private final FrameBatchWriter pending;
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
    /** Where the drain marker is sent: the socket's own address (loopback when it is bound to every address). */
    private InetSocketAddress ownAddress;
    private boolean markerRead;
    private Runnable whenDrained;
    private boolean closed;
    private long received;
    private long invalid;
    private long wrongSource;
    private long duplicateCount;
    private long dropped;
    private String endReason;

    /** Where batches go: false means "not accepted, count the frames as dropped". */
    public interface BatchSink {
        boolean accept(EncodedFrameBatch batch);
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
        this.held = held;
        this.codec = codec;
        this.pending = new FrameBatchWriter(channel.recordingId(), channel.channel(), channel.channels(), codec,
                startedAtMillis);
        this.port = port;
        this.phoneAddress = NetUtil.createInetAddressFromIpAddressString(Addresses.normalize(phoneAddress));
        this.latchAddress = latchFirstSource;
        this.gatewayId = gatewayId;
        this.batchSequence = firstBatchSequence;
        this.limits = limits;
        this.sink = sink;
        this.metrics = metrics;
        this.drainMarker = ByteBuffer.allocate(16).putLong(recordingId.getMostSignificantBits())
                .putLong(recordingId.getLeastSignificantBits()).array();
    }

    /** Starts reading the bound socket ({@link RtpSockets#bind}); what waited in the kernel meanwhile is read too. */
    public void attach(DatagramChannel boundSocket) {
        this.socket = boundSocket;
        InetSocketAddress local = boundSocket.localAddress();
        this.ownAddress = local.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), local.getPort()) : local;
        boundSocket.pipeline().addLast(new DatagramReader());
        boundSocket.config().setAutoRead(true);
    }

    /** Hands each datagram to {@link #onDatagram} and frees its buffer; an error is counted, the socket kept open. */
    private final class DatagramReader extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
            onDatagram(packet.sender(), packet.content());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable error) {
            metrics.socketError();
            LOG.debugf("Recording %s: UDP socket error: %s", recordingId, error.getMessage());
        }
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

    private void onDatagram(InetSocketAddress from, ByteBuf data) {
        if (closed) {
            return;
        }
        // The datagram is in a pooled direct buffer: one copy to the loop's array, for the RTP parser's byte[].
        byte[] bytes = READ_BUFFER.get();
        int length = data.readableBytes();
        data.getBytes(data.readerIndex(), bytes, 0, length);
        if (from.getPort() == port && isDrainMarker(bytes, length)) {
            if (!markerRead && whenDrained != null) {
                // After the read in progress: the socket is not closed under its own read loop.
                socket.eventLoop().execute(whenDrained);
            }
            markerRead = true;
            return;
        }
        InetAddress sender = from.getAddress();
        if (!latchAddress && !sender.equals(phoneAddress)) {
            wrongSource++;
            metrics.dropped("wrong-source");
            return;
        }
        // One that filled the read buffer may have been cut: not taken as whole.
        if (length == RtpSockets.READ_BYTES || !RtpPacket.validate(bytes, 0, length).isValid()) {
            invalid++;
            metrics.dropped("invalid");
            return;
        }
        int payloadType = RtpPacket.payloadType(bytes, 0, length);
        if (payloadType != codec.payloadType() && !RtpPacket.isComfortNoise(payloadType)
                && !RtpPacket.isDynamic(payloadType)) {
            invalid++;
            metrics.dropped("wrong-payload-type");
            return;
        }
        long now = System.nanoTime();
        if (!fromLatchedPort(from.getPort(), now)) {
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
        long ssrc = RtpPacket.ssrc(bytes, 0, length);
        int sequence = RtpPacket.sequence(bytes, 0, length);
        if (duplicates.isDuplicate(ssrc, sequence)) {
            duplicateCount++;
            metrics.dropped("duplicate");
            return;
        }
        long arrivalMicros = epochMicrosAtStart + (lastActivityNanos - nanosAtStart) / 1000;
        if (pending.isEmpty()) {
            pendingSinceNanos = lastActivityNanos;
        }
        pending.appendRtp(bytes, 0, length, arrivalMicros);
        received++;
        if (pending.frameCount() >= limits.batchMaxFrames()) {
            flush();
        }
    }

    private boolean isDrainMarker(byte[] bytes, int length) {
        return Arrays.equals(bytes, 0, length, drainMarker, 0, drainMarker.length);
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
     * timeout ends the stream). Released (false): the RTP timeout counts again, from now, and the next packet from
     * the latched address latches its port at once: a client resuming after a hold often sends from a new port
     * (new media session), and the wait of {@code source-port-change-after} would drop its first seconds.
     */
    public void hold(boolean on, long nowNanos) {
        if (held && !on) {
            lastActivityNanos = Math.max(lastActivityNanos, nowNanos);
            sourcePort = -1;
        }
        held = on;
    }

    /**
     * Called periodically: sends a batch that has waited long enough; true when the RTP timeout (the hold timeout
     * while held) has passed.
     */
    public boolean tick(long nowNanos) {
        if (endReason != null && !markerRead && nowNanos - stoppedAtNanos >= limits.drainGraceNanos()) {
            sendDrainMarker(); // at every tick until one is read: a full receive buffer may drop one
        }
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
        EncodedFrameBatch batch = pending.finish(batchSequence);
        lastFlushNanos = System.nanoTime();
        if (sink.accept(batch)) {
            batchSequence++;
            metrics.received(batch.frames());
        } else {
            dropped += batch.frames();
            received -= batch.frames();
            metrics.dropped("buffer-full", batch.frames());
        }
    }

    /**
     * Starts the drain with this reason: the socket is still read, and the first {@link #tick} after the grace sends
     * the drain marker behind what the kernel holds for it; {@code whenDrained} runs on the loop once the marker is
     * read (not if the receiver is closed first, nor when the marker is lost: {@link #drained} tells the longest drain
     * is over). False (and nothing changes) when it was already stopped.
     */
    public boolean stopAt(String reason, long nowNanos, Runnable whenDrained) {
        if (endReason != null) {
            return false;
        }
        endReason = reason;
        stoppedAtNanos = nowNanos;
        this.whenDrained = whenDrained;
        return true;
    }

    private void sendDrainMarker() {
        if (socket != null) {
            socket.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(drainMarker), ownAddress));
        }
    }

    /**
     * True once the drain marker was read (everything queued until the stop's grace is read too), or the longest
     * drain is over (a marker the kernel dropped from a full buffer).
     */
    public boolean drained(long nowNanos) {
        return markerRead || socket == null || drainMaxPassed(nowNanos);
    }

    private boolean drainMaxPassed(long nowNanos) {
        return nowNanos - stoppedAtNanos >= limits.drainMaxNanos();
    }

    /** Closes the socket; the end-of-stream batch carries what is pending, the counters and the stop reason. */
    public EncodedFrameBatch close() {
        if (endReason != null && !markerRead && socket != null && drainMaxPassed(System.nanoTime())) {
            metrics.drainCut();
            LOG.warnf("Recording %s: drain cut at drain-max, its marker not read: packets still queued are lost "
                    + "(an event loop behind by that much, or a full receive buffer)", recordingId);
        }
        closed = true;
        if (socket != null) {
            socket.close();
        }
        metrics.received(pending.frameCount());
        StreamCounters counters = new StreamCounters(received, invalid, wrongSource, duplicateCount, dropped);
        return pending.finishEndOfStream(batchSequence, counters, endReason);
    }
}
