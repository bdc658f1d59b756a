package io.callrec.gateway.control;

import io.callrec.contracts.CallDirection;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.callrec.contracts.Codec;
import io.callrec.gateway.control.ControlMessage.RecordStartRequest;
import io.callrec.gateway.control.ControlMessage.RecordStopRequest;
import io.callrec.gateway.control.InvalidControlMessageException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ControlMessageParserTest {
    private static final String START = "cmd=RecordStartRequest&id=7f3a&device=00:a8:59:12:34:56";
    private static final String YAMADA_TARO = "山田太郎";
    private static final String YAMADA_TARO_ENCODED = "%E5%B1%B1%E7%94%B0%E5%A4%AA%E9%83%8E";
    private static final String ZHANG_WEI = "张伟";
    private static final String ZHANG_WEI_ENCODED = "%E5%BC%A0%E4%BC%9F";

    @Test
    void startRequestWithEveryKeyIsRead() throws Exception {
        ControlMessage message = parse("cmd=RecordStartRequest&id=7f3a&device=00:a8:59:12:34:56"
                + "&remote_number=0312345678&remote_name=Alice&local_number=201&local_name=Bob&dir=in&codec=PCMA");

        assertEquals(new RecordStartRequest("7f3a", "00:a8:59:12:34:56", CallDirection.IN, Codec.PCMA,
                "0312345678", "Alice", "201", "Bob"), message);
        assertEquals(ControlCommand.RECORD_START, message.command());
    }

    @Test
    void stopRequestWithEveryKeyIsRead() throws Exception {
        ControlMessage message = parse("cmd=RecordStopRequest&id=7f3a&remote_number=0312345678"
                + "&remote_name=Alice&local_number=201&local_name=Bob&reason=hangup");

        assertEquals(new RecordStopRequest("7f3a", "0312345678", "Alice", "201", "Bob", "hangup"), message);
        assertEquals(ControlCommand.RECORD_STOP, message.command());
    }

    @Test
    void keysMayComeInAnyOrder() throws Exception {
        ControlMessage message = parse("codec=PCMU&dir=out&device=d1&id=9&cmd=RecordStartRequest");

        assertEquals(new RecordStartRequest("9", "d1", CallDirection.OUT, Codec.PCMU, null, null, null, null),
                message);
    }

    @Test
    void stopRequestNeedsOnlyTheId() throws Exception {
        assertEquals(new RecordStopRequest("7f3a", null, null, null, null, null),
                parse("cmd=RecordStopRequest&id=7f3a"));
    }

    @Test
    void emptyOptionalValuesAreReadAsAbsent() throws Exception {
        RecordStartRequest start = (RecordStartRequest) parse(
                START + "&remote_number=&remote_name=&local_number=&local_name=&dir=in&codec=PCMA");

        assertNull(start.remoteNumber());
        assertNull(start.remoteName());
        assertNull(start.localNumber());
        assertNull(start.localName());
    }

    @Test
    void unknownKeysAreIgnoredWhateverTheirValue() throws Exception {
        RecordStopRequest stop = (RecordStopRequest) parse(
                "cmd=RecordStopRequest&vendor_ext=%ZZ&id=7f3a&x=\u0001&x=again&line=2");

        assertEquals("7f3a", stop.id());
    }

    @Test
    void keysAreCaseSensitive() {
        InvalidControlMessageException refusal = refused("cmd=RecordStopRequest&ID=7f3a");

        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertEquals("missing id", refusal.getMessage());
    }

    @Test
    void emptyPairsAndATrailingAmpersandAreTolerated() throws Exception {
        assertEquals("7f3a", parse("&&cmd=RecordStopRequest&&id=7f3a&").id());
    }

    @Test
    void valueKeepsEqualsSignsAfterTheFirst() throws Exception {
        assertEquals("a=b", ((RecordStopRequest) parse("cmd=RecordStopRequest&id=1&reason=a=b")).reason());
    }

    @ParameterizedTest
    @CsvSource({"PCMA,PCMA", "pcma,PCMA", "Pcmu,PCMU", "PCMU,PCMU", "g722,G722", "G722,G722"})
    void codecIsCaseInsensitive(String sent, Codec expected) throws Exception {
        assertEquals(expected, ((RecordStartRequest) parse(START + "&dir=in&codec=" + sent)).codec());
    }

    @ParameterizedTest
    @CsvSource({"in,IN", "IN,IN", "In,IN", "out,OUT", "OUT,OUT", "oUt,OUT"})
    void directionIsCaseInsensitive(String sent, CallDirection expected) throws Exception {
        assertEquals(expected, ((RecordStartRequest) parse(START + "&dir=" + sent + "&codec=PCMA")).direction());
    }

    @Test
    void percentEncodedJapaneseNameIsDecoded() throws Exception {
        RecordStartRequest start = (RecordStartRequest) parse(
                START + "&dir=in&codec=PCMA&remote_name=" + YAMADA_TARO_ENCODED);

        assertEquals(YAMADA_TARO, start.remoteName());
    }

    @Test
    void percentEncodedChineseNameIsDecoded() throws Exception {
        RecordStopRequest stop = (RecordStopRequest) parse(
                "cmd=RecordStopRequest&id=1&local_name=" + ZHANG_WEI_ENCODED);

        assertEquals(ZHANG_WEI, stop.localName());
    }

    @Test
    void rawUtf8JapaneseAndChineseNamesAreAccepted() throws Exception {
        RecordStartRequest start = (RecordStartRequest) parse(
                START + "&dir=in&codec=PCMA&remote_name=" + YAMADA_TARO + "&local_name=" + ZHANG_WEI);

        assertEquals(YAMADA_TARO, start.remoteName());
        assertEquals(ZHANG_WEI, start.localName());
    }

    @Test
    void lowercaseHexEscapesAreDecoded() throws Exception {
        assertEquals(YAMADA_TARO, ((RecordStopRequest) parse(
                "cmd=RecordStopRequest&id=1&remote_name=" + YAMADA_TARO_ENCODED.toLowerCase())).remoteName());
    }

    @Test
    void mixedRawAndEscapedBytesOfOneCharacterAreDecoded() throws Exception {
        byte[] line = bytes("cmd=RecordStopRequest&id=1&remote_name=", new byte[] {(byte) 0xE5}, "%B1%B1");

        assertEquals("山", ((RecordStopRequest) ControlMessageParser.parse(line)).remoteName());
    }

    @Test
    void plusSignStaysAPlusBecauseThisIsNotFormEncoding() throws Exception {
        assertEquals("+81 3 1234", ((RecordStopRequest) parse(
                "cmd=RecordStopRequest&id=1&remote_number=+81%203%201234")).remoteNumber());
    }

    @Test
    void percentEncodedAmpersandAndEqualsStayInsideTheValue() throws Exception {
        assertEquals("A&B=C%", ((RecordStopRequest) parse(
                "cmd=RecordStopRequest&id=1&remote_name=A%26B%3DC%25")).remoteName());
    }

    @Test
    void emptyLineIsRefusedForMissingCmd() {
        InvalidControlMessageException refusal = refused("");

        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertEquals("missing cmd", refusal.getMessage());
        assertEquals(Optional.empty(), refusal.command());
        assertEquals(Optional.empty(), refusal.id());
    }

    @Test
    void lineOfOnlyAmpersandsIsRefusedForMissingCmd() {
        assertEquals("missing cmd", refused("&&&&&&&&").getMessage());
    }

    @Test
    void missingCmdIsRefusedButEchoesTheId() {
        InvalidControlMessageException refusal = refused("id=7f3a&device=d1");

        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertEquals(Optional.of("7f3a"), refusal.id());
        assertEquals(Optional.empty(), refusal.command());
    }

    @Test
    void unknownCommandIsRefusedWithInvalidRequestNamingIt() {
        InvalidControlMessageException refusal = refused("cmd=RecordPauseRequest&id=7f3a");

        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertEquals("unknown cmd 'RecordPauseRequest'", refusal.getMessage());
        assertEquals(Optional.empty(), refusal.command());
        assertEquals(Optional.of("7f3a"), refusal.id());
    }

    @Test
    void commandNamesAreCaseSensitive() {
        assertEquals("unknown cmd 'recordstartrequest'",
                refused("cmd=recordstartrequest&id=1").getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cmd=RecordStartRequest&device=d1&dir=in&codec=PCMA", "cmd=RecordStopRequest",
            "cmd=RecordStopRequest&id="})
    void missingOrEmptyIdIsRefusedWithoutAnId(String line) {
        InvalidControlMessageException refusal = refused(line);

        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertEquals("missing id", refusal.getMessage());
        assertTrue(refusal.command().isPresent());
        assertEquals(Optional.empty(), refusal.id());
    }

    @ParameterizedTest
    @CsvSource({
            "cmd=RecordStartRequest&id=7f3a&dir=in&codec=PCMA, missing device",
            "cmd=RecordStartRequest&id=7f3a&device=d1&codec=PCMA, missing dir",
            "cmd=RecordStartRequest&id=7f3a&device=d1&dir=in, missing codec",
            "cmd=RecordStartRequest&id=7f3a&device=&dir=in&codec=PCMA, missing device",
            "cmd=RecordStartRequest&id=7f3a&device=d1&dir=&codec=PCMA, missing dir",
            "cmd=RecordStartRequest&id=7f3a&device=d1&dir=in&codec=, missing codec"})
    void missingStartKeyIsRefusedNamingTheKey(String line, String message) {
        InvalidControlMessageException refusal = refused(line);

        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertEquals(message, refusal.getMessage());
        assertEquals(Optional.of(ControlCommand.RECORD_START), refusal.command());
        assertEquals(Optional.of("7f3a"), refusal.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"G729", "opus", "PCM", "L16", "G.722", "PCMA2"})
    void codecOtherThanPcmaPcmuG722IsRefusedAsUnsupported(String codec) {
        InvalidControlMessageException refusal = refused(START + "&dir=in&codec=" + codec);

        assertEquals(Reason.UNSUPPORTED_CODEC, refusal.reason());
        assertEquals("unsupported codec '" + codec + "'", refusal.getMessage());
        assertEquals(Optional.of(ControlCommand.RECORD_START), refusal.command());
        assertEquals(Optional.of("7f3a"), refusal.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inbound", "outbound", "both", "i", "0"})
    void directionOtherThanInOrOutIsRefusedAsInvalid(String dir) {
        InvalidControlMessageException refusal = refused(START + "&dir=" + dir + "&codec=PCMA");

        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertEquals("dir must be in or out, not '" + dir + "'", refusal.getMessage());
        assertEquals(Optional.of("7f3a"), refusal.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%G1", "%", "%4", "abc%", "%%", "%-1", "%+F", "% F", "%E5%B1%B"})
    void brokenPercentEscapeIsRefused(String value) {
        InvalidControlMessageException refusal = refused("cmd=RecordStopRequest&id=1&remote_name=" + value);

        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertEquals("remote_name has a broken percent escape", refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "%80",               // continuation byte without a lead byte
            "%E5%B1",            // three-byte character cut short
            "%E5%B1A",           // continuation replaced by ASCII
            "%C3%28",            // two-byte lead followed by ASCII
            "%C0%AF",            // overlong '/'
            "%C1%BF",            // overlong, lead byte never valid
            "%E0%80%AF",         // overlong in three bytes
            "%F0%80%80%AF",      // overlong in four bytes
            "%ED%A0%80",         // UTF-16 surrogate D800
            "%ED%BF%BF",         // UTF-16 surrogate DFFF
            "%F4%90%80%80",      // above U+10FFFF
            "%F5%80%80%80",      // lead byte beyond Unicode
            "%FE", "%FF"})
    void invalidUtf8IsRefused(String value) {
        InvalidControlMessageException refusal = refused("cmd=RecordStopRequest&id=1&local_name=" + value);

        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertEquals("local_name is not valid UTF-8", refusal.getMessage());
    }

    @Test
    void rawInvalidUtf8IsRefused() {
        byte[] line = bytes("cmd=RecordStopRequest&id=1&local_name=ab", new byte[] {(byte) 0xFF, (byte) 0xC3}, "");

        assertEquals("local_name is not valid UTF-8", refusedBytes(line).getMessage());
    }

    @Test
    void largestCodePointsOfEachLengthAreAccepted() throws Exception {
        String value = "\u007E\u07FF\uFFFD" + new String(Character.toChars(Character.MAX_CODE_POINT));

        assertEquals(value, ((RecordStopRequest) parse("cmd=RecordStopRequest&id=1&reason=" + value)).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "%0A", "%0D", "%09", "%1B", "%7F", "%C2%85", "%C2%9F", "a%00b"})
    void controlCharacterInAValueIsRefused(String value) {
        InvalidControlMessageException refusal = refused("cmd=RecordStopRequest&id=1&remote_number=" + value);

        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertEquals("remote_number contains a control character", refusal.getMessage());
    }

    @Test
    void rawControlCharacterInAValueIsRefused() {
        assertEquals("reason contains a control character",
                refused("cmd=RecordStopRequest&id=1&reason=a\tb").getMessage());
        assertEquals("reason contains a control character",
                refused("cmd=RecordStopRequest&id=1&reason=a\rb").getMessage());
    }

    @Test
    void binaryJunkIsRefusedAsInvalidRequest() {
        byte[] junk = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03, (byte) 0x9A};

        assertEquals(Reason.INVALID_REQUEST, refusedBytes(junk).reason());
    }

    @Test
    void randomLinesAreEitherReadOrRefusedButNeverCrashTheParser() {
        Random random = new Random(20_240_601L);
        byte[] alphabet = "cmd=RecordStartRequest&id=device&dir=in&codec=PCMA%E5%B1%GZ&+\u0000\r\n\t\u00FF"
                .getBytes(UTF_8);
        for (int round = 0; round < 10_000; round++) {
            byte[] line = new byte[random.nextInt(200)];
            boolean structured = random.nextBoolean();
            for (int i = 0; i < line.length; i++) {
                line[i] = structured ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            try {
                ControlMessage message = ControlMessageParser.parse(line);
                assertTrue(message.id() != null && !message.id().isEmpty());
            } catch (InvalidControlMessageException refusal) {
                assertTrue(refusal.getMessage() != null && refusal.reason() != null);
            } catch (RuntimeException crash) {
                fail("parser crashed on round " + round, crash);
            }
        }
    }

    @Test
    void duplicateKnownKeyIsRefusedAsAmbiguous() {
        InvalidControlMessageException refusal = refused("cmd=RecordStopRequest&id=1&reason=a&reason=b");

        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertEquals("duplicate key reason", refusal.getMessage());
        assertEquals(Optional.of("1"), refusal.id());
    }

    @Test
    void duplicateIdIsRefusedWithoutEchoingEitherId() {
        InvalidControlMessageException refusal = refused("cmd=RecordStopRequest&id=1&id=2");

        assertEquals("duplicate key id", refusal.getMessage());
        assertEquals(Optional.empty(), refusal.id());
        assertEquals(Optional.of(ControlCommand.RECORD_STOP), refusal.command());
    }

    @Test
    void duplicateCmdIsRefusedWithoutACommand() {
        InvalidControlMessageException refusal = refused("cmd=RecordStopRequest&id=1&cmd=RecordStopRequest");

        assertEquals("duplicate key cmd", refusal.getMessage());
        assertEquals(Optional.empty(), refusal.command());
    }

    @Test
    void equalsWithoutAKeyIsRefused() {
        assertEquals("a value without a key", refused("cmd=RecordStopRequest&=7f3a&id=1").getMessage());
        assertEquals("a value without a key", refused("cmd=RecordStopRequest&id=1&=").getMessage());
    }

    @Test
    void pairWithoutEqualsIsRefused() {
        assertEquals("a pair without '='", refused("cmd=RecordStopRequest&id=1&garbage").getMessage());
    }

    @Test
    void idIsEchoedWhenALaterValueIsBroken() {
        InvalidControlMessageException refusal = refused("cmd=RecordStartRequest&id=7f3a&remote_name=%ZZ");

        assertEquals(Optional.of("7f3a"), refusal.id());
        assertEquals(Optional.of(ControlCommand.RECORD_START), refusal.command());
    }

    @Test
    void idIsEchoedWhenAnEarlierValueIsBroken() {
        InvalidControlMessageException refusal = refused("remote_name=%FF&cmd=RecordStopRequest&id=7f3a");

        assertEquals("remote_name is not valid UTF-8", refusal.getMessage());
        assertEquals(Optional.of("7f3a"), refusal.id());
        assertEquals(Optional.of(ControlCommand.RECORD_STOP), refusal.command());
    }

    @Test
    void firstProblemOfALineIsTheOneReported() {
        assertEquals("remote_name has a broken percent escape",
                refused("cmd=RecordStopRequest&id=1&remote_name=%&local_name=%FF&x").getMessage());
    }

    @Test
    void brokenIdIsNotEchoed() {
        InvalidControlMessageException refusal = refused("cmd=RecordStopRequest&id=%0A1");

        assertEquals("id contains a control character", refusal.getMessage());
        assertEquals(Optional.empty(), refusal.id());
    }

    @Test
    void sixtyFourPairsAreAccepted() throws Exception {
        assertEquals("1", parse(pairs(ControlMessageParser.MAX_PAIRS)).id());
    }

    @Test
    void sixtyFivePairsAreRefused() {
        InvalidControlMessageException refusal = refused(pairs(ControlMessageParser.MAX_PAIRS + 1));

        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertEquals("more than 64 key=value pairs", refusal.getMessage());
        assertEquals(Optional.of("1"), refusal.id());
    }

    @Test
    void veryManyPairsAreRefused() {
        assertEquals("more than 64 key=value pairs", refused(pairs(100_000)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "山", "\uD83D\uDCDE"})
    void valueOf256CharactersIsAccepted(String character) throws Exception {
        String value = character.repeat(ControlMessageParser.MAX_VALUE_CHARS);

        assertEquals(value, ((RecordStopRequest) parse(
                "cmd=RecordStopRequest&id=1&remote_name=" + percentEncode(value))).remoteName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "山", "\uD83D\uDCDE"})
    void valueOf257CharactersIsRefused(String character) {
        String value = character.repeat(ControlMessageParser.MAX_VALUE_CHARS + 1);

        assertEquals("remote_name is longer than 256 characters",
                refused("cmd=RecordStopRequest&id=1&remote_name=" + value).getMessage());
    }

    private static ControlMessage parse(String line) throws InvalidControlMessageException {
        return ControlMessageParser.parse(line.getBytes(UTF_8));
    }

    private static InvalidControlMessageException refused(String line) {
        return refusedBytes(line.getBytes(UTF_8));
    }

    private static InvalidControlMessageException refusedBytes(byte[] line) {
        InvalidControlMessageException refusal =
                assertThrows(InvalidControlMessageException.class, () -> ControlMessageParser.parse(line));
        assertNotNull(refusal.reason());
        return refusal;
    }

    /** A valid stop request padded with unknown keys to {@code count} pairs in all. */
    private static String pairs(int count) {
        StringJoiner line = new StringJoiner("&");
        line.add("cmd=RecordStopRequest").add("id=1");
        for (int i = 2; i < count; i++) {
            line.add("k" + i + "=v");
        }
        return line.toString();
    }

    private static String percentEncode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(UTF_8)) {
            encoded.append(String.format("%%%02X", b & 0xFF));
        }
        return encoded.toString();
    }

    private static byte[] bytes(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(UTF_8));
        return out.toByteArray();
    }
}
