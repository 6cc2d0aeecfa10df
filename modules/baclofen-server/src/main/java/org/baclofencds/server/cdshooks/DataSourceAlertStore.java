package org.baclofencds.server.cdshooks;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.List;
import java.util.Optional;
import org.baclofencds.cdshooks.AlertStore;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.r4.model.CommunicationRequest;

/**
 * The alerts of a {@link PatientDataSource} (the embedded store or the EHR), where the chart, {@code
 * $baclofen-check?persist=true} and CDS Hooks feedback all record their decisions.
 */
public final class DataSourceAlertStore implements AlertStore {
    private final PatientDataSource data;

    public DataSourceAlertStore(PatientDataSource data) {
        this.data = data;
    }

    @Override
    public List<CommunicationRequest> alertsOf(String patientId) {
        return data.search(
                CommunicationRequest.class,
                SearchCriteria.builder()
                        .where("subject", new ReferenceParam("Patient/" + patientId))
                        .where("identifier", new TokenParam(KnowledgeUrls.ALERT_ID_SYSTEM, null))
                        .build());
    }

    @Override
    public Optional<CommunicationRequest> find(String alertIdentifier) {
        List<CommunicationRequest> found = data.search(
                CommunicationRequest.class,
                SearchCriteria.builder()
                        .where("identifier", new TokenParam(KnowledgeUrls.ALERT_ID_SYSTEM, alertIdentifier))
                        .build());
        return found.stream().findFirst();
    }

    @Override
    public void update(CommunicationRequest alert, String version) {
        try {
            data.update(alert, version);
        } catch (ResourceVersionConflictException | PreconditionFailedException e) {
            throw new ConcurrentChangeException(e.getMessage());
        }
    }

    @Override
    public boolean createIfAbsent(CommunicationRequest alert, String alertIdentifier) {
        try {
            return data.create(alert, "identifier=" + KnowledgeUrls.ALERT_ID_SYSTEM + "|" + alertIdentifier)
                    .created();
        } catch (PreconditionFailedException e) {
            throw new ConcurrentChangeException(e.getMessage());
        }
    }
}
