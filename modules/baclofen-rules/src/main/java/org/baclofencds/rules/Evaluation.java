package org.baclofencds.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * A patient record read once for all checks: orders with their classes, routes and daily doses, age,
 * renal function. Immutable; built per evaluation.
 */
public final class Evaluation {
    private final PatientRecord record;
    private final Vocabulary vocabulary;
    private final Instant eval;
    private final Integer age;
    private final List<MedicationOrder> orders;
    private final List<BaclofenOrder> baclofen;
    private final RenalFunction renal;

    Evaluation(PatientRecord record, Vocabulary vocabulary) {
        this.record = record;
        this.vocabulary = vocabulary;
        this.eval = record.evaluationTime();
        this.age = ageAt(record.patient(), eval);
        Orders reader = new Orders(vocabulary);
        Map<String, Medication> meds = Orders.index(record);
        this.orders = List.copyOf(reader.read(record, meds));
        List<BaclofenOrder> b = new ArrayList<>();
        for (MedicationOrder o : orders) {
            if (o.is(DrugClass.BACLOFEN)) {
                b.add(reader.baclofen(o, meds));
            }
        }
        this.baclofen = List.copyOf(b);
        this.renal = RenalFunctions.assess(
                vocabulary,
                record.observations(),
                activeConditions(KnowledgeUrls.VS_END_STAGE_RENAL),
                Procedures.within(
                        record.procedures(),
                        vocabulary,
                        KnowledgeUrls.VS_DIALYSIS_PROCEDURES,
                        eval,
                        ClinicalThresholds.DIALYSIS_LOOKBACK_DAYS),
                age,
                record.patient().getGender(),
                eval,
                record.offset());
    }

    /** Public for tests and other callers that want the analysis without alerts. */
    public static Evaluation of(PatientRecord record, Vocabulary vocabulary) {
        return new Evaluation(record, vocabulary);
    }

