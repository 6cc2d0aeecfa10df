package org.baclofencds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baclofencds.rules.Fixtures.dose;
import static org.baclofencds.rules.Fixtures.doseEvery;
import static org.baclofencds.rules.Fixtures.qty;

import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Timing;
import org.hl7.fhir.r4.model.Timing.UnitsOfTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DosagesTest {

    private static final Strength TWO_MG_PER_ML =
            new Strength(new BigDecimal("2"), Units.DoseUnit.ML, "2 mg/mL", "test product");
    private static final Strength TEN_MG_TABLET =
            new Strength(new BigDecimal("10"), Units.DoseUnit.TABLET, "10 mg/tablet", "test product");

    private static DailyDose oral(Dosage... d) {
        return Dosages.dailyDose(List.of(d), false, null);
    }

    private static void assertMgPerDay(DailyDose dose, String expected) {
        assertThat(dose.computable()).as(dose.explanation()).isTrue();
        assertThat(dose.value()).isEqualByComparingTo(expected);
    }

    @Test
    void multipliesMilligramDoseByTimingCodeAndExplainsIt() {
        DailyDose d = oral(dose("20", "mg", "TID"));
        assertMgPerDay(d, "60");
        assertThat(d.unit()).isEqualTo("mg");
        assertThat(d.explanation()).isEqualTo("20 mg × 3/day (TID) = 60 mg/day");
    }

    @ParameterizedTest
    @CsvSource({
        "QD,10", "QOD,5", "BID,20", "TID,30", "QID,40", "AM,10", "PM,10", "Q4H,60", "Q6H,40", "Q8H,30", "Q12H,20"
    })
    void readsEveryTimingCode(String code, String expected) {
        assertMgPerDay(oral(dose("10", "mg", code)), expected);
    }

    @ParameterizedTest
    @CsvSource({
        "1,8,H,30", // every 8 hours
        "3,1,D,30",
        "2,1,D,20",
        "1,2,D,5",
        "14,1,WK,20",
        "1,720,MIN,20",
        "1,43200,S,20",
    })
    void readsRepeatFrequencyAndPeriodInEveryUnit(int frequency, String period, String unit, String expected) {
        assertMgPerDay(oral(doseEvery("10", "mg", frequency, period, UnitsOfTime.valueOf(unit))), expected);
    }

    @Test
    void monthlyPeriodUsesTheUcumMeanMonth() {
        DailyDose d = oral(doseEvery("30.4375", "mg", 1, "1", UnitsOfTime.MO));
        assertMgPerDay(d, "1");
    }

    @Test
    void frequencyMaxCountsWhenPresent() {
        Dosage d = doseEvery("10", "mg", 2, "1", UnitsOfTime.D);
        d.getTiming().getRepeat().setFrequencyMax(4);
        assertMgPerDay(oral(d), "40");
    }

    @Test
    void countsTimesOfDay() {
        Dosage d = dose("5", "mg", null);
        d.getTiming()
                .getRepeat()
                .addTimeOfDay("08:00:00")
                .addTimeOfDay("14:00:00")
                .addTimeOfDay("20:00:00");
        assertMgPerDay(oral(d), "15");
    }

    @Test
    void countsWhenEvents() {
        Dosage d = dose("10", "mg", null);
        d.getTiming().getRepeat().addWhen(Timing.EventTiming.MORN).addWhen(Timing.EventTiming.EVE);
        DailyDose dd = oral(d);
        assertMgPerDay(dd, "20");
        assertThat(dd.explanation()).contains("morning, evening");
    }

    @Test
    void convertsGramsAndMicrogramsToMilligrams() {
        assertMgPerDay(oral(dose("0.02", "g", "TID")), "60");
        DailyDose ug = oral(dose("5000", "ug", "TID"));
        assertMgPerDay(ug, "15");
        assertThat(ug.microgramDosed()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"mcg", "µg", "μg", "microgram"})
    void acceptsMicrogramTextUnits(String unit) {
        Dosage d = new Dosage();
        d.addDoseAndRate()
                .setDose(new Quantity().setValue(new BigDecimal("200")).setUnit(unit));
        d.getTiming().getRepeat().setFrequency(1).setPeriod(BigDecimal.ONE).setPeriodUnit(UnitsOfTime.D);
        DailyDose it = Dosages.dailyDose(List.of(d), true, null);
        assertThat(it.computable()).as(it.explanation()).isTrue();
        assertThat(it.value()).isEqualByComparingTo("200");
        assertThat(it.unit()).isEqualTo("mcg");
    }

    @Test
    void intrathecalMilligramDoseBecomesMicrograms() {
        DailyDose it = Dosages.dailyDose(List.of(dose("0.4", "mg", "QD")), true, null);
        assertThat(it.value()).isEqualByComparingTo("400");
        assertThat(it.display()).isEqualTo("400 mcg/day");
    }

    @Test
    void convertsMillilitresThroughTheConcentration() {
        DailyDose d = Dosages.dailyDose(List.of(dose("5", "mL", "TID")), false, TWO_MG_PER_ML);
        assertMgPerDay(d, "30");
        assertThat(d.explanation()).contains("5 mL × 2 mg/mL = 10 mg");
    }

    @Test
    void convertsTabletsThroughTheStrength() {
        DailyDose d = Dosages.dailyDose(List.of(dose("2", "{tablet}", "QID")), false, TEN_MG_TABLET);
        assertMgPerDay(d, "80");
    }

    @Test
    void millilitresWithoutAKnownConcentrationAreNotComputable() {
        DailyDose d = oral(dose("5", "mL", "TID"));
        assertThat(d.computable()).isFalse();
        assertThat(d.explanation()).contains("does not say the product's strength or concentration");
    }

    @Test
    void tabletDoseAgainstAConcentrationPerMillilitreIsNotComputable() {
        DailyDose d = Dosages.dailyDose(List.of(dose("1", "{tablet}", "TID")), false, TWO_MG_PER_ML);
        assertThat(d.computable()).isFalse();
        assertThat(d.explanation()).contains("per mL");
    }

    @Test
    void unknownUnitIsNotComputable() {
        assertThat(oral(dose("2", "puff", "BID")).explanation()).contains("'puff'");
    }

    @Test
    void doseRangeCountsAtItsHighEnd() {
        Dosage d = dose("1", "mg", "TID");
        d.getDoseAndRateFirstRep().setDose(new Range().setLow(qty("5", "mg")).setHigh(qty("10", "mg")));
        DailyDose dd = oral(d);
        assertMgPerDay(dd, "30");
        assertThat(dd.explanation()).contains("high end");
    }

    @Test
    void doseRangeWithoutHighIsNotComputable() {
        Dosage d = dose("1", "mg", "TID");
        d.getDoseAndRateFirstRep().setDose(new Range().setLow(qty("5", "mg")));
        assertThat(oral(d).computable()).isFalse();
    }

    @Test
    void asNeededCountsAtMaxDosePerPeriod() {
        Dosage d = dose("10", "mg", "Q4H");
        d.setAsNeeded(new BooleanType(true));
        d.setMaxDosePerPeriod(new Ratio().setNumerator(qty("30", "mg")).setDenominator(qty("1", "d")));
        DailyDose dd = oral(d);
        assertMgPerDay(dd, "30");
        assertThat(dd.explanation()).startsWith("as needed, at most 30 mg per 1 d");
    }

    @Test
    void asNeededMaxPerPeriodInHoursIsScaledToADay() {
        Dosage d = dose("10", "mg", null);
        d.setAsNeeded(new CodeableConcept().setText("spasm"));
        d.setMaxDosePerPeriod(new Ratio().setNumerator(qty("20", "mg")).setDenominator(qty("12", "h")));
        assertMgPerDay(oral(d), "40");
    }

    @Test
    void asNeededWithoutMaximumCountsAtItsFrequency() {
        Dosage d = dose("10", "mg", "TID");
        d.setAsNeeded(new BooleanType(true));
        assertMgPerDay(oral(d), "30");
    }

    @Test
    void asNeededWithNeitherMaximumNorFrequencyIsNotComputable() {
        Dosage d = dose("10", "mg", null);
        d.setAsNeeded(new BooleanType(true));
        DailyDose dd = oral(d);
        assertThat(dd.computable()).isFalse();
        assertThat(dd.explanation()).contains("neither a maximum per period nor how often");
    }

    @Test
    void missingFrequencyIsNotComputable() {
        DailyDose dd = oral(dose("10", "mg", null));
        assertThat(dd.computable()).isFalse();
        assertThat(dd.explanation()).contains("no frequency");
        assertThat(dd.perAdministrationMg()).containsExactly(new BigDecimal("10"));
    }

    @Test
    void missingDosageIsNotComputable() {
        assertThat(Dosages.dailyDose(List.of(), false, null).explanation()).contains("no dose instructions");
    }

    @Test
    void instructionsWithoutSequenceAreSummed() {
        Dosage morning = dose("10", "mg", "AM");
        Dosage night = dose("20", "mg", "PM");
        DailyDose d = oral(morning, night);
        assertMgPerDay(d, "30");
        assertThat(d.explanation()).contains("taken together");
    }

    @Test
    void instructionsWithTheSameSequenceAreSummedAndSequencesTakeTheLargest() {
        Dosage step1 = dose("5", "mg", "TID").setSequence(1);
        Dosage step2a = dose("10", "mg", "BID").setSequence(2);
        Dosage step2b = dose("20", "mg", "PM").setSequence(2);
        DailyDose d = oral(step1, step2a, step2b);
        assertMgPerDay(d, "40");
        assertThat(d.explanation()).contains("largest step 40 mg/day");
    }

    @Test
    void oneUncomputableInstructionMakesTheOrderUncomputableAndSaysWhich() {
        DailyDose d = oral(dose("10", "mg", "TID"), dose("5", "mL", "QD"));
        assertThat(d.computable()).isFalse();
        assertThat(d.explanation()).startsWith("instruction 2:");
    }

    @Test
    void formatsWithoutTrailingNoise() {
        assertThat(Numbers.format(new BigDecimal("60.000"))).isEqualTo("60");
        assertThat(Numbers.format(new BigDecimal("53.3333333"))).isEqualTo("53.33");
        assertThat(Numbers.format(new BigDecimal("0.50"))).isEqualTo("0.5");
        assertThat(Numbers.format(new BigDecimal("1E+2"))).isEqualTo("100");
    }

    @Test
    void everyEightHoursReadsAsSuch() {
        assertThat(oral(doseEvery("10", "mg", 1, "8", UnitsOfTime.H)).explanation())
                .isEqualTo("10 mg × 3/day (every 8 h) = 30 mg/day");
        assertThat(oral(doseEvery("10", "mg", 3, "1", UnitsOfTime.D)).explanation())
                .isEqualTo("10 mg × 3/day = 30 mg/day");
    }

    @Test
    void intrathecalRateQuantityPerDayIsTheDailyDose() {
        Dosage d = new Dosage();
        d.addDoseAndRate().setRate(qty("400", "ug/d"));
        DailyDose it = Dosages.dailyDose(List.of(d), true, null);
        assertThat(it.value()).isEqualByComparingTo("400");
        assertThat(it.explanation()).isEqualTo("rate 400 mcg per 1 d = 400 mcg/day");
    }

    @Test
    void rateRatioPerHourIsScaledToADay() {
        Dosage d = new Dosage();
        d.addDoseAndRate().setRate(new Ratio().setNumerator(qty("20", "ug")).setDenominator(qty("1", "h")));
        assertThat(Dosages.dailyDose(List.of(d), true, null).value()).isEqualByComparingTo("480");
    }
}
