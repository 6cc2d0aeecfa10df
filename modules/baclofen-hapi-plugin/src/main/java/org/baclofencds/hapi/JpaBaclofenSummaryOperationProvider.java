package org.baclofencds.hapi;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Objects;
import org.baclofencds.server.check.BaclofenSummaryOperationProvider;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;

/**
 * {@code Patient/{id}/$baclofen-summary} in the JPA server: the standalone server's operation, reading the
 * record through the server's DAOs on behalf of the calling request.
 */
public final class JpaBaclofenSummaryOperationProvider {

    private final BaclofenSummaryOperationProvider delegate;
    private final JpaPatientDataSource data;

    public JpaBaclofenSummaryOperationProvider(BaclofenSummaryOperationProvider delegate, JpaPatientDataSource data) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.data = Objects.requireNonNull(data, "data");
    }

    @Operation(name = BaclofenSummaryOperationProvider.OPERATION, type = Patient.class, idempotent = true)
    public Parameters summary(
            @IdParam IdType patientId,
            @OperationParam(name = "evaluationTime", min = 0, max = 1) DateTimeType evaluationTime,
            RequestDetails request) {
        try (JpaPatientDataSource.Scope scope = data.bind(request)) {
            return delegate.summary(patientId, evaluationTime);
        }
    }
}
