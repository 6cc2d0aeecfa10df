package org.baclofencds.server.check;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baclofencds.knowledge.BaclofenProduct;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.DailyDose;
import org.baclofencds.rules.DrugClass;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.InvalidRecordException;
import org.baclofencds.rules.MedicationOrder;
import org.baclofencds.rules.Moment;
import org.baclofencds.rules.Numbers;
import org.baclofencds.rules.Observations;
import org.baclofencds.rules.PatientRecord;
import org.baclofencds.rules.RenalFunction;
import org.baclofencds.server.store.PatientDataSource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * What the checks read from a patient's record, for a chart to show beside the alerts: age, latest weight, the
 * renal function the checks used (and how it was obtained), and every order with its drug classes and, for
 * baclofen, route and computed daily dose. Read-only; the numbers are exactly the engine's ({@link
 * BaclofenEngine#evaluation}).
 */
public final class BaclofenSummaryService {

    private final BaclofenEngine engine;
    private final Knowledge knowledge;
    private final PatientDataSource data;

    public BaclofenSummaryService(BaclofenEngine engine, Knowledge knowledge, PatientDataSource data) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.data = Objects.requireNonNull(data, "data");
    }

    /**
     * @throws ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException for an unknown patient
     */
    public Parameters summarise(String patientId, Instant evaluationTime) {
        PatientRecord record;
        try {
            record = data.patientRecord(patientId, evaluationTime);
        } catch (InvalidRecordException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        Evaluation ev = engine.evaluation(record);

        Parameters out = new Parameters();
        out.addParameter().setName("patient").setValue(new Reference("Patient/" + patientId));
        out.addParameter().setName("evaluationTime").setValue(dateTime(Moment.of(evaluationTime)));
        if (ev.age() != null) {
            out.addParameter().setName("age").setValue(new IntegerType(ev.age()));
        }
        weight(ev, out);
        renal(ev.renal(), out);
        limits(ev, out);
        renalResults(ev, out);
        for (MedicationOrder order : ev.orders()) {
            BaclofenOrder baclofen = ev.baclofenOrders().stream()
                    .filter(b -> b.order() == order)
                    .findFirst()
                    .orElse(null);
            out.addParameter(order(order, baclofen, record));
        }
        return out;
    }

    private static void weight(Evaluation ev, Parameters out) {
        List<Observation> weights = ev.observations(KnowledgeUrls.VS_BODY_WEIGHT, ClinicalThresholds.LAB_LOOKBACK_DAYS);
        for (Observation w : weights) {
            if (w.hasValueQuantity() && w.getValueQuantity().hasValue()) {
                ParametersParameterComponent p = out.addParameter().setName("weight");
                p.addPart().setName("value").setValue(w.getValueQuantity().copy());
                p.addPart().setName("date").setValue(dateTime(Observations.when(w)));
                reference(w).ifPresent(r -> p.addPart().setName("observation").setValue(r));
                return;
            }
        }
    }

    /**
     * The oral daily-dose limits the checks apply at the evaluation time, for the dose-history picture: the
     * maximum for age (as max-daily-dose uses it) and the ceiling of the renal band, when the band has one.
     */
    private static void limits(Evaluation ev, Parameters out) {
        Integer age = ev.age();
        BigDecimal max;
        String population;
        if (age == null || age >= ClinicalThresholds.ADULT_AGE_YEARS) {
            max = ClinicalThresholds.MAX_DAILY_MG_ADULT;
            population = age == null ? "maximum for age (age unknown: the adult one)" : "maximum for age";
        } else if (age >= ClinicalThresholds.CHILD_AGE_YEARS) {
            max = ClinicalThresholds.MAX_DAILY_MG_8_TO_11;
            population = "maximum for age (8 to 11 years)";
        } else {
            max = ClinicalThresholds.MAX_DAILY_MG_UNDER_8;
            population = "maximum for age (under 8 years)";
        }
        limit(out, "age-maximum", max, population);
        RenalFunction renal = ev.renal();
        if (renal.band() != null && renal.band().ceilingMg() != null) {
            limit(
                    out,
                    "renal-ceiling",
                    renal.band().ceilingMg(),
                    "ceiling for " + renal.band().label() + " renal function");
        }
    }

    private static void limit(Parameters out, String kind, BigDecimal mgPerDay, String label) {
        ParametersParameterComponent p = out.addParameter().setName("doseLimit");
        p.addPart().setName("kind").setValue(new CodeType(kind));
        p.addPart().setName("value").setValue(mgPerDay(mgPerDay));
        p.addPart().setName("label").setValue(new StringType(label));
    }

    private static Quantity mgPerDay(BigDecimal value) {
        return new Quantity()
                .setValue(value)
                .setUnit("mg/day")
                .setSystem(KnowledgeUrls.UCUM)
                .setCode("mg/d");
    }

    /** How far back the renal trend reaches. */
    private static final int RENAL_TREND_DAYS = 3 * 365;

    /**
     * Every renal-function result of the last three years (eGFR, creatinine clearance, serum creatinine), newest
     * first, for the renal trend: the value as recorded, its date and the observation.
     */
    private static void renalResults(Evaluation ev, Parameters out) {
        List<String[]> kinds = List.of(
                new String[] {KnowledgeUrls.VS_EGFR, "eGFR"},
                new String[] {KnowledgeUrls.VS_CREATININE_CLEARANCE, "creatinine clearance"},
                new String[] {KnowledgeUrls.VS_SERUM_CREATININE_MASS, "serum creatinine"},
                new String[] {KnowledgeUrls.VS_SERUM_CREATININE_MOLAR, "serum creatinine"});
        for (String[] kind : kinds) {
            for (Observation o : ev.observations(kind[0], RENAL_TREND_DAYS)) {
                if (!o.hasValueQuantity() || !o.getValueQuantity().hasValue() || Observations.when(o) == null) {
                    continue;
                }
                ParametersParameterComponent p = out.addParameter().setName("renalResult");
                p.addPart().setName("kind").setValue(new StringType(kind[1]));
                p.addPart().setName("value").setValue(o.getValueQuantity().copy());
                p.addPart().setName("date").setValue(dateTime(Observations.when(o)));
                reference(o).ifPresent(r -> p.addPart().setName("observation").setValue(r));
            }
        }
    }

    private static void renal(RenalFunction renal, Parameters out) {
        ParametersParameterComponent p = out.addParameter().setName("renalFunction");
        p.addPart().setName("known").setValue(new BooleanType(renal.known()));
        p.addPart().setName("anyResult").setValue(new BooleanType(renal.anyResult()));
        if (renal.band() != null) {
            p.addPart()
                    .setName("band")
                    .setValue(new CodeType(renal.band().name().toLowerCase().replace('_', '-')));
            p.addPart()
                    .setName("bandLabel")
                    .setValue(new StringType(renal.band().label()));
        }
        if (renal.measure() != null) {
            p.addPart().setName("method").setValue(new StringType(renal.measure()));
        }
        if (renal.value() != null) {
            p.addPart().setName("value").setValue(new DecimalType(new BigDecimal(Numbers.format(renal.value()))));
            p.addPart()
                    .setName("unit")
                    .setValue(new StringType(renal.measure().contains("eGFR") ? "mL/min/1.73 m²" : "mL/min"));
        }
        // The date of the result the value came from (the creatinine for a Cockcroft–Gault estimate).
        renal.evidence().stream()
                .filter(Observation.class::isInstance)
                .map(Observation.class::cast)
                .findFirst()
                .map(Observations::when)
                .ifPresent(m -> p.addPart().setName("date").setValue(dateTime(m)));
        if (renal.description() != null) {
            p.addPart().setName("description").setValue(new StringType(renal.description()));
        }
        for (Resource r : renal.evidence()) {
            reference(r).ifPresent(ref -> p.addPart().setName("evidence").setValue(ref));
        }
        for (String note : renal.notes()) {
            p.addPart().setName("note").setValue(new StringType(note));
        }
    }

    private ParametersParameterComponent order(MedicationOrder order, BaclofenOrder baclofen, PatientRecord record) {
        ParametersParameterComponent p = new ParametersParameterComponent().setName("order");
        p.addPart().setName("medicationRequest").setValue(order.reference().copy());
        p.addPart().setName("name").setValue(new StringType(order.name()));
        if (order.request().hasStatus()) {
            p.addPart()
                    .setName("status")
                    .setValue(new CodeType(order.request().getStatus().toCode()));
        }
        p.addPart().setName("current").setValue(new BooleanType(order.current()));
        p.addPart().setName("stopped").setValue(new BooleanType(order.stopped()));
        if (order.authored() != null) {
            p.addPart().setName("authored").setValue(dateTime(order.authored()));
        }
        if (order.stopDate() != null) {
            p.addPart().setName("stopDate").setValue(dateTime(order.stopDate()));
        }
        for (DrugClass c : DrugClass.values()) {
            if (order.is(c)) {
                p.addPart().setName("class").setValue(new StringType(c.label()));
            }
        }
        if (baclofen == null) {
            return p;
        }
        p.addPart().setName("route").setValue(new CodeType(baclofen.route().label()));
        p.addPart().setName("routeNote").setValue(new StringType(baclofen.routeNote()));
        DailyDose dose = baclofen.dose();
        p.addPart().setName("doseComputable").setValue(new BooleanType(dose.computable()));
        if (dose.computable()) {
            p.addPart()
                    .setName("dailyDose")
                    .setValue(new Quantity()
                            .setValue(new BigDecimal(Numbers.format(dose.value())))
                            .setUnit(dose.unit() + "/day")
                            .setSystem(KnowledgeUrls.UCUM)
                            .setCode(dose.unit() + "/d"));
        }
        p.addPart().setName("doseExplanation").setValue(new StringType(dose.explanation()));
        product(order.request(), record).ifPresent(prod -> p.addPart()
                .setName("product")
                .setValue(new Reference("MedicationKnowledge/" + prod.id()).setDisplay(prod.display())));
        return p;
    }

    /** The published product of an order: by the codes of its medication (inline, contained or referenced). */
    private Optional<BaclofenProduct> product(MedicationRequest request, PatientRecord record) {
        CodeableConcept code = null;
        if (request.hasMedicationCodeableConcept()) {
            code = request.getMedicationCodeableConcept();
        } else if (request.hasMedicationReference()
                && request.getMedicationReference().hasReference()) {
            String ref = request.getMedicationReference().getReference();
            List<Resource> candidates = new ArrayList<>(request.getContained());
            candidates.addAll(record.medications());
            for (Resource r : candidates) {
                if (r instanceof Medication m && sameId(m, ref)) {
                    code = m.getCode();
                    break;
                }
            }
        }
        return code == null ? Optional.empty() : knowledge.productByCode(code);
    }

    private static boolean sameId(Medication m, String ref) {
        String id = m.getIdElement().getIdPart();
        if (id == null) {
            return false;
        }
        return ref.equals("#" + id) || ref.equals(id) || ref.endsWith("Medication/" + id);
    }

    private static Optional<Reference> reference(Resource r) {
        if (r.getIdElement().hasIdPart()) {
            return Optional.of(
                    new Reference(r.fhirType() + "/" + r.getIdElement().getIdPart()));
        }
        return Optional.empty();
    }

    private static DateTimeType dateTime(Moment m) {
        if (m.dateOnly()) {
            return new DateTimeType(m.date().toString());
        }
        DateTimeType t = new DateTimeType(Date.from(m.instant()));
        t.setTimeZoneZulu(true);
        return t;
    }
}
