package org.baclofencds.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.baclofencds.knowledge.AlertCodeInfo;
import org.baclofencds.knowledge.Source;
import org.hl7.fhir.r4.model.Reference;

/**
 * One alert of one analysis, as a typed value: what every output (the CommunicationRequest of API.md §3, a CDS
 * Hooks card and its suggestion, the stored alert, the command-line table) renders.
 *
 * @param code the alert code (API.md §4)
 * @param display the code's display in the knowledge
 * @param severity the severity of this alert
 * @param category alert for clinicians, instruction for the patient
 * @param detectedIssueCode the v3-ActCode of the DetectedIssue, e.g. {@code MDOSE}
 * @param identifier the stable identifier (API.md §3): same patient, code and orders, same identifier
 * @param summary one line, at most 140 characters
 * @param detail what was found and what to do, ending with the provenance (the one full text of the alert)
 * @param patient reference to the patient
 * @param implicated the orders the alert is about, without duplicates
 * @param evidence references to the Observations and Conditions used
 * @param sources the sources behind the numbers; the first is the alert's reference
 * @param identified the evaluation instant
 * @param doseCeiling the daily ceiling a corrected oral order must keep within, when the alert is about one
 */
public record Alert(
        String code,
        String display,
        Severity severity,
        AlertCodeInfo.Category category,
        String detectedIssueCode,
        String identifier,
        String summary,
        String detail,
        Reference patient,
        List<MedicationOrder> implicated,
        List<Reference> evidence,
        List<Source> sources,
        Instant identified,
        DoseCeiling doseCeiling) {

    public Alert {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(identifier, "identifier");
        implicated = List.copyOf(implicated);
        evidence = List.copyOf(evidence);
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("An alert cites at least one source: " + code);
        }
    }

    /** For the patient rather than for clinicians (patient education). */
    public boolean instruction() {
        return category == AlertCodeInfo.Category.INSTRUCTION;
    }

    /** The address of the first published source, the alert's reference; null when only local policy backs it. */
    public String sourceUrl() {
        for (Source s : sources) {
            if (!s.localPolicy()) {
                return s.url();
            }
        }
        return null;
    }

    public Optional<DoseCeiling> ceiling() {
        return Optional.ofNullable(doseCeiling);
    }

    /** The same alert with a sentence appended to its detail (e.g. that a clinician overrode it). */
    public Alert withNote(String note) {
        return new Alert(
                code,
                display,
                severity,
                category,
                detectedIssueCode,
                identifier,
                summary,
                detail + " " + note,
                patient,
                implicated,
                evidence,
                sources,
                identified,
                doseCeiling);
    }

    /**
     * The daily ceiling a safer order keeps within.
     *
     * @param mgPerDay the ceiling in mg/day
     * @param sharedWithOtherOrders true when the other current oral orders count against the ceiling (a total
     *     daily maximum), false when it applies to the one order (a starting dose)
     */
    public record DoseCeiling(BigDecimal mgPerDay, boolean sharedWithOtherOrders) {
        public DoseCeiling {
            Objects.requireNonNull(mgPerDay, "mgPerDay");
        }
    }
}
