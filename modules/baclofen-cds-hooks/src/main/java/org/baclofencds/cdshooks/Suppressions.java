package org.baclofencds.cdshooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.Alert;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationPriority;
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

    /** The identifier of a stored alert (API.md §3), or null. */
    public static String alertIdentifier(CommunicationRequest cr) {
        return cr.getIdentifier().stream()
                .filter(i -> KnowledgeUrls.ALERT_ID_SYSTEM.equals(i.getSystem()))
                .map(i -> i.getValue())
                .findFirst()
                .orElse(null);
    }

    /** The priority an alert is stored with (its severity's, API.md §3). */
    public static CommunicationPriority priority(Alert alert) {
        return CommunicationPriority.fromCode(alert.severity().priority());
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
    public static Optional<AlertOverride> hiding(Alert fresh, Map<String, AlertOverride> inForce) {
        AlertOverride o = inForce.get(fresh.identifier());
        if (o == null) {
            return Optional.empty();
        }
        // Enum order is routine, urgent, asap, stat.
        boolean moreUrgent =
                o.priority() == null || priority(fresh).ordinal() > o.priority().ordinal();
        return moreUrgent ? Optional.empty() : Optional.of(o);
    }

    /** Every alert, with the override noted at the end of the detail of each overridden one. */
    public List<Alert> annotate(List<Alert> alerts, Instant now) {
        Map<String, Map<String, AlertOverride>> byPatient = new LinkedHashMap<>();
        List<Alert> result = new ArrayList<>();
        for (Alert alert : alerts) {
            String patientId = alert.patient() == null
                    ? null
                    : alert.patient().getReferenceElement().getIdPart();
            if (patientId == null) {
                result.add(alert);
                continue;
            }
            Map<String, AlertOverride> inForce = byPatient.computeIfAbsent(patientId, p -> inForceOrNone(p, now));
            result.add(hiding(alert, inForce)
                    .map(o -> alert.withNote(o.describe()))
                    .orElse(alert));
        }
        return result;
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
