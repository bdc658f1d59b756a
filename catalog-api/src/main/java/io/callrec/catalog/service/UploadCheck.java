package io.callrec.catalog.service;

import io.callrec.contracts.CaptureFormat;
import io.callrec.contracts.ImportRequest;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Looks at the first bytes of an upload to refuse what cannot be the kind of file it claims to be, before it is
 * stored. The transcoder still validates the whole file.
 */
public final class UploadCheck {
    /** A phone USB file starts with {@code char codec[64]; int32 rtpLen; int32 increment; uint32 dataSize}. */
    public static final int USB_HEADER_BYTES = 76;
    private static final int USB_CODEC_BYTES = 64;
    /** The smallest PCAP global header; a pcapng section header block is larger. */
    public static final int PCAP_HEADER_BYTES = 24;
    /** How many leading bytes the checks need. */
    public static final int HEAD_BYTES = USB_HEADER_BYTES;

    private UploadCheck() {
    }

    /**
     * Why the file is refused, or empty when it looks right.
     *
     * @param kind  {@link ImportRequest#USB} or {@link ImportRequest#PCAP}
     * @param head  up to {@link #HEAD_BYTES} leading bytes
     * @param size  the whole file's size
     */
    public static Optional<String> problem(String kind, byte[] head, long size) {
        return ImportRequest.PCAP.equals(kind) ? pcapProblem(head, size) : usbProblem(head, size);
    }

    private static Optional<String> usbProblem(byte[] head, long size) {
        if (size < USB_HEADER_BYTES) {
            return Optional.of("is " + size + " bytes, shorter than the " + USB_HEADER_BYTES
                    + "-byte header of a phone USB recording");
        }
        // The codec field is a NUL-terminated name such as PCMA; the integers after it are the transcoder's business.
        int end = 0;
        while (end < USB_CODEC_BYTES && head[end] != 0) {
            if (head[end] < 0x20 || head[end] > 0x7e) {
                return Optional.of("is not a phone USB recording: its header does not start with a codec name");
            }
            end++;
        }
        if (end == 0 || end == USB_CODEC_BYTES) {
            return Optional.of("is not a phone USB recording: its header does not start with a codec name");
        }
        return Optional.empty();
    }

    private static Optional<String> pcapProblem(byte[] head, long size) {
        if (size < PCAP_HEADER_BYTES) {
            return Optional.of("is " + size + " bytes, too short for a PCAP file");
        }
        int magic = ByteBuffer.wrap(head, 0, CaptureFormat.MAGIC_BYTES).getInt();
        if (!CaptureFormat.isCapture(magic)) {
            return Optional.of(String.format("is not a PCAP or pcapng file (it starts with 0x%08x)", magic));
        }
        return Optional.empty();
    }
}
