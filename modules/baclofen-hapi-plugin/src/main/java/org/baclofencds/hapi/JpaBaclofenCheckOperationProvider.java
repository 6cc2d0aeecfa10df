package org.baclofencds.hapi;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.Objects;
import org.baclofencds.server.check.BaclofenCheckOperationProvider;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;

/**
 * {@code $baclofen-check} in the JPA server: the standalone server's operation (same parameters, validation and
 * output, API.md §3), with the patient's data read and the alerts persisted through the server's DAOs on behalf
 * of the calling request.
 */
public final class JpaBaclofenCheckOperationProvider {

    private final BaclofenCheckOperationProvider delegate;
    private final JpaPatientDataSource data;

    public JpaBaclofenCheckOperationProvider(BaclofenCheckOperationProvider delegate, JpaPatientDataSource data) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.data = Objects.requireNonNull(data, "data");
    }

    @Operation(
            name = BaclofenCheckOperationProvider.OPERATION,
            idempotent = false,
            returnParameters = @OperationParam(name = "return", type = Bundle.class, min = 1, max = 1))
    public Bundle checkData(
            @OperationParam(name = "data", min = 0, max = 1) Bundle record,
            @OperationParam(name = "draftOrder", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<MedicationRequest> draftOrders,
            @OperationParam(name = "evaluationTime", min = 0, max = 1) DateTimeType evaluationTime,
            @OperationParam(name = "persist", min = 0, max = 1) BooleanType persist,
            RequestDetails request) {
        return delegate.checkData(record, draftOrders, evaluationTime, persist, request);
    }

    @Operation(
            name = BaclofenCheckOperationProvider.OPERATION,
            type = Patient.class,
            idempotent = true,
            returnParameters = @OperationParam(name = "return", type = Bundle.class, min = 1, max = 1))
    public Bundle checkPatient(
            @IdParam IdType patientId,
            @OperationParam(name = "draftOrder", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<MedicationRequest> draftOrders,
            @OperationParam(name = "evaluationTime", min = 0, max = 1) DateTimeType evaluationTime,
            @OperationParam(name = "persist", min = 0, max = 1) BooleanType persist,
            RequestDetails request) {
        try (JpaPatientDataSource.Scope scope = data.bind(request)) {
            return delegate.checkPatient(patientId, draftOrders, evaluationTime, persist, request);
        }
    }
}
