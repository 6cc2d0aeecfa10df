package org.baclofencds.cdshooks;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Fetches a prefetch query the EHR did not fill from its FHIR server. Implemented with HAPI's client in the server
 * module, so this module stays free of HTTP.
 */
@FunctionalInterface
public interface PrefetchFetcher {

    /**
     * @param fhirServer the request's {@code fhirServer} base URL
     * @param authorization the request's {@code fhirAuthorization}, or null to call without a token
     * @param query the resolved template, relative to {@code fhirServer}: a read ({@code Patient/123}) or a search
     *     ({@code Observation?patient=123&code=...}); a search returns one Bundle holding every page
     * @throws PrefetchUnavailableException when the server cannot be reached in time or answers with an error
     */
    IBaseResource fetch(String fhirServer, FhirAuthorization authorization, String query);
}
