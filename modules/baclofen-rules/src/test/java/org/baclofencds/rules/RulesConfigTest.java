package org.baclofencds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class RulesConfigTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void readsDisabledCodesAndMinimumSeverity() {
        RulesConfig c = RulesConfig.fromProperties(
                props("disabled", " patient-education , pediatric-use", "minimum-severity", "Moderate"));
        assertThat(c.disabledCodes()).containsExactlyInAnyOrder("patient-education", "pediatric-use");
        assertThat(c.minimumSeverity()).isEqualTo(Severity.MODERATE);
        assertThat(c.emits("patient-education", Severity.HIGH)).isFalse();
        assertThat(c.emits("max-daily-dose", Severity.LOW)).isFalse();
        assertThat(c.emits("max-daily-dose", Severity.MODERATE)).isTrue();
    }

    @Test
    void emptyPropertiesAreTheDefaults() {
        assertThat(RulesConfig.fromProperties(new Properties())).isEqualTo(RulesConfig.defaults());
    }

    @Test
    void unknownCodeIsRefusedByName() {
        assertThatThrownBy(() -> RulesConfig.fromProperties(props("disabled", "max-dose")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'max-dose'");
    }

    @Test
    void unknownKeyIsRefusedByName() {
        assertThatThrownBy(() -> RulesConfig.fromProperties(props("minimum-severty", "low")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimum-severty");
    }

    @Test
    void unknownSeverityIsRefused() {
        assertThatThrownBy(() -> RulesConfig.fromProperties(props("minimum-severity", "critical")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("low, moderate or high");
    }

    @Test
    void theEngineDropsDisabledAndLowerAlerts() {
        BaclofenEngine engine = new BaclofenEngine(
                Fixtures.KNOWLEDGE,
                RulesConfig.fromProperties(props("disabled", "duplicate-therapy", "minimum-severity", "high")),
                org.baclofencds.rules.checks.Checks.all());
        var alerts = engine.evaluate(
                Fixtures.rec()
                        .order(Fixtures.oral("a", "50", "BID"), Fixtures.oral("b", "10", "QD"))
                        .build(),
                "g");
        assertThat(Fixtures.codes(alerts)).containsExactly(AlertCodes.MAX_DAILY_DOSE);
    }

    @Test
    void everyAlertCodeIsKnownToTheKnowledge() {
        for (String code : AlertCodes.ALL) {
            assertThat(Fixtures.KNOWLEDGE.alertCode(code).code()).isEqualTo(code);
        }
        assertThat(AlertCodes.ALL).hasSize(26).doesNotHaveDuplicates();
    }
}
