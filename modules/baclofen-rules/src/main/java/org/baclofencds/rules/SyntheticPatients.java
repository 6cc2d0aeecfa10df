package org.baclofencds.rules;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.hl7.fhir.r4.model.Timing;

/**
 * A deterministic, realistic-looking synthetic record of a given size: an older adult on baclofen with an opioid, a
 * benzodiazepine, gabapentin and an NSAID, CKD, renal labs over time, and years of unrelated vitals and orders as
 * filler. The relevant part makes most checks do real work (renal bands, interactions, titration history). The
 * benchmarks send it, and {@code serve} analyses it in the background at start-up to warm the JIT; it is never
 * stored.
 */
public final class SyntheticPatients {
    public static final Instant EVALUATION = Instant.parse("2026-06-15T09:00:00Z");
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String LOINC = "http://loinc.org";
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String UCUM = "http://unitsofmeasure.org";

    private SyntheticPatients() {}

    public static Bundle record(int resources) {
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient p = new Patient();
        p.setId("bench");
        p.setGender(AdministrativeGender.MALE);
        p.setBirthDateElement(new DateType("1953-04-02"));
        p.addName().setFamily("Bench").addGiven("Mark");
        add(b, p);

        add(b, order("bac-1", "197391", "baclofen 10 MG Oral Tablet", 10, 3, 120, "stopped"));
        add(b, order("bac-2", "197392", "baclofen 20 MG Oral Tablet", 20, 3, 10, "active"));
        add(b, order("oxy", "1049621", "oxycodone hydrochloride 5 MG Oral Tablet", 5, 4, 20, "active"));
        add(b, order("gaba", "310431", "gabapentin 300 MG Oral Capsule", 300, 3, 60, "active"));
        add(b, order("ibu", "197806", "ibuprofen 600 MG Oral Tablet", 600, 3, 5, "active"));
        add(b, order("alp", "308047", "alprazolam 0.25 MG Oral Tablet", 0.25, 2, 15, "active"));
        add(b, condition("ckd", "433144002", "Chronic kidney disease stage 3"));
        add(b, condition("epi", "84757009", "Epilepsy"));
        add(b, lab("wt-0", "29463-7", "Body weight", 82, "kg", 30));
        add(b, lab("cr-0", "2160-0", "Creatinine [Mass/volume] in Serum or Plasma", 1.6, "mg/dL", 20));
        add(b, lab("egfr-0", "98979-8", "eGFR (CKD-EPI 2021)", 44, "mL/min/{1.73_m2}", 20));

        int i = 0;
        while (b.getEntry().size() < resources) {
            int daysAgo = 40 + 7 * i;
            switch (i % 4) {
                case 0 -> add(b, lab("sbp-" + i, "8480-6", "Systolic blood pressure", 120 + i % 20, "mm[Hg]", daysAgo));
                case 1 ->
                    add(
                            b,
                            lab(
                                    "cr-" + i,
                                    "2160-0",
                                    "Creatinine [Mass/volume] in Serum or Plasma",
                                    1.2 + (i % 5) / 10.0,
                                    "mg/dL",
                                    daysAgo));
                case 2 -> add(b, lab("wt-" + i, "29463-7", "Body weight", 80 + i % 4, "kg", daysAgo));
                default ->
                    add(
                            b,
                            order(
                                    "old-" + i,
                                    "860975",
                                    "metformin hydrochloride 500 MG Oral Tablet",
                                    500,
                                    2,
                                    daysAgo,
                                    "completed"));
            }
            i++;
        }
        return b;
    }

    private static void add(Bundle b, Resource r) {
        b.addEntry()
                .setFullUrl("http://ehr.example/fhir/" + r.fhirType() + "/"
                        + r.getIdElement().getIdPart())
                .setResource(r);
    }

    private static MedicationRequest order(
            String id, String rxnorm, String display, double mg, int perDay, int daysAgo, String status) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(id);
        mr.setStatus(MedicationRequest.MedicationRequestStatus.fromCode(status));
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.setSubject(new Reference("Patient/bench"));
        mr.setAuthoredOnElement(new DateTimeType(Date.from(EVALUATION.minus(daysAgo, ChronoUnit.DAYS))));
        mr.setMedication(new CodeableConcept(new Coding(RXNORM, rxnorm, display)).setText(display));
        Dosage d = mr.addDosageInstruction();
        d.setText(mg + " mg " + perDay + " times a day");
        d.setRoute(new CodeableConcept(new Coding(SNOMED, "26643006", "Oral route")));
        d.addDoseAndRate()
                .setDose(new SimpleQuantity()
                        .setValue(mg)
                        .setUnit("mg")
                        .setSystem(UCUM)
                        .setCode("mg"));
        d.setTiming(new Timing()
                .setRepeat(new Timing.TimingRepeatComponent()
                        .setFrequency(perDay)
                        .setPeriod(1)
                        .setPeriodUnit(Timing.UnitsOfTime.D)));
        return mr;
    }

    private static Condition condition(String id, String snomed, String display) {
        Condition c = new Condition();
        c.setId(id);
        c.setSubject(new Reference("Patient/bench"));
        c.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
        c.setCode(new CodeableConcept(new Coding(SNOMED, snomed, display)));
        return c;
    }

    private static Observation lab(String id, String loinc, String display, double value, String unit, int daysAgo) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setSubject(new Reference("Patient/bench"));
        o.setCode(new CodeableConcept(new Coding(LOINC, loinc, display)));
        o.setEffective(new DateTimeType(Date.from(EVALUATION.minus(daysAgo, ChronoUnit.DAYS))));
        o.setValue(new Quantity().setValue(value).setUnit(unit).setSystem(UCUM).setCode(unit));
        return o;
    }
}
