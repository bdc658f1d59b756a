package io.callrec.contracts;

/**
 * Why a recording's stream ended: the words on {@code callrec.sessions}, in end-of-stream batches and on
 * {@code callrec.recordings}. Each one names who or what ended the stream, so that a user reading the catalog
 * learns the truth (a phone that hung up, a phone that vanished, a part of callrec that died).
 */
public final class StopReasons {
    /** The phone sent {@code RecordStopRequest}, or the SIPREC client ended the session with BYE. */
    public static final String NORMAL = "normal";
    /** The phone's control connection closed or failed without a stop. */
    public static final String SOCKET_ERROR = "socket-error";
    /** No RTP arrived for the ingest's RTP timeout. */
    public static final String RTP_TIMEOUT = "rtp-timeout";
    /** rtp-ingest shut down in an orderly way while the recording was open. */
    public static final String INGEST_SHUTDOWN = "ingest-shutdown";
    /** The rtp-ingest holding the recording died and did not come back with it within the allowed time. */
    public static final String INGEST_LOST = "ingest-lost";
    /** The control-gateway that opened the recording died: nobody could stop it any more. */
    public static final String GATEWAY_LOST = "gateway-lost";
    /** The start could not be completed (its session event was not stored); the port was released. */
    public static final String START_FAILED = "start-failed";

    /** The SIPREC client cancelled its INVITE before callrec answered it. */
    public static final String CANCELLED = "cancelled";

    private StopReasons() {
    }
}
