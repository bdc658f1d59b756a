package io.callrec.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FrameBatchCodecTest {
    private static final UUID ID = UUID.fromString("7f0c1b9e-2f43-4c55-9d1e-0a5b6c7d8e9f");

    private static FrameBatch endOfStreamBatch() {
        List<RtpFrame> frames = List.of(
                new RtpFrame(0xFFFF, 0xFFFF_FFFFL, 8, true, 0xFFFF_FFFFL, 1_700_000_000_000_000L, new byte[] {1, 2, 3}),
                new RtpFrame(0, 160, 101, false, 1, 1_700_000_000_020_000L, new byte[0]));
        return new FrameBatch(ID, Codec.G722, 42, 1_700_000_000_000L, frames, true,
                new StreamCounters(10, 2, 3, 1, 0), "socket-error");
    }

    @Test
    void roundTripKeepsEveryFieldIncludingExtremeValues() {
        FrameBatch batch = endOfStreamBatch();
        FrameBatch decoded = FrameBatchCodec.decode(FrameBatchCodec.encode(batch));
        assertEquals(batch.recordingId(), decoded.recordingId());
        assertEquals(Codec.G722, decoded.codec());
        assertEquals(42, decoded.batchSequence());
        assertEquals(batch.startedAtMillis(), decoded.startedAtMillis());
        assertTrue(decoded.endOfStream());
        assertEquals(batch.counters(), decoded.counters());
        assertEquals("socket-error", decoded.stopReason());
        assertEquals(2, decoded.frames().size());
        for (int i = 0; i < 2; i++) {
            RtpFrame expected = batch.frames().get(i);
            RtpFrame actual = decoded.frames().get(i);
            assertEquals(expected.sequence(), actual.sequence());
            assertEquals(expected.timestamp(), actual.timestamp());
            assertEquals(expected.payloadType(), actual.payloadType());
            assertEquals(expected.marker(), actual.marker());
            assertEquals(expected.ssrc(), actual.ssrc());
            assertEquals(expected.arrivalMicros(), actual.arrivalMicros());
            assertArrayEquals(expected.payload(), actual.payload());
        }
    }

    @Test
    void batchWithoutEndOfStreamHasNoCounters() {
        FrameBatch batch = new FrameBatch(ID, Codec.PCMA, 0, 1L, List.of(), false, null, null);
        FrameBatch decoded = FrameBatchCodec.decode(FrameBatchCodec.encode(batch));
        assertEquals(StreamCounters.NONE, decoded.counters());
        assertEquals("", decoded.stopReason());
    }

    @Test
    void everyTruncationIsRefusedWithAClearError() {
        byte[] bytes = FrameBatchCodec.encode(endOfStreamBatch());
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameBatchCodec.decode(cut));
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }

    @Test
    void trailingBytesWrongMagicAndUnknownVersionAreRefused() {
        byte[] bytes = FrameBatchCodec.encode(endOfStreamBatch());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(IllegalArgumentException.class, () -> FrameBatchCodec.decode(longer));
        byte[] badMagic = bytes.clone();
        badMagic[0] = 'X';
        assertEquals("not a frame batch (bad magic)",
                assertThrows(IllegalArgumentException.class, () -> FrameBatchCodec.decode(badMagic)).getMessage());
        byte[] badVersion = bytes.clone();
        badVersion[4] = 9;
        assertEquals("unsupported frame batch version 9",
                assertThrows(IllegalArgumentException.class, () -> FrameBatchCodec.decode(badVersion)).getMessage());
    }

    @Test
    void theChannelOfAStereoRecordingRoundTrips() {
        FrameBatch batch = new FrameBatch(ID, 1, 2, Codec.PCMA, 3, 1L, List.of(), true, null, "normal");
        FrameBatch decoded = FrameBatchCodec.decode(FrameBatchCodec.encode(batch));
        assertEquals(1, decoded.channel());
        assertEquals(2, decoded.channels());
        assertEquals(0, FrameBatchCodec.decode(FrameBatchCodec.encode(endOfStreamBatch())).channel());
    }

    @Test
    void aChannelOutsideItsRecordingIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new FrameBatch(ID, 2, 2, Codec.PCMA, 0, 1L, List.of(), false, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new FrameBatch(ID, 0, 3, Codec.PCMA, 0, 1L, List.of(), false, null, null));
        byte[] bytes = FrameBatchCodec.encode(new FrameBatch(ID, 1, 2, Codec.PCMA, 0, 1L, List.of(), false, null, null));
        bytes[22] = 2; // channel 2 of 2
        assertEquals("channel 2 of 2 channels",
                assertThrows(IllegalArgumentException.class, () -> FrameBatchCodec.decode(bytes)).getMessage());
    }

    @Test
    void aVersionOneBatchWrittenBeforeChannelsIsReadAsMono() {
        byte[] v2 = FrameBatchCodec.encode(endOfStreamBatch());
        // Version 1 is version 2 without the two channel bytes after the recording id.
        byte[] v1 = new byte[v2.length - 2];
        System.arraycopy(v2, 0, v1, 0, 22);
        System.arraycopy(v2, 24, v1, 22, v2.length - 24);
        v1[4] = 1;
        FrameBatch decoded = FrameBatchCodec.decode(v1);
        assertEquals(0, decoded.channel());
        assertEquals(1, decoded.channels());
        assertEquals(Codec.G722, decoded.codec());
        assertEquals("socket-error", decoded.stopReason());
        assertEquals(2, decoded.frames().size());
    }

    @Test
    void hugeFrameCountDoesNotAllocate() {
        byte[] bytes = FrameBatchCodec.encode(new FrameBatch(ID, Codec.PCMU, 0, 0, List.of(), false, null, null));
        bytes[bytes.length - 4] = 0x7F; // frame count 0x7F000000
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameBatchCodec.decode(bytes));
        assertTrue(e.getMessage().startsWith("frame count"));
    }

    @Test
    void randomJunkNeverEscapesAsAnotherException() {
        Random random = new Random(7);
        byte[] valid = FrameBatchCodec.encode(endOfStreamBatch());
        for (int i = 0; i < 10_000; i++) {
            byte[] junk = valid.clone();
            for (int flips = 0; flips < 4; flips++) {
                junk[random.nextInt(junk.length)] = (byte) random.nextInt();
            }
            try {
                FrameBatchCodec.decode(junk);
            } catch (IllegalArgumentException expected) {
                // refused cleanly
            }
        }
    }
}
