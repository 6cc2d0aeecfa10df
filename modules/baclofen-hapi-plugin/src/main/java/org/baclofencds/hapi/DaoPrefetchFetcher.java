package org.baclofencds.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.Objects;
import org.baclofencds.cdshooks.FhirAuthorization;
import org.baclofencds.cdshooks.PrefetchFetcher;
import org.baclofencds.cdshooks.PrefetchUnavailableException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fills a prefetch key the EHR did not send by reading this server's own database in-process (the CDS services
 * live inside the server that holds the patient's data), whatever {@code fhirServer} the request names: no HTTP
 * round trip and no token needed.
 */
public final class DaoPrefetchFetcher implements PrefetchFetcher {

    private final FhirContext ctx;
    private final DaoRegistry daos;
    private final MatchUrlService matchUrls;

    public DaoPrefetchFetcher(FhirContext ctx, DaoRegistry daos, MatchUrlService matchUrls) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.daos = Objects.requireNonNull(daos, "daos");
        this.matchUrls = Objects.requireNonNull(matchUrls, "matchUrls");
    }

    @Override
    public IBaseResource fetch(String fhirServer, FhirAuthorization authorization, String query) {
        int q = query.indexOf('?');
        String type = (q >= 0 ? query.substring(0, q) : new IdType(query).getResourceType());
        try {
            if (q < 0) {
                IdType id = new IdType(query);
                return daos.getResourceDao(type).read(id, new SystemRequestDetails());
            }
            SearchParameterMap map = matchUrls.translateMatchUrl(query, ctx.getResourceDefinition(type));
            map.setLoadSynchronous(true);
            Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            for (IBaseResource r : daos.getResourceDao(type)
                    .search(map, new SystemRequestDetails())
                    .getAllResources()) {
                bundle.addEntry().setResource((Resource) r);
            }
            bundle.setTotal(bundle.getEntry().size());
            return bundle;
        } catch (BaseServerResponseException e) {
            throw new PrefetchUnavailableException(
                    "The server could not read " + type + " for the prefetch (HTTP " + e.getStatusCode() + ")", e);
        }
    }
}
