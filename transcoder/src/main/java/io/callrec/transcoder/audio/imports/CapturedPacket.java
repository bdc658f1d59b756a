package io.callrec.transcoder.audio.imports;

/** The packet a capture file reader has just read, link-layer header included. Reused for every packet. */
final class CapturedPacket {

    final byte[] data = new byte[PcapReader.MAX_PACKET_BYTES];
    int length;
    int linkType;
    long captureMicros;

    void set(int linkType, long captureMicros, int length) {
        this.linkType = linkType;
        this.captureMicros = captureMicros;
        this.length = length;
    }
}
