package org.baclofencds.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.rules.checks.Checks;
import org.hl7.fhir.r4.model.CommunicationRequest;

/**
 * Runs every baclofen check on a patient record and returns the alerts. Immutable and thread-safe:
 * build it once and share it.
 */
public final class BaclofenEngine {
    private final Knowledge knowledge;
    private final RulesConfig config;
    private final Vocabulary vocabulary;
    private final List<Check> checks;

    /**
     * @throws IllegalArgumentException when the knowledge lacks a value set or an alert code the checks
     *     use, so a bad deployment fails at start-up rather than on a patient
     */
    public BaclofenEngine(Knowledge knowledge, RulesConfig config) {
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.config = Objects.requireNonNull(config, "config");
        this.vocabulary = new Vocabulary(knowledge);
        for (String code : AlertCodes.ALL) {
            try {
                knowledge.alertCode(code);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("The knowledge lacks alert code " + code + ": " + e.getMessage(), e);
            }
        }
        this.checks = Checks.all();
    }

    /** Every alert that applies, ordered by severity (high first), then code, then identifier. */
    public List<CommunicationRequest> evaluate(PatientRecord record, String groupIdentifier) {
        Objects.requireNonNull(record, "record");
        Evaluation evaluation = new Evaluation(record, vocabulary);
        List<Alert> alerts = new ArrayList<>();
        for (Check check : checks) {
            for (Finding f : check.check(evaluation)) {
                if (config.emits(f.code(), f.severity())) {
                    CommunicationRequest cr = CommunicationRequests.build(f, evaluation, knowledge, groupIdentifier);
                    alerts.add(new Alert(f, cr));
                }
            }
        }
        alerts.sort(Comparator.comparing((Alert a) -> a.finding.severity())
                .reversed()
                .thenComparing(a -> a.finding.code())
                .thenComparing(a -> a.resource.getIdentifierFirstRep().getValue()));
        return alerts.stream().map(a -> a.resource).toList();
    }

    /** The analysed record without alerts, for callers that explain a result. */
    public Evaluation analyse(PatientRecord record) {
        return new Evaluation(record, vocabulary);
    }

    private record Alert(Finding finding, CommunicationRequest resource) {}
}
