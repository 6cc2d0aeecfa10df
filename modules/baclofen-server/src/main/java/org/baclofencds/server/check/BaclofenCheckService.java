package org.baclofencds.server.check;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.baclofencds.cdshooks.AlertOverride;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.Alert;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.rules.CommunicationRequests;
import org.baclofencds.rules.InvalidRecordException;
import org.baclofencds.rules.PatientRecord;
import org.baclofencds.server.store.ETags;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * {@code $baclofen-check} without HTTP: takes the patient's record (from a {@code data} Bundle, or straight from
 * the data source), runs the one analysis, renders its alerts as CommunicationRequests and optionally keeps the
 * chart's stored alerts in step with the result.
 */
public final class BaclofenCheckService {

    private final BaclofenEngine engine;
    private final PatientDataSource data;
    // One persist at a time per patient, so two concurrent checks cannot both revoke or both create.
    // One lock per patient being persisted; weak values, so a lock lives only while a check holds it and the map
    // does not grow with every patient ever checked.
    private final Cache<String, Object> patientLocks =
            Caffeine.newBuilder().weakValues().build();
    private final UnaryOperator<List<Alert>> annotator;

    public BaclofenCheckService(BaclofenEngine engine, PatientDataSource data) {
        this(engine, data, UnaryOperator.identity());
    }

