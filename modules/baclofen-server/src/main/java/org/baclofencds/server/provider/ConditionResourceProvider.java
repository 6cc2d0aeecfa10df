package org.baclofencds.server.provider;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import java.util.List;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;

/** Condition: create, read, vread, update, delete and search, from the patient data source. */
public final class ConditionResourceProvider extends StoreResourceProvider<Condition> {

    public ConditionResourceProvider(PatientDataSource data) {
        super(data, Condition.class, "Condition");
    }

    @Search
    public List<Condition> search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "patient", targetTypes = Patient.class) ReferenceAndListParam patient,
            @OptionalParam(name = "subject") ReferenceAndListParam subject,
            @OptionalParam(name = "code") TokenAndListParam code,
            @OptionalParam(name = "clinical-status") TokenAndListParam clinicalStatus,
            @OptionalParam(name = "verification-status") TokenAndListParam verificationStatus,
            @OptionalParam(name = "category") TokenAndListParam category,
            @OptionalParam(name = "identifier") TokenAndListParam identifier,
            @Sort SortSpec sort) {
        return search(
                SearchCriteria.builder()
                        .where("_id", id)
                        .where("patient", patient)
                        .where("subject", subject)
                        .where("code", code)
                        .where("clinical-status", clinicalStatus)
                        .where("verification-status", verificationStatus)
                        .where("category", category)
                        .where("identifier", identifier)
                        .build(),
                sort);
    }
}
