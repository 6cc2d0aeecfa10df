package org.baclofencds.cdshooks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * A parsed, validated service call.
 *
 * @param hook the hook, matching the service called
 * @param hookInstance the UUID of this invocation (the alerts' {@code groupIdentifier})
 * @param fhirServer the EHR's FHIR base, or null
 * @param fhirAuthorization the token for {@code fhirServer}, or null
 * @param userId {@code Type/id} of the user
 * @param patientId the patient's logical id
 * @param encounterId the encounter's id, or null
 * @param draftOrders the MedicationRequests of {@code context.draftOrders} (other request types are not ours)
 * @param selections {@code MedicationRequest/id} values of {@code context.selections} (order-select)
 * @param prefetch the keys the EHR sent: a resource, or {@link Optional#empty()} for JSON {@code null}
 * @param evaluationTime the {@code org.baclofencds.evaluationTime} extension, or null for "now"
 */
public record CdsRequest(
        Hook hook,
        String hookInstance,
        String fhirServer,
        FhirAuthorization fhirAuthorization,
        String userId,
        String patientId,
        String encounterId,
        List<MedicationRequest> draftOrders,
        List<String> selections,
        Map<String, Optional<IBaseResource>> prefetch,
        Instant evaluationTime) {

    public CdsRequest {
        draftOrders = List.copyOf(draftOrders);
        selections = List.copyOf(selections);
        prefetch = Map.copyOf(prefetch);
    }
}
