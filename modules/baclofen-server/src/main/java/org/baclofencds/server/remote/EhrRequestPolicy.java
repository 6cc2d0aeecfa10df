package org.baclofencds.server.remote;

import ca.uhn.fhir.rest.client.apache.ApacheHttpRequest;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.time.Duration;
import org.apache.http.client.config.RequestConfig;

/**
 * What every request of ours to an EHR carries, for both the remote-EHR data source and the CDS Hooks prefetch
 * fetcher (hapi-fhir-client on its Apache transport):
 *
 * <ul>
 *   <li>{@code Cache-Control: no-cache}: a server that reuses the results of an identical search (the HAPI
 *       FHIR JPA server does for 60 s by default) must run it again, so a check sees the EHR's data as it is
 *       now, e.g. an order stopped a second ago;
 *   <li>redirects are not followed: a redirect would carry our {@code Authorization} header to wherever the
 *       EHR points, another origin included; a 3xx is an error answer instead (a 502 to our caller);
 *   <li>the connect and read timeouts, on each request, so the shared FhirContext's factory stays untouched.
 * </ul>
 */
public final class EhrRequestPolicy implements IClientInterceptor {

    private final RequestConfig requestConfig;

    public EhrRequestPolicy(Duration timeout) {
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.requestConfig = RequestConfig.custom()
                .setConnectTimeout(ms)
                .setSocketTimeout(ms)
                .setConnectionRequestTimeout(ms)
                .setRedirectsEnabled(false)
                .setCircularRedirectsAllowed(false)
                .build();
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        request.addHeader("Cache-Control", "no-cache");
        if (request instanceof ApacheHttpRequest apache) {
            apache.getApacheRequest().setConfig(requestConfig);
        }
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // nothing to do
    }
}
