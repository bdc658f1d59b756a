package io.callrec.simulator.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentEncodingTest {

    @Test
    void escapesSeparatorsSpacesPlusAndNonAscii() {
        assertThat(PercentEncoding.encode("a&b=c%d+e f")).isEqualTo("a%26b%3Dc%25d%2Be%20f");
        assertThat(PercentEncoding.encode("王")).isEqualTo("%E7%8E%8B");
    }

    @Test
    void leavesPlainValuesAlone() {
        assertThat(PercentEncoding.encode("0c:38:3e:00:00:01")).isEqualTo("0c:38:3e:00:00:01");
    }

    @Test
    void decodesUtf8EscapesAndKeepsPlusAsPlus() {
        assertThat(PercentEncoding.decode("%E5%B1%B1%E7%94%B0+1")).isEqualTo("山田+1");
    }

    @Test
    void keepsABrokenEscapeAsItIs() {
        assertThat(PercentEncoding.decode("100%-sure%4")).isEqualTo("100%-sure%4");
    }

    @Test
    void decodingUndoesEncoding() {
        String value = "Zoë & 佐藤 +81 100%";
        assertThat(PercentEncoding.decode(PercentEncoding.encode(value))).isEqualTo(value);
    }
}
