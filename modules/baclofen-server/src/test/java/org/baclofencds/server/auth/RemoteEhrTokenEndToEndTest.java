package org.baclofencds.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.app.BaclofenApplication;
import org.baclofencds.server.remote.EhrConfig;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Remote-EHR mode with both servers behind tokens of one real authorization server: the FHIR API passes the
 * caller's own token through to the EHR (so the EHR decides what the caller may see), while our EHR token serves
 * only the checks the caller was allowed to run.
 */
class RemoteEhrTokenEndToEndTest {
    static final FhirContext CTX = FhirContext.forR4Cached();
    static final String EHR_AUD = "https://ehr.example.org/fhir";
    static final String CDS_AUD = "https://cds.example.org/fhir";
    static MockOAuth2Server authServer;
    static BaclofenApplication ehrApp;
    static BaclofenApplication cdsApp;
    static BaclofenServer ehr;
    static BaclofenServer cds;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        authServer = new MockOAuth2Server(
                new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(), Set.of(), new NettyWrapper()));
        authServer.start(InetAddress.getLoopbackAddress(), 0);
        Map<String, String> issuers = Map.of(
                authServer.issuerUrl("ehr").toString(),
                authServer.jwksUrl("ehr").toString());
        Knowledge knowledge = Knowledge.loadFromClasspath(CTX);

        InMemoryPatientDataSource ehrData = new InMemoryPatientDataSource(CTX);
        Patient p = new Patient();
        p.setId("p1");
        p.addName().setFamily("Remote");
        p.setGender(Enumerations.AdministrativeGender.MALE);
        ehrData.update(p);
        ehrApp = BaclofenApplication.builder(CTX, knowledge)
                .server(ServerConfig.defaults().withPort(0).withPublicBaseUrl("https://ehr.example.org"))
                .dataSource(ehrData)
                .authIssuers(issuers)
                .start();
        ehr = ehrApp.server();

        String ourToken = token("system/*.rs", List.of(EHR_AUD));
        cdsApp = BaclofenApplication.builder(CTX, knowledge)
                .server(ServerConfig.defaults().withPort(0).withPublicBaseUrl("https://cds.example.org"))
                .ehr(new EhrConfig(ehr.localBaseUrl(), ourToken, null))
                .authIssuers(issuers)
                .start();
        cds = cdsApp.server();
    }

    @AfterAll
    static void stop() {
        cdsApp.close();
        ehrApp.close();
        authServer.shutdown();
    }

    static String token(String scope, List<String> audiences) {
        return authServer
                .issueToken(
                        "ehr",
                        "client-1",
                        new DefaultOAuth2TokenCallback(
                                "ehr", "client-1", "JWT", audiences, Map.of("scope", scope), 600))
                .serialize();
    }

    static HttpResponse<String> get(String path, String token) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(cds.localBaseUrl() + path))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPassThroughReadUsesTheCallersTokenNotOurs() {
        // valid for both servers: the EHR serves the caller
        HttpResponse<String> both = get("/Patient/p1", token("system/*.rs", List.of(CDS_AUD, EHR_AUD)));
        assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
        assertThat(both.body()).contains("Remote");

        // valid for us only: had we used our EHR token, this would be a 200
        HttpResponse<String> oursOnly = get("/Patient/p1", token("system/*.rs", List.of(CDS_AUD)));
        assertThat(oursOnly.statusCode()).as(oursOnly.body()).isEqualTo(401);
        assertThat(oursOnly.body()).contains("caller's credentials").doesNotContain("Bearer ey");

        // a write the EHR does not allow the caller is refused by the EHR, although our token is irrelevant here
        HttpResponse<String> write;
        try {
            write = http.send(
                    HttpRequest.newBuilder(URI.create(cds.localBaseUrl() + "/Patient/p1"))
                            .header("Authorization", "Bearer " + token("system/*.cruds", List.of(CDS_AUD)))
                            .header("Content-Type", "application/fhir+json")
                            .PUT(HttpRequest.BodyPublishers.ofString(
                                    "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"female\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(write.statusCode()).as(write.body()).isEqualTo(401);
    }

    @Test
    void aCheckTheCallerMayRunReadsTheEhrWithOurToken() {
        HttpResponse<String> check = get(
                "/Patient/p1/$baclofen-check?evaluationTime=2026-06-15T09:00:00Z",
                token("user/Patient.rs", List.of(CDS_AUD)));
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        assertThat(check.body()).contains("\"resourceType\":\"Bundle\"");
    }
}
