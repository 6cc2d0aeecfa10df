package org.baclofencds.server.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.baclofencds.server.ExampleCorpus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request bodies of {@code examples/parameters/} sent as they are, the way the README's curl line sends
 * them, to the stateless {@code POST /fhir/$baclofen-check}: each gives exactly the alerts its index
 * ({@code examples/parameters/expected-alerts.json}) lists, and nothing is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParametersExamplesHttpTest {

    /** One request body with its fixed evaluation time (inside the body) and exact expected codes. */
    record Body(String file, String patientId, List<String> expectedAlerts) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private CheckServer server;

    @BeforeAll
    void start() {
        server = new CheckServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static Path dir() {
        return ExampleCorpus.dir().resolve("parameters");
    }

    static Stream<Body> bodies() throws IOException {
        JsonNode index = new ObjectMapper()
                .readTree(dir().resolve("expected-alerts.json").toFile());
        List<Body> out = new ArrayList<>();
        for (JsonNode e : index.get("examples")) {
            List<String> codes = new ArrayList<>();
            e.get("expectedAlerts").forEach(c -> codes.add(c.asText()));
            out.add(new Body(e.get("file").asText(), e.get("patientId").asText(), codes));
        }
        return out.stream();
    }

    @Test
    void everyBodyIsIndexedAndOneOfThemCarriesADraftOrder() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(dir())) {
            files = list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.equals("expected-alerts.json"))
                    .sorted()
                    .toList();
        }
        assertThat(files)
                .containsExactlyInAnyOrderElementsOf(bodies().map(Body::file).toList());
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        assertThat(files)
                .anySatisfy(f -> assertThat(Files.readString(dir().resolve(f))).contains("\"name\": \"draftOrder\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void theBodyAsItIsGivesExactlyTheExpectedAlertsAndStoresNothing(Body body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.server.baseUrl() + "/$baclofen-check"))
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofFile(dir().resolve(body.file())))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle alerts = server.ctx.newJsonParser().parseResource(Bundle.class, response.body());
        List<String> codes = alerts.getEntry().stream()
                .map(e -> ((CommunicationRequest) e.getResource())
                        .getReasonCodeFirstRep()
                        .getCodingFirstRep()
                        .getCode())
                .sorted()
                .toList();
        assertThat(codes).isEqualTo(body.expectedAlerts().stream().sorted().toList());

        HttpResponse<String> read = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.server.baseUrl() + "/Patient/" + body.patientId()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as("the stateless check stores nothing").isEqualTo(404);
    }
}
