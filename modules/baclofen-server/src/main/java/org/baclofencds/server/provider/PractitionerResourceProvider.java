package org.baclofencds.server.provider;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import java.util.List;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.r4.model.Practitioner;

/** Practitioner: create, read, vread, update, delete and search, from the patient data source. */
public final class PractitionerResourceProvider extends StoreResourceProvider<Practitioner> {

    public PractitionerResourceProvider(PatientDataSource data) {
        super(data, Practitioner.class, "Practitioner");
    }

    @Search
    public List<Practitioner> search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "identifier") TokenAndListParam identifier,
            @OptionalParam(name = "name") StringAndListParam name,
            @OptionalParam(name = "family") StringAndListParam family,
            @OptionalParam(name = "given") StringAndListParam given,
            @Sort SortSpec sort) {
        return search(
                SearchCriteria.builder()
                        .where("_id", id)
                        .where("identifier", identifier)
                        .where("name", name)
                        .where("family", family)
                        .where("given", given)
                        .build(),
                sort);
    }
}
