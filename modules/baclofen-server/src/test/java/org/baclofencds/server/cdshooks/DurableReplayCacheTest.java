package org.baclofencds.server.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.baclofencds.server.store.DataDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CDS Hooks JWT replay cache kept in the data directory: a restart does not reopen a replay. */
class DurableReplayCacheTest {
    private static final String ISSUER = "https://ehr.example.org";
    private static final String AUDIENCE = "http://127.0.0.1:8080/cds-services/baclofen-order-sign";

    @TempDir
    Path dir;

    @Test
    void aTokenAcceptedBeforeARestartIsRefusedAfterIt() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("k1").generate();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
        Path data = dir.resolve("data");
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES384)
                        .keyID("k1")
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .audience(AUDIENCE)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
        jwt.sign(new ECDSASigner(key));
        String token = jwt.serialize();

        try (DataDirectory d = DataDirectory.open(data)) {
            CdsJwtVerifier verifier =
                    new CdsJwtVerifier(Map.of(ISSUER, jwks.toString()), Clock.systemUTC(), ReplayCache.in(d));
            assertThat(verifier.verify(token, AUDIENCE)).isTrue();
            assertThat(verifier.verify(token, AUDIENCE)).isFalse();
        }
        try (DataDirectory d = DataDirectory.open(data)) {
            CdsJwtVerifier restarted =
                    new CdsJwtVerifier(Map.of(ISSUER, jwks.toString()), Clock.systemUTC(), ReplayCache.in(d));
            assertThat(restarted.verify(token, AUDIENCE)).isFalse();
        }
        // In memory (serve --in-memory) a new process forgets it.
        CdsJwtVerifier inMemory = new CdsJwtVerifier(Map.of(ISSUER, jwks.toString()), Clock.systemUTC());
        assertThat(inMemory.verify(token, AUDIENCE)).isTrue();
    }
}
