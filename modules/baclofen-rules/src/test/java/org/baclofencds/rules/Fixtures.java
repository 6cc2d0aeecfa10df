package org.baclofencds.rules;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.checks.Checks;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;

/** Plain FHIR objects for the tests, and the real published knowledge. */
public final class Fixtures {
    private Fixtures() {}

    /** Every test evaluates "as of" this instant, so results never drift with the calendar. */
    public static final Instant EVAL = Instant.parse("2026-06-15T12:00:00Z");

    public static final Knowledge KNOWLEDGE = Knowledge.loadFromClasspath(FhirContext.forR4Cached());
    public static final BaclofenEngine ENGINE = new BaclofenEngine(KNOWLEDGE, RulesConfig.defaults(), Checks.all());

    public static final String RXNORM_BACLOFEN = "1292";
    public static final String RXNORM_TABLET_10MG = "197391";
    public static final String RXNORM_TABLET_20MG = "197392";
    public static final String RXNORM_SOLUTION_1MG_ML = "250976";
    public static final String RXNORM_SOLUTION_2MG_ML = "2667941";
    public static final String RXNORM_SUSPENSION_5MG_ML = "2593376";
    public static final String RXNORM_IT_2000UG_ML = "1666613";

    public static Instant daysBefore(int days) {
        return EVAL.minus(Duration.ofDays(days));
    }

    public static Patient patient(int ageYears, AdministrativeGender gender) {
        Patient p = new Patient();
        p.setId("p1");
        LocalDate born = LocalDate.ofInstant(EVAL, ZoneOffset.UTC).minusYears(ageYears);
        p.setBirthDateElement(new DateType(born.toString()));
        p.setGender(gender);
        return p;
    }

    public static Patient adult() {
        return patient(45, AdministrativeGender.MALE);
    }

    public static CodeableConcept rxnorm(String code, String display) {
        return new CodeableConcept(new Coding(KnowledgeUrls.RXNORM, code, display));
    }

    public static CodeableConcept baclofen() {
        return rxnorm(RXNORM_BACLOFEN, "baclofen");
    }

    public static CodeableConcept snomed(String code, String display) {
        return new CodeableConcept(new Coding(KnowledgeUrls.SNOMED, code, display));
    }

    public static CodeableConcept oralRoute() {
        return snomed("26643006", "Oral route");
    }

    public static CodeableConcept intrathecalRoute() {
        return snomed("72607000", "Intrathecal route");
    }

    public static Quantity qty(String value, String ucum) {
        return new Quantity()
                .setValue(new BigDecimal(value))
                .setSystem(KnowledgeUrls.UCUM)
                .setCode(ucum)
                .setUnit(ucum);
    }

    /** A dose with a timing code such as TID. */
    public static Dosage dose(String value, String unit, String timingCode) {
        Dosage d = new Dosage();
        d.addDoseAndRate().setDose(qty(value, unit));
        if (timingCode != null) {
            d.getTiming()
                    .setCode(new CodeableConcept(
                            new Coding("http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation", timingCode, null)));
        }
        return d;
    }

    /** A dose taken {@code frequency} times per {@code period} {@code unit}. */
    public static Dosage doseEvery(
            String value, String unit, int frequency, String period, Timing.UnitsOfTime periodUnit) {
        Dosage d = new Dosage();
        d.addDoseAndRate().setDose(qty(value, unit));
        d.getTiming()
                .getRepeat()
                .setFrequency(frequency)
                .setPeriod(new BigDecimal(period))
                .setPeriodUnit(periodUnit);
        return d;
    }