    public PatientRecord record() {
        return record;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public Instant evaluationTime() {
        return eval;
    }

    /** The UTC offset the evaluation time was given in; texts show dates in it. */
    public java.time.ZoneOffset offset() {
        return record.offset();
    }

    public Patient patient() {
        return record.patient();
    }

    /** Reference to the patient: {@code Patient/id}, or the {@code urn:uuid} the Bundle gave it. */
    public Reference patientReference() {
        var id = record.patient().getIdElement();
        if (id.getValue() != null && id.getValue().startsWith("urn:")) {
            return new Reference(id.getValue());
        }
        if (id.hasIdPart()) {
            return new Reference("Patient/" + id.getIdPart());
        }
        return new Reference().setDisplay("the patient");
    }

    /** Text that identifies the patient in alert identifiers. */
    public String patientKey() {
        Reference r = patientReference();
        return r.hasReference() ? r.getReference() : "Patient/?";
    }

    /** Age in full years at the evaluation time (UTC), null without a birth date. */
    public Integer age() {
        return age;
    }

    public AdministrativeGender gender() {
        return record.patient().hasGender() ? record.patient().getGender() : null;
    }

    public List<MedicationOrder> orders() {
        return orders;
    }

    public List<BaclofenOrder> baclofenOrders() {
        return baclofen;
    }

    public List<BaclofenOrder> currentBaclofen() {
        return baclofen.stream().filter(BaclofenOrder::current).toList();
    }

    public List<BaclofenOrder> currentOral() {
        return baclofen.stream().filter(b -> b.current() && b.oral()).toList();
    }

    public List<BaclofenOrder> currentIntrathecal() {
        return baclofen.stream().filter(b -> b.current() && b.intrathecal()).toList();
    }

    /** Current orders of a drug class (baclofen excluded from the other classes). */
    public List<MedicationOrder> current(DrugClass c) {
        return orders.stream().filter(o -> o.current() && o.is(c)).toList();
    }

    /** The default severity the knowledge publishes for an alert code (API.md §4). */
    public Severity defaultSeverity(String alertCode) {
        return Severity.fromCode(
                vocabulary.knowledge().alertCode(alertCode).severity().code());
    }

    public RenalFunction renal() {
        return renal;
    }

    /** A draft, or authored in the 14 days up to the evaluation (API.md §4). */
    public boolean recent(MedicationOrder o) {
        return o.draft()
                || (o.authored() != null && o.authored().withinDaysBefore(eval, ClinicalThresholds.RECENT_DAYS));
    }

    /**
     * A recent oral order when no other baclofen order, oral or intrathecal, was authored, current or stopped
     * in the 30 days before it (API.md §4): a renewal of a long-standing order and an oral bridge after
     * intrathecal therapy are not new starts.
     */
    public boolean newStart(BaclofenOrder b) {
        if (!b.oral() || !recent(b.order()) || b.order().authored() == null) {
            return false;
        }
        Moment start = b.order().authored();
        int days = ClinicalThresholds.NEW_START_LOOKBACK_DAYS;
        for (BaclofenOrder other : baclofen) {
            if (other == b || enteredInError(other)) {
                continue;
            }
            MedicationOrder o = other.order();
            Moment t = o.authored();
            if (t != null && t.compareTo(start) >= 0) {
                continue; // written at the same time or later: not before it
            }
            boolean authoredInWindow = t != null && t.notBeforeDaysBefore(start.instant(), days);
            boolean stillCurrent = o.current();
            boolean stoppedInWindow =
                    o.stopped() && o.stopDate() != null && o.stopDate().notBeforeDaysBefore(start.instant(), days);
            if (authoredInWindow || stillCurrent || stoppedInWindow) {
                return false;
            }
        }
        return true;
    }

    /** The latest oral baclofen order authored before this one, or null. */
    public BaclofenOrder previousOral(BaclofenOrder b) {
        Moment start = b.order().authored();
        if (start == null) {
            return null;
        }
        return baclofen.stream()
                .filter(o -> o != b && o.oral() && !enteredInError(o))
                .filter(o ->
                        o.order().authored() != null && o.order().authored().compareTo(start) < 0)
                .max(Comparator.comparing((BaclofenOrder o) -> o.order().authored())
                        .thenComparing(o -> o.order().key()))
                .orElse(null);
    }

    private static boolean enteredInError(BaclofenOrder o) {
        return o.order().request().hasStatus()
                && "entered-in-error".equals(o.order().request().getStatus().toCode());
    }

    /** Active conditions in the value set, by code or, failing codes, by name in the text. */
    public List<Condition> activeConditions(String valueSetUrl) {
        List<Condition> out = new ArrayList<>();
        for (Condition c : record.conditions()) {
            if (Conditions.active(c) && vocabulary.matches(valueSetUrl, c.getCode())) {
                out.add(c);
            }
        }
        return out;
    }

    /** Usable observations coded in the value set, dated within the window, newest first. */
    public List<Observation> observations(String valueSetUrl, int days) {
        List<Observation> out = new ArrayList<>();
        for (Observation o : Observations.within(record.observations(), eval, days)) {
            if (vocabulary.has(valueSetUrl, o.getCode())) {
                out.add(o);
            }
        }
        return out;
    }

    /** Sum of the computable daily doses of the orders. */
    public static BigDecimal total(List<BaclofenOrder> orders) {
        BigDecimal total = BigDecimal.ZERO;
        for (BaclofenOrder b : orders) {
            if (b.computable()) {
                total = total.add(b.dose().value());
            }
        }
        return total;
    }

    private static Integer ageAt(Patient p, Instant eval) {
        if (!p.hasBirthDate()) {
            return null;
        }
        DateType birth = p.getBirthDateElement();
        Integer month = birth.getMonth();
        Integer day = birth.getDay();
        LocalDate born = LocalDate.of(birth.getYear(), month == null ? 1 : month + 1, day == null ? 1 : day);
        LocalDate on = LocalDate.ofInstant(eval, ZoneOffset.UTC);
        if (born.isAfter(on)) {
            return 0;
        }
        return Period.between(born, on).getYears();
    }
}
