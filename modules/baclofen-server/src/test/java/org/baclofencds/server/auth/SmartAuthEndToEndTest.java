package org.baclofencds.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.app.BaclofenApplication;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The FHIR API behind access tokens issued by a real OAuth 2.0 / OpenID Connect server (mock-oauth2-server on its
 * own loopback port, its JWK Set fetched over HTTP): no token, a foreign, forged, expired, future-issued or
 * wrong-audience token is 401 with {@code WWW-Authenticate: Bearer}; scopes are enforced (403); a patient token
 * sees only its patient.
 */
class SmartAuthEndToEndTest {
    static final FhirContext CTX = FhirContext.forR4Cached();
    static final String PUBLIC_URL = "https://cds.example.org";
    static final String AUD = PUBLIC_URL + "/fhir";
    static final String ISSUER_ID = "ehr";

    static final AtomicReference<Instant> issuerClock = new AtomicReference<>();
    static MockOAuth2Server authServer;
    static MockOAuth2Server foreignServer;
    static BaclofenApplication app;
    static BaclofenServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        authServer = new MockOAuth2Server(new OAuth2Config(
                false,
                null,
                null,
                false,
                new OAuth2TokenProvider(() -> issuerClock.get() == null ? Instant.now() : issuerClock.get()),
                Set.of(),
                new NettyWrapper()));
        authServer.start(InetAddress.getLoopbackAddress(), 0);
        foreignServer = new MockOAuth2Server(
                new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(), Set.of(), new NettyWrapper()));
        foreignServer.start(InetAddress.getLoopbackAddress(), 0);

        Knowledge knowledge = Knowledge.loadFromClasspath(CTX);
        InMemoryPatientDataSource store = new InMemoryPatientDataSource(CTX);
        for (String id : List.of("p1", "p2")) {
            Patient p = new Patient();
            p.setId(id);
            p.addName().setFamily("Family-" + id);
            p.setGender(Enumerations.AdministrativeGender.FEMALE);
            store.update(p);
            Observation o = new Observation();
            o.setId("obs-" + id);
            o.setStatus(Observation.ObservationStatus.FINAL);
            o.getCode().setText("weight");
            o.setSubject(new Reference("Patient/" + id));
            store.update(o);
        }
        app = BaclofenApplication.builder(CTX, knowledge)
                .server(ServerConfig.defaults().withPort(0).withPublicBaseUrl(PUBLIC_URL))
                .dataSource(store)
                .authIssuers(Map.of(issuer(), authServer.jwksUrl(ISSUER_ID).toString()))
                .start();
        server = app.server();
    }

    @AfterAll
    static void stop() {
        app.close();
        authServer.shutdown();
        foreignServer.shutdown();
    }

    static String issuer() {
        return authServer.issuerUrl(ISSUER_ID).toString();
    }

    /** A token from the authorization server's token endpoint (client credentials grant) with these claims. */
    static String token(MockOAuth2Server from, String scope, String patient, String audience, long expirySeconds) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("scope", scope);
        if (patient != null) {
            claims.put("patient", patient);
        }
        from.enqueueCallback(
                new DefaultOAuth2TokenCallback(ISSUER_ID, "client-1", "JWT", List.of(audience), claims, expirySeconds));
        String form = "grant_type=client_credentials&client_id=client-1&client_secret=secret&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(from.tokenEndpointUrl(ISSUER_ID).toString()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String body = response.body();
        int start = body.indexOf("\"access_token\"");
        int open = body.indexOf('"', body.indexOf(':', start) + 1);
        return body.substring(open + 1, body.indexOf('"', open + 1));
    }

    static String token(String scope, String patient) {
        return token(authServer, scope, patient, AUD, 3600);
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.localBaseUrl() + path))
                .header("Accept", "application/fhir+json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.GET().build());
    }

    static HttpResponse<String> write(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.localBaseUrl() + path))
                .header("Content-Type", "application/fhir+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer "));
        assertThat(CTX.newJsonParser()
                        .parseResource(OperationOutcome.class, response.body())
                        .getIssueFirstRep()
                        .getSeverity())
                .isEqualTo(OperationOutcome.IssueSeverity.ERROR);
    }

    static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(CTX.newJsonParser().parseResource(OperationOutcome.class, response.body()))
                .isNotNull();
    }

    @Test
    void metadataStaysOpen() {
        HttpResponse<String> response = get("/metadata", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("CapabilityStatement");
    }

    @Test
    void noTokenIs401WithWwwAuthenticate() {
        assertUnauthorized(get("/Patient", null));
        assertUnauthorized(get("/Patient/p1", null));
        assertUnauthorized(write("PUT", "/Patient/p1", "{\"resourceType\":\"Patient\",\"id\":\"p1\"}", null));
        assertUnauthorized(get("/Patient/p1/$baclofen-check", null));
        // an anonymous caller learns nothing from the body either
        assertUnauthorized(write("POST", "/Patient", "not json", null));
        HttpResponse<String> basic = send(HttpRequest.newBuilder(URI.create(server.localBaseUrl() + "/Patient"))
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .build());
        assertUnauthorized(basic);
    }

    @Test
    void aValidTokenWithTheScopeIsServed() {
        HttpResponse<String> response = get("/Patient", token("system/*.rs", null));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("Family-p1", "Family-p2");
    }

    @Test
    void aTokenOfAnUntrustedIssuerIs401() {
        assertUnauthorized(get("/Patient", token(foreignServer, "system/*.rs", null, AUD, 3600)));
    }

    @Test
    void aTokenNamingTheTrustedIssuerButSignedWithAnotherKeyIs401() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("attacker").generate();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(authServer.issueToken(ISSUER_ID).getHeader().getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(issuer())
                        .audience(AUD)
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .jwtID(UUID.randomUUID().toString())
                        .claim("scope", "system/*.cruds")
                        .build());
        jwt.sign(new RSASSASigner(key));
        assertUnauthorized(get("/Patient", jwt.serialize()));
    }

    @Test
    void anExpiredTokenIs401() {
        assertUnauthorized(get("/Patient", token(authServer, "system/*.rs", null, AUD, -3600)));
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        assertUnauthorized(
                get("/Patient", token(authServer, "system/*.rs", null, "https://other.example.org/fhir", 3600)));
        // nor does the request's Host header make the loopback URL an acceptable audience
        String local = token(authServer, "system/*.rs", null, server.localBaseUrl(), 3600);
        assertUnauthorized(get("/Patient", local));
    }

    @Test
    void aTokenIssuedInTheFutureIs401() {
        issuerClock.set(Instant.now().plusSeconds(3600));
        String future;
        try {
            future = token(authServer, "system/*.rs", null, AUD, 7200);
        } finally {
            issuerClock.set(null);
        }
        assertUnauthorized(get("/Patient", future));
    }

    @Test
    void scopesAreEnforced() {
        String readOnly = token("system/*.rs", null);
        assertThat(get("/Observation/obs-p1", readOnly).statusCode()).isEqualTo(200);
        assertForbidden(write("PUT", "/Patient/p1", patientJson("p1", "Changed"), readOnly));
        assertForbidden(write("DELETE", "/Observation/obs-p1", "", readOnly));

        // read without search, and search without read
        String readPatients = token("user/Patient.r", null);
        assertThat(get("/Patient/p1", readPatients).statusCode()).isEqualTo(200);
        assertForbidden(get("/Patient?name=Family-p1", readPatients));
        assertForbidden(get("/Observation/obs-p1", readPatients));
        String searchPatients = token("user/Patient.s", null);
        assertThat(get("/Patient?name=Family-p1", searchPatients).statusCode()).isEqualTo(200);
        assertForbidden(get("/Patient/p1", searchPatients));

        // update without create: an update is allowed, a create is not
        String update = token("user/Patient.ru", null);
        assertThat(write("PUT", "/Patient/p2", patientJson("p2", "Family-p2"), update)
                        .statusCode())
                .isEqualTo(200);
        assertForbidden(write("POST", "/Patient", patientJson(null, "New"), update));

        HttpResponse<String> all =
                write("PUT", "/Patient/p2", patientJson("p2", "Family-p2"), token("system/*.cruds", null));
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);

        // SMART v1 names
        String v1 = token("system/Observation.read", null);
        assertThat(get("/Observation?patient=p1", v1).statusCode()).isEqualTo(200);
        assertForbidden(write(
                "PUT",
                "/Observation/obs-p1",
                "{\"resourceType\":\"Observation\",\"id\":\"obs-p1\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}",
                v1));

        // a scope we do not understand grants nothing
        assertForbidden(get("/Patient/p1", token("openid profile launch/patient system/Patient.rs?name=x", null)));
    }

    @Test
    void aPatientTokenSeesOnlyItsPatient() {
        String p1 = token("patient/*.rs", "p1");
        assertThat(get("/Patient/p1", p1).statusCode()).isEqualTo(200);
        assertForbidden(get("/Patient/p2", p1));
        assertThat(get("/Observation/obs-p1", p1).statusCode()).isEqualTo(200);
        assertForbidden(get("/Observation/obs-p2", p1));
        HttpResponse<String> own = get("/Observation?patient=p1", p1);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        Bundle bundle = CTX.newJsonParser().parseResource(Bundle.class, own.body());
        assertThat(bundle.getEntry()).hasSize(1);
        assertThat(own.body()).doesNotContain("Patient/p2");
        assertForbidden(get("/Observation?patient=p2", p1));
        HttpResponse<String> all = get("/Observation", p1);
        assertThat(all.statusCode())
                .as("an unrestricted search must not show another patient's data")
                .isEqualTo(403);

        // our operations, on its own patient only
        assertThat(get("/Patient/p1/$baclofen-check", p1).statusCode()).isEqualTo(200);
        assertThat(get("/Patient/p1/$baclofen-summary", p1).statusCode()).isEqualTo(200);
        assertForbidden(get("/Patient/p2/$baclofen-check", p1));
        assertForbidden(get("/Patient/p2/$baclofen-summary", p1));

        // a patient scope without a patient claim grants nothing
        assertForbidden(get("/Patient/p1", token("patient/*.rs", null)));
    }

    @Test
    void persistingAlertsNeedsWriteAccessToCommunicationRequest() {
        String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"persist\",\"valueBoolean\":true}]}";
        assertForbidden(write("POST", "/Patient/p1/$baclofen-check", body, token("patient/*.rs", "p1")));
        HttpResponse<String> allowed = write(
                "POST",
                "/Patient/p1/$baclofen-check",
                body,
                token("patient/*.rs patient/CommunicationRequest.cu", "p1"));
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        // without persist, reading the patient is enough
        HttpResponse<String> readOnly = write(
                "POST",
                "/Patient/p1/$baclofen-check",
                "{\"resourceType\":\"Parameters\"}",
                token("patient/*.rs", "p1"));
        assertThat(readOnly.statusCode()).as(readOnly.body()).isEqualTo(200);
    }

    @Test
    void aWriteInAPatientCompartmentStaysInIt() {
        String p1 = token("patient/*.cruds", "p1");
        String own = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"subject\":{\"reference\":\"Patient/p1\"}}";
        String other = own.replace("Patient/p1", "Patient/p2");
        assertThat(write("POST", "/Observation", own, p1).statusCode()).isEqualTo(201);
        assertForbidden(write("POST", "/Observation", other, p1));
    }

    static String patientJson(String id, String family) {
        return "{\"resourceType\":\"Patient\"" + (id == null ? "" : ",\"id\":\"" + id + "\"")
                + ",\"name\":[{\"family\":\"" + family + "\"}],\"gender\":\"female\"}";
    }
}
