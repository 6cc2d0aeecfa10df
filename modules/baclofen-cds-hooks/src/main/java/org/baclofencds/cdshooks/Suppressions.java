package org.baclofencds.cdshooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Applies overrides to alerts outside CDS Hooks: {@code $baclofen-check} still returns a suppressed alert, and its
 * detail says who overrode it, when, why, and until when. The rules module stays unaware of overrides.
 */
public final class Suppressions {
    private final SuppressionStore store;

    public Suppressions(SuppressionStore store) {
        this.store = store;
    }

    public SuppressionStore store() {
        return store;
    }

    /** The identifier of an alert (API.md §3), or null. */
    public static String alertIdentifier(CommunicationRequest cr) {
        return cr.getIdentifier().stream()
                .filter(i -> KnowledgeUrls.ALERT_ID_SYSTEM.equals(i.getSystem()))
                .map(i -> i.getValue())
                .findFirst()
                .orElse(null);
    }

    public Optional<AlertOverride> active(CommunicationRequest alert, Instant now) {
        String id = alertIdentifier(alert);
        return id == null ? Optional.empty() : store.active(id, now);
    }

    /** Appends the override to the detail (payload 1 and the contained DetectedIssue) of every suppressed alert. */
    public List<CommunicationRequest> annotate(List<CommunicationRequest> alerts, Instant now) {
        for (CommunicationRequest alert : alerts) {
            active(alert, now).ifPresent(o -> annotate(alert, o));
        }
        return alerts;
    }

    static void annotate(CommunicationRequest alert, AlertOverride o) {
        String note = " " + o.describe();
        if (alert.getPayload().size() > 1 && alert.getPayload().get(1).getContent() instanceof StringType detail) {
            detail.setValue(detail.getValue() + note);
        }
        for (Resource r : alert.getContained()) {
            if (r instanceof DetectedIssue issue) {
                issue.setDetail(issue.getDetail() + note);
            }
        }
    }
}
