package org.baclofencds.server.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.baclofencds.cdshooks.FhirAuthorization;
import org.baclofencds.cdshooks.PrefetchFetcher;
import org.baclofencds.cdshooks.PrefetchUnavailableException;
import org.baclofencds.server.remote.EhrRequestPolicy;
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
    private final Duration timeout;
    /** Fetches run here so that a server that accepts but never answers cannot hold the call past the timeout. */
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cds-prefetch");
        t.setDaemon(true);
        return t;
    });

    public HapiPrefetchFetcher(FhirContext ctx, Duration timeout) {
        // Its own factory: the timeouts must not change the shared context's clients.
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        ApacheRestfulClientFactory apache = new ApacheRestfulClientFactory(ctx);
        apache.setServerValidationMode(ServerValidationModeEnum.NEVER);
        apache.setConnectTimeout(ms);
        apache.setConnectionRequestTimeout(ms);
        // Measured: a server that accepts and never answers still held HAPI's read for its default 10 s, so the
        // timeout is enforced around the whole fetch below as well.
        apache.setSocketTimeout(ms);
        factory = apache;
        this.timeout = timeout;
    }

    /**
     * @throws PrefetchUnavailableException also when the whole fetch (every page) takes longer than the timeout
     */
    @Override
    public IBaseResource fetch(String fhirServer, FhirAuthorization authorization, String query) {
        Future<IBaseResource> result = pool.submit(() -> fetchNow(fhirServer, authorization, query));
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new PrefetchUnavailableException(
                    "fhirServer did not answer " + resourceType(query) + " within " + timeout, e);
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new PrefetchUnavailableException("Interrupted while fetching " + resourceType(query), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PrefetchUnavailableException p) {
                throw p;
            }
            throw new PrefetchUnavailableException(
                    "fhirServer could not be read for " + resourceType(query) + ": "
                            + e.getCause().getClass().getSimpleName(),
                    e.getCause());
        }
    }

    private IBaseResource fetchNow(String fhirServer, FhirAuthorization authorization, String query) {
        IGenericClient client = factory.newGenericClient(fhirServer);
        // No redirects (our bearer token must not follow one to another origin), no server-side search cache.
        client.registerInterceptor(new EhrRequestPolicy(timeout));
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
        } catch (FhirClientConnectionException e) {
            throw new PrefetchUnavailableException(
                    "fhirServer could not be reached or read for " + resourceType(query), e);
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
