package org.baclofencds.server.provider;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.store.SearchCriteria;
import org.baclofencds.server.store.SearchParameters;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Read (and, in subclasses, search) of one published knowledge type. There is deliberately no create, update
 * or delete: HAPI then answers writes with a 4xx OperationOutcome, since the knowledge is part of the release.
 */
public abstract class KnowledgeResourceProvider<T extends Resource> implements IResourceProvider {

    private final Class<T> type;
    private final String typeName;
    private final Map<String, T> byId = new LinkedHashMap<>();

    protected KnowledgeResourceProvider(Knowledge knowledge, Class<T> type, String typeName) {
        this.type = type;
        this.typeName = typeName;
        for (IBaseResource r : knowledge.resources()) {
            if (type.isInstance(r)) {
                byId.put(r.getIdElement().getIdPart(), type.cast(r));
            }
        }
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    @Read
    public T read(@IdParam IdType id) {
        T found = byId.get(id.getIdPart());
        if (found == null) {
            throw new ResourceNotFoundException("Resource " + typeName + "/" + id.getIdPart() + " is not known");
        }
        // The knowledge instances are shared by every request and the checks: hand out a copy.
        return type.cast(found.copy());
    }

    /** The published resources of this type that match every criterion, as copies, in a stable order. */
    protected List<T> search(SearchCriteria criteria) {
        SearchParameters.validate(typeName, criteria);
        List<T> result = new ArrayList<>();
        for (T r : byId.values()) {
            if (SearchParameters.matches(r, criteria)) {
                T copy = type.cast(r.copy());
                ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(copy, BundleEntrySearchModeEnum.MATCH);
                result.add(copy);
            }
        }
        return result;
    }
}
