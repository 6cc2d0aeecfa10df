package org.baclofencds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baclofencds.rules.Fixtures.daysBefore;
import static org.baclofencds.rules.Fixtures.dose;
import static org.baclofencds.rules.Fixtures.order;
import static org.baclofencds.rules.Fixtures.qty;
import static org.baclofencds.rules.Fixtures.rec;

import java.util.Date;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Recognising baclofen and its strength, and reading dates and ages. */
class OrdersTest {

    private static BaclofenOrder only(MedicationRequest mr) {
        var orders = rec().order(mr).analyse().baclofenOrders();
        assertThat(orders).hasSize(1);
        return orders.get(0);
    }

    @Test
    void recognisesBaclofenByNdcAndTakesTheProductStrength() {
        MedicationRequest mr = order(
                "a",
                new CodeableConcept(new Coding(KnowledgeUrls.NDC, "0028-0033-01", null)),
                daysBefore(60),
                dose("1", "{tablet}", "TID"));
        BaclofenOrder b = only(mr);
        assertThat(b.dose().value()).isEqualByComparingTo("60");
        assertThat(b.dose().explanation()).contains("20 mg/tablet");
        assertThat(b.oral()).isTrue();
    }

    @Test
    void packetDoseThroughAContainedMedicationIngredientStrength() {
        Medication granules = new Medication();
        granules.setId("g");
        granules.setCode(new CodeableConcept().setText("Lyvispah 10 mg oral granules"));
        granules.addIngredient()
                .setItem(new CodeableConcept(new Coding(KnowledgeUrls.RXNORM, "1292", "baclofen")))
                .setStrength(new Ratio().setNumerator(qty("10", "mg")).setDenominator(qty("1", "{packet}")));
        MedicationRequest mr = order("a", null, daysBefore(60), dose("2", "{packet}", "BID"));
        mr.addContained(granules);
        mr.setMedication(new Reference("#g"));
        assertThat(only(mr).dose().value()).isEqualByComparingTo("40");
    }

    @Test
    void millilitresThroughAReferencedMedicationConcentrationOf10MgPer5Ml() {
        Medication solution = new Medication();
        solution.setId("s");
        solution.setCode(new CodeableConcept().setText("Ozobax DS oral solution"));
        solution.addIngredient()
                .setItem(new CodeableConcept().setText("baclofen"))
                .setStrength(new Ratio().setNumerator(qty("10", "mg")).setDenominator(qty("5", "mL")));
        MedicationRequest mr = order("a", null, daysBefore(60), dose("7.5", "mL", "TID"));
        mr.setMedication(new Reference("Medication/s"));
        var b = rec().medication(solution).order(mr).analyse().baclofenOrders().get(0);
        assertThat(b.dose().value()).isEqualByComparingTo("45");
        assertThat(b.dose().explanation()).contains("7.5 mL × 10 mg/5 mL = 15 mg");
    }

    @Test
    void aMedicationReferenceThatCannotBeResolvedIsNoBaclofen() {
        MedicationRequest mr = order("a", null, daysBefore(60), dose("10", "mg", "TID"));
        mr.setMedication(new Reference("Medication/missing"));
        assertThat(rec().order(mr).analyse().baclofenOrders()).isEmpty();
    }

    @Test
    void aDisplayOnlyReferenceNamingBaclofenIsRecognised() {
        MedicationRequest mr = order("a", null, daysBefore(60), dose("10", "mg", "TID"));
        mr.setMedication(new Reference().setDisplay("Baclofen 10 mg tablet"));
        assertThat(only(mr).dose().value()).isEqualByComparingTo("30");
    }

    @Test
    void ageCountsFullYearsAtTheEvaluationDate() {
        Patient p = Fixtures.patient(65, org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.MALE);
        p.setBirthDateElement(new DateType("1961-06-16")); // turns 65 the day after 2026-06-15
        assertThat(rec().patient(p).analyse().age()).isEqualTo(64);
        p.setBirthDateElement(new DateType("1961"));
        assertThat(rec().patient(p).analyse().age()).isEqualTo(65);
        p.setBirthDate(null);
        assertThat(rec().patient(p).analyse().age()).isNull();
    }

    @Test
    void dateOnlyResultsCountByCalendarDay() {
        Observation o = Fixtures.obs("c", "2164-2", "20", "mL/min", Fixtures.EVAL);
        o.setEffective(new DateTimeType("2025-06-15")); // 365 days before 2026-06-15
        assertThat(rec().obs(o).analyse().renal().known()).isTrue();
        o.setEffective(new DateTimeType("2025-06-14"));
        assertThat(rec().obs(o).analyse().renal().known()).isFalse();
    }

    @Test
    void resultsAfterTheEvaluationTimeAreIgnored() {
        Observation o = Fixtures.obs("c", "2164-2", "20", "mL/min", Fixtures.EVAL.plusSeconds(60));
        assertThat(rec().obs(o).analyse().renal().known()).isFalse();
        o.setEffective(new DateTimeType(Date.from(Fixtures.EVAL)));
        assertThat(rec().obs(o).analyse().renal().known()).isTrue();
    }
}
