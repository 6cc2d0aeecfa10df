package org.baclofencds.server.store;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.baclofencds.rules.PatientRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * Where patient data lives: the embedded in-memory store, or (later) a remote EHR FHIR server reached through
 * hapi-fhir-client. The operations are FHIR's own REST interactions, so a remote implementation maps each one
 * to one client call.
 *
 * <p>Errors are HAPI's {@link BaseServerResponseException} subclasses, the same ones hapi-fhir-client throws
 * for a remote server's answers: {@code ResourceNotFoundException} (404), {@code ResourceGoneException} (410),
 * {@code InvalidRequestException} (400), {@code ResourceVersionConflictException} (409, If-Match mismatch),
 * {@code PreconditionFailedException} (412), {@code UnprocessableEntityException} (422). Resources handed in
 * are never kept and resources handed out are copies: callers may change them freely.
 */
public interface PatientDataSource {

    /** The resource types this source stores (e.g. Patient, MedicationRequest, ...). */
    Set<String> resourceTypes();

    /** The current version; 404 when unknown, 410 when deleted. */
    <T extends Resource> T read(Class<T> type, String id);

    /** One version; 404 when the resource or version is unknown, 410 when that version is a deletion. */
    <T extends Resource> T vread(Class<T> type, String id, String versionId);

    /** The current, non-deleted resources of the type that match every criterion, in a stable order. */
    <T extends Resource> List<T> search(Class<T> type, SearchCriteria criteria);

    /**
     * Creates the resource under a server-assigned id (any id in the body is ignored).
     *
     * @param ifNoneExist FHIR's {@code If-None-Exist} query (e.g. {@code identifier=sys|1}), or null: when one
     *     resource matches it, nothing is created and that resource is returned ({@code created=false}); when
     *     several match, 412
     */
    WriteOutcome create(Resource resource, String ifNoneExist);

    default WriteOutcome create(Resource resource) {
        return create(resource, null);
    }

    /**
     * Updates the resource with the id of its body, or creates it under that id when it does not exist
     * (create-by-PUT, {@code created=true}).
     *
     * @param ifMatchVersion the version the caller last saw ({@code If-Match}), or null for none; a mismatch is
     *     409
     */
    WriteOutcome update(Resource resource, String ifMatchVersion);

    default WriteOutcome update(Resource resource) {
        return update(resource, null);
    }

    /**
     * Deletes the resource (its history is kept; a read then answers 410). Deleting a deleted resource is a
     * no-op; an unknown id is 404.
     *
     * @param ifMatchVersion as for {@link #update(Resource, String)}
     */
    WriteOutcome delete(String resourceType, String id, String ifMatchVersion);

    /**
     * Processes a {@code transaction} (all or nothing) or {@code batch} (each entry on its own) Bundle and
     * returns the {@code transaction-response} or {@code batch-response}.
     */
    Bundle transaction(Bundle bundle);

    /**
     * A {@code transaction} of this service's own writes (the persisted alerts), not a caller's: a store that
     * refuses it (other than for a concurrent change, 409 or 412) says so as its own failure, never as the
     * caller's 4xx. The embedded store has nothing to add to {@link #transaction}.
     */
    default Bundle transactionOfOurs(Bundle bundle) {
        return transaction(bundle);
    }

    /**
     * The patient with their MedicationRequests, the Medications those reference, their Observations and
     * Conditions and Procedures, as a check made as of {@code evaluationTime} needs it: the record the rules read, handed over
     * directly. A source may leave out what no check can see from that instant (a remote EHR fetches only the
     * Observations within the checks' look-back); the default is the whole record. A dangling Medication
     * reference is skipped rather than failing the whole record.
     *
     * @throws ResourceNotFoundException when the patient is unknown
     * @throws ResourceGoneException when the patient was deleted
     * @throws org.baclofencds.rules.InvalidRecordException when a resource found belongs to another patient
     */
    default PatientRecord patientRecord(String patientId, Instant evaluationTime) {
        Patient patient = read(Patient.class, patientId);
        String patientRef = "Patient/" + patient.getIdElement().getIdPart();
        SearchCriteria byPatient = SearchCriteria.builder()
                .where("patient", new ReferenceParam(patientRef))
                .build();
        List<MedicationRequest> requests = search(MedicationRequest.class, byPatient);
        Map<String, Medication> medications = new LinkedHashMap<>();
        for (MedicationRequest request : requests) {
            if (!request.hasMedicationReference()) {
                continue;
            }
            String reference = request.getMedicationReference().getReference();
            if (reference == null || reference.startsWith("#")) {
                continue; // contained: already inside the MedicationRequest
            }
            IdType id = new IdType(reference);
            if (id.getIdPart() == null
                    || (id.getResourceType() != null && !"Medication".equals(id.getResourceType()))
                    || medications.containsKey(id.getIdPart())) {
                continue;
            }
            try {
                medications.put(id.getIdPart(), read(Medication.class, id.getIdPart()));
            } catch (ResourceNotFoundException | ResourceGoneException e) {
                // A dangling reference is the EHR's problem; the checks then fall back to text.
            }
        }
        return PatientRecord.of(
                patient,
                requests,
                new ArrayList<>(medications.values()),
                search(Observation.class, byPatient),
                search(Condition.class, byPatient),
                search(Procedure.class, byPatient),
                List.of(),
                evaluationTime);
    }
}
