package org.baclofencds.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.baclofencds.knowledge.AlertCodeInfo;
import org.baclofencds.knowledge.Knowledge;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Runs the checks it is given on a patient record and returns one {@link Analysis}: the evaluated record and
 * its typed alerts. Immutable and thread-safe: build it once and share it. The checks are handed in (see {@code
 * org.baclofencds.rules.checks.Checks#all()}), so this package does not depend on the checks package.
 */
public final class BaclofenEngine {
    private static final int SUMMARY_MAX = 140;

    private final Knowledge knowledge;
    private final RulesConfig config;
    private final Vocabulary vocabulary;
    private final List<Check> checks;

    /**
     * @throws IllegalArgumentException when the knowledge lacks a value set or an alert code the checks
     *     use, so a bad deployment fails at start-up rather than on a patient
     */
    public BaclofenEngine(Knowledge knowledge, RulesConfig config, List<Check> checks) {
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.config = Objects.requireNonNull(config, "config");
        this.checks = List.copyOf(checks);
        this.vocabulary = new Vocabulary(knowledge);
        for (String code : AlertCodes.ALL) {
            try {
                knowledge.alertCode(code);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("The knowledge lacks alert code " + code + ": " + e.getMessage(), e);
            }
        }
    }

    public Knowledge knowledge() {
        return knowledge;
    }

    /** The one analysis of a record: every alert that applies, ordered by severity (high first), code, identifier. */
    public Analysis analyse(PatientRecord record) {
        Evaluation evaluation = evaluation(record);
        List<Alert> alerts = new ArrayList<>();
        for (Check check : checks) {
            for (Finding f : check.check(evaluation)) {
                if (config.emits(f.code(), f.severity())) {
                    alerts.add(alert(f, evaluation));
                }
            }
        }
        alerts.sort(Comparator.comparing(Alert::severity)
                .reversed()
                .thenComparing(Alert::code)
                .thenComparing(Alert::identifier));
        return new Analysis(evaluation, alerts);
    }

    /** The analysed record without alerts, for callers that only explain it (the chart summary). */
    public Evaluation evaluation(PatientRecord record) {
        Objects.requireNonNull(record, "record");
        return new Evaluation(record, vocabulary);
    }

    /** The alerts of {@link #analyse} rendered as CommunicationRequests (API.md §3). */
    public List<CommunicationRequest> evaluate(PatientRecord record, String groupIdentifier) {
        return CommunicationRequests.render(analyse(record).alerts(), groupIdentifier);
    }

    private Alert alert(Finding f, Evaluation e) {
        AlertCodeInfo info = knowledge.alertCode(f.code());
        return new Alert(
                f.code(),
                info.display(),
                f.severity(),
                info.category(),
                info.detectedIssueCode(),
                identifier(f, e),
                summary(f.summary()),
                f.detail() + " " + f.provenance(),
                e.patientReference(),
                implicated(f),
                evidence(f),
                f.sources(),
                e.evaluationTime(),
                DoseCeilings.of(f.code(), e));
    }

    /** Name-based UUID of patient, code and the sorted implicated orders: same finding, same identifier. */
    static String identifier(Finding f, Evaluation e) {
        TreeSet<String> keys = new TreeSet<>();
        for (MedicationOrder o : f.implicated()) {
            keys.add(o.key());
        }
        String text = e.patientKey() + "\n" + f.code() + "\n" + String.join("\n", keys);
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static List<MedicationOrder> implicated(Finding f) {
        Map<String, MedicationOrder> byKey = new LinkedHashMap<>();
        for (MedicationOrder o : f.implicated()) {
            byKey.putIfAbsent(o.key(), o);
        }
        return new ArrayList<>(byKey.values());
    }

    private static List<Reference> evidence(Finding f) {
        List<Reference> out = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (Resource r : f.evidence()) {
            String type = r instanceof Observation ? "Observation" : r instanceof Condition ? "Condition" : null;
            if (type == null || !r.getIdElement().hasIdPart()) {
                continue; // R4 reasonReference takes Observations and Conditions, and an id to point at
            }
            String value = r.getIdElement().getValue() != null
                            && r.getIdElement().getValue().startsWith("urn:")
                    ? r.getIdElement().getValue()
                    : type + "/" + r.getIdElement().getIdPart();
            if (seen.add(value)) {
                out.add(new Reference(value));
            }
        }
        return out;
    }

    static String summary(String s) {
        if (s.length() <= SUMMARY_MAX) {
            return s;
        }
        return s.substring(0, SUMMARY_MAX - 1) + "…";
    }
}
