package org.baclofencds.rules.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baclofencds.rules.Fixtures.about;
import static org.baclofencds.rules.Fixtures.alert;
import static org.baclofencds.rules.Fixtures.condition;
import static org.baclofencds.rules.Fixtures.daysBefore;
import static org.baclofencds.rules.Fixtures.detail;
import static org.baclofencds.rules.Fixtures.obs;
import static org.baclofencds.rules.Fixtures.oral;
import static org.baclofencds.rules.Fixtures.patient;
import static org.baclofencds.rules.Fixtures.rec;
import static org.baclofencds.rules.Fixtures.severity;

import java.math.BigDecimal;
import java.util.List;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.Fixtures;
import org.baclofencds.rules.RenalBand;
import org.baclofencds.rules.RenalFunction;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** renal-dose-adjustment, renal-function-unknown and the renal-function reading behind them. */
class RenalChecksTest {

    static Observation crcl(String value) {
        return obs("crcl", "2164-2", value, "mL/min", daysBefore(10));
    }

    static Observation egfr(String value) {
        return obs("egfr", "98979-8", value, "mL/min/{1.73_m2}", daysBefore(10));
    }

    static RenalFunction renal(Observation... o) {
        return rec().order(oral("a", "10", "TID")).obs(o).analyse().renal();
    }

    @Nested
    class Bands {
        @ParameterizedTest
        @CsvSource({
            "80.01,NORMAL",
            "80,MILD",
            "50,MILD",
            "49.99,MODERATE",
            "30,MODERATE",
            "29.99,SEVERE",
            "15,SEVERE",
            "14.99,END_STAGE"
        })
        void creatinineClearanceBoundaries(String value, RenalBand band) {
            assertThat(RenalBand.forCreatinineClearance(new BigDecimal(value))).isEqualTo(band);
            assertThat(renal(crcl(value)).band()).isEqualTo(band);
        }

        @ParameterizedTest
        @CsvSource({
            "90,NORMAL",
            "89.9,MILD",
            "60,MILD",
            "59.9,MODERATE",
            "30,MODERATE",
            "29.9,SEVERE",
            "15,SEVERE",
            "14.9,END_STAGE"
        })
        void egfrBoundaries(String value, RenalBand band) {
            assertThat(RenalBand.forEgfr(new BigDecimal(value))).isEqualTo(band);
            assertThat(renal(egfr(value)).band()).isEqualTo(band);
        }

        @Test
        void egfrReportedBelowAValueBandsBelowIt() {
            Observation o = egfr("15");
            o.getValueQuantity().setComparator(org.hl7.fhir.r4.model.Quantity.QuantityComparator.LESS_THAN);
            assertThat(renal(o).band()).isEqualTo(RenalBand.END_STAGE);
        }
    }

    @Nested
    class Reading {
        @Test
        void measuredClearanceWinsOverEgfr() {
            RenalFunction r = renal(crcl("70"), egfr("20"));
            assertThat(r.band()).isEqualTo(RenalBand.MILD);
            assertThat(r.measure()).isEqualTo("measured creatinine clearance");
            assertThat(r.description()).contains("70 mL/min", "measured creatinine clearance");
        }

        @Test
        void cockcroftGaultFromCreatinineAgeSexAndWeight() {
            // (140 − 70) × 70 / (72 × 1.4) = 48.61 mL/min, male
            RenalFunction r = rec().patient(patient(70, AdministrativeGender.MALE))
                    .order(oral("a", "10", "TID"))
                    .obs(
                            obs("cr", "2160-0", "1.4", "mg/dL", daysBefore(5)),
                            obs("w", "29463-7", "70", "kg", daysBefore(40)))
                    .analyse()
                    .renal();
            assertThat(r.measure()).isEqualTo("Cockcroft–Gault creatinine clearance");
            assertThat(r.value()).isBetween(new BigDecimal("48.61"), new BigDecimal("48.62"));
            assertThat(r.band()).isEqualTo(RenalBand.MODERATE);
            assertThat(r.evidence()).hasSize(2);
        }

        @Test
        void cockcroftGaultAppliesTheFemaleFactorAndConvertsUmolAndPounds() {
            // 1.4 mg/dL = 123.76 umol/L; 70 kg = 154.32358 lb; × 0.85 = 41.32 mL/min
            RenalFunction r = rec().patient(patient(70, AdministrativeGender.FEMALE))
                    .order(oral("a", "10", "TID"))
                    .obs(
                            obs("cr", "14682-9", "123.76", "umol/L", daysBefore(5)),
                            obs("w", "29463-7", "154.32358", "[lb_av]", daysBefore(40)))
                    .analyse()
                    .renal();
            assertThat(r.value()).isBetween(new BigDecimal("41.31"), new BigDecimal("41.33"));
            assertThat(r.description()).contains("× 0.85 female");
        }

