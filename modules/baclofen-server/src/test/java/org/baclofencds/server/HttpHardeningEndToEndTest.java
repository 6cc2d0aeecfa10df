package org.baclofencds.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.app.BaclofenApplication;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Jetty answers before our servlets do: no TRACE, bounded bodies (413) read without holding a thread, 415 for
 * an unknown charset, and JSON without the server version for the errors Jetty itself produces (400, 414, 431).
 */
class HttpHardeningEndToEndTest {
    static final FhirContext CTX = FhirContext.forR4Cached();
    static BaclofenApplication app;
    static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() {
        app = BaclofenApplication.builder(CTX, Knowledge.loadFromClasspath(CTX))
                .server(ServerConfig.defaults().withPort(0))
                .start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static int port() {
        return app.server().port();
    }

    /** Sends raw bytes and returns the whole response (the server closes the connection). */
    static String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
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

    static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    static void assertJsonWithoutServer(String response, String status) {
        assertThat(response).startsWith("HTTP/1.1 " + status);
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).doesNotContain("\r\nserver:").doesNotContain("jetty").contains("json");
        assertThat(body(response))
                .doesNotContain("<html")
                .doesNotContain("jetty")
                .contains("\"");
    }

    @Test
    void traceIsNotAllowedAndEchoesNothing() throws IOException {
        String response = raw("TRACE / HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer secret-token\r\n"
                + "Cookie: session=secret-cookie\r\nConnection: close\r\n\r\n");
        assertJsonWithoutServer(response, "405");
        assertThat(response).doesNotContain("secret-token").doesNotContain("secret-cookie");
        assertJsonWithoutServer(
                raw("TRACE /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), "405");
    }

    @Test
    void aBodyAboveTheLimitIs413BeforeItIsRead() throws IOException {
        String response =
                raw("PUT /fhir/Patient/big HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/fhir+json\r\n"
                        + "Content-Length: 52428800\r\nConnection: close\r\n\r\n{\"resourceType\":\"Patient\"");
        assertJsonWithoutServer(response, "413");
        assertThat(CTX.newJsonParser().parseResource(OperationOutcome.class, body(response)))
                .isNotNull();
        assertThat(body(response)).contains("MiB");
    }

    @Test
    void aChunkedBodyAboveTheLimitIs413AndNothingIsStored() {
        byte[] big = new byte[RequestLimitsHandler.MAX_BODY_BYTES + 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        byte[] start = "{\"resourceType\":\"Patient\",\"id\":\"chunked\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, big, 0, start.length);
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(app.server().localBaseUrl() + "/Patient/chunked"))
                        .header("Content-Type", "application/fhir+json")
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                        .build());
        assertThat(response.statusCode()).isEqualTo(413);
        HttpResponse<String> read =
                send(HttpRequest.newBuilder(URI.create(app.server().localBaseUrl() + "/Patient/chunked"))
                        .build());
        assertThat(read.statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownCharsetIs415() {
        for (String path : List.of("/fhir/Patient", "/cds-services/baclofen-order-sign")) {
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(URI.create(app.server().localRootUrl() + path))
                            .header("Content-Type", "application/fhir+json; charset=no-such-charset")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\"}"))
                            .build());
            assertThat(response.statusCode()).as(path).isEqualTo(415);
            assertThat(response.body()).contains("charset");
        }
    }

    @Test
    void jettysOwnErrorsAreJsonWithoutTheServerVersion() throws IOException {
        // 400: a malformed header line
        assertJsonWithoutServer(
                raw("GET /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\nConnection: close\r\n\r\n"),
                "400");
        // 414: a URI longer than Jetty accepts
        assertJsonWithoutServer(
                raw("GET /fhir/Patient?name=" + "a".repeat(100_000)
                        + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                "414");
        // 431: headers larger than Jetty accepts
        assertJsonWithoutServer(
                raw("GET /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(100_000)
                        + "\r\nConnection: close\r\n\r\n"),
                "431");
        // and an ordinary answer carries no Server header either
        HttpResponse<String> health =
                send(HttpRequest.newBuilder(URI.create(app.server().localRootUrl() + "/health"))
                        .build());
        assertThat(health.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void healthAnswersWhileManySlowUploadsHoldConnections() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port());
                OutputStream out = s.getOutputStream();
                out.write(("POST /fhir/$baclofen-check HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/fhir+json\r\nContent-Length: 100000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(s);
            }
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> health =
                        send(HttpRequest.newBuilder(URI.create(app.server().localRootUrl() + "/health"))
                                .timeout(Duration.ofSeconds(10))
                                .build());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("UP");
                HttpResponse<String> metadata =
                        send(HttpRequest.newBuilder(URI.create(app.server().localBaseUrl() + "/metadata"))
                                .timeout(Duration.ofSeconds(10))
                                .build());
                assertThat(metadata.statusCode()).isEqualTo(200);
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(app.server().localBaseUrl() + path))
                .build());
    }

