package io.callrec.gateway.control;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callrec.gateway.control.ControlMessage.RecordStartRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlLineFramerTest {
    private static final String OVERSIZED = "<oversized>";
    private static final int MAX = 16;

    private final ControlLineFramer framer = new ControlLineFramer(MAX);
    private final Recorder out = new Recorder();

    @Test
    void lfEndsALine() {
        feed("cmd=a\n");

        assertEquals(List.of("cmd=a"), out.events);
    }

    @Test
    void crlfEndsALineWithoutTheCr() {
        feed("cmd=a\r\n");

        assertEquals(List.of("cmd=a"), out.events);
    }

    @Test
    void nulEndsALine() {
        feed("cmd=a\0");

        assertEquals(List.of("cmd=a"), out.events);
    }

    @Test
    void mixedTerminatorsInOneChunkGiveOneLineEach() {
        feed("a=1\nb=2\r\nc=3\0d=4\n");

        assertEquals(List.of("a=1", "b=2", "c=3", "d=4"), out.events);
    }

    @Test
    void emptyLinesAreSkipped() {
        feed("\n\r\n\0\0\n\r\0a=1\n\n");

        assertEquals(List.of("a=1"), out.events);
    }

    @Test
    void crInsideALineIsKept() {
        feed("a\rb\n");

        assertEquals(List.of("a\rb"), out.events);
    }

    @Test
    void onlyOneCrBeforeTheTerminatorIsDropped() {
        feed("a\r\r\n");

        assertEquals(List.of("a\r"), out.events);
    }

    @Test
    void lineFedByteByByteIsJoined() {
        ControlLineFramer wide = new ControlLineFramer(64);
        for (byte b : "cmd=RecordStopRequest&id=1\r\n".getBytes(UTF_8)) {
            wide.feed(new byte[] {b}, out);
        }

        assertEquals(List.of("cmd=RecordStopRequest&id=1"), out.events);
    }

    @Test
    void crlfSplitBetweenChunksDropsTheCr() {
        feed("a=1\r");
        feed("\nb=2\r");
        feed("\n");

        assertEquals(List.of("a=1", "b=2"), out.events);
    }

    @Test
    void chunkBoundaryInsideAMultiByteCharacterKeepsTheCharacter() throws Exception {
        ControlLineFramer wide = new ControlLineFramer(1024);
        byte[] line = (startRequest() + "&remote_name=山田\n").getBytes(UTF_8);
        int insideYama = indexOf(line, (byte) 0xE5) + 1;
        wide.feed(line, 0, insideYama, out);
        wide.feed(line, insideYama, line.length - insideYama, out);

        assertEquals("山田", ((RecordStartRequest) ControlMessageParser.parse(out.lines.get(0))).remoteName());
    }

    @Test
    void chunkBoundaryInsideAPercentEscapeKeepsTheEscape() throws Exception {
        ControlLineFramer wide = new ControlLineFramer(1024);
        byte[] line = (startRequest() + "&remote_name=%E5%B1%B1\r\n").getBytes(UTF_8);
        int insideEscape = new String(line, UTF_8).indexOf("%B1") + 2;
        wide.feed(line, 0, insideEscape, out);
        wide.feed(line, insideEscape, line.length - insideEscape, out);

        assertEquals("山", ((RecordStartRequest) ControlMessageParser.parse(out.lines.get(0))).remoteName());
    }

    @Test
    void unterminatedLineWaitsForTheQuietFlush() {
        feed("cmd=a&id=1");

        assertEquals(List.of(), out.events);
        assertTrue(framer.hasPendingLine());

        framer.flushQuietLine(out);

        assertEquals(List.of("cmd=a&id=1"), out.events);
        assertFalse(framer.hasPendingLine());
    }

    @Test
    void quietFlushWithNothingPendingEmitsNothing() {
        feed("a=1\n");
        framer.flushQuietLine(out);
        framer.flushQuietLine(out);

        assertEquals(List.of("a=1"), out.events);
        assertFalse(framer.hasPendingLine());
    }

    @Test
    void quietFlushDropsATrailingCr() {
        feed("a=1\r");
        framer.flushQuietLine(out);

        assertEquals(List.of("a=1"), out.events);
    }

    @Test
    void quietFlushOfALoneCrEmitsNothing() {
        feed("\r");
        framer.flushQuietLine(out);

        assertEquals(List.of(), out.events);
    }

    @Test
    void lineAfterAQuietFlushStartsFresh() {
        feed("a=1");
        framer.flushQuietLine(out);
        feed("b=2\n");

        assertEquals(List.of("a=1", "b=2"), out.events);
    }

    @Test
    void lineOfExactlyTheLimitIsAccepted() {
        String full = "x".repeat(MAX);
        feed(full + "\n" + full + "\r\n");

        assertEquals(List.of(full, full), out.events);
    }

    @Test
    void lineOfExactlyTheLimitIsAcceptedWhenItsCrlfArrivesSplit() {
        String full = "x".repeat(MAX);
        feed(full + "\r");
        feed("\n");
        feed(full);
        feed("\r");
        framer.flushQuietLine(out);

        assertEquals(List.of(full, full), out.events);
    }

    @Test
    void lineOneByteOverTheLimitIsReportedOversized() {
        feed("x".repeat(MAX + 1) + "\na=1\n");

        assertEquals(List.of(OVERSIZED, "a=1"), out.events);
    }

    @Test
    void lineOneByteOverTheLimitBeforeACrIsReportedOversized() {
        feed("x".repeat(MAX) + "y\r");
        feed("\na=1\n");

        assertEquals(List.of(OVERSIZED, "a=1"), out.events);
    }

    @Test
    void crThatIsNotATerminatorCountsTowardsTheLimit() {
        feed("x".repeat(MAX) + "\r");
        feed("y\na=1\n");

        assertEquals(List.of(OVERSIZED, "a=1"), out.events);
    }

    @Test
    void endlessLineIsReportedOnceAndTheConnectionStaysUsable() {
        for (int i = 0; i < 10_000; i++) {
            feed("0123456789");
        }
        assertTrue(framer.hasPendingLine());
        feed("tail\r\ncmd=ok\n");

        assertEquals(List.of(OVERSIZED, "cmd=ok"), out.events);
        assertFalse(framer.hasPendingLine());
    }

    @Test
    void oversizedLineInOneChunkIsReportedOnce() {
        feed("y".repeat(MAX * 100) + "\nb=2\n");

        assertEquals(List.of(OVERSIZED, "b=2"), out.events);
    }

    @Test
    void oversizedUnterminatedLineEndsAtTheQuietFlush() {
        feed("z".repeat(MAX * 3));
        framer.flushQuietLine(out);
        feed("a=1\n");

        assertEquals(List.of(OVERSIZED, "a=1"), out.events);
    }

    @Test
    void feedReadsOnlyTheGivenSlice() {
        byte[] chunk = "junk\na=1\nmore".getBytes(UTF_8);
        framer.feed(chunk, 5, 4, out);

        assertEquals(List.of("a=1"), out.events);
        assertFalse(framer.hasPendingLine());
    }

    @Test
    void sliceOutsideTheChunkIsRejected() {
        byte[] chunk = new byte[4];

        assertThrows(IndexOutOfBoundsException.class, () -> framer.feed(chunk, 2, 3, out));
        assertThrows(IndexOutOfBoundsException.class, () -> framer.feed(chunk, -1, 2, out));
    }

    @Test
    void limitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ControlLineFramer(0));
    }

    @Test
    void emittedLinesDoNotShareTheFramersBuffer() {
        feed("a=1");
        feed("\n");
        feed("b=2");
        feed("\n");

        assertArrayEquals("a=1".getBytes(UTF_8), out.lines.get(0));
        assertArrayEquals("b=2".getBytes(UTF_8), out.lines.get(1));
    }

    @Test
    void lineLongerThanTheInitialBufferIsKeptWhole() {
        ControlLineFramer wide = new ControlLineFramer(4096);
        String line = "k=" + "v".repeat(3000);
        byte[] bytes = line.getBytes(UTF_8);
        for (int from = 0; from < bytes.length; from += 7) {
            wide.feed(bytes, from, Math.min(7, bytes.length - from), out);
        }
        wide.feed("\n".getBytes(UTF_8), out);

        assertEquals(List.of(line), out.events);
    }

    private void feed(String text) {
        framer.feed(text.getBytes(ISO_8859_1), out);
    }

    private static String startRequest() {
        return "cmd=RecordStartRequest&id=1&device=d&dir=in&codec=PCMA";
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }

    /** Keeps every event in order: lines as ISO-8859-1 text (byte for byte), oversized as a marker. */
    private static final class Recorder implements ControlLineFramer.Sink {
        final List<String> events = new ArrayList<>();
        final List<byte[]> lines = new ArrayList<>();

        @Override
        public void line(byte[] line) {
            lines.add(line);
            events.add(new String(line, ISO_8859_1));
        }

        @Override
        public void oversizedLine() {
            events.add(OVERSIZED);
        }
    }
}
