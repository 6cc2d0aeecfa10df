package org.baclofencds.server.provider;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.method.ResponsePage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;

/** MedicationRequest: create, read, vread, update, delete and search, from the patient data source. */
public final class MedicationRequestResourceProvider extends StoreResourceProvider<MedicationRequest> {

    public MedicationRequestResourceProvider(PatientDataSource data) {
        super(data, MedicationRequest.class, "MedicationRequest");
    }

    @Search
    public IBundleProvider search(
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
            @IncludeParam(allow = {"MedicationRequest:medication"}) Set<Include> includes,
            @Sort SortSpec sort) {
        List<MedicationRequest> found = search(
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
        boolean includeMedications = includes != null && !includes.isEmpty();
        return new SimpleBundleProvider(found) {
            @Override
            public List<IBaseResource> getResources(
                    int fromIndex, int toIndex, ResponsePage.ResponsePageBuilder builder) {
                List<IBaseResource> page = new ArrayList<>(super.getResources(fromIndex, toIndex, builder));
                if (includeMedications) {
                    page.addAll(referencedMedications(page));
                }
                return page;
            }
        };
    }

    /**
     * {@code _include=MedicationRequest:medication}: the Medications the orders of one page reference, marked
     * as include entries (they do not count towards the total).
     */
    private List<Medication> referencedMedications(List<IBaseResource> orders) {
        Map<String, Medication> found = new LinkedHashMap<>();
        for (IBaseResource r : orders) {
            if (!(r instanceof MedicationRequest order) || !order.hasMedicationReference()) {
                continue;
            }
            String value = order.getMedicationReference().getReference();
            if (value == null || value.startsWith("#")) {
                continue;
            }
            IdType id = new IdType(value);
            if (id.getIdPart() == null
                    || (id.getResourceType() != null && !"Medication".equals(id.getResourceType()))
                    || found.containsKey(id.getIdPart())) {
                continue;
            }
            try {
                Medication medication = data.read(Medication.class, id.getIdPart());
                ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(medication, BundleEntrySearchModeEnum.INCLUDE);
                found.put(id.getIdPart(), medication);
            } catch (ResourceNotFoundException | ResourceGoneException e) {
                // a dangling reference is simply not included
            }
        }
        return new ArrayList<>(found.values());
    }
}
