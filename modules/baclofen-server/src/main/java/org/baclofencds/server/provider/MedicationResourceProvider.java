package org.baclofencds.server.provider;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import java.util.List;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.r4.model.Medication;

/** Medication: create, read, vread, update, delete and search, from the patient data source. */
public final class MedicationResourceProvider extends StoreResourceProvider<Medication> {

    public MedicationResourceProvider(PatientDataSource data) {
        super(data, Medication.class, "Medication");
    }

    @Search
    public List<Medication> search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "code") TokenAndListParam code,
            @OptionalParam(name = "identifier") TokenAndListParam identifier,
            @OptionalParam(name = "status") TokenAndListParam status,
            @Sort SortSpec sort) {
        return search(
                SearchCriteria.builder()
                        .where("_id", id)
                        .where("code", code)
                        .where("identifier", identifier)
                        .where("status", status)
                        .build(),
                sort);
    }
}
