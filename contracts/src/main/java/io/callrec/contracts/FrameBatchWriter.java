package io.callrec.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes one channel's frame batches in their wire form ({@link FrameBatchCodec}) as the frames arrive: a frame is
 * copied from its RTP packet straight into the batch's bytes, with no {@link RtpFrame} or payload array per frame.
 * One writer per channel, reused batch after batch; not thread-safe.
 */
public final class FrameBatchWriter {
    /** Room for the header and a few 20 ms G.711 frames; grows when a batch needs more. */
    private static final int INITIAL_CAPACITY = 1024;
    private static final int FRAME_COUNT_OFFSET = FrameBatchCodec.HEADER_BYTES - 4;
    private static final int BATCH_SEQUENCE_OFFSET = FRAME_COUNT_OFFSET - 16;
    private static final int FLAGS_OFFSET = 5;

    private final UUID recordingId;
    private ByteBuffer out = ByteBuffer.allocate(INITIAL_CAPACITY);
    private int frames;

    /** The batches of this channel of the recording; the header fields that never change are written once here. */
    public FrameBatchWriter(UUID recordingId, int channel, int channels, Codec codec, long startedAtMillis) {
        FrameBatch.requireChannel(channel, channels);
        this.recordingId = recordingId;
        out.putInt(FrameBatchCodec.MAGIC);
        out.put((byte) FrameBatchCodec.VERSION);
        out.put((byte) 0); // flags, set when the batch is finished
        out.putLong(recordingId.getMostSignificantBits());
        out.putLong(recordingId.getLeastSignificantBits());
        out.put((byte) channel);
        out.put((byte) channels);
        out.put((byte) codec.payloadType());
        out.putLong(0); // batch sequence, set when the batch is finished
        out.putLong(startedAtMillis);
        out.putInt(0); // frame count, set when the batch is finished
    }

    public boolean isEmpty() {
        return frames == 0;
    }

    public int frameCount() {
        return frames;
    }

    /** Appends a packet {@link RtpPacket#validate} found valid, as a frame that arrived at {@code arrivalMicros}. */
    public void appendRtp(byte[] packet, int off, int len, long arrivalMicros) {
        int payloadOffset = RtpPacket.payloadOffset(packet, off, len);
        int payloadLength = RtpPacket.payloadLength(packet, off, len);
        appendFrame(RtpPacket.sequence(packet, off, len), RtpPacket.timestamp(packet, off, len),
                RtpPacket.payloadType(packet, off, len), RtpPacket.marker(packet, off, len),
                RtpPacket.ssrc(packet, off, len), arrivalMicros, packet, payloadOffset, payloadLength);
    }

    public void append(RtpFrame frame) {
        appendFrame(frame.sequence(), frame.timestamp(), frame.payloadType(), frame.marker(), frame.ssrc(),
                frame.arrivalMicros(), frame.payload(), 0, frame.payload().length);
    }

    private void appendFrame(int sequence, long timestamp, int payloadType, boolean marker, long ssrc,
                             long arrivalMicros, byte[] payload, int payloadOffset, int payloadLength) {
        if (frames == FrameBatchCodec.MAX_FRAMES) {
            throw new IllegalArgumentException("too many frames in one batch: " + (frames + 1));
        }
        if (payloadLength > FrameBatchCodec.MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload too large: " + payloadLength);
        }
        ensureRoom(FrameBatchCodec.FRAME_HEADER_BYTES + payloadLength);
        out.putShort((short) sequence);
        out.putInt((int) timestamp);
        out.put((byte) payloadType);
        out.put((byte) (marker ? 1 : 0));
        out.putInt((int) ssrc);
        out.putLong(arrivalMicros);
        out.putShort((short) payloadLength);
        out.put(payload, payloadOffset, payloadLength);
        frames++;
    }

    /** The batch so far, as batch {@code batchSequence}; the writer then starts the next batch empty. */
    public EncodedFrameBatch finish(long batchSequence) {
        return take(batchSequence, false);
    }

    /** The batch so far as the channel's last, with its counters and stop reason (at most 255 bytes of UTF-8). */
    public EncodedFrameBatch finishEndOfStream(long batchSequence, StreamCounters counters, String stopReason) {
        byte[] reason = stopReason.getBytes(StandardCharsets.UTF_8);
        if (reason.length > 255) {
            throw new IllegalArgumentException("stop reason longer than 255 bytes");
        }
        ensureRoom(FrameBatchCodec.COUNTER_BYTES + 1 + reason.length);
        out.putLong(counters.received()).putLong(counters.invalid()).putLong(counters.wrongSource())
                .putLong(counters.duplicates()).putLong(counters.dropped());
        out.put((byte) reason.length);
        out.put(reason);
        return take(batchSequence, true);
    }

    private EncodedFrameBatch take(long batchSequence, boolean endOfStream) {
        out.put(FLAGS_OFFSET, (byte) (endOfStream ? FrameBatchCodec.FLAG_END_OF_STREAM : 0));
        out.putLong(BATCH_SEQUENCE_OFFSET, batchSequence);
        out.putInt(FRAME_COUNT_OFFSET, frames);
        EncodedFrameBatch batch = new EncodedFrameBatch(recordingId, batchSequence, frames, endOfStream,
                Arrays.copyOf(out.array(), out.position()));
        out.position(FrameBatchCodec.HEADER_BYTES);
        frames = 0;
        return batch;
    }

    private void ensureRoom(int bytes) {
        if (out.remaining() < bytes) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes));
            larger.put(out.array(), 0, out.position());
            out = larger;
        }
    }
}
