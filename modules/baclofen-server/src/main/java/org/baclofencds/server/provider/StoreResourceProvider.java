package org.baclofencds.server.provider;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import org.baclofencds.server.store.ETags;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.store.SearchCriteria;
import org.baclofencds.server.store.WriteOutcome;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Create, read, vread, update and delete of one resource type, delegated to the {@link PatientDataSource}. Each
 * subclass adds the search method with that type's parameters, so the CapabilityStatement lists them.
 */
public abstract class StoreResourceProvider<T extends Resource> implements IResourceProvider {

    protected final PatientDataSource data;
    private final Class<T> type;
    private final String typeName;

    protected StoreResourceProvider(PatientDataSource data, Class<T> type, String typeName) {
        this.data = data;
        this.type = type;
        this.typeName = typeName;
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    @Read(version = true)
    public T read(@IdParam IdType id) {
        return id.hasVersionIdPart()
                ? data.vread(type, id.getIdPart(), id.getVersionIdPart())
                : data.read(type, id.getIdPart());
    }

    @Create
    public MethodOutcome create(@ResourceParam T resource, RequestDetails request) {
        requireType(resource);
        return toMethodOutcome(data.create(resource, request.getHeader("If-None-Exist")));
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam T resource, RequestDetails request) {
        requireType(resource);
        resource.setId(new IdType(typeName, id.getIdPart()));
        return toMethodOutcome(data.update(resource, ifMatch(id, request)));
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id, RequestDetails request) {
        WriteOutcome out = data.delete(typeName, id.getIdPart(), ifMatch(id, request));
        return new MethodOutcome(out.versionedId());
    }

    /** Runs the search, then applies {@code _sort}. */
    protected List<T> search(SearchCriteria criteria, SortSpec sort) {
        List<T> found = Sorting.sort(typeName, data.search(type, criteria), sort);
        // Bundle.entry.search.mode, which HAPI's plain server leaves empty for matches
        found.forEach(r -> ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(r, BundleEntrySearchModeEnum.MATCH));
        return found;
    }

    private static String ifMatch(IdType id, RequestDetails request) {
        String header = ETags.versionOf(request.getHeader("If-Match"));
        return header != null ? header : id.getVersionIdPart();
    }

    private void requireType(Resource resource) {
        if (resource == null) {
            throw new InvalidRequestException("The request has no resource body");
        }
        if (!type.isInstance(resource)) {
            throw new InvalidRequestException(
                    "The body is a " + resource.fhirType() + " but this endpoint takes a " + typeName);
        }
    }

    private static MethodOutcome toMethodOutcome(WriteOutcome out) {
        MethodOutcome outcome = new MethodOutcome(out.versionedId(), out.created());
        outcome.setResource(out.resource());
        return outcome;
    }
}
