package org.baclofencds.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.param.ReferenceParam;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.baclofencds.cdshooks.FhirAuthorization;
import org.baclofencds.cdshooks.PrefetchUnavailableException;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.rules.RulesConfig;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.app.BaclofenApplication;
import org.baclofencds.server.cdshooks.HapiPrefetchFetcher;
import org.baclofencds.server.check.BaclofenCheckService;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What our requests to an EHR must never do, against small real HTTP servers that misbehave on purpose: follow
 * a redirect with the token, let the EHR answer from a search cache, carry the EHR's error text into our answers,
 * or give up (or duplicate) when another writer got there first.
 */
class EhrRequestSafetyTest {

    private static final Instant AT = Instant.parse("2026-06-15T09:00:00Z");
    private static final String SECRET = "db-password=hunter2 at jdbc:postgresql://10.0.0.5";

    private final FhirContext ctx = FhirContext.forR4Cached();
    private final Knowledge knowledge = Knowledge.loadFromClasspath(ctx);
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void aRedirectIsNotFollowedSoTheTokenNeverReachesAnotherOrigin() throws IOException {
        List<String> elsewhere = new CopyOnWriteArrayList<>();
        HttpServer other = server(exchange -> {
            elsewhere.add(exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            respond(exchange, 200, "{\"resourceType\":\"Patient\",\"id\":\"p1\"}");
        });
        String otherBase = "http://localhost:" + other.getAddress().getPort() + "/fhir";
        HttpServer ehr = server(exchange -> {
            exchange.getResponseHeaders().add("Location", otherBase + "/Patient/p1");
            respond(exchange, 302, "");
        });
        String ehrBase = base(ehr);

        RemotePatientDataSource remote =
                new RemotePatientDataSource(ctx, knowledge, new EhrConfig(ehrBase, "ehr-token", null));
        assertThatThrownBy(() -> remote.read(Patient.class, "p1"))
                .isInstanceOf(EhrRequestException.class)
                .hasMessageContaining("302")
                .hasMessageNotContaining("ehr-token")
                .extracting(e -> ((EhrRequestException) e).getStatusCode())
                .isEqualTo(502);

        HapiPrefetchFetcher fetcher = new HapiPrefetchFetcher(ctx, Duration.ofSeconds(5));
        FhirAuthorization auth = new FhirAuthorization("cds-token", "Bearer", 300, "patient/*.read", "cds", null);
        assertThatThrownBy(() -> fetcher.fetch(ehrBase, auth, "Patient/p1"))
                .isInstanceOf(PrefetchUnavailableException.class);
        assertThatThrownBy(() -> fetcher.fetch(ehrBase, auth, "Condition?patient=p1"))
                .isInstanceOf(PrefetchUnavailableException.class);

        assertThat(elsewhere).as("requests that reached the other origin").isEmpty();
    }

    @Test
    void everyReadAsksTheEhrForFreshResultsNotItsSearchCache() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer ehr = server(exchange -> {
            String path = exchange.getRequestURI().getPath();
            seen.add(path + " " + exchange.getRequestHeaders().getFirst("Cache-Control"));
            respond(
                    exchange,
                    200,
                    path.endsWith("/Patient/p1")
                            ? "{\"resourceType\":\"Patient\",\"id\":\"p1\"}"
                            : "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}");
        });

        new RemotePatientDataSource(ctx, knowledge, new EhrConfig(base(ehr), null, null)).patientRecord("p1", AT);
        new HapiPrefetchFetcher(ctx, Duration.ofSeconds(5)).fetch(base(ehr), null, "MedicationRequest?patient=p1");

        assertThat(seen)
                .as("patient, medications, observations, conditions, procedures, and the prefetch search")
                .hasSize(6)
                .allSatisfy(line -> assertThat(line).endsWith(" no-cache"))
                .anySatisfy(line -> assertThat(line).startsWith("/fhir/Patient/p1 "))
                .anySatisfy(line -> assertThat(line).startsWith("/fhir/Observation "));
    }

