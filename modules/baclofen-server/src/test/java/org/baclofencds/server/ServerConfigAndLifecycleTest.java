package org.baclofencds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.baclofencds.server.store.BundleLoader;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigAndLifecycleTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void defaultsAreLoopbackOn8080() {
        ServerConfig config = ServerConfig.defaults();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.publicBaseUrl()).isNull();
        assertThat(config.preload()).isEmpty();
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> ServerConfig.defaults().withPort(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.defaults().withPublicBaseUrl("ftp://x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.defaults().withPublicBaseUrl("not a url"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ServerConfig.defaults()
                        .withPublicBaseUrl("https://cds.example.org/")
                        .publicBaseUrl())
                .isEqualTo("https://cds.example.org");
    }

    @Test
    void publicBaseUrlIsUsedInLocationHeaders() throws Exception {
        ServerConfig config = ServerConfig.defaults().withPort(0).withPublicBaseUrl("https://cds.example.org");
        try (BaclofenServer server =
                BaclofenServer.start(config, CTX, TestKnowledge.build(), new InMemoryPatientDataSource(CTX))) {
            assertThat(server.baseUrl()).isEqualTo("https://cds.example.org/fhir");
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(server.localBaseUrl() + "/Patient"))
                            .header("Content-Type", "application/fhir+json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("https://cds.example.org/fhir/Patient/"));
        }
    }

    @Test
    void preloadsFilesBeforeAnsweringAndStopsCleanly(@TempDir Path dir) throws Exception {
        Patient p = new Patient();
        p.setId("preloaded");
        Files.writeString(dir.resolve("p.json"), CTX.newJsonParser().encodeResourceToString(p));
        BaclofenServer server = BaclofenServer.start(
                ServerConfig.defaults().withPort(0).withPreload(List.of(dir)),
                CTX,
                TestKnowledge.build(),
                new InMemoryPatientDataSource(CTX));
        String root = server.localRootUrl();
        try {
            assertThat(server.preloaded().resourcesByType()).containsEntry("Patient", 1);
            assertThat(get(root + "/health").body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(get(server.localBaseUrl() + "/Patient/preloaded").statusCode())
                    .isEqualTo(200);
        } finally {
            server.stop();
        }
        assertThatThrownBy(() -> get(root + "/health")).isInstanceOf(ConnectException.class);
    }

    @Test
    void badPreloadFailsStartNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"resourceType\":\"Patient\",");
        assertThatThrownBy(() -> BaclofenServer.start(
                        ServerConfig.defaults().withPort(0).withPreload(List.of(dir)),
                        CTX,
                        TestKnowledge.build(),
                        new InMemoryPatientDataSource(CTX)))
                .isInstanceOf(BundleLoader.LoadException.class)
                .hasMessageContaining("bad.json");
    }

    @Test
    void extraServletsAndProvidersAreMounted() throws Exception {
        jakarta.servlet.http.HttpServlet hello = new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void doGet(
                    jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
                    throws java.io.IOException {
                resp.setContentType("application/json");
                resp.getWriter().write("{\"services\":[]}");
            }
        };
        try (BaclofenServer server = BaclofenServer.builder(
                        ServerConfig.defaults().withPort(0),
                        CTX,
                        TestKnowledge.build(),
                        new InMemoryPatientDataSource(CTX))
                .servlet("/cds-services/*", hello)
                .provider(new EchoOperationProvider())
                .start()) {
            assertThat(get(server.localRootUrl() + "/cds-services").body()).isEqualTo("{\"services\":[]}");
            HttpResponse<String> op = get(server.localBaseUrl() + "/$echo?value=hi");
            assertThat(op.statusCode()).isEqualTo(200);
            assertThat(op.body()).contains("\"valueString\":\"hi\"");
        }
        assertThatThrownBy(() -> BaclofenServer.builder(
                                ServerConfig.defaults().withPort(0),
                                CTX,
                                TestKnowledge.build(),
                                new InMemoryPatientDataSource(CTX))
                        .servlet("/fhir/*", hello))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void capabilityStatementPointsOperationsAtTheirPublishedDefinition() throws Exception {
        try (BaclofenServer server = BaclofenServer.builder(
                        ServerConfig.defaults().withPort(0),
                        CTX,
                        TestKnowledge.build(),
                        new InMemoryPatientDataSource(CTX))
                .provider(new NamedLikeThePublishedOperation())
                .start()) {
            org.hl7.fhir.r4.model.CapabilityStatement cs = CTX.newJsonParser()
                    .parseResource(
                            org.hl7.fhir.r4.model.CapabilityStatement.class,
                            get(server.localBaseUrl() + "/metadata").body());
            assertThat(cs.getRestFirstRep().getOperation())
                    .filteredOn(op -> "baclofen-check".equals(op.getName()))
                    .singleElement()
                    .satisfies(op -> assertThat(op.getDefinition())
                            .isEqualTo("http://baclofen-cds.org/fhir/OperationDefinition/baclofen-check"));
        }
    }

    @Test
    void unexpectedFailuresBecomeAGeneric500WithoutInternals() throws Exception {
        try (BaclofenServer server = BaclofenServer.builder(
                        ServerConfig.defaults().withPort(0),
                        CTX,
                        TestKnowledge.build(),
                        new InMemoryPatientDataSource(CTX))
                .provider(new FailingOperation())
                .start()) {
            HttpResponse<String> r = get(server.localBaseUrl() + "/$fail");
            assertThat(r.statusCode()).isEqualTo(500);
            org.hl7.fhir.r4.model.OperationOutcome outcome =
                    CTX.newJsonParser().parseResource(org.hl7.fhir.r4.model.OperationOutcome.class, r.body());
            assertThat(outcome.getIssueFirstRep().getDiagnostics())
                    .isEqualTo(ErrorSanitizingInterceptor.GENERIC_MESSAGE);
            assertThat(r.body())
                    .doesNotContain("secret")
                    .doesNotContain("IllegalStateException")
                    .doesNotContain("HAPI-");
        }
    }

    /** Fails the way a bug would. */
    public static final class FailingOperation {
        @ca.uhn.fhir.rest.annotation.Operation(name = "$fail", idempotent = true)
        public org.hl7.fhir.r4.model.Parameters fail() {
            throw new IllegalStateException("secret internal detail");
        }
    }

    /** A system-level operation with the published operation's name. */
    public static final class NamedLikeThePublishedOperation {
        @ca.uhn.fhir.rest.annotation.Operation(name = "$baclofen-check", idempotent = true)
        public org.hl7.fhir.r4.model.Bundle check() {
            return new org.hl7.fhir.r4.model.Bundle().setType(org.hl7.fhir.r4.model.Bundle.BundleType.COLLECTION);
        }
    }

    /** A system-level operation, as the $baclofen-check provider will be. */
    public static final class EchoOperationProvider {
        @ca.uhn.fhir.rest.annotation.Operation(name = "$echo", idempotent = true)
        public org.hl7.fhir.r4.model.Parameters echo(
                @ca.uhn.fhir.rest.annotation.OperationParam(name = "value") org.hl7.fhir.r4.model.StringType value) {
            org.hl7.fhir.r4.model.Parameters out = new org.hl7.fhir.r4.model.Parameters();
            out.addParameter().setName("value").setValue(value);
            return out;
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
