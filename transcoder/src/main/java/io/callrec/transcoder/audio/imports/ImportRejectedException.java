package io.callrec.transcoder.audio.imports;

/**
 * An imported file that cannot be turned into a recording. The message says why, in words fit to
 * show to whoever uploaded it; it quotes file content only when that is short printable text.
 */
public final class ImportRejectedException extends Exception {

    public ImportRejectedException(String reason) {
        super(reason);
    }
}
