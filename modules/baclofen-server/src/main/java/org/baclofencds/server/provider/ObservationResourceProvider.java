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
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;

/** Observation: create, read, vread, update, delete and search, from the patient data source. */
public final class ObservationResourceProvider extends StoreResourceProvider<Observation> {

    public ObservationResourceProvider(PatientDataSource data) {
        super(data, Observation.class, "Observation");
    }

    @Search
    public List<Observation> search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "patient", targetTypes = Patient.class) ReferenceAndListParam patient,
            @OptionalParam(name = "subject") ReferenceAndListParam subject,
            @OptionalParam(name = "code") TokenAndListParam code,
            @OptionalParam(name = "combo-code") TokenAndListParam comboCode,
            @OptionalParam(name = "category") TokenAndListParam category,
            @OptionalParam(name = "date") DateAndListParam date,
            @OptionalParam(name = "status") TokenAndListParam status,
            @OptionalParam(name = "identifier") TokenAndListParam identifier,
            @Sort SortSpec sort) {
        return search(
                SearchCriteria.builder()
                        .where("_id", id)
                        .where("patient", patient)
                        .where("subject", subject)
                        .where("code", code)
                        .where("combo-code", comboCode)
                        .where("category", category)
                        .where("date", date)
                        .where("status", status)
                        .where("identifier", identifier)
                        .build(),
                sort);
    }
}
