package org.baclofencds.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.File;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;

/** Where a trusted issuer's signing keys come from: an {@code https://} JWK Set URL (cached, rotated) or a file. */
public final class JwkSources {

    /** Asymmetric signatures only: never {@code none}, never HMAC with a shared secret. */
    public static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_JWKS_BYTES = 256 * 1024;

    private JwkSources() {}

    /**
     * The keys of {@code iss} at {@code where}: an {@code https://} URL, an {@code http://} URL on a loopback
     * host (a local test authorization server), or a file.
     *
     * @throws IllegalArgumentException naming the issuer when the location is unusable
     */
    public static JWKSource<SecurityContext> load(String iss, String where) {
        try {
            if (where.startsWith("https://") || where.startsWith("http://")) {
                URI uri = URI.create(where);
                if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
                    throw new IllegalArgumentException("a JWK Set URL must use https (plain http only on loopback)");
                }
                // Nimbus' default timeouts (500 ms) fail a busy authorization server's first answer.
                return JWKSourceBuilder.<SecurityContext>create(
                                uri.toURL(),
                                new DefaultResourceRetriever(
                                        (int) FETCH_TIMEOUT.toMillis(), (int) FETCH_TIMEOUT.toMillis(), MAX_JWKS_BYTES))
                        .build();
            }
            return new ImmutableJWKSet<>(JWKSet.load(new File(where)));
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "Cannot read the JWK Set of trusted issuer " + iss + " from " + where + ": " + e.getMessage(), e);
        }
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
