package org.baclofencds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextMatcherTest {
    private static final String LITHIUM = "vs-lithium";
    private static final String NSAID = "vs-nsaid";
    private static final String OPIOID = "vs-opioid";

    private final TextMatcher m = new TextMatcher(Map.of(
            LITHIUM, List.of("lithium", "Lithium Carbonate", " "),
            NSAID, List.of("ibuprofen", "aspirin"),
            OPIOID, List.of("co-codamol", "codeine", "aspirin and codeine")));

    @Test
    void findsWholeWordsWhateverTheirCase() {
        assertThat(m.find(NSAID, "IBUPROFEN 400 mg tablet")).isEqualTo("IBUPROFEN");
        assertThat(m.find(OPIOID, "take co-codamol 30/500")).isEqualTo("co-codamol");
        assertThat(m.find(NSAID, "ibuprofen400")).isNull();
        assertThat(m.find(NSAID, "dexibuprofen")).isNull();
        assertThat(m.find(LITHIUM, "lithiums")).isNull();
        assertThat(m.find(LITHIUM, "")).isNull();
        assertThat(m.find(LITHIUM, null)).isNull();
    }

    @Test
    void theLeftmostMatchWinsAndThereTheLongestName() {
        assertThat(m.find(LITHIUM, "lithium carbonate 300 mg")).isEqualTo("lithium carbonate");
        assertThat(m.find(LITHIUM, "lithium citrate")).isEqualTo("lithium");
        assertThat(m.find(NSAID, "ibuprofen and lithium carbonate")).isEqualTo("ibuprofen");
    }

    @Test
    void aNameCountsOnlyForTheValueSetsThatPublishIt() {
        assertThat(m.find(LITHIUM, "ibuprofen 400 mg")).isNull();
        assertThat(m.find(OPIOID, "Aspirin and codeine tablets")).isEqualTo("Aspirin and codeine");
        assertThat(m.find(NSAID, "Aspirin and codeine tablets")).isEqualTo("Aspirin");
    }

    @Test
    void onePassFindsEveryValueSetNamed() {
        assertThat(m.valueSetsNamedIn("aspirin and codeine with lithium"))
                .containsExactlyInAnyOrder(NSAID, OPIOID, LITHIUM);
        assertThat(m.valueSetsNamedIn("dexibuprofen, lithiums")).isEmpty();
        assertThat(m.valueSetsNamedIn(null)).isEmpty();
    }

    @Test
    void noNamesMatchNothing() {
        assertThat(new TextMatcher(Map.of()).find(NSAID, "anything")).isNull();
        assertThat(new TextMatcher(Map.of()).valueSetsNamedIn("anything")).isEmpty();
    }
}
