package io.callrec.gateway.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callrec.gateway.control.InvalidControlMessageException.Reason;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ControlResponsesTest {

    @Test
    void successfulStartNamesTheUdpServerAndPort() {
        assertEquals("cmd=RecordStartResponse&id=7f3a&result=success&server=10.0.0.5&port=40000\n",
                ControlResponses.startSucceeded("7f3a", "10.0.0.5", 40000));
    }

    @Test
    void failedStartGivesTheReason() {
        assertEquals("cmd=RecordStartResponse&id=7f3a&result=failed&reason=no-capacity\n",
                ControlResponses.startFailed("7f3a", "no-capacity"));
    }

    @Test
    void stopAlwaysSucceeds() {
        assertEquals("cmd=RecordStopResponse&id=7f3a&result=success\n", ControlResponses.stopSucceeded("7f3a"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65_536})
    void startCannotNameAPortThatIsNotAUdpPort(int port) {
        assertThrows(IllegalArgumentException.class, () -> ControlResponses.startSucceeded("1", "h", port));
    }

    @Test
    void refusedStartAnswersAsStartWithTheIdAndReason() {
        InvalidControlMessageException refusal =
                refusalOf("cmd=RecordStartRequest&id=7f3a&device=d&dir=in&codec=G729");

        assertEquals("cmd=RecordStartResponse&id=7f3a&result=failed&reason=unsupported-codec\n",
                ControlResponses.refused(refusal));
    }

    @Test
    void refusedStopAnswersAsStop() {
        InvalidControlMessageException refusal = refusalOf("cmd=RecordStopRequest&id=7f3a&reason=%ZZ");

        assertEquals("cmd=RecordStopResponse&id=7f3a&result=failed&reason=invalid-request\n",
                ControlResponses.refused(refusal));
    }

    @Test
    void refusedLineWithoutAKnownCommandIsAnErrorResponse() {
        InvalidControlMessageException refusal = refusalOf("cmd=Hello&id=7f3a");

        assertEquals("cmd=ErrorResponse&id=7f3a&result=failed&reason=invalid-request\n",
                ControlResponses.refused(refusal));
    }

    @Test
    void refusedLineWithoutAnIdLeavesTheIdOut() {
        InvalidControlMessageException refusal =
                new InvalidControlMessageException(Reason.INVALID_REQUEST, "junk", null, null);

        assertEquals("cmd=ErrorResponse&result=failed&reason=invalid-request\n", ControlResponses.refused(refusal));
    }

    @Test
    void nonAsciiIdIsPercentEncodedAsUtf8() {
        assertEquals("cmd=RecordStopResponse&id=%E5%B1%B1%E7%94%B0&result=success\n",
                ControlResponses.stopSucceeded("山田"));
    }

    @Test
    void plusAndSpaceAreEscapedForPhonesThatFormDecode() {
        assertEquals("cmd=RecordStopResponse&id=%2B81%203&result=success\n", ControlResponses.stopSucceeded("+81 3"));
    }

    @Test
    void echoedIdCannotAddPairsOrLines() {
        String line = ControlResponses.stopSucceeded("x&result=failed\ncmd=RecordStopResponse&id=y");

        assertEquals("cmd=RecordStopResponse&id=x%26result%3Dfailed%0Acmd%3DRecordStopResponse%26id%3Dy"
                + "&result=success\n", line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7f3a", "山田太郎", "张伟", "+81 3 1234", "a&b=c%d", "tab\there", "nul\0", "\uD83D\uDCDE",
            "ÿ\u007F\u0080"})
    void everyEchoedIdReadsBackUnchanged(String id) {
        for (String line : new String[] {ControlResponses.stopSucceeded(id), ControlResponses.startFailed(id, "x"),
                ControlResponses.startSucceeded(id, "host", 1)}) {
            assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, line);
            assertEquals(id, read(line).get("id"));
        }
    }

    @Test
    void phoneIdSurvivesTheTripFromResponseBackIntoARequest() throws Exception {
        String id = "山田 +81&x=1%";
        String encodedId = ControlResponses.stopSucceeded(id).split("&")[1].substring("id=".length());

        ControlMessage echoed = ControlMessageParser.parse(("cmd=RecordStopRequest&id=" + encodedId).getBytes(UTF_8));

        assertEquals(id, echoed.id());
    }

    private static InvalidControlMessageException refusalOf(String line) {
        return assertThrows(InvalidControlMessageException.class,
                () -> ControlMessageParser.parse(line.getBytes(UTF_8)));
    }

    /** Splits an answer the way a phone does and percent-decodes each value. */
    private static Map<String, String> read(String line) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : line.substring(0, line.length() - 1).split("&")) {
            int equals = pair.indexOf('=');
            byte[] raw = pair.substring(equals + 1).getBytes(UTF_8);
            byte[] decoded = new byte[raw.length];
            int length = PercentCodec.decode(raw, 0, raw.length, decoded);
            assertTrue(length >= 0, pair);
            assertNull(pairs.put(pair.substring(0, equals), new String(decoded, 0, length, UTF_8)), line);
        }
        return pairs;
    }
}