    static HttpResponse<String> post(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(app.server().localBaseUrl() + path))
                .header("Content-Type", "application/fhir+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    static void assert400(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(400);
        assertThat(CTX.newJsonParser().parseResource(OperationOutcome.class, response.body()))
                .isNotNull();
    }

    @Test
    void storedResourcesAreParsedStrictlyAndNothingIsStored() {
        assert400(
                post("PUT", "/Patient/strict1", "{\"resourceType\":\"Patient\",\"id\":\"strict1\",\"unknownThing\":1}"),
                "unknown element");
        assert400(
                post(
                        "PUT",
                        "/Patient/strict2",
                        "{\"resourceType\":\"Patient\",\"id\":\"strict2\",\"gender\":\"fish\"}"),
                "a code outside its value set");
        assert400(post("POST", "/Patient", "{\"resourceType\":\"Patient\",\"birthDate\":\"yesterday\"}"), "bad date");
        String transaction = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"strict4\"},"
                + "\"request\":{\"method\":\"PUT\",\"url\":\"Patient/strict4\"}},"
                + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"strict5\",\"unknownThing\":1},"
                + "\"request\":{\"method\":\"PUT\",\"url\":\"Patient/strict5\"}}]}";
        HttpResponse<String> refused = post("POST", "/", transaction);
        assert400(refused, "an unknown element in a transaction entry");
        assertThat(refused.body()).contains("unknownThing");
        assertThat(get("/Patient/strict1").statusCode()).isEqualTo(404);
        assertThat(get("/Patient/strict2").statusCode()).isEqualTo(404);
        assertThat(get("/Patient/strict4").statusCode()).isEqualTo(404);
        assertThat(get("/Patient/strict5").statusCode()).isEqualTo(404);
        HttpResponse<String> ok = post(
                "PUT", "/Patient/strict3", "{\"resourceType\":\"Patient\",\"id\":\"strict3\",\"gender\":\"female\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    }

    @Test
    void operationParametersAreParsedStrictly() {
        post("PUT", "/Patient/op1", "{\"resourceType\":\"Patient\",\"id\":\"op1\",\"gender\":\"female\"}");
        for (String bad : List.of(
                "evaluationTime=2026-06-15T09:00:00Zgarbage",
                "evaluationTime=",
                "evaluationTime=2026-06-15T09:00:00Z&evaluationTime=2026-06-16T09:00:00Z",
                "evaluationTime=2026-06-15")) {
            assert400(get("/Patient/op1/$baclofen-check?" + bad), bad);
            assert400(get("/Patient/op1/$baclofen-summary?" + bad), bad);
        }
        assertThat(get("/Patient/op1/$baclofen-check?evaluationTime=2026-06-15T09:00:00Z")
                        .statusCode())
                .isEqualTo(200);
        String twice = "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"evaluationTime\",\"valueDateTime\":\"2026-06-15T09:00:00Z\"},"
                + "{\"name\":\"evaluationTime\",\"valueDateTime\":\"2026-06-16T09:00:00Z\"}]}";
        assert400(post("POST", "/Patient/op1/$baclofen-check", twice), "evaluationTime twice in the body");
        assert400(
                post("POST", "/Patient/op1/$baclofen-summary", "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}"),
                "a Bundle body");
        String unknownElement = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"data\",\"resource\":"
                + "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"MedicationRequest\",\"status\":\"active\",\"intent\":\"order\","
                + "\"subject\":{\"reference\":\"Patient/p\"},\"dosageInstrucion\":[{\"text\":\"x\"}]}},{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\"}}]}}]}";
        HttpResponse<String> misspelt = post("POST", "/$baclofen-check", unknownElement);
        assert400(misspelt, "a misspelt element inside the record");
        assertThat(misspelt.body()).contains("dosageInstrucion");
        String badCode =
                unknownElement.replace("\"active\"", "\"running\"").replace("dosageInstrucion", "dosageInstruction");
        assert400(post("POST", "/$baclofen-check", badCode), "a status outside its value set inside the record");
    }

    @Test
    void searchControlsAreChecked() {
        for (String bad : List.of("_count=-1", "_count=abc", "_summary=bogus", "_count=1&_count=2")) {
            assert400(get("/Patient?" + bad), bad);
        }
        assertThat(get("/Patient?_count=5&_summary=true").statusCode()).isEqualTo(200);
    }
}
