package org.baclofencds.cdshooks;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CommunicationRequest;

/**
 * Where alerts are kept: the data source of the chart and of {@code $baclofen-check?persist=true} (the embedded
 * store, or the EHR in remote-EHR mode). CDS Hooks overrides are recorded on those alerts, so every instance on
 * the same data source sees the same decisions. A version conflict (the alert changed meanwhile) is a
 * {@link ConcurrentChangeException}; other failures are the data source's own exceptions.
 */
public interface AlertStore {

    /** The patient's stored alerts (CommunicationRequests with an alert identifier, API.md §3). */
    List<CommunicationRequest> alertsOf(String patientId);

    /** The stored alert with this identifier, if any. */
    Optional<CommunicationRequest> find(String alertIdentifier);

    /**
     * Replaces a stored alert, provided it is still at {@code version} ({@code If-Match}).
     *
     * @throws ConcurrentChangeException when it is not
     */
    void update(CommunicationRequest alert, String version);

    /** Creates the alert unless one with its identifier exists (a conditional create); false when one did. */
    boolean createIfAbsent(CommunicationRequest alert, String alertIdentifier);

    /** The alert changed (or was stored) meanwhile: read it again and retry. */
    final class ConcurrentChangeException extends RuntimeException {
        public ConcurrentChangeException(String message) {
            super(message);
        }
    }
}
