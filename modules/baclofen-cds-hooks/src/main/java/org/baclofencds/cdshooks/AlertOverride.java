package org.baclofencds.cdshooks;

import java.time.Instant;

/**
 * A clinician's override of one alert, from CDS Hooks feedback.
 *
 * @param alertIdentifier the alert's identifier (API.md §3; patient, code and orders) — also the card's uuid
 * @param alertCode the alert code
 * @param patientId the patient, when the card was issued by this process
 * @param userId who was shown the card ({@code context.userId}), when known
 * @param reasonCode the code of the override reason, or null
 * @param reasonDisplay its display, or null
 * @param comment the user's comment, or null
 * @param at the feedback's {@code outcomeTimestamp}
 * @param until the card is not shown again for this patient, code and order before this instant
 */
public record AlertOverride(
        String alertIdentifier,
        String alertCode,
        String patientId,
        String userId,
        String reasonCode,
        String reasonDisplay,
        String comment,
        Instant at,
        Instant until) {

    /** One sentence for the alert's detail: who, when, why, and until when. */
    public String describe() {
        StringBuilder s = new StringBuilder("Overridden");
        if (userId != null) {
            s.append(" by ").append(userId);
        }
        s.append(" at ").append(at);
        if (reasonDisplay != null || reasonCode != null) {
            s.append(" (reason: ")
                    .append(reasonDisplay != null ? reasonDisplay : reasonCode)
                    .append(')');
        }
        if (comment != null && !comment.isBlank()) {
            s.append(", comment: \"").append(comment.strip()).append('"');
        }
        return s.append("; not shown again in CDS Hooks until ")
                .append(until)
                .append('.')
                .toString();
    }
}
