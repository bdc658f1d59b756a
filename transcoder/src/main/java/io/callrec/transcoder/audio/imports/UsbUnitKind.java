package io.callrec.transcoder.audio.imports;

/** What each fixed-length unit of a phone USB recording holds. */
public enum UsbUnitKind {
    /** A whole RTP packet: its header gives sequence number and timestamp, so pauses show as timestamp gaps. */
    RTP_PACKET,
    /** Codec payload only: sequence numbers and timestamps are synthesised, one increment per unit. */
    BARE_PAYLOAD
}
