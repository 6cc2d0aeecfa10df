package org.baclofencds.rules;

import java.util.List;
import java.util.Objects;
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
 * @param policy true when the rule is the project's policy (POL) built from the sources
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

    /** "Source: US label (TAB-DM-B4F2)" or "Source: policy (POL) built from VLAVONOU, AJKD-2017". */
    public String provenance() {
        StringBuilder sb = new StringBuilder("Source: ");
        if (policy) {
            sb.append("policy (POL) built from ");
            for (int i = 0; i < sources.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(sources.get(i).key())
                        .append(" [")
                        .append(sources.get(i).kind())
                        .append(']');
            }
        } else {
            for (int i = 0; i < sources.size(); i++) {
                if (i > 0) {
                    sb.append("; ");
                }
                sb.append(sources.get(i).citation());
            }
        }
        return sb.append('.').toString();
    }
}
