package org.baclofencds.cdshooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.CommunicationRequest;

/**
 * The protocol tests' alert store: versioned alerts in a map. The server module's tests run the same logic against
 * the real embedded FHIR store and over HTTP.
 */
final class MapAlertStore implements AlertStore {
    final Map<String, CommunicationRequest> alerts = new LinkedHashMap<>();

    @Override
    public synchronized List<CommunicationRequest> alertsOf(String patientId) {
        List<CommunicationRequest> result = new ArrayList<>();
        for (CommunicationRequest cr : alerts.values()) {
            if (("Patient/" + patientId).equals(cr.getSubject().getReference())) {
                result.add(cr.copy());
            }
        }
        return result;
    }

    @Override
    public synchronized Optional<CommunicationRequest> find(String alertIdentifier) {
        return Optional.ofNullable(alerts.get(alertIdentifier)).map(CommunicationRequest::copy);
    }

    @Override
    public synchronized void update(CommunicationRequest alert, String version) {
        String id = Suppressions.alertIdentifier(alert);
        CommunicationRequest current = alerts.get(id);
        if (current == null || !current.getMeta().getVersionId().equals(version)) {
            throw new AlertStore.ConcurrentChangeException("version " + version);
        }
        CommunicationRequest copy = alert.copy();
        copy.getMeta().setVersionId(Integer.toString(Integer.parseInt(version) + 1));
        alerts.put(id, copy);
    }

    @Override
    public synchronized boolean createIfAbsent(CommunicationRequest alert, String alertIdentifier) {
        if (alerts.containsKey(alertIdentifier)) {
            return false;
        }
        CommunicationRequest copy = alert.copy();
        copy.setId(UUID.randomUUID().toString());
        copy.getMeta().setVersionId("1");
        alerts.put(alertIdentifier, copy);
        return true;
    }
}