    @Test
    void theEhrsErrorTextNeverReachesOurAnswersAndARefusedWriteOfOursIsA502() throws IOException {
        String outcome =
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\","
                        + "\"diagnostics\":\"" + SECRET + "\"}]}";
        HttpServer ehr = server(exchange -> respond(exchange, 400, outcome));
        RemotePatientDataSource remote =
                new RemotePatientDataSource(ctx, knowledge, new EhrConfig(base(ehr), null, null));

        assertThatThrownBy(() -> remote.search(
                        CommunicationRequest.class,
                        SearchCriteria.builder()
                                .where("subject", new ReferenceParam("Patient/p1"))
                                .build()))
                .hasMessageContaining("The EHR answered 400 to GET CommunicationRequest")
                .hasMessageNotContaining("hunter2");

        Bundle ours = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        ours.addEntry()
                .setResource(new Patient())
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        assertThatThrownBy(() -> remote.transactionOfOurs(ours))
                .isInstanceOf(EhrRequestException.class)
                .hasMessageContaining("POST transaction of 1 entries")
                .hasMessageNotContaining("hunter2")
                .extracting(e -> ((EhrRequestException) e).getStatusCode())
                .isEqualTo(502);
    }

    @Test
    void aConcurrentWriterIsRetriedOnceOnFreshDataWithoutDuplicates() throws IOException {
        InMemoryPatientDataSource ehrStore = new InMemoryPatientDataSource(ctx);
        BaclofenServer real = BaclofenServer.start(ServerConfig.defaults().withPort(0), ctx, knowledge, ehrStore);
        try {
            Patient patient = new Patient();
            patient.setId("race");
            patient.setBirthDateElement(new DateType("1960-01-01"));
            ehrStore.update(patient);
            for (String[] order : new String[][] {{"race-baclofen", "197391"}, {"race-opioid", "1049621"}}) {
                MedicationRequest mr = new MedicationRequest();
                mr.setId(order[0]);
                mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
                mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
                mr.getSubject().setReference("Patient/race");
                mr.getMedicationCodeableConcept()
                        .addCoding()
                        .setSystem(KnowledgeUrls.RXNORM)
                        .setCode(order[1]);
                mr.setAuthoredOnElement(new DateTimeType("2026-01-10"));
                mr.addDosageInstruction().setText("one tablet three times a day");
                ehrStore.update(mr);
            }
            BaclofenEngine engine = BaclofenApplication.engine(knowledge, RulesConfig.defaults());
            BaclofenCheckService direct = new BaclofenCheckService(
                    engine, new RemotePatientDataSource(ctx, knowledge, new EhrConfig(real.baseUrl(), null, null)));

            // The first write of the check below meets a writer that got there first: the same alerts, stored
            // a moment earlier by another instance, and a 409 for ours.
            AtomicInteger writes = new AtomicInteger();
            HttpClient http = HttpClient.newHttpClient();
            HttpServer proxy = server(exchange -> {
                if (!"GET".equals(exchange.getRequestMethod()) && writes.incrementAndGet() == 1) {
                    direct.checkPatient("race", List.of(), AT, true);
                    respond(
                            exchange,
                            409,
                            "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                                    + "\"code\":\"conflict\",\"diagnostics\":\"" + SECRET + "\"}]}");
                    return;
                }
                forward(http, real.baseUrl(), exchange);
            });
            BaclofenCheckService viaProxy = new BaclofenCheckService(
                    engine, new RemotePatientDataSource(ctx, knowledge, new EhrConfig(base(proxy), null, null)));

            List<CommunicationRequest> alerts = viaProxy.checkPatient("race", List.of(), AT, true);

            assertThat(alerts).isNotEmpty();
            List<CommunicationRequest> stored = ehrStore.search(
                    CommunicationRequest.class,
                    SearchCriteria.builder()
                            .where("subject", new ReferenceParam("Patient/race"))
                            .build());
            assertThat(stored).hasSameSizeAs(alerts);
            assertThat(stored.stream().map(cr -> cr.getIdentifierFirstRep().getValue()))
                    .doesNotHaveDuplicates();
            assertThat(writes.get())
                    .as("our write, refused, then none: the other writer's alerts stand")
                    .isEqualTo(1);
        } finally {
            real.stop();
        }
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private HttpServer server(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fhir", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.start();
        servers.add(server);
        return server;
    }

    private static String base(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void forward(HttpClient http, String target, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath().substring("/fhir".length());
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(target + path + (query == null ? "" : "?" + query)))
                .header("Accept", "application/fhir+json")
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            respond(exchange, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
