package io.callrec.gateway.control;

import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts one control connection's byte stream into lines. A line ends at LF, CRLF or NUL; one CR
 * right before the end is dropped and empty lines are skipped. A phone that sends no terminator
 * at all is served by {@link #flushQuietLine} once the connection has been quiet for a while.
 *
 * <p>A line longer than {@code maxLineBytes} is reported once as oversized and its bytes are
 * dropped up to the next terminator, so the connection stays usable. The framer holds at most
 * {@code maxLineBytes + 1} bytes (the extra one is a CR waiting for its LF). One framer per
 * connection; not thread-safe.
 */
public final class ControlLineFramer {

    /** Receives what the framer cuts out of the stream. */
    public interface Sink {
        /** A complete line without its terminator; the array belongs to the receiver. */
        void line(byte[] line);

        /** A line longer than the limit was dropped. */
        void oversizedLine();
    }

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final byte NUL = 0;
    private static final int INITIAL_CAPACITY = 256;
    private static final byte[] NOTHING = new byte[0];

    private final int maxLineBytes;
    // Grows on demand: most phones send short lines, and thousands of connections each hold one.
    private byte[] pending;
    private int pendingLength;
    private boolean discarding;

    public ControlLineFramer(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.pending = new byte[Math.min(INITIAL_CAPACITY, maxLineBytes + 1)];
    }

    public void feed(byte[] chunk, Sink out) {
        feed(chunk, 0, chunk.length, out);
    }

    public void feed(byte[] chunk, int offset, int length, Sink out) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        int end = offset + length;
        int lineStart = offset;
        for (int i = offset; i < end; i++) {
            byte b = chunk[i];
            if (b == LF || b == NUL) {
                endLine(chunk, lineStart, i, out);
                lineStart = i + 1;
            }
        }
        keep(chunk, lineStart, end, out);
    }

    /** True when bytes of an unterminated line are waiting, i.e. a quiet timer is worth arming. */
    public boolean hasPendingLine() {
        return pendingLength > 0 || discarding;
    }

    /** Ends the unterminated line, if any, as if a terminator had arrived. */
    public void flushQuietLine(Sink out) {
        endLine(NOTHING, 0, 0, out);
    }

    /** Completes the line made of the pending bytes followed by {@code chunk[from, to)}. */
    private void endLine(byte[] chunk, int from, int to, Sink out) {
        if (discarding) {
            discarding = false;
            pendingLength = 0;
            return;
        }
        boolean endsWithCr = to > from ? chunk[to - 1] == CR : pendingLength > 0 && pending[pendingLength - 1] == CR;
        int length = pendingLength + (to - from) - (endsWithCr ? 1 : 0);
        int fromPending = Math.min(pendingLength, length);
        pendingLength = 0;
        if (length == 0) {
            return;
        }
        if (length > maxLineBytes) {
            out.oversizedLine();
            return;
        }
        byte[] line = new byte[length];
        System.arraycopy(pending, 0, line, 0, fromPending);
        System.arraycopy(chunk, from, line, fromPending, length - fromPending);
        out.line(line);
    }

    /** Holds {@code chunk[from, to)}, the start of a line whose terminator has not arrived. */
    private void keep(byte[] chunk, int from, int to, Sink out) {
        if (discarding || from == to) {
            return;
        }
        int length = pendingLength + (to - from);
        boolean crMayBeTerminator = length == maxLineBytes + 1 && chunk[to - 1] == CR;
        if (length > maxLineBytes && !crMayBeTerminator) {
            pendingLength = 0;
            discarding = true;
            out.oversizedLine();
            return;
        }
        if (length > pending.length) {
            pending = Arrays.copyOf(pending, Math.min(Math.max(length, pending.length * 2), maxLineBytes + 1));
        }
        System.arraycopy(chunk, from, pending, pendingLength, to - from);
        pendingLength = length;
    }
}