        @Test
        void anyUcumUnitOfTheRightKindConverts() {
            // Creatinine 1.4 mg/dL = 0.014 g/L = 14 mg/L = 123.76 µmol/L = 0.12376 mmol/L; weight 70 kg = 70000 g =
            // 2469.18 oz = 154.32 lb: the same 48.61 mL/min, male, as from mg/dL and kg.
            for (String[] units : List.of(
                    new String[] {"0.014", "g/L", "70000", "g"},
                    new String[] {"14", "mg/L", "70", "KG"},
                    new String[] {"0.12376", "mmol/L", "2469.17728", "[oz_av]"},
                    new String[] {"123.76", "\u00b5mol/L", "154.32358", "lbs"})) {
                String code = units[1].contains("mol") ? "14682-9" : "2160-0";
                RenalFunction r = rec().patient(patient(70, AdministrativeGender.MALE))
                        .order(oral("a", "10", "TID"))
                        .obs(
                                obs("cr", code, units[0], units[1], daysBefore(5)),
                                obs("w", "29463-7", units[2], units[3], daysBefore(40)))
                        .analyse()
                        .renal();
                assertThat(r.value())
                        .as(String.join(" ", units))
                        .isBetween(new BigDecimal("48.60"), new BigDecimal("48.62"));
            }
        }

        @Test
        void aClearanceInMillilitresPerSecondIsConvertedToPerMinute() {
            // 0.4 mL/s = 24 mL/min: severe, not end-stage
            RenalFunction r = renal(obs("c", "2164-2", "0.4", "mL/s", daysBefore(1)));
            assertThat(r.value()).isEqualByComparingTo("24");
            assertThat(r.band()).isEqualTo(RenalBand.SEVERE);
            assertThat(r.description()).contains("0.4 mL/s (24 mL/min)");
        }

        @Test
        void withoutWeightFallsBackToEgfrAndSaysSo() {
            RenalFunction r = rec().patient(patient(70, AdministrativeGender.MALE))
                    .order(oral("a", "10", "TID"))
                    .obs(obs("cr", "2160-0", "1.4", "mg/dL", daysBefore(5)), egfr("45"))
                    .analyse()
                    .renal();
            assertThat(r.measure()).isEqualTo("eGFR");
            assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("no usable body weight"));
        }

        @Test
        void aResultFromExactly365DaysAgoCountsButNot366() {
            assertThat(renal(obs("c", "2164-2", "20", "mL/min", daysBefore(365)))
                            .band())
                    .isEqualTo(RenalBand.SEVERE);
            RenalFunction old = renal(obs("c", "2164-2", "20", "mL/min", daysBefore(366)));
            assertThat(old.known()).isFalse();
            assertThat(old.anyResult()).isFalse();
        }