    public static MedicationRequest order(String id, CodeableConcept medication, Instant authored, Dosage... dosages) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(id);
        mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.setSubject(new Reference("Patient/p1"));
        mr.setMedication(medication);
        if (authored != null) {
            mr.setAuthoredOnElement(new DateTimeType(Date.from(authored)));
        }
        mr.setRequester(new Reference("Practitioner/dr1"));
        for (Dosage d : dosages) {
            mr.addDosageInstruction(d);
        }
        return mr;
    }

    /** An active oral baclofen order authored 60 days ago (so neither recent nor a new start). */
    public static MedicationRequest oral(String id, String mg, String timingCode) {
        Dosage d = dose(mg, "mg", timingCode);
        d.setRoute(oralRoute());
        return order(id, baclofen(), daysBefore(60), d);
    }

    /** A draft oral baclofen order without authoredOn (counts as authored at the evaluation time). */
    public static MedicationRequest draftOral(String id, String mg, String timingCode) {
        Dosage d = dose(mg, "mg", timingCode);
        d.setRoute(oralRoute());
        MedicationRequest mr = order(id, baclofen(), null, d);
        mr.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        return mr;
    }

    /** An active intrathecal baclofen order authored 60 days ago, dosed in ug per day. */
    public static MedicationRequest intrathecal(String id, String ugPerDay) {
        Dosage d = dose(ugPerDay, "ug", "QD");
        d.setRoute(intrathecalRoute());
        return order(id, baclofen(), daysBefore(60), d);
    }

    public static MedicationRequest other(String id, String rxnormCode, String name) {
        return order(id, rxnorm(rxnormCode, name), daysBefore(60), dose("1", "{tablet}", "QD"));
    }

    public static MedicationRequest withStatus(MedicationRequest mr, MedicationRequest.MedicationRequestStatus s) {
        mr.setStatus(s);
        return mr;
    }

    public static MedicationRequest authored(MedicationRequest mr, Instant when) {
        mr.setAuthoredOnElement(new DateTimeType(Date.from(when)));
        return mr;
    }

    public static Observation obs(String id, String loinc, String value, String unit, Instant when) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding(KnowledgeUrls.LOINC, loinc, null)));
        o.setSubject(new Reference("Patient/p1"));
        o.setValue(qty(value, unit));
        o.setEffective(new DateTimeType(Date.from(when)));
        return o;
    }

    public static Observation coded(String id, String loinc, CodeableConcept value, Instant when) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding(KnowledgeUrls.LOINC, loinc, null)));
        o.setSubject(new Reference("Patient/p1"));
        o.setValue(value);
        o.setEffective(new DateTimeType(Date.from(when)));
        return o;
    }

    public static Condition condition(String id, String snomed, String display) {
        Condition c = new Condition();
        c.setId(id);
        c.setSubject(new Reference("Patient/p1"));
        c.setCode(snomed(snomed, display));
        c.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        return c;
    }

    /** A mutable builder of a record for one test. */
    public static final class Rec {
        private Patient patient = adult();
        private final List<MedicationRequest> orders = new ArrayList<>();
        private final List<MedicationRequest> drafts = new ArrayList<>();
        private final List<Medication> medications = new ArrayList<>();
        private final List<Observation> observations = new ArrayList<>();
        private final List<Condition> conditions = new ArrayList<>();

        public Rec patient(Patient p) {
            this.patient = p;
            return this;
        }

        public Rec order(MedicationRequest... mr) {
            orders.addAll(List.of(mr));
            return this;
        }

        public Rec draft(MedicationRequest... mr) {
            drafts.addAll(List.of(mr));
            return this;
        }

        public Rec medication(Medication m) {
            medications.add(m);
            return this;
        }

        public Rec obs(Observation... o) {
            observations.addAll(List.of(o));
            return this;
        }

        public Rec condition(Condition... c) {
            conditions.addAll(List.of(c));
            return this;
        }

        public PatientRecord build() {
            return PatientRecord.of(patient, orders, medications, observations, conditions, drafts, EVAL);
        }

        public List<CommunicationRequest> evaluate() {
            return ENGINE.evaluate(build(), "group-1");
        }

        public Evaluation analyse() {
            return ENGINE.evaluation(build());
        }

        public List<String> codes() {
            return Fixtures.codes(evaluate());
        }
    }

    public static Rec rec() {
        return new Rec();
    }

    public static List<String> codes(List<CommunicationRequest> alerts) {
        return alerts.stream().map(Fixtures::code).toList();
    }

    public static String code(CommunicationRequest cr) {
        return cr.getReasonCodeFirstRep().getCodingFirstRep().getCode();
    }

    public static CommunicationRequest alert(List<CommunicationRequest> alerts, String code) {
        return alerts.stream()
                .filter(a -> code.equals(code(a)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " alert in " + codes(alerts)));
    }

    public static DetectedIssue issue(CommunicationRequest cr) {
        return (DetectedIssue) cr.getContained().get(0);
    }

    public static String severity(CommunicationRequest cr) {
        return issue(cr).getSeverity().toCode();
    }

    public static String detail(CommunicationRequest cr) {
        return cr.getPayload().get(1).getContentStringType().getValue();
    }

    /** The references in {@code about}, without the contained DetectedIssue. */
    public static List<String> about(CommunicationRequest cr) {
        return cr.getAbout().stream()
                .map(Reference::getReference)
                .filter(r -> r != null && !r.startsWith("#"))
                .toList();
    }
}
