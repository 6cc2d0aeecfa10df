package org.baclofencds.server.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** JWT trust (CDS Hooks 2.0 "Trusting CDS Clients") and CORS, against a server that trusts one issuer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdsHooksTrustTest {
    private static final String ISSUER = "https://ehr.example.org";
    private static final String SERVICE = "/cds-services/baclofen-order-sign";
    private static final String SANDBOX = "https://sandbox.cds-hooks.org";

    @TempDir
    static Path dir;

    private ECKey key;
    private CdsServer cds;
    private String body;

    @BeforeAll
    void start() throws Exception {
        key = new ECKeyGenerator(Curve.P_384).keyID("ehr-key-1").generate();
        Path jwks = dir.resolve("ehr-jwks.json");
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
        cds = new CdsServer(new CdsHooksConfig(Map.of(ISSUER, jwks.toString()), List.of(SANDBOX), false, null, null));
        body = Files.readString(
                CdsRequests.examplesDir().resolve("cds-hooks").resolve("order-sign-05-draft-above-maximum.json"));
    }

    @AfterAll
    void stop() {
        cds.close();
    }

    private JWTClaimsSet.Builder claims(String path) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(cds.url(path))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    private String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES384)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aTokenSignedByTheTrustedIssuersKeyIsAccepted() throws Exception {
        HttpResponse<String> call = cds.post(SERVICE, body, sign(claims(SERVICE).build()));
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        assertThat(CdsServer.tree(call.body()).get("cards")).isNotEmpty();
        HttpResponse<String> discovery =
                cds.get("/cds-services", sign(claims("/cds-services").build()));
        assertThat(discovery.statusCode()).isEqualTo(200);
    }

    @Test
    void callsWithoutAValidTokenAre401WithoutDetail() throws Exception {
        String valid = sign(claims(SERVICE).build());
        String[] parts = valid.split("\\.");
        String tamperedPayload = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2)
                + (parts[1].endsWith("A") ? "BB" : "AA") + "." + parts[2];
        String expired = sign(claims(SERVICE)
                .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(10))))
                .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(15))))
                .build());
        String wrongAudience = sign(claims(SERVICE)
                .audience(cds.url("/cds-services/baclofen-patient-view"))
                .build());
        String noJti = sign(claims(SERVICE).jwtID(null).build());
        String otherIssuer =
                sign(claims(SERVICE).issuer("https://evil.example.org").build());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SignedJWT hs = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims(SERVICE).build());
        hs.sign(new MACSigner(secret));
        String none = new PlainJWT(claims(SERVICE).build()).serialize();
        ECKey stranger = new ECKeyGenerator(Curve.P_384).keyID("ehr-key-1").generate();
        SignedJWT foreign = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES384)
                        .keyID("ehr-key-1")
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims(SERVICE).build());
        foreign.sign(new ECDSASigner(stranger));

        for (String token : new String[] {
            null,
            "not-a-jwt",
            tamperedPayload,
            expired,
            wrongAudience,
            noJti,
            otherIssuer,
            hs.serialize(),
            none,
            foreign.serialize()
        }) {
            HttpResponse<String> r = cds.post(SERVICE, body, token);
            assertThat(r.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(r.body()).isEmpty();
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer "));
        }
        assertThat(cds.get("/cds-services", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theIssuersJwkSetMayBeAUrl() throws Exception {
        HttpServer jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwksServer.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        jwksServer.start();
        String url = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json";
        try (CdsServer byUrl = new CdsServer(new CdsHooksConfig(Map.of(ISSUER, url), List.of(), false, null, null))) {
            JWTClaimsSet claims = claims(SERVICE).audience(byUrl.url(SERVICE)).build();
            assertThat(byUrl.post(SERVICE, body, sign(claims)).statusCode()).isEqualTo(200);
            assertThat(byUrl.post(SERVICE, body, null).statusCode()).isEqualTo(401);
        } finally {
            jwksServer.stop(0);
        }
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() throws Exception {
        Instant later = Instant.now().plus(Duration.ofMinutes(10));
        String future = sign(claims(SERVICE)
                .issueTime(Date.from(later))
                .expirationTime(Date.from(later.plus(Duration.ofMinutes(5))))
                .build());
        assertThat(cds.post(SERVICE, body, future).statusCode()).isEqualTo(401);
    }

    @Test
    void theAudienceComesFromConfigurationNotFromTheHostHeader() throws Exception {
        // a token for another service of the same issuer, sent with that service's name as Host
        String elsewhere = "http://other-service.example.org";
        String token = sign(claims(SERVICE).audience(elsewhere + SERVICE).build());
        HttpResponse<String> r = cds.send(HttpRequest.newBuilder(URI.create(cds.url(SERVICE)))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("X-Forwarded-Host", "other-service.example.org")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(r.statusCode()).isEqualTo(401);
        // java.net.http refuses to set Host itself, so send it over a raw socket
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), cds.server.port())) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String request = "POST " + SERVICE + " HTTP/1.1\r\nHost: other-service.example.org\r\n"
                    + "Content-Type: application/json\r\nAuthorization: Bearer " + token + "\r\nContent-Length: "
                    + bytes.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 401");
        }
    }

    @Test
    void callsAndFeedbackOnlyAcceptJson() throws Exception {
        for (String path : List.of(SERVICE, SERVICE + "/feedback")) {
            for (String type :
                    List.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1")) {
                HttpResponse<String> r = cds.send(HttpRequest.newBuilder(URI.create(cds.url(path)))
                        .header("Content-Type", type)
                        .header("Authorization", "Bearer " + sign(claims(path).build()))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                path.endsWith("feedback") ? "{\"feedback\":[]}" : body))
                        .build());
                assertThat(r.statusCode()).as(path + " as " + type).isEqualTo(415);
            }
        }
        HttpResponse<String> utf8 = cds.send(HttpRequest.newBuilder(URI.create(cds.url(SERVICE)))
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("Authorization", "Bearer " + sign(claims(SERVICE).build()))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(utf8.statusCode()).isEqualTo(200);
    }

    @Test
    void aReplayedTokenIsRefused() throws Exception {
        String token = sign(claims(SERVICE).build());
        assertThat(cds.post(SERVICE, body, token).statusCode()).isEqualTo(200);
        assertThat(cds.post(SERVICE, body, token).statusCode()).isEqualTo(401);
    }

    @Test
    void browsersFromAConfiguredOriginMayCallCdsServicesAndFhir() {
        for (String path : List.of(SERVICE, "/fhir/metadata")) {
            HttpResponse<String> preflight = cds.send(HttpRequest.newBuilder(URI.create(cds.url(path)))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", SANDBOX)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type")
                    .build());
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .as(path)
                    .contains(SANDBOX);
            assertThat(preflight
                            .headers()
                            .firstValue("Access-Control-Allow-Headers")
                            .orElse("")
                            .toLowerCase())
                    .contains("authorization", "content-type");
        }
        HttpResponse<String> other = cds.send(HttpRequest.newBuilder(URI.create(cds.url("/fhir/metadata")))
                .header("Origin", "https://elsewhere.example.org")
                .GET()
                .build());
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
