package org.baclofencds.server.provider;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import java.util.List;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.r4.model.Patient;

/** Patient: create, read, vread, update, delete and search, from the patient data source. */
public final class PatientResourceProvider extends StoreResourceProvider<Patient> {

    public PatientResourceProvider(PatientDataSource data) {
        super(data, Patient.class, "Patient");
    }

    @Search
    public List<Patient> search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "identifier") TokenAndListParam identifier,
            @OptionalParam(name = "name") StringAndListParam name,
            @OptionalParam(name = "family") StringAndListParam family,
            @OptionalParam(name = "given") StringAndListParam given,
            @OptionalParam(name = "birthdate") DateAndListParam birthdate,
            @OptionalParam(name = "gender") TokenAndListParam gender,
            @Sort SortSpec sort) {
        return search(
                SearchCriteria.builder()
                        .where("_id", id)
                        .where("identifier", identifier)
                        .where("name", name)
                        .where("family", family)
                        .where("given", given)
                        .where("birthdate", birthdate)
                        .where("gender", gender)
                        .build(),
                sort);
    }
}
