package io.callrec.catalog.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static final long SIZE = 1000;

    private static ByteRange parse(String header) {
        return ByteRange.parse(header, SIZE).orElseThrow();
    }

    @Test
    void readsTheThreeFormsOfASingleRange() {
        assertThat(parse("bytes=0-99")).isEqualTo(new ByteRange(0, 99, SIZE));
        assertThat(parse("bytes=900-")).isEqualTo(new ByteRange(900, 999, SIZE));
        assertThat(parse("bytes=-10")).isEqualTo(new ByteRange(990, 999, SIZE));
        assertThat(parse("bytes=5-5").length()).isEqualTo(1);
    }

    @Test
    void clampsToTheFile() {
        assertThat(parse("bytes=500-5000")).isEqualTo(new ByteRange(500, 999, SIZE));
        assertThat(parse("bytes=-5000")).isEqualTo(new ByteRange(0, 999, SIZE));
    }

    @Test
    void rangeWithoutAnExistingByteIsUnsatisfiable() {
        assertThat(parse("bytes=1000-").satisfiable()).isFalse();
        assertThat(parse("bytes=-0").satisfiable()).isFalse();
        assertThat(parse("bytes=99999999999999999999-").satisfiable()).isFalse();
        assertThat(ByteRange.parse("bytes=-5", 0).orElseThrow().satisfiable()).isFalse();
        assertThat(parse("bytes=1000-").contentRange()).isEqualTo("bytes */1000");
    }

    @Test
    void headersThatAreNotOneByteRangeMeanTheWholeFile() {
        assertThat(ByteRange.parse(null, SIZE)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-6", SIZE)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", SIZE)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", SIZE)).isEmpty();
        assertThat(ByteRange.parse("bytes=9-3", SIZE)).isEmpty();
    }

    @Test
    void contentRangeNamesFirstLastAndTotal() {
        assertThat(parse("bytes=10-19").contentRange()).isEqualTo("bytes 10-19/1000");
    }
}
