package org.baclofencds.server.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies a SMART on FHIR / OAuth 2.0 bearer access token in JWT form (API.md §8): issued by a trusted issuer,
 * signed with an asymmetric key of that issuer's JWK Set, {@code aud} one of the FHIR base URLs this server is
 * configured with, {@code exp} in the future, {@code iat} present and not in the future (one minute of clock
 * skew for both).
 */
public final class AccessTokenVerifier {

    static final int CLOCK_SKEW_SECONDS = 60;
    private static final Set<String> REQUIRED = Set.of("iss", "aud", "exp", "iat");
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES = new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null);

    private final Map<String, JWKSource<SecurityContext>> issuers;
    private final Clock clock;

    /** @param trustedIssuers issuer → its JWK Set ({@code https://} URL or file), see {@link JwkSources#load} */
    public AccessTokenVerifier(Map<String, String> trustedIssuers, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<String, JWKSource<SecurityContext>> sources = new LinkedHashMap<>();
        trustedIssuers.forEach((iss, where) -> sources.put(iss, JwkSources.load(iss, where)));
        this.issuers = Map.copyOf(sources);
    }

    /** Why a token was refused; the message is for the log (never the token), the client learns nothing more. */
    public static final class InvalidTokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String message) {
            super(message);
        }
    }

    /**
     * @param audiences the URLs a token for this server may name in {@code aud}, from configuration
     * @throws InvalidTokenException when the token is not valid here
     */
    public AccessToken verify(String token, Set<String> audiences) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("no token");
        }
        String iss;
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token); // an unsigned ("none") token is not a SignedJWT
            iss = jwt.getJWTClaimsSet().getIssuer();
        } catch (java.text.ParseException e) {
            throw new InvalidTokenException("not a signed JWT");
        }
        JWKSource<SecurityContext> keys = iss == null ? null : issuers.get(iss);
        if (keys == null) {
            throw new InvalidTokenException("untrusted issuer " + iss);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(TYPES);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JwkSources.ASYMMETRIC, keys));
        Clock c = clock;
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(
                        audiences, new JWTClaimsSet.Builder().issuer(iss).build(), REQUIRED, null) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(c.instant());
                    }

                    @Override
                    public void verify(JWTClaimsSet claimsSet, SecurityContext context) throws BadJWTException {
                        super.verify(claimsSet, context);
                        Instant latest = c.instant().plusSeconds(CLOCK_SKEW_SECONDS);
                        if (claimsSet.getIssueTime().toInstant().isAfter(latest)) {
                            throw new BadJWTException("JWT issued in the future");
                        }
                    }
                };
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
        JWTClaimsSet verified;
        try {
            verified = processor.process(jwt, null);
        } catch (Exception e) {
            throw new InvalidTokenException(
                    e.getClass().getSimpleName() + ": " + e.getMessage() + " (iss=" + iss + ")");
        }
        return new AccessToken(iss, verified.getSubject(), SmartScope.parseAll(scopes(verified)), patient(verified));
    }

    /** {@code scope} as a space-separated string (RFC 9068), or {@code scp} as a list (some servers). */
    private static String scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (scope instanceof String s) {
            return s;
        }
        Object scp = claims.getClaim("scp");
        if (scp instanceof List<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return scp instanceof String s ? s : "";
    }

    private static String patient(JWTClaimsSet claims) {
        Object patient = claims.getClaim("patient");
        if (!(patient instanceof String p) || p.isBlank()) {
            return null;
        }
        // "123" or "Patient/123"
        return p.startsWith("Patient/") ? p.substring("Patient/".length()) : p;
    }
}
