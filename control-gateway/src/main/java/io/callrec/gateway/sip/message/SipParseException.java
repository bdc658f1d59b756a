package io.callrec.gateway.sip.message;

/** A message that is not SIP, or breaks a {@link SipLimits} limit; the message text says which. */
public class SipParseException extends Exception {
    public SipParseException(String message) {
        super(message);
    }
}