    /**
     * @param annotator applied to the engine's alerts before they are rendered, returned or persisted, e.g. CDS
     *     Hooks overrides noting in an alert's detail that it was overridden and until when
     */
    public BaclofenCheckService(BaclofenEngine engine, PatientDataSource data, UnaryOperator<List<Alert>> annotator) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.data = Objects.requireNonNull(data, "data");
        this.annotator = Objects.requireNonNull(annotator, "annotator");
    }

    /** System level: the record is the {@code data} Bundle; nothing is read from or written to the store. */
    public List<CommunicationRequest> checkData(
            Bundle record, List<MedicationRequest> draftOrders, Instant evaluationTime) {
        return checkData(record, draftOrders, evaluationTime, ZoneOffset.UTC);
    }

    /**
     * System level, the alert texts showing dates and times in {@code offset}, the UTC offset the evaluation time
     * was given in (an EHR at -05:00 reads its own local times).
     */
    public List<CommunicationRequest> checkData(
            Bundle record, List<MedicationRequest> draftOrders, Instant evaluationTime, ZoneOffset offset) {
        if (record == null) {
            throw new InvalidRequestException(
                    "Parameter 'data' (a Bundle with the patient's record) is required at system level");
        }
        PatientRecord patientRecord;
        try {
            patientRecord = PatientRecord.fromBundle(record, orEmpty(draftOrders), evaluationTime)
                    .withOffset(offset);
        } catch (InvalidRecordException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        return render(alerts(patientRecord));
    }

    /**
     * Instance level: the record of {@code Patient/patientId} in the data source.
     *
     * @param persist store the alerts (deduplicated by identifier) and revoke stored alerts that no longer
     *     apply
     * @throws ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException for an unknown patient
     */
    public List<CommunicationRequest> checkPatient(
            String patientId, List<MedicationRequest> draftOrders, Instant evaluationTime, boolean persist) {
        return checkPatient(patientId, draftOrders, evaluationTime, ZoneOffset.UTC, persist);
    }

    /** Instance level, the alert texts showing dates and times in {@code offset} (see {@link #checkData}). */
    public List<CommunicationRequest> checkPatient(
            String patientId,
            List<MedicationRequest> draftOrders,
            Instant evaluationTime,
            ZoneOffset offset,
            boolean persist) {
        if (!persist) {
            return checkPatientOnce(patientId, draftOrders, evaluationTime, offset, false);
        }
        try {
            return checkPatientOnce(patientId, draftOrders, evaluationTime, offset, true);
        } catch (ResourceVersionConflictException | PreconditionFailedException concurrentWriter) {
            // Another writer (another instance of this service, a clinician) changed the patient's alerts between
            // our read and our write, and the transaction left everything as it was: once more, on fresh data.
            return checkPatientOnce(patientId, draftOrders, evaluationTime, offset, true);
        }
    }

    private List<CommunicationRequest> checkPatientOnce(
            String patientId,
            List<MedicationRequest> draftOrders,
            Instant evaluationTime,
            ZoneOffset offset,
            boolean persist) {
        PatientRecord patientRecord;
        try {
            patientRecord = data.patientRecord(patientId, evaluationTime)
                    .withDraftOrders(orEmpty(draftOrders))
                    .withOffset(offset);
        } catch (InvalidRecordException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        List<CommunicationRequest> alerts = render(alerts(patientRecord));
        if (!persist) {
            return alerts;
        }
        String subject = "Patient/" + patientId;
        synchronized (patientLocks.get(subject, s -> new Object())) {
            return persist(subject, alerts);
        }
    }

    private List<Alert> alerts(PatientRecord record) {
        return annotator.apply(engine.analyse(record).alerts());
    }

    private static List<CommunicationRequest> render(List<Alert> alerts) {
        // hookInstance-like: one value per evaluation, shared by all its alerts (API.md §3 groupIdentifier).
        return CommunicationRequests.render(alerts, "urn:uuid:" + UUID.randomUUID());
    }

    private static List<MedicationRequest> orEmpty(List<MedicationRequest> drafts) {
        return drafts == null ? List.of() : drafts;
    }

    /**
     * Makes the stored alerts of {@code subject} equal the current ones: new findings are created (a
     * conditional create on the identifier, so a retry cannot duplicate), findings stored earlier are kept (and
     * re-activated or refreshed when their text changed, version-checked), and active stored alerts that no
     * longer apply become {@code revoked}. An alert a clinician acknowledged or overrode is left as they set it
     * (see {@link #decidedByClinician}). Every write goes in one transaction Bundle, so a failure (a remote EHR
     * down mid-way, a concurrent change) leaves nothing partial behind.
     */
    private List<CommunicationRequest> persist(String subject, List<CommunicationRequest> alerts) {
        Map<String, CommunicationRequest> stored = new HashMap<>();
        SearchCriteria bySubject = SearchCriteria.builder()
                .where("subject", new ReferenceParam(subject))
                .where("identifier", new TokenParam(KnowledgeUrls.ALERT_ID_SYSTEM, null))
                .build();
        for (CommunicationRequest cr : data.search(CommunicationRequest.class, bySubject)) {
            String id = alertIdentifier(cr);
            if (id != null) {
                stored.put(id, cr);
            }
        }

        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        // result[i] is the alert as stored; null until the transaction says where it went (entry txIndex[i]).
        CommunicationRequest[] result = new CommunicationRequest[alerts.size()];
        int[] txIndex = new int[alerts.size()];
        for (int i = 0; i < alerts.size(); i++) {
            CommunicationRequest alert = alerts.get(i);
            String identifier = alertIdentifier(alert);
            CommunicationRequest previous = stored.remove(identifier);
            txIndex[i] = tx.getEntry().size();
            if (previous == null) {
                tx.addEntry()
                        .setFullUrl("urn:uuid:" + UUID.randomUUID())
                        .setResource(alert)
                        .getRequest()
                        .setMethod(Bundle.HTTPVerb.POST)
                        .setUrl("CommunicationRequest")
                        .setIfNoneExist("identifier=" + KnowledgeUrls.ALERT_ID_SYSTEM + "|" + identifier);
            } else if (sameFinding(previous, alert) || decidedByClinician(previous, alert)) {
                result[i] = previous;
            } else {
                alert.setId(previous.getIdElement().getIdPart());
                addUpdate(tx, alert, previous.getMeta().getVersionId());
            }
        }
        for (CommunicationRequest gone : stored.values()) {
            if (gone.getStatus() == CommunicationRequestStatus.ACTIVE) {
                gone.setStatus(CommunicationRequestStatus.REVOKED);
                addUpdate(tx, gone, gone.getMeta().getVersionId());
            }
        }
        if (tx.hasEntry()) {
            Bundle response = data.transactionOfOurs(tx);
            for (int i = 0; i < alerts.size(); i++) {
                if (result[i] == null) {
                    result[i] = stored(alerts.get(i), response, txIndex[i]);
                }
            }
        }
        return List.of(result);
    }

    private static void addUpdate(Bundle tx, CommunicationRequest cr, String ifMatchVersion) {
        String url = "CommunicationRequest/" + cr.getIdElement().getIdPart();
        cr.setId(url);
        Bundle.BundleEntryRequestComponent request = tx.addEntry()
                .setFullUrl(url)
                .setResource(cr)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(url);
        if (ifMatchVersion != null) {
            request.setIfMatch("W/\"" + ifMatchVersion + "\"");
        }
    }

    /** The alert as the transaction stored it: the response's resource, else ours with its new id and version. */
    private static CommunicationRequest stored(CommunicationRequest sent, Bundle response, int index) {
        if (index >= response.getEntry().size()) {
            throw new IllegalStateException("The transaction response has no entry " + index);
        }
        Bundle.BundleEntryComponent entry = response.getEntry().get(index);
        if (entry.getResource() instanceof CommunicationRequest cr) {
            return cr;
        }
        Bundle.BundleEntryResponseComponent r = entry.getResponse();
        if (r.getLocation() == null) {
            throw new IllegalStateException("The transaction response entry " + index + " has no location");
        }
        IdType location = new IdType(r.getLocation());
        CommunicationRequest copy = sent.copy();
        copy.setId(new IdType("CommunicationRequest", location.getIdPart()));
        String version = location.hasVersionIdPart() ? location.getVersionIdPart() : ETags.versionOf(r.getEtag());
        copy.getMeta().setVersionId(version);
        copy.getMeta().setLastUpdated(r.getLastModified());
        return copy;
    }

    /**
     * A clinician acknowledged ({@code completed}: this service never completes an alert) or overrode it
     * ({@code revoked} with a {@code statusReason} from the override-reason CodeSystem in the chart, or through
     * CDS Hooks feedback, whose override ends with its suppression window), and the finding has not become more
     * urgent since: the decision stands, so a later check does not raise the same alert again. A higher priority
     * (e.g. renal function worse) re-activates it.
     */
    private static boolean decidedByClinician(CommunicationRequest stored, CommunicationRequest fresh) {
        boolean decided = stored.getStatus() == CommunicationRequestStatus.COMPLETED
                || AlertOverride.of(stored)
                        .filter(o -> o.inForceAt(Instant.now()))
                        .isPresent();
        return decided && !moreUrgent(fresh, stored);
    }

    private static boolean moreUrgent(CommunicationRequest a, CommunicationRequest b) {
        // Enum order is routine, urgent, asap, stat.
        return a.hasPriority()
                && (!b.hasPriority()
                        || a.getPriority().ordinal() > b.getPriority().ordinal());
    }

    /** Same status, priority and wording: nothing a clinician would see has changed. */
    private static boolean sameFinding(CommunicationRequest stored, CommunicationRequest fresh) {
        return stored.getStatus() == fresh.getStatus()
                && stored.getPriority() == fresh.getPriority()
                && CommunicationRequests.summary(stored).equals(CommunicationRequests.summary(fresh))
                && CommunicationRequests.detail(stored).equals(CommunicationRequests.detail(fresh));
    }

    static String alertIdentifier(CommunicationRequest cr) {
        return CommunicationRequests.identifier(cr);
    }
}
