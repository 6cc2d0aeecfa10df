package org.baclofencds.server.check;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import java.time.Clock;
import java.util.Objects;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;

/**
 * {@code GET [base]/Patient/{id}/$baclofen-summary?evaluationTime=}: what the checks read from the record (age,
 * weight, renal function and how it was obtained, each order with its classes and baclofen daily dose) as a
 * {@code Parameters}, for the chart page. Read-only; see {@link BaclofenSummaryService}.
 */
public final class BaclofenSummaryOperationProvider {

    public static final String OPERATION = "$baclofen-summary";

    private final BaclofenSummaryService service;
    private final Clock clock;

    public BaclofenSummaryOperationProvider(BaclofenSummaryService service, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Operation(name = OPERATION, type = Patient.class, idempotent = true)
    public Parameters summary(
            @IdParam IdType patientId,
            @OperationParam(name = "evaluationTime", min = 0, max = 1) DateTimeType evaluationTime) {
        return service.summarise(
                patientId.getIdPart(), BaclofenCheckOperationProvider.evaluationInstant(evaluationTime, clock));
    }
}
