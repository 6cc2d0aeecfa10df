package org.baclofencds.server.check;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;

/**
 * {@code $baclofen-check} (API.md §3): unwraps the HAPI parameters and calls {@link BaclofenCheckService}.
 *
 * <p>System level {@code POST [base]/$baclofen-check} checks the {@code data} Bundle; instance level {@code GET
 * or POST [base]/Patient/{id}/$baclofen-check} checks the stored record. The output is a {@code collection}
 * Bundle of CommunicationRequest alerts.
 */
public final class BaclofenCheckOperationProvider {

    public static final String OPERATION = "$baclofen-check";

    private final BaclofenCheckService service;
    private final Clock clock;

    public BaclofenCheckOperationProvider(BaclofenCheckService service, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Operation(
            name = OPERATION,
            idempotent = false,
            returnParameters = @OperationParam(name = "return", type = Bundle.class, min = 1, max = 1))
    public Bundle checkData(
            @OperationParam(name = "data", min = 0, max = 1) Bundle data,
            @OperationParam(name = "draftOrder", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<MedicationRequest> draftOrders,
            @OperationParam(name = "evaluationTime", min = 0, max = 1) DateTimeType evaluationTime,
            @OperationParam(name = "persist", min = 0, max = 1) BooleanType persist,
            RequestDetails request) {
        if (persist != null && persist.booleanValue()) {
            throw new InvalidRequestException(
                    "Parameter 'persist' applies only at instance level (Patient/{id}/$baclofen-check); the"
                            + " system-level check is stateless");
        }
        Instant at = evaluationInstant(evaluationTime, clock);
        return toBundle(service.checkData(data, draftOrders, at, offset(evaluationTime, at)), request);
    }

    @Operation(
            name = OPERATION,
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
        boolean store = persist != null && persist.booleanValue();
        if (store && request.getRequestType() == RequestTypeEnum.GET) {
            throw new InvalidRequestException("persist=true changes stored data: use POST, not GET");
        }
        Instant at = evaluationInstant(evaluationTime, clock);
        return toBundle(
                service.checkPatient(patientId.getIdPart(), draftOrders, at, offset(evaluationTime, at), store),
                request);
    }

    /** The UTC offset the caller wrote the evaluation time in (UTC when none was given): the texts use it. */
    static ZoneOffset offset(DateTimeType evaluationTime, Instant at) {
        if (evaluationTime == null || evaluationTime.isEmpty() || evaluationTime.getTimeZone() == null) {
            return ZoneOffset.UTC;
        }
        return ZoneOffset.ofTotalSeconds(evaluationTime.getTimeZone().getOffset(at.toEpochMilli()) / 1000);
    }

    /** The evaluation instant: exact to the second with a timezone, so look-back windows are unambiguous. */
    static Instant evaluationInstant(DateTimeType evaluationTime, Clock clock) {
        if (evaluationTime == null || evaluationTime.isEmpty()) {
            return clock.instant();
        }
        if (evaluationTime.getValue() == null
                || evaluationTime.getPrecision().ordinal()
                        < ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND.ordinal()
                || evaluationTime.getTimeZone() == null) {
            throw new InvalidRequestException("Parameter 'evaluationTime' must be a dateTime with seconds and a"
                    + " timezone, e.g. 2026-06-15T09:00:00Z; got '" + evaluationTime.getValueAsString() + "'");
        }
        return evaluationTime.getValue().toInstant();
    }

    private Bundle toBundle(List<CommunicationRequest> alerts, RequestDetails request) {
        String base = request.getFhirServerBase();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(Date.from(clock.instant()));
        for (CommunicationRequest alert : alerts) {
            Bundle.BundleEntryComponent entry = bundle.addEntry().setResource(alert);
            if (alert.getIdElement().hasIdPart()) {
                // A persisted alert: its address in the data source.
                entry.setFullUrl(
                        base + "/CommunicationRequest/" + alert.getIdElement().getIdPart());
            } else {
                entry.setFullUrl("urn:uuid:" + BaclofenCheckService.alertIdentifier(alert));
            }
        }
        return bundle;
    }
}
