package org.baclofencds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NdcsTest {

    @Test
    void keepsElevenDigitCodes() {
        assertThat(Ndcs.normalize("00028002301")).isEqualTo("00028002301");
        assertThat(Ndcs.normalize(" 00028-0023-01 ")).isEqualTo("00028002301");
    }

    @Test
    void padsTheShortSegmentOfDashedTenDigitForms() {
        assertThat(Ndcs.normalize("0028-0023-01")).isEqualTo("00028002301"); // 4-4-2
        assertThat(Ndcs.normalize("00028-023-01")).isEqualTo("00028002301"); // 5-3-2
        assertThat(Ndcs.normalize("00028-0023-1")).isEqualTo("00028002301"); // 5-4-1
    }

    @Test
    void rejectsAmbiguousOrMalformedCodes() {
        assertThat(Ndcs.normalize("0028002301")).isNull(); // 10 digits, no dashes: which segment is short?
        assertThat(Ndcs.normalize("00028-0023")).isNull();
        assertThat(Ndcs.normalize("000280-023-01")).isNull();
        assertThat(Ndcs.normalize("0002A-0023-01")).isNull();
        assertThat(Ndcs.normalize("")).isNull();
        assertThat(Ndcs.normalize(null)).isNull();
    }
}
