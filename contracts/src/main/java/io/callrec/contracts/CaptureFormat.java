package io.callrec.contracts;

/**
 * The magic numbers that open a packet capture, as the first four bytes read big-endian: the catalog checks an
 * upload with them before storing it, the transcoder picks its reader with them.
 */
public final class CaptureFormat {
    public static final int MAGIC_BYTES = 4;
    /** Classic pcap (libpcap), timestamps in microseconds, written big-endian. */
    public static final int PCAP_MICROS = 0xA1B2C3D4;
    /** Classic pcap, timestamps in nanoseconds, written big-endian. */
    public static final int PCAP_NANOS = 0xA1B23C4D;
    /** A pcapng section header block; the same bytes in either byte order. */
    public static final int PCAPNG_SECTION = 0x0A0D0D0A;

    private CaptureFormat() {
    }

    /** A classic pcap magic written in either byte order. */
    public static boolean isPcap(int magic) {
        return isPcapBigEndian(magic) || isPcapBigEndian(Integer.reverseBytes(magic));
    }

    /** A classic pcap magic as written by a big-endian machine. */
    public static boolean isPcapBigEndian(int magic) {
        return magic == PCAP_MICROS || magic == PCAP_NANOS;
    }

    /** A pcap or pcapng file starts this way. */
    public static boolean isCapture(int magic) {
        return isPcap(magic) || magic == PCAPNG_SECTION;
    }
}
