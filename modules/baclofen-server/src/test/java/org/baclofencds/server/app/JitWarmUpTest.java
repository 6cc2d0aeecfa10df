package org.baclofencds.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.rules.RulesConfig;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {
    private static final BaclofenEngine ENGINE =
            BaclofenApplication.engine(Knowledge.loadFromClasspath(FhirContext.forR4Cached()), RulesConfig.defaults());

    @Test
    void runsTheGivenNumberOfAnalysesInTheBackgroundAndEnds() throws Exception {
        try (JitWarmUp warmUp = JitWarmUp.start(ENGINE, 25)) {
            assertThat(warmUp.await(60_000)).isEqualTo(25);
            assertThat(warmUp.running()).isFalse();
        }
    }

    @Test
    void closingTheApplicationStopsIt() throws Exception {
        JitWarmUp warmUp = JitWarmUp.start(ENGINE, Integer.MAX_VALUE);
        warmUp.close();
        int done = warmUp.await(60_000);
        assertThat(warmUp.running()).isFalse();
        assertThat(done).isLessThan(Integer.MAX_VALUE);
    }
}
