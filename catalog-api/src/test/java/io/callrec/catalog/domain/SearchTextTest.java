package io.callrec.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void lowerCasesAndTriplesEveryNonAsciiCharacter() {
        assertThat(SearchText.normalize("山田 Taro")).isEqualTo("山山山田田田 taro");
        assertThat(SearchText.normalize("MÜLLER")).isEqualTo("müüüller");
        assertThat(SearchText.normalize("0312")).isEqualTo("0312");
        assertThat(SearchText.normalize("𠮷野")).isEqualTo("𠮷𠮷𠮷野野野");
    }

    @Test
    void keepsFieldsOnLinesOfTheirOwn() {
        assertThat(SearchText.of("1001", null, "Bob")).isEqualTo("1001\n\nbob");
    }

    /** Substring matching on the stored form agrees with substring matching on the names themselves. */
    @Test
    void matchesExactlyWhereTheOriginalMatches() {
        List<String> names = List.of("山田太郎", "田田中", "müller", "ünal", "aüüb", "佐藤 hanako");
        List<String> queries = List.of("田", "田中", "田田", "山田太", "ü", "üü", "ül", "aü", "üb", "藤 h", "l");
        for (String name : names) {
            for (String query : queries) {
                assertThat(SearchText.of(name).contains(SearchText.normalize(query)))
                        .as("'%s' in '%s'", query, name)
                        .isEqualTo(name.toLowerCase().contains(query.toLowerCase()));
            }
        }
    }
}
