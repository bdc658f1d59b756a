package io.callrec.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FrameBatchWriterTest {
    private static final UUID ID = UUID.fromString("7f0c1b9e-2f43-4c55-9d1e-0a5b6c7d8e9f");
    private static final long STARTED_AT = 1_700_000_000_000L;

    /**
     * An RTP packet at offset 3 of a larger buffer: marker, payload type 8, sequence 0xFFFE, timestamp 0xFFFF_FFF0,
     * SSRC 0x8000_0001, one CSRC, a 4-byte extension and 2 bytes of padding around a payload of 1, 2, 3.
     */
    private static final byte[] PACKET_IN_BUFFER = {
            9, 9, 9,
            (byte) 0xB1, (byte) 0x88, (byte) 0xFF, (byte) 0xFE,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0,
            (byte) 0x80, 0, 0, 1,
            0, 0, 0, 42,
            (byte) 0xBE, (byte) 0xDE, 0, 1, 5, 5, 5, 5,
            1, 2, 3, 0, 2,
            9, 9};
    private static final int PACKET_OFFSET = 3;
    private static final int PACKET_LENGTH = PACKET_IN_BUFFER.length - 5;

    @Test
    void aFrameWrittenFromItsRtpPacketDecodesToItsFieldsAndPayloadOnly() {
        FrameBatchWriter writer = new FrameBatchWriter(ID, 1, 2, Codec.PCMA, STARTED_AT);
        writer.appendRtp(PACKET_IN_BUFFER, PACKET_OFFSET, PACKET_LENGTH, 1_700_000_000_123_456L);

        EncodedFrameBatch encoded = writer.finish(7);
        FrameBatch batch = FrameBatchCodec.decode(encoded.bytes());

        assertEquals(ID, batch.recordingId());
        assertEquals(1, batch.channel());
        assertEquals(2, batch.channels());
        assertEquals(Codec.PCMA, batch.codec());
        assertEquals(7, batch.batchSequence());
        assertEquals(STARTED_AT, batch.startedAtMillis());
        assertFalse(batch.endOfStream());
        RtpFrame frame = batch.frames().get(0);
        assertEquals(0xFFFE, frame.sequence());
        assertEquals(0xFFFF_FFF0L, frame.timestamp());
        assertEquals(8, frame.payloadType());
        assertTrue(frame.marker());
        assertEquals(0x8000_0001L, frame.ssrc());
        assertEquals(1_700_000_000_123_456L, frame.arrivalMicros());
        assertArrayEquals(new byte[] {1, 2, 3}, frame.payload());
        assertEquals(new EncodedFrameBatch(ID, 7, 1, false, encoded.bytes()), encoded);
    }

    @Test
    void aReusedWriterStartsEveryBatchEmptyAndGrowsForLargeOnes() {
        FrameBatchWriter writer = new FrameBatchWriter(ID, 0, 1, Codec.PCMU, STARTED_AT);
        byte[] payload = new byte[160];
        Arrays.fill(payload, (byte) 0x55);
        for (int i = 0; i < 50; i++) {
            writer.append(new RtpFrame(i, i * 160L, 0, false, 1, i, payload));
        }
        FrameBatch first = FrameBatchCodec.decode(writer.finish(0).bytes());
        assertTrue(writer.isEmpty());
        writer.append(new RtpFrame(50, 8000, 0, false, 1, 50, payload));
        EncodedFrameBatch last = writer.finishEndOfStream(1, new StreamCounters(51, 1, 2, 3, 4), "normal");
        FrameBatch second = FrameBatchCodec.decode(last.bytes());

        assertEquals(50, first.frames().size());
        assertEquals(49, first.frames().get(49).sequence());
        assertArrayEquals(payload, first.frames().get(49).payload());
        assertEquals(1, second.batchSequence());
        assertEquals(1, last.frames());
        assertEquals(50, second.frames().get(0).sequence());
        assertTrue(second.endOfStream());
        assertEquals(new StreamCounters(51, 1, 2, 3, 4), second.counters());
        assertEquals("normal", second.stopReason());
    }

    @Test
    void anEmptyBatchAfterAnEndOfStreamCarriesNoCounters() {
        FrameBatchWriter writer = new FrameBatchWriter(ID, 0, 1, Codec.G722, STARTED_AT);
        writer.finishEndOfStream(0, new StreamCounters(1, 0, 0, 0, 0), "normal");

        FrameBatch batch = FrameBatchCodec.decode(writer.finish(1).bytes());

        assertEquals(0, batch.frames().size());
        assertFalse(batch.endOfStream());
        assertEquals(StreamCounters.NONE, batch.counters());
    }

    @Test
    void aChannelOutsideItsRecordingAndALongStopReasonAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FrameBatchWriter(ID, 1, 1, Codec.PCMA, STARTED_AT));
        FrameBatchWriter writer = new FrameBatchWriter(ID, 0, 1, Codec.PCMA, STARTED_AT);
        assertThrows(IllegalArgumentException.class,
                () -> writer.finishEndOfStream(0, StreamCounters.NONE, "x".repeat(256)));
    }
}