        @Test
        void implausibleValuesAndWrongUnitsAreIgnoredWithTheReason() {
            RenalFunction r = renal(
                    obs("c1", "2164-2", "500", "mL/min", daysBefore(1)),
                    obs("c2", "2164-2", "40", "mg/dL", daysBefore(2)),
                    obs("c3", "2164-2", "70", "mL/min", daysBefore(3)));
            assertThat(r.value()).isEqualByComparingTo("70");
            assertThat(r.notes())
                    .anySatisfy(n -> assertThat(n).contains("plausible range above 0 to 300 mL/min (local policy)"));
            assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("is not a flow such as mL/min"));
        }

        @Test
        void enteredInErrorResultsAreIgnored() {
            Observation o = crcl("20");
            o.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
            assertThat(renal(o).known()).isFalse();
        }

        @Test
        void endStageConditionDecidesEvenWithNormalLabs() {
            RenalFunction r = rec().order(oral("a", "10", "TID"))
                    .obs(crcl("90"))
                    .condition(condition("esrd", "46177005", "End-stage renal disease"))
                    .analyse()
                    .renal();
            assertThat(r.band()).isEqualTo(RenalBand.END_STAGE);
        }
    }

    @Nested
    class DoseAdjustment {
        private CommunicationRequest alertFor(String mgTid, Observation lab) {
            List<CommunicationRequest> alerts =
                    rec().order(oral("a", mgTid, "TID")).obs(lab).evaluate();
            return alerts.stream()
                    .filter(a -> AlertCodes.RENAL_DOSE_ADJUSTMENT.equals(Fixtures.code(a)))
                    .findFirst()
                    .orElse(null);
        }

        @Test
        void mildImpairmentFiresLowOnlyAboveFiftyThree() {
            assertThat(alertFor("17.6", crcl("60"))).isNull(); // 52.8 mg/day
            CommunicationRequest a = alertFor("18", crcl("60")); // 54 mg/day
            assertThat(severity(a)).isEqualTo("low");
            assertThat(a.getPriority().toCode()).isEqualTo("routine");
            assertThat(detail(a)).contains("measured creatinine clearance", "60 mL/min", "53 mg/day", "local policy");
            assertThat(a.getReasonReferenceFirstRep().getReference()).isEqualTo("Observation/crcl");
        }

        @Test
        void normalFunctionIsQuietAtAnyLegalDose() {
            assertThat(alertFor("20", crcl("80.01"))).isNull();
            assertThat(alertFor("20", egfr("90"))).isNull();
        }

        @Test
        void moderateImpairmentFiresModerateAboveForty() {
            assertThat(alertFor("13", egfr("45"))).isNull(); // 39 mg/day
            assertThat(severity(alertFor("15", egfr("45")))).isEqualTo("moderate"); // 45 mg/day
        }

        @Test
        void moderateImpairmentFiresForANewStartOfTwentyOrMore() {
            MedicationRequest draft = DoseChecksTest.draft("d", "10", "BID");
            List<CommunicationRequest> alerts =
                    rec().draft(draft).obs(crcl("40")).evaluate();
            assertThat(severity(alert(alerts, AlertCodes.RENAL_DOSE_ADJUSTMENT)))
                    .isEqualTo("moderate");
            List<String> quiet = rec().draft(DoseChecksTest.draft("d", "5", "TID"))
                    .obs(crcl("40"))
                    .codes();
            assertThat(quiet).doesNotContain(AlertCodes.RENAL_DOSE_ADJUSTMENT);
        }

        @Test
        void severeImpairmentFiresHighAtAnyDose() {
            CommunicationRequest a = alertFor("5", egfr("29"));
            assertThat(severity(a)).isEqualTo("high");
            assertThat(about(a)).containsExactly("MedicationRequest/a");
        }

        @Test
        void dialysisFiresHighWithTheConditionAsEvidence() {
            List<CommunicationRequest> alerts = rec().order(oral("a", "5", "TID"))
                    .condition(condition("hd", "265764009", "Renal dialysis"))
                    .evaluate();
            CommunicationRequest a = alert(alerts, AlertCodes.RENAL_DOSE_ADJUSTMENT);
            assertThat(severity(a)).isEqualTo("high");
            assertThat(a.getReasonReferenceFirstRep().getReference()).isEqualTo("Condition/hd");
        }
    }

    @Nested
    class Unknown {
        @Test
        void firesAtSixtyFiveWithoutResults() {
            List<String> codes = rec().patient(patient(65, AdministrativeGender.MALE))
                    .order(oral("a", "10", "TID"))
                    .codes();
            assertThat(codes).contains(AlertCodes.RENAL_FUNCTION_UNKNOWN);
        }

        @Test
        void quietAtSixtyFour() {
            List<String> codes = rec().patient(patient(64, AdministrativeGender.MALE))
                    .order(oral("a", "10", "TID"))
                    .codes();
            assertThat(codes).doesNotContain(AlertCodes.RENAL_FUNCTION_UNKNOWN);
        }

        @Test
        void firesWithChronicKidneyDiseaseAtAnyAge() {
            List<String> codes = rec().order(oral("a", "10", "TID"))
                    .condition(condition("ckd", "433144002", "Chronic kidney disease stage 3"))
                    .codes();
            assertThat(codes).contains(AlertCodes.RENAL_FUNCTION_UNKNOWN);
        }

        @Test
        void aDialysisConditionIsNoResult() {
            List<String> codes = rec().order(oral("a", "5", "BID"))
                    .condition(condition("esrd", "46177005", "End-stage renal disease"))
                    .codes();
            assertThat(codes).contains(AlertCodes.RENAL_FUNCTION_UNKNOWN, AlertCodes.RENAL_DOSE_ADJUSTMENT);
        }

        @Test
        void aCreatinineWithoutWeightIsNamedNeverCalledMissing() {
            List<CommunicationRequest> alerts = rec().patient(patient(80, AdministrativeGender.MALE))
                    .order(oral("a", "10", "TID"))
                    .obs(obs("cr", "2160-0", "1.0", "mg/dL", daysBefore(365)))
                    .evaluate();
            String detail = Fixtures.detail(Fixtures.alert(alerts, AlertCodes.RENAL_FUNCTION_UNKNOWN));
            assertThat(detail)
                    .contains("creatinine 1 mg/dL", "no usable body weight")
                    .doesNotContain("There is no");
        }

        @Test
        void aResultOlderThan365DaysIsNot() {
            List<String> codes = rec().patient(patient(80, AdministrativeGender.MALE))
                    .order(oral("a", "10", "TID"))
                    .obs(obs("cr", "2160-0", "1.0", "mg/dL", daysBefore(366)))
                    .codes();
            assertThat(codes).contains(AlertCodes.RENAL_FUNCTION_UNKNOWN);
        }
    }
}
