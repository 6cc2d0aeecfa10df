package org.baclofencds.server.cdshooks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.CrossOriginHandler;

/** CORS for browser-based EHRs and the CDS Hooks sandbox, around the whole context ({@code /fhir} and {@code /cds-services}). */
public final class Cors {
    private Cors() {}

    /** A wrapper for {@code BaclofenServer.Builder.wrapHandler}; identity when no origin is configured. */
    public static UnaryOperator<Handler> handler(List<String> origins) {
        if (origins.isEmpty()) {
            return UnaryOperator.identity();
        }
        Set<String> patterns = new LinkedHashSet<>();
        for (String o : origins) {
            patterns.add("*".equals(o) ? ".*" : Pattern.quote(o));
        }
        return h -> {
            CrossOriginHandler cors = new CrossOriginHandler();
            cors.setAllowedOriginPatterns(patterns);
            cors.setAllowedMethods(Set.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
            cors.setAllowedHeaders(
                    Set.of("Authorization", "Content-Type", "Accept", "Prefer", "If-Match", "If-None-Exist"));
            cors.setExposedHeaders(Set.of("Location", "ETag", "Content-Location"));
            cors.setAllowCredentials(false);
            cors.setHandler(h);
            return cors;
        };
    }
}
