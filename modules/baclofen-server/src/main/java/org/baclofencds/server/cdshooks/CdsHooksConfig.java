package org.baclofencds.server.cdshooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How CDS Hooks is served; parsed once in {@code main}.
 *
 * @param trustedIssuers JWT issuer → URL or file of its JWK Set; empty means calls are not authenticated
 * @param corsOrigins browser origins allowed to call {@code /fhir} and {@code /cds-services} ({@code *} for any);
 *     empty for no CORS
 * @param insecure allow listening on a non-loopback interface with CDS Hooks unauthenticated
 * @param overrideSuppression how long an overridden alert stays hidden for that patient, code and order
 * @param fhirTimeout connect and read timeout when fetching prefetch from {@code fhirServer}
 */
public record CdsHooksConfig(
        Map<String, String> trustedIssuers,
        List<String> corsOrigins,
        boolean insecure,
        Duration overrideSuppression,
        Duration fhirTimeout) {

    public static final Duration DEFAULT_OVERRIDE_SUPPRESSION = Duration.ofHours(24);
    public static final Duration DEFAULT_FHIR_TIMEOUT = Duration.ofSeconds(5);

    public CdsHooksConfig {
        trustedIssuers = trustedIssuers == null ? Map.of() : Map.copyOf(trustedIssuers);
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        overrideSuppression = overrideSuppression == null ? DEFAULT_OVERRIDE_SUPPRESSION : overrideSuppression;
        fhirTimeout = fhirTimeout == null ? DEFAULT_FHIR_TIMEOUT : fhirTimeout;
        if (overrideSuppression.isNegative() || fhirTimeout.isNegative() || fhirTimeout.isZero()) {
            throw new IllegalArgumentException("Durations must be positive");
        }
    }

    public static CdsHooksConfig defaults() {
        return new CdsHooksConfig(Map.of(), List.of(), false, null, null);
    }

    public boolean authenticated() {
        return !trustedIssuers.isEmpty();
    }
}
