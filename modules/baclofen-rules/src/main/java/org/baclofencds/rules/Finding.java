package org.baclofencds.rules;

import java.util.List;
import java.util.Objects;
import org.baclofencds.knowledge.Source;
import org.hl7.fhir.r4.model.Resource;

/**
 * What one check found, before it becomes an alert (built in one place, {@link CommunicationRequests}).
 *
 * @param code the alert code (API.md §4)
 * @param severity the severity for this finding
 * @param implicated the orders the alert is about
 * @param evidence the Observations and Conditions used
 * @param summary one line, at most 140 characters
 * @param detail what was found with the numbers used, and what to do; the provenance is appended
 * @param sources the sources behind the numbers, the first one being {@code DetectedIssue.reference}
 * @param policy true when the rule is this service's own policy built on the sources
 */
public record Finding(
        String code,
        Severity severity,
        List<MedicationOrder> implicated,
        List<Resource> evidence,
        String summary,
        String detail,
        List<Source> sources,
        boolean policy) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        implicated = List.copyOf(implicated);
        evidence = List.copyOf(evidence);
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("A finding cites at least one source: " + code);
        }
    }

    /**
     * "Source: Baclofen tablets, US label, Dosage and Administration: https://…" — titles, sections and
     * addresses only, never a key; a policy finding says so in words.
     */
    public String provenance() {
        StringBuilder sb = new StringBuilder(policy ? "Source: local policy of this service, built on " : "Source: ");
        boolean first = true;
        for (Source s : sources) {
            if (policy && s.localPolicy()) {
                continue;
            }
            sb.append(first ? "" : "; ").append(s.citation());
            first = false;
        }
        if (first) {
            return "Source: local policy of this service (not a label statement).";
        }
        return sb.append('.').toString();
    }

    /** The address of the first published source, for {@code DetectedIssue.reference}; null for policy only. */
    public String referenceUrl() {
        for (Source s : sources) {
            if (!s.localPolicy()) {
                return s.url();
            }
        }
        return null;
    }
}
