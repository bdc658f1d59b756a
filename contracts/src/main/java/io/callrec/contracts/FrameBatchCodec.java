package io.callrec.contracts;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Binary form of a {@link FrameBatch} on {@code callrec.frames}. Big-endian, versioned:
 *
 * <pre>
 * magic "CRFB" | version u8 | flags u8 (bit 0: end of stream) | recording id (16) | channel u8 | channels u8
 * | codec payload type u8
 * | batch sequence i64 | started-at millis i64 | frame count u32
 * | frames: sequence u16 | timestamp u32 | payload type u8 | marker u8 | SSRC u32 | arrival micros i64
 *           | payload length u16 | payload
 * | if end of stream: received i64 | invalid i64 | wrong source i64 | duplicates i64 | dropped i64
 *                     | reason length u8 | reason (UTF-8)
 * </pre>
 *
 * Version 1 had no channel fields (every batch was channel 0 of a mono recording); it is still read, so frames
 * written before an upgrade are not lost.
 *
 * Decoding checks every length against what is left, so a corrupt record gives an
 * {@link IllegalArgumentException}, never a huge allocation.
 */
public final class FrameBatchCodec {
    public static final int VERSION = 2;
    private static final int VERSION_MONO = 1;
    public static final int MAX_FRAMES = 65_535;
    public static final int MAX_PAYLOAD = 65_535;

    // Package-private: FrameBatchWriter writes what decode reads.
    static final int MAGIC = 0x43524642; // "CRFB"
    static final int HEADER_BYTES = 4 + 1 + 1 + 16 + 2 + 1 + 8 + 8 + 4;
    private static final int HEADER_BYTES_MONO = HEADER_BYTES - 2;
    static final int FRAME_HEADER_BYTES = 2 + 4 + 1 + 1 + 4 + 8 + 2;
    static final int COUNTER_BYTES = 5 * 8;
    static final int FLAG_END_OF_STREAM = 1;

    private FrameBatchCodec() {
    }

    /** The batch's wire form; rtp-ingest writes it frame by frame with {@link FrameBatchWriter} instead. */
    public static byte[] encode(FrameBatch batch) {
        if (batch.frames().size() > MAX_FRAMES) {
            throw new IllegalArgumentException("too many frames in one batch: " + batch.frames().size());
        }
        FrameBatchWriter writer = new FrameBatchWriter(batch.recordingId(), batch.channel(), batch.channels(),
                batch.codec(), batch.startedAtMillis());
        batch.frames().forEach(writer::append);
        EncodedFrameBatch encoded = batch.endOfStream()
                ? writer.finishEndOfStream(batch.batchSequence(), batch.counters(), batch.stopReason())
                : writer.finish(batch.batchSequence());
        return encoded.bytes();
    }

    public static FrameBatch decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_BYTES_MONO) {
            throw new IllegalArgumentException("frame batch shorter than its header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.getInt() != MAGIC) {
                throw new IllegalArgumentException("not a frame batch (bad magic)");
            }
            int version = in.get() & 0xFF;
            if (version != VERSION && version != VERSION_MONO) {
                throw new IllegalArgumentException("unsupported frame batch version " + version);
            }
            boolean endOfStream = (in.get() & FLAG_END_OF_STREAM) != 0;
            UUID recordingId = new UUID(in.getLong(), in.getLong());
            int channel = version == VERSION_MONO ? 0 : in.get() & 0xFF;
            int channels = version == VERSION_MONO ? 1 : in.get() & 0xFF;
            if (channels < 1 || channels > FrameBatch.MAX_CHANNELS || channel >= channels) {
                throw new IllegalArgumentException("channel " + channel + " of " + channels + " channels");
            }
            int payloadType = in.get() & 0xFF;
            Codec codec = Codec.byPayloadType(payloadType)
                    .orElseThrow(() -> new IllegalArgumentException("unknown codec payload type " + payloadType));
            long batchSequence = in.getLong();
            long startedAt = in.getLong();
            long count = in.getInt() & 0xFFFF_FFFFL;
            if (count > MAX_FRAMES || count * FRAME_HEADER_BYTES > in.remaining()) {
                throw new IllegalArgumentException("frame count " + count + " does not fit the record");
            }
            List<RtpFrame> frames = new ArrayList<>((int) count);
            for (int i = 0; i < count; i++) {
                int sequence = in.getShort() & 0xFFFF;
                long timestamp = in.getInt() & 0xFFFF_FFFFL;
                int pt = in.get() & 0x7F;
                boolean marker = in.get() != 0;
                long ssrc = in.getInt() & 0xFFFF_FFFFL;
                long arrival = in.getLong();
                int length = in.getShort() & 0xFFFF;
                if (length > in.remaining()) {
                    throw new IllegalArgumentException("frame " + i + " payload runs past the record");
                }
                byte[] payload = new byte[length];
                in.get(payload);
                frames.add(new RtpFrame(sequence, timestamp, pt, marker, ssrc, arrival, payload));
            }
            StreamCounters counters = StreamCounters.NONE;
            String reason = "";
            if (endOfStream) {
                counters = new StreamCounters(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
                int reasonLength = in.get() & 0xFF;
                if (reasonLength > in.remaining()) {
                    throw new IllegalArgumentException("stop reason runs past the record");
                }
                byte[] reasonBytes = new byte[reasonLength];
                in.get(reasonBytes);
                reason = new String(reasonBytes, StandardCharsets.UTF_8);
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " unexpected bytes after the batch");
            }
            return new FrameBatch(recordingId, channel, channels, codec, batchSequence, startedAt, frames, endOfStream,
                    counters, reason);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("frame batch truncated", e);
        }
    }
}
