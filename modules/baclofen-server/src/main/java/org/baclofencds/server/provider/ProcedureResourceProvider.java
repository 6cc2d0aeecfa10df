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
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;

/** Procedure (dialysis sessions, for example): create, read, vread, update, delete and search. */
public final class ProcedureResourceProvider extends StoreResourceProvider<Procedure> {

    public ProcedureResourceProvider(PatientDataSource data) {
        super(data, Procedure.class, "Procedure");
    }

    @Search
    public List<Procedure> search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = "patient", targetTypes = Patient.class) ReferenceAndListParam patient,
            @OptionalParam(name = "subject") ReferenceAndListParam subject,
            @OptionalParam(name = "code") TokenAndListParam code,
            @OptionalParam(name = "status") TokenAndListParam status,
            @OptionalParam(name = "date") DateAndListParam date,
            @OptionalParam(name = "identifier") TokenAndListParam identifier,
            @Sort SortSpec sort) {
        return search(
                SearchCriteria.builder()
                        .where("_id", id)
                        .where("patient", patient)
                        .where("subject", subject)
                        .where("code", code)
                        .where("status", status)
                        .where("date", date)
                        .where("identifier", identifier)
                        .build(),
                sort);
    }
}
