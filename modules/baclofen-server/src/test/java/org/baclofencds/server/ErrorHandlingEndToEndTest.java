package org.baclofencds.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bad input over raw HTTP: always a 4xx OperationOutcome, never a 500, a stack trace or a class name. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorHandlingEndToEndTest {

    private final FhirContext ctx = FhirContext.forR4Cached();
    private final HttpClient http = HttpClient.newHttpClient();
    private BaclofenServer server;

    @BeforeAll
    void start() {
        server = BaclofenServer.start(
                ServerConfig.defaults().withPort(0), ctx, TestKnowledge.build(), new InMemoryPatientDataSource(ctx));
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Test
    void malformedJsonIs400OperationOutcomeWithoutInternals() throws Exception {
        HttpResponse<String> r = send("POST", "/Patient", "{\"resourceType\": \"Patient\", \"gender\": ");
        assertClientError(r, 400);
    }

    @Test
    void malformedTransactionJsonIs400() throws Exception {
        assertClientError(send("POST", "", "{ this is not json"), 400);
    }

    @Test
    void unknownResourceTypeIs404() throws Exception {
        assertClientError(send("GET", "/Foo/1", null), 404);
    }

    @Test
    void wrongResourceTypeInBodyIs400() throws Exception {
        assertClientError(send("POST", "/Patient", "{\"resourceType\":\"Observation\",\"status\":\"final\"}"), 400);
    }

    @Test
    void idMismatchOnPutIs400() throws Exception {
        assertClientError(send("PUT", "/Patient/abc", "{\"resourceType\":\"Patient\",\"id\":\"xyz\"}"), 400);
    }

    @Test
    void invalidIdsAre400() throws Exception {
        assertClientError(send("GET", "/Patient/bad%20id!", null), 400);
        assertClientError(send("PUT", "/Patient/bad%20id!", "{\"resourceType\":\"Patient\",\"id\":\"bad id!\"}"), 400);
    }

    @Test
    void unsupportedSearchParameterIs400() throws Exception {
        assertClientError(send("GET", "/Patient?shoe-size=42", null), 400);
    }

    @Test
    void malformedDateIs400() throws Exception {
        assertClientError(send("GET", "/Observation?date=yesterday", null), 400);
    }

    @Test
    void transactionWithUnknownTypeIs400NamingTheEntry() throws Exception {
        String body = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Encounter\",\"status\":\"planned\"},\"request\":{\"method\":\"POST\","
                + "\"url\":\"Encounter\"}}]}";
        HttpResponse<String> r = send("POST", "", body);
        assertClientError(r, 400);
        assertThat(r.body()).contains("Bundle.entry[0]");
    }

    @Test
    void collectionBundlePostedToBaseIs400() throws Exception {
        assertClientError(send("POST", "", "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}"), 400);
    }

    @Test
    void readOfDeletedIs410AndUnknownIs404() throws Exception {
        send("PUT", "/Patient/gone-1", "{\"resourceType\":\"Patient\",\"id\":\"gone-1\"}");
        assertThat(send("DELETE", "/Patient/gone-1", null).statusCode()).isLessThan(300);
        assertClientError(send("GET", "/Patient/gone-1", null), 410);
        assertClientError(send("GET", "/Patient/never-1", null), 404);
        assertClientError(send("DELETE", "/Patient/never-1", null), 404);
    }

    @Test
    void xmlIsServedOnRequest() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metadata"))
                        .header("Accept", "application/fhir+xml")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<CapabilityStatement");
        HttpResponse<String> json = send("GET", "/metadata", null);
        assertThat(json.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("json"));
    }

    @Test
    void browsersGetHtml() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metadata"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    }

    @Test
    void knowledgeWritesAreMethodErrors() throws Exception {
        HttpResponse<String> r = send(
                "PUT", "/ValueSet/opioids", "{\"resourceType\":\"ValueSet\",\"id\":\"opioids\",\"status\":\"draft\"}");
        assertThat(r.statusCode()).isIn(400, 405);
        assertThat(ctx.newJsonParser()
                        .parseResource(OperationOutcome.class, r.body())
                        .getIssue())
                .isNotEmpty();
    }

    private void assertClientError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        OperationOutcome outcome = ctx.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssue()).isNotEmpty();
        assertThat(response.body())
                .doesNotContainPattern("\\b(java|javax|jakarta|com|org|ca)\\.[a-z]+\\.[A-Za-z.]*(Exception|Error)")
                .doesNotContain("\tat ")
                .doesNotContain("Exception:");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Accept", "application/fhir+json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/fhir+json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
