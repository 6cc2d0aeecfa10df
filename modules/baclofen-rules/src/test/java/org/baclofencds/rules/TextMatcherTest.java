package org.baclofencds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextMatcherTest {
    private final TextMatcher m =
            new TextMatcher(List.of("lithium", "Lithium Carbonate", "co-codamol", " ", "ibuprofen"));

    @Test
    void findsWholeWordsWhateverTheirCase() {
        assertThat(m.find("IBUPROFEN 400 mg tablet")).isEqualTo("IBUPROFEN");
        assertThat(m.find("take co-codamol 30/500")).isEqualTo("co-codamol");
        assertThat(m.find("ibuprofen400")).isNull();
        assertThat(m.find("dexibuprofen")).isNull();
        assertThat(m.find("lithiums")).isNull();
        assertThat(m.find("")).isNull();
        assertThat(m.find(null)).isNull();
    }

    @Test
    void theLeftmostMatchWinsAndThereTheLongestName() {
        assertThat(m.find("lithium carbonate 300 mg")).isEqualTo("lithium carbonate");
        assertThat(m.find("lithium citrate")).isEqualTo("lithium");
        assertThat(m.find("ibuprofen and lithium carbonate")).isEqualTo("ibuprofen");
    }

    @Test
    void noNamesMatchNothing() {
        assertThat(new TextMatcher(List.of()).find("anything")).isNull();
    }
}
