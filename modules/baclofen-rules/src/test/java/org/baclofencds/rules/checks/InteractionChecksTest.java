package org.baclofencds.rules.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baclofencds.rules.Fixtures.about;
import static org.baclofencds.rules.Fixtures.alert;
import static org.baclofencds.rules.Fixtures.coded;
import static org.baclofencds.rules.Fixtures.condition;
import static org.baclofencds.rules.Fixtures.daysBefore;
import static org.baclofencds.rules.Fixtures.detail;
import static org.baclofencds.rules.Fixtures.dose;
import static org.baclofencds.rules.Fixtures.obs;
import static org.baclofencds.rules.Fixtures.oral;
import static org.baclofencds.rules.Fixtures.order;
import static org.baclofencds.rules.Fixtures.other;
import static org.baclofencds.rules.Fixtures.patient;
import static org.baclofencds.rules.Fixtures.rec;
import static org.baclofencds.rules.Fixtures.severity;

import java.util.List;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.AlertCodes;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** interaction-* and alcohol. */
class InteractionChecksTest {

    @ParameterizedTest
    @CsvSource({
        "7804,oxycodone,interaction-opioid,high",
        "596,alprazolam,interaction-benzodiazepine,moderate",
        "25480,gabapentin,interaction-cns-depressant,moderate",
        "57258,tizanidine,interaction-cns-depressant,moderate",
        "704,amitriptyline,interaction-tca,moderate",
        "5640,ibuprofen,interaction-nsaid,moderate",
        "6375,levodopa,interaction-levodopa,moderate",
        "6448,lithium,interaction-lithium,moderate",
        "8123,phenelzine,interaction-maoi,moderate"
    })
    void currentBaclofenWithACurrentInteractingOrderFires(String rxnorm, String name, String code, String sev) {
        List<CommunicationRequest> alerts =
                rec().order(oral("b", "10", "TID"), other("x", rxnorm, name)).evaluate();
        CommunicationRequest a = alert(alerts, code);
        assertThat(severity(a)).isEqualTo(sev);
        assertThat(about(a)).containsExactlyInAnyOrder("MedicationRequest/b", "MedicationRequest/x");
        assertThat(detail(a)).contains(name);
    }

    @Test
    void noBaclofenNoInteraction() {
        assertThat(rec().order(other("x", "7804", "oxycodone")).codes()).isEmpty();
    }

    @Test
    void aStoppedInteractingOrderIsNotCurrent() {
        MedicationRequest opioid = other("x", "7804", "oxycodone");
        opioid.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
        assertThat(rec().order(oral("b", "10", "TID"), opioid).codes()).doesNotContain(AlertCodes.INTERACTION_OPIOID);
    }

    @Test
    void aDoNotPerformOrderIsNoTherapy() {
        MedicationRequest opioid = other("x", "7804", "oxycodone");
        opioid.setDoNotPerform(true);
        assertThat(rec().order(oral("b", "10", "TID"), opioid).codes()).doesNotContain(AlertCodes.INTERACTION_OPIOID);
    }

    @Test
    void benzodiazepineIsHighWhenAnOpioidIsAlsoCurrent() {
        List<CommunicationRequest> alerts = rec().order(
                        oral("b", "10", "TID"), other("x", "596", "alprazolam"), other("o", "7052", "morphine"))
                .evaluate();
        CommunicationRequest a = alert(alerts, AlertCodes.INTERACTION_BENZODIAZEPINE);
        assertThat(severity(a)).isEqualTo("high");
        assertThat(detail(a)).contains("an opioid is also current");
    }

    @Test
    void nsaidIsHighFromSixtyFive() {
        assertThat(severity(alert(
                        rec().patient(patient(65, AdministrativeGender.MALE))
                                .order(oral("b", "10", "TID"), other("x", "5640", "ibuprofen"))
                                .evaluate(),
                        AlertCodes.INTERACTION_NSAID)))
                .isEqualTo("high");
    }

    @Test
    void nsaidIsHighWithEgfrBelowSixtyAndModerateAtSixty() {
        assertThat(severity(alert(
                        rec().order(oral("b", "10", "TID"), other("x", "5640", "ibuprofen"))
                                .obs(obs("e", "98979-8", "59", "mL/min/{1.73_m2}", daysBefore(3)))
                                .evaluate(),
                        AlertCodes.INTERACTION_NSAID)))
                .isEqualTo("high");
        assertThat(severity(alert(
                        rec().order(oral("b", "10", "TID"), other("x", "5640", "ibuprofen"))
                                .obs(obs("e", "98979-8", "60", "mL/min/{1.73_m2}", daysBefore(3)))
                                .evaluate(),
                        AlertCodes.INTERACTION_NSAID)))
                .isEqualTo("moderate");
    }

    @Nested
    class Recognition {
        @Test
        void byNameInTheTextWhenNoCodeMatches() {
            MedicationRequest opioid = order(
                    "x", new CodeableConcept().setText("OxyCODONE 5 mg tablet"), daysBefore(1), dose("5", "mg", "Q6H"));
            MedicationRequest bac = order(
                    "b", new CodeableConcept().setText("Baclofen 10mg tab"), daysBefore(60), dose("10", "mg", "TID"));
            assertThat(rec().order(bac, opioid).codes()).contains(AlertCodes.INTERACTION_OPIOID);
        }

