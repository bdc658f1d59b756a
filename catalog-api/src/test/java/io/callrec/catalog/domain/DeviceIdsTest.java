package io.callrec.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceIdsTest {

    @Test
    void everySpellingOfAMacBecomesLowerCaseWithColons() {
        assertThat(DeviceIds.normalize("0C:38:3E:00:00:01")).isEqualTo("0c:38:3e:00:00:01");
        assertThat(DeviceIds.normalize("0c-38-3e-00-00-01")).isEqualTo("0c:38:3e:00:00:01");
        assertThat(DeviceIds.normalize(" 0C383E000001 ")).isEqualTo("0c:38:3e:00:00:01");
    }

    @Test
    void anythingElseIsOnlyTrimmedAndLowerCased() {
        assertThat(DeviceIds.normalize(" Lobby-Phone ")).isEqualTo("lobby-phone");
        assertThat(DeviceIds.normalize("0c383e0000")).isEqualTo("0c383e0000");
        assertThat(DeviceIds.normalize("  ")).isNull();
        assertThat(DeviceIds.normalize(null)).isNull();
    }
}
