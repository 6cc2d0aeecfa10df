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
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;

/** MedicationRequest: create, read, vread, update, delete and search, from the patient data source. */
public final class MedicationRequestResourceProvider extends StoreResourceProvider<MedicationRequest> {

    public MedicationRequestResourceProvider(PatientDataSource data) {
        super(data, MedicationRequest.class, "MedicationRequest");
    }

    @Search
    public List<MedicationRequest> search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "patient", targetTypes = Patient.class) ReferenceAndListParam patient,
            @OptionalParam(name = "subject") ReferenceAndListParam subject,
            @OptionalParam(name = "status") TokenAndListParam status,
            @OptionalParam(name = "intent") TokenAndListParam intent,
            @OptionalParam(name = "code") TokenAndListParam code,
            @OptionalParam(name = "medication", targetTypes = org.hl7.fhir.r4.model.Medication.class)
                    ReferenceAndListParam medication,
            @OptionalParam(name = "authoredon") DateAndListParam authoredOn,
            @OptionalParam(name = "identifier") TokenAndListParam identifier,
            @OptionalParam(name = "requester") ReferenceAndListParam requester,
            @Sort SortSpec sort) {
        return search(
                SearchCriteria.builder()
                        .where("_id", id)
                        .where("patient", patient)
                        .where("subject", subject)
                        .where("status", status)
                        .where("intent", intent)
                        .where("code", code)
                        .where("medication", medication)
                        .where("authoredon", authoredOn)
                        .where("identifier", identifier)
                        .where("requester", requester)
                        .build(),
                sort);
    }
}
