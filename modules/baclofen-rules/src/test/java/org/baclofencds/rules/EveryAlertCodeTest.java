package org.baclofencds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baclofencds.rules.Fixtures.authored;
import static org.baclofencds.rules.Fixtures.baclofen;
import static org.baclofencds.rules.Fixtures.coded;
import static org.baclofencds.rules.Fixtures.condition;
import static org.baclofencds.rules.Fixtures.daysBefore;
import static org.baclofencds.rules.Fixtures.dose;
import static org.baclofencds.rules.Fixtures.draftOral;
import static org.baclofencds.rules.Fixtures.intrathecal;
import static org.baclofencds.rules.Fixtures.obs;
import static org.baclofencds.rules.Fixtures.oral;
import static org.baclofencds.rules.Fixtures.order;
import static org.baclofencds.rules.Fixtures.other;
import static org.baclofencds.rules.Fixtures.patient;
import static org.baclofencds.rules.Fixtures.rec;

import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One record per alert code: each code can fire, with the API.md §4 severity, and validates against R4. */
class EveryAlertCodeTest {

    static MedicationRequest stopped(MedicationRequest mr, int daysAgo) {
        mr.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
        mr.getDosageInstructionFirstRep()
                .getTiming()
                .getRepeat()
                .setBounds(new Period().setEndElement(new DateTimeType(Date.from(daysBefore(daysAgo)))));
        return mr;
    }

