package org.baclofencds.server.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import org.baclofencds.cdshooks.FhirAuthorization;
import org.baclofencds.cdshooks.PrefetchFetcher;
import org.baclofencds.cdshooks.PrefetchUnavailableException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;

/**
 * Fetches a missing prefetch key from the EHR's {@code fhirServer} with HAPI's client, the request's bearer token,
 * and connect/read timeouts; a search follows every {@code next} page (up to a limit) into one Bundle.
 */
public final class HapiPrefetchFetcher implements PrefetchFetcher {
    /** A patient's record larger than this many pages is not what a prefetch query is for. */
    static final int MAX_PAGES = 50;

    private final IRestfulClientFactory factory;

    public HapiPrefetchFetcher(FhirContext ctx, Duration timeout) {
        // Its own factory: the timeouts must not change the shared context's clients.
        factory = new ApacheRestfulClientFactory(ctx);
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setConnectTimeout((int) timeout.toMillis());
        factory.setSocketTimeout((int) timeout.toMillis());
        factory.setConnectionRequestTimeout((int) timeout.toMillis());
    }

    @Override
    public IBaseResource fetch(String fhirServer, FhirAuthorization authorization, String query) {
        IGenericClient client = factory.newGenericClient(fhirServer);
        if (authorization != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(authorization.accessToken()));
        }
        try {
            if (!query.contains("?")) {
                IdType id = new IdType(query);
                return client.read()
                        .resource(id.getResourceType())
                        .withId(id.getIdPart())
                        .execute();
            }
            Bundle all = client.search().byUrl(query).returnBundle(Bundle.class).execute();
            Bundle page = all;
            int pages = 1;
            while (page.getLink(Bundle.LINK_NEXT) != null) {
                if (++pages > MAX_PAGES) {
                    throw new PrefetchUnavailableException("fhirServer returned more than " + MAX_PAGES + " pages for "
                            + query.substring(0, query.indexOf('?')));
                }
                page = client.loadPage().next(page).execute();
                all.getEntry().addAll(page.getEntry());
            }
            return all;
        } catch (BaseServerResponseException e) {
            throw new PrefetchUnavailableException(
                    "fhirServer answered HTTP " + e.getStatusCode() + " for " + resourceType(query), e);
        } catch (PrefetchUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // Connection refused, timeout, unparseable answer: the message may carry the URL, never the token.
            throw new PrefetchUnavailableException(
                    "fhirServer could not be read for " + resourceType(query) + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    private static String resourceType(String query) {
        int q = query.indexOf('?');
        int slash = query.indexOf('/');
        int end = q >= 0 ? q : slash >= 0 ? slash : query.length();
        return query.substring(0, end);
    }
}
