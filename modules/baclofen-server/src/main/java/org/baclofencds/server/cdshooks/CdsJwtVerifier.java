package org.baclofencds.server.cdshooks;

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
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.baclofencds.server.auth.JwkSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the JWT an EHR sends with every CDS Hooks call (CDS Hooks 2.0 "Trusting CDS Clients"): the issuer is on
 * the allowlist, the signature verifies with a key of that issuer's JWKS (asymmetric algorithms only; {@code none}
 * and HMAC never), {@code typ} is JWT and {@code kid} present, {@code aud} is exactly the endpoint's URL,
 * {@code exp} is in the future and {@code iat} present and not in the future, and {@code jti} was not seen before. The token itself is
 * never logged.
 */
public final class CdsJwtVerifier {
    private static final Logger log = LoggerFactory.getLogger(CdsJwtVerifier.class);
    private static final Set<String> REQUIRED = Set.of("iss", "aud", "exp", "iat", "jti");
    private static final int CLOCK_SKEW_SECONDS = 60;

    private final Map<String, JWKSource<SecurityContext>> issuers;
    private final Clock clock;
    /** iss + jti → when the entry may be forgotten (the token's expiry plus the skew). */
    private final ReplayCache seen;

    /**
     * @param trustedIssuers issuer → the URL ({@code http(s)://…}) or file path of its JWK Set
     */
    public CdsJwtVerifier(Map<String, String> trustedIssuers, Clock clock) {
        this(trustedIssuers, clock, ReplayCache.inMemory());
    }

    /**
     * @param trustedIssuers issuer → the URL ({@code http(s)://…}) or file path of its JWK Set
     * @param replayCache where accepted {@code jti}s are remembered (the data directory for {@code serve})
     */
    public CdsJwtVerifier(Map<String, String> trustedIssuers, Clock clock, ReplayCache replayCache) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seen = Objects.requireNonNull(replayCache, "replayCache");
        Map<String, JWKSource<SecurityContext>> sources = new LinkedHashMap<>();
        trustedIssuers.forEach((iss, where) -> sources.put(iss, JwkSources.load(iss, where)));
        this.issuers = Map.copyOf(sources);
    }

    /** True when the token is valid for a call to {@code audience}; false (and nothing said why) otherwise. */
    public boolean verify(String token, String audience) {
        return verify(token, Set.of(audience));
    }

    /** As {@link #verify(String, String)}, accepting any of {@code audiences} (the URLs the endpoint has). */
    public boolean verify(String token, Set<String> audiences) {
        if (token == null || token.isBlank()) {
            return false;
        }
        String iss = null;
        String jti = null;
        try {
            SignedJWT jwt = SignedJWT.parse(token); // an unsigned ("none") token is not a SignedJWT: rejected
            iss = jwt.getJWTClaimsSet().getIssuer();
            JWKSource<SecurityContext> keys = iss == null ? null : issuers.get(iss);
            if (keys == null || jwt.getHeader().getKeyID() == null) {
                log.info("CDS Hooks call refused: untrusted issuer or no kid (iss={})", iss);
                return false;
            }
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JwkSources.ASYMMETRIC, keys));
            DefaultJWTClaimsVerifier<SecurityContext> claims =
                    new DefaultJWTClaimsVerifier<>(
                            audiences, new JWTClaimsSet.Builder().issuer(iss).build(), REQUIRED, null) {
                        @Override
                        protected Date currentTime() {
                            return Date.from(clock.instant());
                        }

                        @Override
                        public void verify(JWTClaimsSet claimsSet, SecurityContext context) throws BadJWTException {
                            super.verify(claimsSet, context);
                            if (claimsSet
                                    .getIssueTime()
                                    .toInstant()
                                    .isAfter(clock.instant().plusSeconds(CLOCK_SKEW_SECONDS))) {
                                throw new BadJWTException("JWT issued in the future");
                            }
                        }
                    };
            claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
            processor.setJWTClaimsSetVerifier(claims);
            JWTClaimsSet verified = processor.process(jwt, null);
            jti = verified.getJWTID();
            Instant forgetAfter = verified.getExpirationTime().toInstant().plusSeconds(CLOCK_SKEW_SECONDS);
            if (!seen.firstUse(iss + "\n" + jti, forgetAfter, clock.instant())) {
                log.info("CDS Hooks call refused: replayed jti (iss={}, jti={})", iss, jti);
                return false;
            }
            return true;
        } catch (Exception e) {
            log.info("CDS Hooks call refused: {} (iss={}, jti={})", e.getClass().getSimpleName(), iss, jti);
            return false;
        }
    }
}
