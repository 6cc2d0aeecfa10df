package org.baclofencds.hapi;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.store.SearchCriteria;
import org.baclofencds.server.store.WriteOutcome;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The checks' data source inside a HAPI FHIR JPA server: every read, search and write goes through the server's
 * own DAOs, in-process, with the {@link RequestDetails} of the request being served (so partitioning,
 * authorization and the other storage interceptors apply as for any client request), or a {@link
 * SystemRequestDetails} for work the plugin does on its own (knowledge install, check-on-write).
 *
 * <p>The request is bound per thread for the duration of one call ({@link #bind}); the check and summary services
 * it serves are shared singletons.
 */
public final class JpaPatientDataSource implements PatientDataSource {

    private final DaoRegistry daos;
    private final IFhirSystemDao<Bundle, ?> systemDao;
    private final ThreadLocal<RequestDetails> current = new ThreadLocal<>();

    public JpaPatientDataSource(DaoRegistry daos, IFhirSystemDao<Bundle, ?> systemDao) {
        this.daos = Objects.requireNonNull(daos, "daos");
        this.systemDao = Objects.requireNonNull(systemDao, "systemDao");
    }

    /** Serves the calls of this thread with {@code request} until the returned scope is closed. */
    public Scope bind(RequestDetails request) {
        RequestDetails previous = current.get();
        current.set(request);
        return () -> {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        };
    }

    /** A binding of a request to the current thread; closing it restores the previous one. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    RequestDetails request() {
        RequestDetails r = current.get();
        return r != null ? r : new SystemRequestDetails();
    }

    @Override
    public Set<String> resourceTypes() {
        return daos.getRegisteredDaoTypes();
    }

    @Override
    public <T extends Resource> T read(Class<T> type, String id) {
        return dao(type).read(new IdType(resourceType(type), id), request());
    }

    @Override
    public <T extends Resource> T vread(Class<T> type, String id, String versionId) {
        return dao(type).read(new IdType(resourceType(type), id, versionId), request());
    }

    @Override
    public <T extends Resource> List<T> search(Class<T> type, SearchCriteria criteria) {
        // Synchronous searches bypass the server's search cache: a check sees what was written a moment ago.
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        criteria.params().forEach((name, ands) -> map.put(name, copy(ands)));
        List<IBaseResource> found = dao(type).search(map, request()).getAllResources();
        return found.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public WriteOutcome create(Resource resource, String ifNoneExist) {
        DaoMethodOutcome outcome = dao(resource.fhirType()).create(resource, ifNoneExist, request());
        return outcome(resource.fhirType(), outcome, Boolean.TRUE.equals(outcome.getCreated()));
    }

    @Override
    public WriteOutcome update(Resource resource, String ifMatchVersion) {
        Resource copy = resource.copy();
        IdType id = new IdType(resource.fhirType(), resource.getIdElement().getIdPart(), ifMatchVersion);
        copy.setId(id);
        DaoMethodOutcome outcome = dao(resource.fhirType()).update(copy, null, request());
        return outcome(resource.fhirType(), outcome, Boolean.TRUE.equals(outcome.getCreated()));
    }

    @Override
    public WriteOutcome delete(String resourceType, String id, String ifMatchVersion) {
        IFhirResourceDao<?> dao = daos.getResourceDao(resourceType);
        DaoMethodOutcome outcome = dao.delete(
                new IdType(resourceType, id, ifMatchVersion),
                new DeleteConflictList(),
                request(),
                new TransactionDetails());
        return outcome(resourceType, outcome, false);
    }

    /**
     * All or nothing, by HAPI's transaction processor as the FHIR API would do it: in a database transaction of
     * its own, or, when called inside one (check-on-write opens one for the whole check), as part of it.
     */
    @Override
    public Bundle transaction(Bundle bundle) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return systemDao.transactionNested(request(), bundle);
        }
        return systemDao.transaction(request(), bundle);
    }

    @SuppressWarnings("unchecked")
    private <T extends IBaseResource> IFhirResourceDao<T> dao(Class<T> type) {
        return (IFhirResourceDao<T>) daos.getResourceDao(type);
    }

    @SuppressWarnings("unchecked")
    private IFhirResourceDao<IBaseResource> dao(String type) {
        return (IFhirResourceDao<IBaseResource>) daos.getResourceDao(type);
    }

    private static List<List<IQueryParameterType>> copy(List<List<IQueryParameterType>> ands) {
        List<List<IQueryParameterType>> copy = new ArrayList<>();
        ands.forEach(ors -> copy.add(new ArrayList<>(ors)));
        return copy;
    }

    private String resourceType(Class<? extends Resource> type) {
        return daos.getFhirContext().getResourceType(type);
    }

    private static WriteOutcome outcome(String type, DaoMethodOutcome outcome, boolean created) {
        IdType id = new IdType(outcome.getId().getValue());
        Resource stored = outcome.getResource() instanceof Resource r ? r.copy() : null;
        Instant lastUpdated = stored != null && stored.getMeta().hasLastUpdated()
                ? stored.getMeta().getLastUpdated().toInstant()
                : Instant.now();
        return new WriteOutcome(type, id.getIdPart(), id.getVersionIdPart(), lastUpdated, created, stored);
    }
}
