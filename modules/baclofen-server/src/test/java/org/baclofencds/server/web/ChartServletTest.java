package org.baclofencds.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The chart's static files at {@code /} over real HTTP, beside an untouched {@code /fhir} and {@code /health}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartServletTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private BaclofenServer server;

    @BeforeAll
    void start() {
        FhirContext ctx = FhirContext.forR4Cached();
        server = BaclofenServer.builder(
                        ServerConfig.defaults().withPort(0),
                        ctx,
                        Knowledge.loadFromClasspath(ctx),
                        new InMemoryPatientDataSource(ctx))
                .servlet(
                        "/",
                        new ChartServlet(java.util.Map.of("ex04", java.time.Instant.parse("2026-06-15T09:00:00Z"))))
                .start();
    }

    @Test
    void saysWhichPatientsAreExamplesAndAtWhichInstantTheirAlertsHold() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(server.localRootUrl() + "/example-times.json"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.body()).isEqualTo("{\"ex04\":\"2026-06-15T09:00:00Z\"}");
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @ParameterizedTest
    @CsvSource({
        "/, text/html, <title>Patients",
        "/index.html, text/html, search-form",
        "/chart.html, text/html, Run checks",
        "/knowledge.html, text/html, MedicationKnowledge",
        "/style.css, text/css, --high",
        "/chart.js, text/javascript, $baclofen-check",
        "/common.js, text/javascript, export async function fhir",
        "/pictures.js, text/javascript, export function doseHistory",
        "/sources.js, text/javascript, export const SOURCES"
    })
    void servesEachFileWithItsContentTypeAndASameOriginPolicy(String path, String type, String content)
            throws Exception {
        HttpResponse<String> r = get(path);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith(type);
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.body()).contains(content);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope.html", "/web/", "/web/index.html", "/%2e%2e/pom.xml", "/.hidden.js", "/README.md"})
    void anythingElseIsNotFoundAndNothingIsListed(String path) throws Exception {
        HttpResponse<String> r = get(path);

        // 404 from the servlet, or 400 from Jetty itself for an encoded dot-dot.
        assertThat(r.statusCode()).isIn(400, 404);
        assertThat(r.body()).doesNotContain("chart.html").doesNotContain("<project");
    }

    @Test
    void theFhirApiAndHealthAreUntouched() throws Exception {
        HttpResponse<String> metadata = get("/fhir/metadata");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("CapabilityStatement");
        assertThat(get("/health").body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get("/fhir/Nope").statusCode()).isEqualTo(404);
        assertThat(get("/fhir/Nope").body()).contains("OperationOutcome");
    }

    @Test
    void everyPageLoadsOnlyFilesThisServletServes() throws Exception {
        Pattern reference = Pattern.compile("(?:src|href)=\"([^\"#][^\"]*)\"");
        for (String page : List.of("/index.html", "/chart.html", "/knowledge.html")) {
            Matcher m = reference.matcher(get(page).body());
            int found = 0;
            while (m.find()) {
                String target = m.group(1);
                assertThat(target).as("no external reference in " + page).doesNotContain("//");
                assertThat(get("/" + target).statusCode())
                        .as(page + " -> " + target)
                        .isEqualTo(200);
                found++;
            }
            assertThat(found).as("references in " + page).isGreaterThanOrEqualTo(4);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.localRootUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