    static final Map<String, Supplier<Fixtures.Rec>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put(AlertCodes.MAX_DAILY_DOSE, () -> rec().order(oral("a", "30", "QID")));
        SCENARIOS.put(AlertCodes.STARTING_DOSE, () -> rec().draft(draftOral("d", "10", "TID")));
        SCENARIOS.put(AlertCodes.TITRATION_TOO_FAST, () -> rec().order(
                        authored(oral("p", "15", "QD"), daysBefore(1)),
                        authored(oral("n", "60", "QD"), Fixtures.EVAL)));
        SCENARIOS.put(AlertCodes.RENAL_DOSE_ADJUSTMENT, () -> rec().order(oral("a", "10", "TID"))
                .obs(obs("c", "2164-2", "20", "mL/min", daysBefore(3))));
        SCENARIOS.put(AlertCodes.RENAL_FUNCTION_UNKNOWN, () -> rec().patient(patient(70, AdministrativeGender.MALE))
                .order(oral("a", "10", "TID")));
        SCENARIOS.put(AlertCodes.INTERACTION_OPIOID, () -> rec().order(
                        oral("a", "10", "TID"), other("x", "4337", "fentanyl")));
        SCENARIOS.put(AlertCodes.INTERACTION_BENZODIAZEPINE, () -> rec().order(
                        oral("a", "10", "TID"), other("x", "6470", "lorazepam")));
        SCENARIOS.put(AlertCodes.INTERACTION_CNS_DEPRESSANT, () -> rec().order(
                        oral("a", "10", "TID"), other("x", "39993", "zolpidem")));
        SCENARIOS.put(AlertCodes.INTERACTION_ALCOHOL, () -> rec().order(oral("a", "10", "TID"))
                .obs(obs("al", "75624-7", "12", "{score}", daysBefore(3))));
        SCENARIOS.put(AlertCodes.INTERACTION_TCA, () -> rec().order(
                        oral("a", "10", "TID"), other("x", "7531", "nortriptyline")));
        SCENARIOS.put(AlertCodes.INTERACTION_NSAID, () -> rec().order(
                        oral("a", "10", "TID"), other("x", "7258", "naproxen")));
        SCENARIOS.put(AlertCodes.INTERACTION_LEVODOPA, () -> rec().order(
                        oral("a", "10", "TID"), other("x", "6375", "levodopa")));
        SCENARIOS.put(AlertCodes.INTERACTION_LITHIUM, () -> rec().order(
                        oral("a", "10", "TID"), other("x", "42351", "lithium carbonate")));
        SCENARIOS.put(AlertCodes.INTERACTION_MAOI, () -> rec().order(
                        oral("a", "10", "TID"), other("x", "9639", "selegiline")));
        SCENARIOS.put(AlertCodes.ABRUPT_DISCONTINUATION, () -> rec().order(stopped(oral("a", "20", "TID"), 5)));
        SCENARIOS.put(AlertCodes.INTRATHECAL_DISCONTINUATION, () -> rec().order(stopped(intrathecal("it", "300"), 5)));
        SCENARIOS.put(AlertCodes.INTRATHECAL_DOSE_HIGH, () -> rec().order(intrathecal("it", "1200")));
        SCENARIOS.put(AlertCodes.ROUTE_DOSE_MISMATCH, () -> rec().order(oral("a", "0.5", "TID")));
        SCENARIOS.put(AlertCodes.DUPLICATE_THERAPY, () -> rec().order(oral("a", "10", "TID"), oral("b", "5", "TID")));
        SCENARIOS.put(AlertCodes.PREGNANCY, () -> rec().order(oral("a", "10", "TID"))
                .condition(condition("pr", "77386006", "Pregnancy")));
        SCENARIOS.put(AlertCodes.BREASTFEEDING, () -> rec().order(oral("a", "10", "TID"))
                .obs(coded(
                        "bf",
                        "63895-7",
                        new CodeableConcept(new Coding(KnowledgeUrls.LOINC, "LA29252-6", null)),
                        daysBefore(3))));
        SCENARIOS.put(AlertCodes.PEDIATRIC_USE, () -> rec().patient(patient(10, AdministrativeGender.FEMALE))
                .order(oral("a", "5", "TID")));
        SCENARIOS.put(AlertCodes.CONDITION_SEIZURE_DISORDER, () -> rec().order(oral("a", "10", "TID"))
                .condition(condition("c", "128613002", "Seizure disorder")));
        SCENARIOS.put(AlertCodes.CONDITION_PSYCHIATRIC, () -> rec().order(oral("a", "10", "TID"))
                .condition(condition("c", "286933003", "Confusional state")));
        SCENARIOS.put(AlertCodes.DOSE_NOT_COMPUTABLE, () -> rec().order(
                        order("a", baclofen(), daysBefore(60), dose("5", "mL", "TID"))));
        SCENARIOS.put(AlertCodes.PATIENT_EDUCATION, () -> rec().draft(draftOral("d", "5", "TID")));
    }

    /** API.md §4 severities for these scenarios. */
    static final Map<String, String> SEVERITY = Map.ofEntries(
            Map.entry(AlertCodes.MAX_DAILY_DOSE, "high"),
            Map.entry(AlertCodes.STARTING_DOSE, "moderate"),
            Map.entry(AlertCodes.TITRATION_TOO_FAST, "moderate"),
            Map.entry(AlertCodes.RENAL_DOSE_ADJUSTMENT, "high"),
            Map.entry(AlertCodes.RENAL_FUNCTION_UNKNOWN, "low"),
            Map.entry(AlertCodes.INTERACTION_OPIOID, "high"),
            Map.entry(AlertCodes.INTERACTION_BENZODIAZEPINE, "moderate"),
            Map.entry(AlertCodes.INTERACTION_CNS_DEPRESSANT, "moderate"),
            Map.entry(AlertCodes.INTERACTION_ALCOHOL, "moderate"),
            Map.entry(AlertCodes.INTERACTION_TCA, "moderate"),
            Map.entry(AlertCodes.INTERACTION_NSAID, "moderate"),
            Map.entry(AlertCodes.INTERACTION_LEVODOPA, "moderate"),
            Map.entry(AlertCodes.INTERACTION_LITHIUM, "moderate"),
            Map.entry(AlertCodes.INTERACTION_MAOI, "moderate"),
            Map.entry(AlertCodes.ABRUPT_DISCONTINUATION, "high"),
            Map.entry(AlertCodes.INTRATHECAL_DISCONTINUATION, "high"),
            Map.entry(AlertCodes.INTRATHECAL_DOSE_HIGH, "moderate"),
            Map.entry(AlertCodes.ROUTE_DOSE_MISMATCH, "high"),
            Map.entry(AlertCodes.DUPLICATE_THERAPY, "moderate"),
            Map.entry(AlertCodes.PREGNANCY, "moderate"),
            Map.entry(AlertCodes.BREASTFEEDING, "low"),
            Map.entry(AlertCodes.PEDIATRIC_USE, "moderate"),
            Map.entry(AlertCodes.CONDITION_SEIZURE_DISORDER, "moderate"),
            Map.entry(AlertCodes.CONDITION_PSYCHIATRIC, "moderate"),
            Map.entry(AlertCodes.DOSE_NOT_COMPUTABLE, "low"),
            Map.entry(AlertCodes.PATIENT_EDUCATION, "low"));

    static Stream<String> codes() {
        return AlertCodes.ALL.stream();
    }

    @Test
    void thereIsAScenarioForEveryCode() {
        assertThat(SCENARIOS.keySet()).containsExactlyInAnyOrderElementsOf(AlertCodes.ALL);
        assertThat(SEVERITY.keySet()).containsExactlyInAnyOrderElementsOf(AlertCodes.ALL);
    }

    @ParameterizedTest
    @MethodSource("codes")
    void firesWithItsSeverityAndValidates(String code) {
        List<CommunicationRequest> alerts = SCENARIOS.get(code).get().evaluate();
        CommunicationRequest a = Fixtures.alert(alerts, code);
        assertThat(Fixtures.severity(a)).isEqualTo(SEVERITY.get(code));
        assertThat(a.getPayload().get(0).getContentStringType().getValue()).hasSizeLessThanOrEqualTo(140);
        assertThat(Fixtures.detail(a)).contains("Source: ");
        if (Fixtures.issue(a).hasReference()) {
            assertThat(Fixtures.issue(a).getReference()).startsWith("https://");
        } else {
            assertThat(Fixtures.detail(a)).contains("local policy");
        }
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(a);
        assertThat(FhirValidators.errors(FhirValidators.validator().validateWithResult(json)))
                .as(json)
                .isEmpty();
    }
}
