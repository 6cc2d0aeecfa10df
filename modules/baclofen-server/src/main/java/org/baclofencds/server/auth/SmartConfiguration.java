package org.baclofencds.server.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a SMART App Launch client needs to know about the authorization server of the issuer whose tokens protect
 * {@code /fhir} ({@code /fhir/.well-known/smart-configuration}): its authorization and token endpoints, read once
 * from the issuer's OpenID configuration ({@code ISS/.well-known/openid-configuration}) and cached; a failed read
 * is retried after 30 seconds.
 */
public final class SmartConfiguration {

    /** Default OAuth 2.0 client id of the chart page ({@code serve --chart-client-id}). */
    public static final String DEFAULT_CHART_CLIENT_ID = "baclofen-cds-chart";

    static final List<String> CAPABILITIES = List.of(
            "launch-ehr",
            "launch-standalone",
            "client-public",
            "context-ehr-patient",
            "context-standalone-patient",
            "permission-v2");

    private final String issuer;
    private final String chartClientId;
    private final HttpClient http;
    private volatile Endpoints endpoints;
    // After a failed read, the next one waits this long, so page loads do not each wait on a down server.
    private static final long RETRY_NANOS = Duration.ofSeconds(30).toNanos();
    private volatile long failedAt;
    private volatile boolean failed;

    /** The authorization server's endpoints. */
    public record Endpoints(String authorization, String token) {}

    public SmartConfiguration(String issuer, String chartClientId) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.chartClientId = Objects.requireNonNull(chartClientId, "chartClientId");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public String issuer() {
        return issuer;
    }

    public String chartClientId() {
        return chartClientId;
    }

    /** The endpoints, or empty when the issuer's OpenID configuration cannot be read now. */
    public Optional<Endpoints> endpoints() {
        Endpoints known = endpoints;
        if (known != null) {
            return Optional.of(known);
        }
        if (failed && System.nanoTime() - failedAt < RETRY_NANOS) {
            return Optional.empty();
        }
        Optional<Endpoints> read = read();
        if (read.isEmpty()) {
            failedAt = System.nanoTime();
            failed = true;
        }
        return read;
    }

    private Optional<Endpoints> read() {
        Endpoints known;
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            Map<String, Object> json = JSONObjectUtils.parse(response.body());
            String authorization = httpUrl(json.get("authorization_endpoint"));
            String token = httpUrl(json.get("token_endpoint"));
            if (authorization == null || token == null) {
                return Optional.empty();
            }
            known = new Endpoints(authorization, token);
            endpoints = known;
            return Optional.of(known);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The origin ({@code scheme://host:port}) of the token endpoint, for the chart page's connect-src. */
    public Optional<String> tokenEndpointOrigin() {
        return endpoints().map(e -> {
            URI uri = URI.create(e.token());
            return uri.getScheme() + "://" + uri.getRawAuthority();
        });
    }

    /** The smart-configuration document, or empty when the endpoints are not known. */
    public Optional<String> json() {
        return endpoints().map(e -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("issuer", issuer);
            doc.put("authorization_endpoint", e.authorization());
            doc.put("token_endpoint", e.token());
            doc.put("grant_types_supported", List.of("authorization_code"));
            doc.put("response_types_supported", List.of("code"));
            doc.put("token_endpoint_auth_methods_supported", List.of("none"));
            doc.put("scopes_supported", List.of("openid", "fhirUser", "launch", "launch/patient"));
            doc.put("capabilities", CAPABILITIES);
            doc.put("code_challenge_methods_supported", List.of("S256"));
            return JSONObjectUtils.toJSONString(doc);
        });
    }

    private static String httpUrl(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        try {
            URI uri = URI.create(s);
            String scheme = uri.getScheme();
            return ("https".equals(scheme) || "http".equals(scheme)) && uri.getHost() != null ? s : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
