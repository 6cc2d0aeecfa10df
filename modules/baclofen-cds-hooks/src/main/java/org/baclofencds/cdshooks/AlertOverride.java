package org.baclofencds.cdshooks;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationPriority;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;

/**
 * A clinician's override of one alert, as it is kept on the alert itself in the data source (the persisted
 * {@code CommunicationRequest}): {@code status} {@code revoked}, {@code statusReason} coded from the
 * override-reason CodeSystem, a {@code note} with who, when and the comment, and, for an override received as
 * CDS Hooks feedback, the end of its suppression window in the extension {@link #UNTIL_EXTENSION}. The chart's
 * overrides are the same record without that extension (they stand until the finding becomes more urgent).
 *
 * @param alertIdentifier the alert's identifier (API.md §3; patient, code and orders) — also the card's uuid
 * @param alertCode the alert code, when known
 * @param patientId the patient, when known
 * @param userId who overrode it ({@code context.userId} of the call that showed the card, or the chart's
 *     "recorded by"), when known
 * @param reasonCode the code of the override reason, or null
 * @param reasonDisplay its display, or null
 * @param comment the user's comment, or null
 * @param at when the override was made (never later than when the server received it)
 * @param until the alert is not shown again in CDS Hooks before this instant; null: until it becomes more urgent
 * @param priority the alert's priority when it was overridden, or null; a more urgent finding is shown again
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
        Instant until,
        CommunicationPriority priority) {

    /** {@code valueDateTime}: the end of a CDS Hooks override's suppression window. */
    public static final String UNTIL_EXTENSION = KnowledgeUrls.BASE + "/StructureDefinition/alert-override-until";

    static final String NOTE_PREFIX = "Overridden in CDS Hooks";

    /** In force at {@code now}: no end, or an end still ahead. */
    public boolean inForceAt(Instant now) {
        return until == null || until.isAfter(now);
    }

    /** One sentence for the alert's detail: who, when, why, and until when. */
    public String describe() {
        StringBuilder s = new StringBuilder("Overridden");
        if (userId != null) {
            s.append(" by ").append(userId);
        }
        if (at != null) {
            s.append(" at ").append(at);
        }
        if (reasonDisplay != null || reasonCode != null) {
            s.append(" (reason: ")
                    .append(reasonDisplay != null ? reasonDisplay : reasonCode)
                    .append(')');
        }
        if (comment != null && !comment.isBlank()) {
            s.append(", comment: \"").append(comment.strip()).append('"');
        }
        if (until == null) {
            return s.append("; stands until the finding becomes more urgent.").toString();
        }
        return s.append("; not shown again in CDS Hooks until ")
                .append(until)
                .append('.')
                .toString();
    }

    /** Records this override on the alert: revoked, the reason, a note with who, when and the comment, the end. */
    public CommunicationRequest applyTo(CommunicationRequest alert) {
        alert.setStatus(CommunicationRequestStatus.REVOKED);
        CodeableConcept reason = new CodeableConcept();
        if (reasonCode != null) {
            reason.addCoding(new Coding(KnowledgeUrls.OVERRIDE_REASON_CODE_SYSTEM, reasonCode, reasonDisplay));
            reason.setText(reasonDisplay != null ? reasonDisplay : reasonCode);
        } else {
            reason.setText(NOTE_PREFIX);
        }
        alert.setStatusReason(reason);
        StringBuilder text = new StringBuilder(NOTE_PREFIX);
        if (reasonDisplay != null || reasonCode != null) {
            text.append(": ").append(reasonDisplay != null ? reasonDisplay : reasonCode);
        }
        if (comment != null && !comment.isBlank()) {
            text.append(". ").append(comment.strip());
        }
        Annotation note = alert.addNote()
                .setAuthor(new StringType(userId != null ? userId : "CDS Hooks user"))
                .setText(text.toString());
        if (at != null) {
            note.setTimeElement(new DateTimeType(Date.from(at)));
        }
        alert.getExtension().removeIf(e -> UNTIL_EXTENSION.equals(e.getUrl()));
        if (until != null) {
            alert.addExtension(new Extension(UNTIL_EXTENSION, new DateTimeType(Date.from(until))));
        }
        return alert;
    }

    /**
     * The override a stored alert records, by the chart ({@code revoked} with a reason from the override-reason
     * CodeSystem) or by CDS Hooks feedback (the {@link #UNTIL_EXTENSION}); empty for any other alert.
     */
    public static Optional<AlertOverride> of(CommunicationRequest stored) {
        if (stored.getStatus() != CommunicationRequestStatus.REVOKED) {
            return Optional.empty();
        }
        Coding reason = stored.getStatusReason().getCoding().stream()
                .filter(c -> KnowledgeUrls.OVERRIDE_REASON_CODE_SYSTEM.equals(c.getSystem()))
                .findFirst()
                .orElse(null);
        Extension end = stored.getExtensionByUrl(UNTIL_EXTENSION);
        if (reason == null && end == null) {
            return Optional.empty(); // revoked by a check: the finding no longer applies
        }
        Instant until = end != null && end.getValue() instanceof DateTimeType dt && dt.getValue() != null
                ? dt.getValue().toInstant()
                : null;
        if (end != null && until == null) {
            until = Instant.EPOCH; // unreadable end: treat as over rather than for ever
        }
        String user = null;
        Instant at = null;
        String comment = null;
        if (stored.hasNote()) {
            Annotation last = stored.getNote().get(stored.getNote().size() - 1);
            user = last.hasAuthorStringType() ? last.getAuthorStringType().getValue() : null;
            at = last.hasTime() ? last.getTime().toInstant() : null;
            comment = commentOf(last.getText());
        }
        if (at == null && stored.getMeta().hasLastUpdated()) {
            at = stored.getMeta().getLastUpdated().toInstant();
        }
        String subject = stored.getSubject().getReferenceElement().getIdPart();
        return Optional.of(new AlertOverride(
                Suppressions.alertIdentifier(stored),
                stored.getReasonCodeFirstRep().getCodingFirstRep().getCode(),
                subject,
                user,
                reason == null ? null : reason.getCode(),
                reason == null ? null : reason.getDisplay(),
                comment,
                at,
                until,
                stored.getPriority()));
    }

    /** The comment of a note written by {@link #applyTo} or the chart ("Overridden…: reason. comment"), or null. */
    private static String commentOf(String note) {
        if (note == null || !note.startsWith("Overridden")) {
            return note;
        }
        int end = note.indexOf(". ");
        return end < 0 ? null : note.substring(end + 2).strip();
    }

    /** The same override sent again (feedback may be repeated): same user, reason, comment and moment. */
    boolean sameAs(AlertOverride other) {
        return Objects.equals(userId, other.userId)
                && Objects.equals(reasonCode, other.reasonCode)
                && Objects.equals(at, other.at);
    }
}
