package org.baclofencds.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.rules.PatientRecord;
import org.baclofencds.server.check.BaclofenCheckService;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code baclofen-cds.check-on-write: true}: when a MedicationRequest, Observation, Condition or Procedure of a
 * patient is created or updated, the patient is checked again and their stored alerts brought in step (new ones
 * active, those no longer true revoked), so the chart shows the alert as soon as the order is saved.
 *
 * <p>The write's transaction only notes the patient ({@code STORAGE_PRECOMMIT_RESOURCE_CREATED}/{@code UPDATED});
 * once it has committed, each noted patient is checked once (a transaction Bundle that writes ten resources of
 * one patient checks them once, with all ten visible) in a database transaction of its own, still on the
 * writing request's thread, so the alerts are stored before the write's response leaves. A failing check is
 * logged and never undoes or fails the clinician's write. A patient with no baclofen order costs one indexed
 * search of their MedicationRequests and nothing more.
 */
@Interceptor
public final class CheckOnWriteInterceptor {
    private static final Logger log = LoggerFactory.getLogger(CheckOnWriteInterceptor.class);

    private final BaclofenEngine engine;
    private final BaclofenCheckService checks;
    private final JpaPatientDataSource data;
    private final IHapiTransactionService transactions;
    private final Clock clock;

    public CheckOnWriteInterceptor(
            BaclofenEngine engine,
            BaclofenCheckService checks,
            JpaPatientDataSource data,
            IHapiTransactionService transactions,
            Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.checks = Objects.requireNonNull(checks, "checks");
        this.data = Objects.requireNonNull(data, "data");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        written(resource, request);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        written(resource, request);
    }

    private void written(IBaseResource resource, RequestDetails request) {
        String patientId = patientOf(resource);
        if (patientId == null) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            recheck(patientId, request);
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending(request);
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.patientIds.add(patientId);
    }

    /** The patients written in one transaction, checked once it has committed. */
    private final class Pending implements TransactionSynchronization {
        final Set<String> patientIds = new LinkedHashSet<>();
        final RequestDetails request;

        Pending(RequestDetails request) {
            this.request = request;
        }

        @Override
        public void afterCommit() {
            TransactionSynchronizationManager.unbindResourceIfPossible(CheckOnWriteInterceptor.this);
            for (String patientId : List.copyOf(patientIds)) {
                recheck(patientId, request);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(CheckOnWriteInterceptor.this);
        }
    }

    /** The Patient the resource belongs to, when it is one of the four types the checks read. */
    static String patientOf(IBaseResource resource) {
        Reference subject;
        if (resource instanceof MedicationRequest r) {
            subject = r.getSubject();
        } else if (resource instanceof Observation o) {
            subject = o.getSubject();
        } else if (resource instanceof Condition c) {
            subject = c.getSubject();
        } else if (resource instanceof Procedure p) {
            subject = p.getSubject();
        } else {
            return null;
        }
        if (subject == null || !subject.hasReference()) {
            return null;
        }
        IdType id = new IdType(subject.getReference());
        return "Patient".equals(id.getResourceType()) && id.hasIdPart() ? id.getIdPart() : null;
    }

    private void recheck(String patientId, RequestDetails written) {
        // The plugin's own work, in the partition (tenant) of the write that caused it.
        SystemRequestDetails request = new SystemRequestDetails();
        if (written != null && written.getTenantId() != null) {
            request.setTenantId(written.getTenantId());
        }
        Instant now = clock.instant();
        try (JpaPatientDataSource.Scope scope = data.bind(request)) {
            // A transaction of its own: the write's has committed (or there was none), and a failure here must
            // roll back the alerts only.
            transactions
                    .withRequest(request)
                    .withPropagation(Propagation.REQUIRES_NEW)
                    .execute(() -> {
                        if (hasBaclofenOrder(patientId, now)) {
                            checks.checkPatient(patientId, List.of(), now, true);
                        }
                    });
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            // The subject is not (or no longer) a stored patient: nothing to check.
        } catch (RuntimeException e) {
            log.warn("baclofen-cds check-on-write failed for a patient; the write itself is kept", e);
        }
    }

    /**
     * The cheap test: one search for the patient's MedicationRequests, read by the engine's own baclofen
     * recognition (codes, contained Medication, text). A Medication an order references is read only for such
     * an order (an include would cost a second query on every write).
     */
    private boolean hasBaclofenOrder(String patientId, Instant now) {
        SearchCriteria byPatient = SearchCriteria.builder()
                .where("patient", new ReferenceParam("Patient/" + patientId))
                .build();
        List<MedicationRequest> requests = data.search(MedicationRequest.class, byPatient);
        if (requests.isEmpty()) {
            return false;
        }
        List<Medication> medications = new ArrayList<>();
        for (MedicationRequest mr : requests) {
            String ref =
                    mr.hasMedicationReference() ? mr.getMedicationReference().getReference() : null;
            if (ref != null && !ref.startsWith("#")) {
                IdType id = new IdType(ref);
                if ("Medication".equals(id.getResourceType()) && id.hasIdPart()) {
                    try {
                        medications.add(data.read(Medication.class, id.getIdPart()));
                    } catch (ResourceNotFoundException | ResourceGoneException e) {
                        // a dangling reference: the order is judged by its text
                    }
                }
            }
        }
        Patient patient = new Patient();
        patient.setId(patientId);
        PatientRecord orders = PatientRecord.of(patient, requests, medications, List.of(), List.of(), List.of(), now);
        return !engine.evaluation(orders).baclofenOrders().isEmpty();
    }
}