        @Test
        void nameMatchIsWholeWordOnly() {
            MedicationRequest notOpioid = order(
                    "x", new CodeableConcept().setText("hydrocodonex cream"), daysBefore(1), dose("1", "mg", "QD"));
            assertThat(rec().order(oral("b", "10", "TID"), notOpioid).codes())
                    .doesNotContain(AlertCodes.INTERACTION_OPIOID);
        }

        @Test
        void byAtcCode() {
            MedicationRequest opioid = order(
                    "x",
                    new CodeableConcept(new Coding(KnowledgeUrls.ATC, "N02AA05", null)),
                    daysBefore(1),
                    dose("5", "mg", "Q6H"));
            MedicationRequest bac = order(
                    "b",
                    new CodeableConcept(new Coding(KnowledgeUrls.ATC, "M03BX01", null)),
                    daysBefore(60),
                    dose("10", "mg", "TID"));
            assertThat(rec().order(bac, opioid).codes()).contains(AlertCodes.INTERACTION_OPIOID);
        }

        @Test
        void byAContainedMedicationIngredient() {
            Medication med = new Medication();
            med.setId("m");
            med.addIngredient().setItem(new CodeableConcept(new Coding(KnowledgeUrls.RXNORM, "7804", "oxycodone")));
            MedicationRequest opioid = order("x", null, daysBefore(1), dose("5", "mg", "Q6H"));
            opioid.addContained(med);
            opioid.setMedication(new Reference("#m"));
            assertThat(rec().order(oral("b", "10", "TID"), opioid).codes()).contains(AlertCodes.INTERACTION_OPIOID);
        }

        @Test
        void byAReferencedMedicationOfTheRecord() {
            Medication med = new Medication();
            med.setId("m1");
            med.setCode(new CodeableConcept(new Coding(KnowledgeUrls.RXNORM, "2670", "codeine")));
            MedicationRequest opioid = order("x", null, daysBefore(1), dose("30", "mg", "Q6H"));
            opioid.setMedication(new Reference("Medication/m1"));
            assertThat(rec().medication(med)
                            .order(oral("b", "10", "TID"), opioid)
                            .codes())
                    .contains(AlertCodes.INTERACTION_OPIOID);
        }
    }

    @Nested
    class Alcohol {
        private List<String> codes(AdministrativeGender sex, String loinc, String value, int daysAgo) {
            return rec().patient(patient(40, sex))
                    .order(oral("b", "10", "TID"))
                    .obs(obs("alc", loinc, value, "{score}", daysBefore(daysAgo)))
                    .codes();
        }

        @Test
        void auditCThresholdDependsOnSex() {
            assertThat(codes(AdministrativeGender.MALE, "75626-2", "4", 10)).contains(AlertCodes.INTERACTION_ALCOHOL);
            assertThat(codes(AdministrativeGender.MALE, "75626-2", "3", 10))
                    .doesNotContain(AlertCodes.INTERACTION_ALCOHOL);
            assertThat(codes(AdministrativeGender.FEMALE, "75626-2", "3", 10)).contains(AlertCodes.INTERACTION_ALCOHOL);
            assertThat(codes(AdministrativeGender.UNKNOWN, "75626-2", "3", 10))
                    .contains(AlertCodes.INTERACTION_ALCOHOL);
            assertThat(codes(AdministrativeGender.FEMALE, "75626-2", "2", 10))
                    .doesNotContain(AlertCodes.INTERACTION_ALCOHOL);
        }

        @Test
        void auditFromEight() {
            assertThat(codes(AdministrativeGender.MALE, "75624-7", "8", 10)).contains(AlertCodes.INTERACTION_ALCOHOL);
            assertThat(codes(AdministrativeGender.MALE, "75624-7", "7", 10))
                    .doesNotContain(AlertCodes.INTERACTION_ALCOHOL);
        }

        @Test
        void anyDrinksPerDayWithin365Days() {
            assertThat(codes(AdministrativeGender.MALE, "74013-4", "1", 365)).contains(AlertCodes.INTERACTION_ALCOHOL);
            assertThat(codes(AdministrativeGender.MALE, "74013-4", "1", 366))
                    .doesNotContain(AlertCodes.INTERACTION_ALCOHOL);
            assertThat(codes(AdministrativeGender.MALE, "74013-4", "0", 10))
                    .doesNotContain(AlertCodes.INTERACTION_ALCOHOL);
        }

        @Test
        void alcoholUseDisorderCondition() {
            CommunicationRequest a = alert(
                    rec().order(oral("b", "10", "TID"))
                            .condition(condition("aud", "7200002", "Alcoholism"))
                            .evaluate(),
                    AlertCodes.INTERACTION_ALCOHOL);
            assertThat(a.getReasonReferenceFirstRep().getReference()).isEqualTo("Condition/aud");
        }

        @Test
        void codedValueIsIgnored() {
            assertThat(rec().order(oral("b", "10", "TID"))
                            .obs(coded("alc", "74013-4", new CodeableConcept().setText("some"), daysBefore(1)))
                            .codes())
                    .doesNotContain(AlertCodes.INTERACTION_ALCOHOL);
        }
    }
}
