package io.callrec.gateway.sip.sdp;

/** A body that cannot be read as an offer; answered 400 (or 415 for a type we do not take). */
public class SdpException extends Exception {
    public SdpException(String message) {
        super(message);
    }
}
