package org.baclofencds.rules;

import java.util.Set;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;

/**
 * One MedicationRequest as the checks see it (API.md §4 definitions).
 *
 * @param request the order
 * @param reference how an alert refers to it ({@code MedicationRequest/id}; a display for an id-less draft)
 * @param key a stable text that identifies it for alert identifiers
 * @param name a human name for the medication
 * @param draft a {@code draftOrder} or status {@code draft}
 * @param authored when it was authored (a draft without authoredOn counts as authored at evaluation time);
 *     null when unknown
 * @param current status active or draft whose dosage bounds and validity period have not ended, or a
 *     draftOrder
 * @param stopped status stopped, on-hold or completed, or an active order whose end has passed
 * @param stopDate when it stopped (boundsPeriod.end, validityPeriod.end, meta.lastUpdated, authoredOn);
 *     null when unknown or not stopped
 * @param classes the drug classes it belongs to
 */
public record MedicationOrder(
        MedicationRequest request,
        Reference reference,
        String key,
        String name,
        boolean draft,
        Moment authored,
        boolean current,
        boolean stopped,
        Moment stopDate,
        Set<DrugClass> classes) {

    public MedicationOrder {
        classes = Set.copyOf(classes);
    }

    /** Stopped, with a known stop date no more than {@code days} before the evaluation (API.md §4). */
    public boolean stoppedWithin(java.time.Instant evaluationTime, int days) {
        return stopped && stopDate != null && stopDate.notBeforeDaysBefore(evaluationTime, days);
    }

    public boolean is(DrugClass c) {
        return classes.contains(c);
    }

    /** The requester to notify, or null (contained or empty requesters cannot be referred to). */
    public Reference requester() {
        if (!request.hasRequester()) {
            return null;
        }
        Reference r = request.getRequester();
        if (r.hasReference() && r.getReference().startsWith("#")) {
            return r.hasDisplay() ? new Reference().setDisplay(r.getDisplay()) : null;
        }
        if (!r.hasReference() && !r.hasDisplay() && !r.hasIdentifier()) {
            return null;
        }
        return r.copy();
    }
}
