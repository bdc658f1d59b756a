package io.callrec.gateway.sip.message;

/**
 * Hard limits on one SIP message: bigger, longer or wider messages are refused before anything else reads them.
 *
 * @param maxMessageBytes start line, headers and body together
 * @param maxLineBytes    one start or header line (folded continuation lines count together)
 * @param maxHeaders      header lines
 */
public record SipLimits(int maxMessageBytes, int maxLineBytes, int maxHeaders) {
}
