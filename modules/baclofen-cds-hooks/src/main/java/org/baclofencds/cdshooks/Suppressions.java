package org.baclofencds.cdshooks;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overrides kept on the alerts in the data source ({@link AlertStore}): recording one from CDS Hooks feedback,
 * finding those in force for a patient (a card is not shown while one holds and the finding is not more urgent),
 * and noting them in {@code $baclofen-check}'s answer. The rules module stays unaware of overrides.
 */
public final class Suppressions {
    private static final Logger log = LoggerFactory.getLogger(Suppressions.class);
    private static final int ATTEMPTS = 5;

    private final AlertStore store;

    public Suppressions(AlertStore store) {
        this.store = store;
    }

    public AlertStore store() {
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

    /** The overrides in force at {@code now} on the patient's stored alerts, by alert identifier. */
    public Map<String, AlertOverride> inForce(String patientId, Instant now) {
        Map<String, AlertOverride> result = new HashMap<>();
        for (CommunicationRequest stored : store.alertsOf(patientId)) {
            String id = alertIdentifier(stored);
            AlertOverride.of(stored).filter(o -> o.inForceAt(now)).ifPresent(o -> {
                if (id != null) {
                    result.put(id, o);
                }
            });
        }
        return result;
    }

    /**
     * Like {@link #inForce}, but a data source that cannot be read (a remote EHR down) yields no overrides, logged:
     * a card shown once too often is safer than no answer at all.
     */
    public Map<String, AlertOverride> inForceOrNone(String patientId, Instant now) {
        try {
            return inForce(patientId, now);
        } catch (RuntimeException e) {
            log.warn(
                    "Overrides of the patient's alerts could not be read ({}); cards are shown",
                    e.getClass().getSimpleName());
            return Map.of();
        }
    }

    /** The override that hides this fresh alert: one in force whose alert was at least as urgent then. */
    public static Optional<AlertOverride> hiding(CommunicationRequest fresh, Map<String, AlertOverride> inForce) {
        String id = alertIdentifier(fresh);
        AlertOverride o = id == null ? null : inForce.get(id);
        if (o == null) {
            return Optional.empty();
        }
        boolean moreUrgent = fresh.hasPriority()
                && (o.priority() == null
                        || fresh.getPriority().ordinal() > o.priority().ordinal());
        return moreUrgent ? Optional.empty() : Optional.of(o);
    }

    /** Appends the override to the detail (payload 1 and the contained DetectedIssue) of every overridden alert. */
    public List<CommunicationRequest> annotate(List<CommunicationRequest> alerts, Instant now) {
        Map<String, Map<String, AlertOverride>> byPatient = new LinkedHashMap<>();
        for (CommunicationRequest alert : alerts) {
            String patientId = alert.getSubject().getReferenceElement().getIdPart();
            if (patientId == null) {
                continue;
            }
            Map<String, AlertOverride> inForce = byPatient.computeIfAbsent(patientId, p -> inForceOrNone(p, now));
            hiding(alert, inForce).ifPresent(o -> annotate(alert, o));
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

    /**
     * Records the override on the stored alert (version-checked, retried on a concurrent change), or, when the
     * alert is not stored yet, stores {@code issued} with the override.
     *
     * @param issued the alert as its card showed it, or null when this process did not issue the card
     * @return false when there is nothing to record it on: no stored alert and no issued one
     */
    public boolean record(AlertOverride override, CommunicationRequest issued) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<CommunicationRequest> stored = store.find(override.alertIdentifier());
            try {
                if (stored.isPresent()) {
                    CommunicationRequest cr = stored.get();
                    Optional<AlertOverride> already = AlertOverride.of(cr);
                    if (already.isPresent()
                            && already.get().sameAs(override)
                            && cr.hasExtension(AlertOverride.UNTIL_EXTENSION)) {
                        return true; // the same feedback again
                    }
                    store.update(override.applyTo(cr), cr.getMeta().getVersionId());
                    return true;
                }
                if (issued == null) {
                    return false;
                }
                CommunicationRequest cr = override.applyTo(issued.copy());
                cr.setId((String) null);
                if (store.createIfAbsent(cr, override.alertIdentifier())) {
                    return true;
                }
                // Stored meanwhile (a check persisted it): record on that one.
            } catch (AlertStore.ConcurrentChangeException e) {
                // Changed meanwhile (the chart, a check, another instance): read it again.
            }
        }
        throw new AlertStore.ConcurrentChangeException("The alert kept changing while the override was recorded");
    }
}
