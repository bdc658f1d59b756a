package io.callrec.transcoder.audio.imports;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds phone USB recordings byte by byte, for inputs the fixtures do not cover. */
final class UsbFileBuilder {

    private UsbFileBuilder() {
    }

    static byte[] header(String codec, int rtpLen, int increment, long dataSize, ByteOrder order) {
        ByteBuffer header = ByteBuffer.allocate(UsbHeader.BYTES).order(order);
        header.put(codec.getBytes(StandardCharsets.US_ASCII));
        header.position(UsbHeader.CODEC_NAME_BYTES);
        header.putInt(rtpLen).putInt(increment).putInt((int) dataSize);
        return header.array();
    }

    /** A file of whole units, its header declaring exactly them. */
    static byte[] file(String codec, int increment, ByteOrder order, byte[]... units) {
        int unitLength = units[0].length;
        ByteBuffer file = ByteBuffer.allocate(UsbHeader.BYTES + unitLength * units.length);
        file.put(header(codec, unitLength, increment, (long) unitLength * units.length, order));
        for (byte[] unit : units) {
            file.put(unit);
        }
        return file.array();
    }

    static byte[] rtp(int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {
        return ByteBuffer.allocate(io.callrec.contracts.RtpPacket.FIXED_HEADER_LENGTH + payload.length)
                .put((byte) 0x80).put((byte) payloadType).putShort((short) sequence)
                .putInt((int) timestamp).putInt((int) ssrc).put(payload).array();
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
