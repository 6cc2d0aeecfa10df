package org.baclofencds.server.provider;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import java.util.List;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Patient;

/** CommunicationRequest: create, read, vread, update, delete and search, from the patient data source. */
public final class CommunicationRequestResourceProvider extends StoreResourceProvider<CommunicationRequest> {

    public CommunicationRequestResourceProvider(PatientDataSource data) {
        super(data, CommunicationRequest.class, "CommunicationRequest");
    }

    @Search
    public List<CommunicationRequest> search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "patient", targetTypes = Patient.class) ReferenceAndListParam patient,
            @OptionalParam(name = "subject") ReferenceAndListParam subject,
            @OptionalParam(name = "status") TokenAndListParam status,
            @OptionalParam(name = "category") TokenAndListParam category,
            @OptionalParam(name = "priority") TokenAndListParam priority,
            @OptionalParam(name = "identifier") TokenAndListParam identifier,
            @OptionalParam(name = "authored") DateAndListParam authored,
            @OptionalParam(name = "group-identifier") TokenAndListParam groupIdentifier,
            @Sort SortSpec sort) {
        return search(
                SearchCriteria.builder()
                        .where("_id", id)
                        .where("patient", patient)
                        .where("subject", subject)
                        .where("status", status)
                        .where("category", category)
                        .where("priority", priority)
                        .where("identifier", identifier)
                        .where("authored", authored)
                        .where("group-identifier", groupIdentifier)
                        .build(),
                sort);
    }
}
