package org.baclofencds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.baclofencds.server.remote.RemotePatientDataSource;
import org.baclofencds.testehr.launcher.JpaEhr;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * baclofen-cds in remote-EHR mode against a real HAPI FHIR JPA server 8.8.0 (the {@code baclofen-test-ehr} jar in
 * its own JVM, configured like the official starter: referential integrity on write, identical searches reused
 * for 60 s). {@code load} and {@code serve} run through the CLI's own composition root ({@link Main}), which is
 * why this test lives in the CLI's package.
 *
 * <p>The JPA server boots once for the class; the tests run in order on its growing data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteEhrAgainstJpaServerTest {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteEhrAgainstJpaServerTest.class);
    private static final FhirContext CTX = FhirContext.forR4();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of(System.getProperty("baclofen.examples.dir", "../../examples"));
    private static final String ALERT_CODE_SYSTEM = "http://baclofen-cds.org/fhir/CodeSystem/baclofen-alert";
    private static final List<String> COUNTED_TYPES = List.of(
            "Patient", "Practitioner", "MedicationRequest", "Medication", "Observation", "Condition", "Procedure");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private JpaEhr ehr;
    private Ours ours;
    private String firstLoad;
    private String secondLoad;
    private Map<String, Integer> afterFirstLoad;
    private Map<String, Integer> afterSecondLoad;

    @BeforeAll
    void startTheEhrLoadItTwiceAndStartOurs() {
        ehr = JpaEhr.start(JpaEhr.Options.defaults());
        LOG.info(
                "HAPI FHIR JPA server up at {} in {} ms",
                ehr.baseUrl(),
                ehr.bootTime().toMillis());
        firstLoad = load(EXAMPLES);
        afterFirstLoad = counts();
        secondLoad = load(EXAMPLES);
        afterSecondLoad = counts();
        ours = Ours.start(ehr.baseUrl());
    }

    @AfterAll
    void stopAll() {
        if (ours != null) {
            ours.stop();
        }
        if (ehr != null) {
            ehr.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ the tests

    @Test
    @Order(1)
    void loadingTheExamplesTwiceStoresEachResourceOnce() {
        assertThat(firstLoad).as(firstLoad).contains(" 0 failed").doesNotContain("FAILED");
        assertThat(secondLoad)
                .as(secondLoad)
                .contains(": 0 resources created")
                .contains(" 0 failed")
                .doesNotContain("FAILED");
        assertThat(afterFirstLoad.get("Patient"))
                .isGreaterThanOrEqualTo((int) examples().count());
        assertThat(afterSecondLoad).isEqualTo(afterFirstLoad);
        // an unchanged resource PUT again keeps its version
        JsonNode patient = ehrJson("Patient/ex01");
        assertThat(patient.at("/meta/versionId").asText()).isEqualTo("1");
    }

    /** The two starter defaults this issue is about, so a passing suite means something. */
    @Test
    @Order(2)
    void theEhrEnforcesReferencesAndReusesIdenticalSearchesLikeTheStarter() {
        String dangling = "{\"resourceType\":\"CommunicationRequest\",\"status\":\"active\","
                + "\"subject\":{\"reference\":\"Patient/ex01\"},\"requester\":{\"reference\":\"Device/no-such-device\"}}";
        assertThat(send("POST", ehr.baseUrl() + "/CommunicationRequest", dangling, Map.of())
                        .statusCode())
                .isEqualTo(400);

        String name = "cacheprobe" + UUID.randomUUID().toString().substring(0, 8);
        String search = ehr.baseUrl() + "/Patient?family=" + name;
        assertThat(total(send("GET", search, null, Map.of()))).isZero();
        send(
                "POST",
                ehr.baseUrl() + "/Patient",
                "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + name + "\"}]}",
                Map.of());
        assertThat(total(send("GET", search, null, Map.of())))
                .as("the same search within 60 s is answered from the cache")
                .isZero();
        assertThat(total(send("GET", search, null, Map.of("Cache-Control", "no-cache"))))
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @Order(3)
    void everyExamplePersistedTwiceGivesExactlyItsAlertsAndStoresEachOnce(Example example) {
        for (int round = 1; round <= 2; round++) {
            HttpResponse<String> response = check(ours.fhirBase(), example.patientId(), example.evaluationTime());
            assertThat(response.statusCode())
                    .as("round %d: %s", round, response.body())
                    .isEqualTo(200);
            assertThat(codes(alerts(response.body()))).as("round %d", round).isEqualTo(example.expectedAlerts());
        }
        List<CommunicationRequest> stored = storedAlerts(example.patientId());
        assertThat(codes(stored.stream()
                        .filter(cr -> cr.getStatus() == CommunicationRequestStatus.ACTIVE)
                        .toList()))
                .isEqualTo(example.expectedAlerts());
        assertThat(stored.stream().map(cr -> cr.getIdentifierFirstRep().getValue()))
                .doesNotHaveDuplicates();
    }

    @Test
    @Order(4)
    void theSoftwareDeviceWasCreatedOnceWithTheAlerts() {
        String url = ehr.baseUrl() + "/Device?identifier="
                + URLEncoder.encode(RemotePatientDataSource.DEVICE_ID_SYSTEM + "|baclofen-cds", StandardCharsets.UTF_8);
        assertThat(total(send("GET", url, null, Map.of("Cache-Control", "no-cache"))))
                .isEqualTo(1);
    }

    @Test
    @Order(5)
    void anOrderStoppedInTheEhrIsSeenByTheVeryNextCheck() {
        Example ex14 = example("ex14");
        String patient = copyOfExample(ex14, "stop14");
        assertThat(codes(alerts(
                        check(ours.fhirBase(), patient, ex14.evaluationTime()).body())))
                .contains("interaction-benzodiazepine");

        MedicationRequest lorazepam = CTX.newJsonParser()
                .parseResource(
                        MedicationRequest.class,
                        send("GET", ehr.baseUrl() + "/MedicationRequest/stop14-lorazepam-1", null, Map.of())
                                .body());
        lorazepam.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
        HttpResponse<String> stop = send(
                "PUT",
                ehr.baseUrl() + "/MedicationRequest/stop14-lorazepam-1",
                CTX.newJsonParser().encodeResourceToString(lorazepam),
                Map.of());
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);

        // at once: the EHR would answer the same MedicationRequest search from its 60 s cache
        HttpResponse<String> after = check(ours.fhirBase(), patient, ex14.evaluationTime());
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(codes(alerts(after.body()))).doesNotContain("interaction-benzodiazepine");
        assertThat(storedAlerts(patient).stream()
                        .filter(cr -> "interaction-benzodiazepine".equals(code(cr)))
                        .map(CommunicationRequest::getStatus))
                .containsExactly(CommunicationRequestStatus.REVOKED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @Order(6)
    void patientViewFetchesTheRecordFromTheEhr(Example example) {
        ObjectNode request = JSON.createObjectNode();
        request.put("hook", "patient-view");
        request.put("hookInstance", UUID.randomUUID().toString());
        request.put("fhirServer", ehr.baseUrl());
        ObjectNode auth = request.putObject("fhirAuthorization");
        auth.put("access_token", "token-for-the-ehr");
        auth.put("token_type", "Bearer");
        auth.put("expires_in", 300);
        auth.put("scope", "patient/*.read");
        auth.put("subject", "baclofen-cds");
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/integration-test");
        context.put("patientId", example.patientId());
        request.putObject("extension").put("org.baclofencds.evaluationTime", example.evaluationTime());

        HttpResponse<String> response = send(
                "POST",
                ours.rootUrl() + "/cds-services/baclofen-patient-view",
                request.toString(),
                Map.of("Content-Type", "application/json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        readTree(response.body())
                .get("cards")
                .forEach(c -> codes.add(c.at("/source/topic/code").asText()));
        assertThat(codes.stream().sorted().toList()).isEqualTo(example.expectedAlerts());
    }

    @Test
    @Order(7)
    void twoInstancesRacingOnANewPatientStoreEachAlertOnce() throws Exception {
        Example ex14 = example("ex14");
        String patient = copyOfExample(ex14, "race14");
        Ours second = Ours.start(ehr.baseUrl());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (Ours instance : List.of(ours, second)) {
                    Callable<HttpResponse<String>> call = () -> {
                        go.await();
                        return check(instance.fhirBase(), patient, ex14.evaluationTime());
                    };
                    answers.add(pool.submit(call));
                }
                go.countDown();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> r = answer.get(5, TimeUnit.MINUTES);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    assertThat(codes(alerts(r.body()))).isEqualTo(ex14.expectedAlerts());
                }
            }
        } finally {
            pool.shutdownNow();
            second.stop();
        }
        List<CommunicationRequest> stored = storedAlerts(patient);
        assertThat(stored.stream().map(cr -> cr.getIdentifierFirstRep().getValue()))
                .doesNotHaveDuplicates();
        assertThat(codes(stored)).isEqualTo(ex14.expectedAlerts());
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    /** One example of {@code examples/expected-alerts.json}; {@code expectedAlerts} sorted. */
    record Example(String file, String patientId, String evaluationTime, List<String> expectedAlerts) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Example> examples() {
        List<Example> out = new ArrayList<>();
        for (JsonNode e :
                readTree(read(EXAMPLES.resolve("expected-alerts.json"))).get("examples")) {
            List<String> codes = new ArrayList<>();
            e.get("expectedAlerts").forEach(c -> codes.add(c.asText()));
            out.add(new Example(
                    e.get("file").asText(),
                    e.get("patientId").asText(),
                    e.get("evaluationTime").asText(),
                    codes.stream().sorted().toList()));
        }
        return out.stream();
    }

    private static Example example(String patientId) {
        return examples()
                .filter(e -> e.patientId().equals(patientId))
                .findFirst()
                .orElseThrow();
    }

    /** The example's transaction loaded again under new ids ({@code ex14} becomes {@code prefix}); its patient id. */
    private String copyOfExample(Example example, String newPrefix) {
        String bundle = read(EXAMPLES.resolve(example.file())).replace(example.patientId(), newPrefix);
        HttpResponse<String> r = send("POST", ehr.baseUrl(), bundle, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return example.patientId().replace(example.patientId(), newPrefix);
    }

    /** {@code baclofen-cds load --server <ehr> <path>}; its standard output. */
    private String load(Path path) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine()
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute("load", "--server", ehr.baseUrl(), path.toString());
        assertThat(exit).as(out + "\n" + err).isZero();
        return out.toString();
    }

    /** How many resources of each type the EHR holds, counted afresh. */
    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String type : COUNTED_TYPES) {
            counts.put(
                    type,
                    total(send(
                            "GET",
                            ehr.baseUrl() + "/" + type + "?_summary=count",
                            null,
                            Map.of("Cache-Control", "no-cache"))));
        }
        return counts;
    }

    private HttpResponse<String> check(String fhirBase, String patientId, String evaluationTime) {
        String parameters = "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"evaluationTime\",\"valueDateTime\":\"" + evaluationTime + "\"},"
                + "{\"name\":\"persist\",\"valueBoolean\":true}]}";
        return send("POST", fhirBase + "/Patient/" + patientId + "/$baclofen-check", parameters, Map.of());
    }

    private List<CommunicationRequest> storedAlerts(String patientId) {
        Bundle page = CTX.newJsonParser()
                .parseResource(
                        Bundle.class,
                        send(
                                        "GET",
                                        ehr.baseUrl() + "/CommunicationRequest?subject=Patient/" + patientId
                                                + "&_count=500",
                                        null,
                                        Map.of("Cache-Control", "no-cache"))
                                .body());
        assertThat(page.getLink(Bundle.LINK_NEXT)).isNull();
        return page.getEntry().stream()
                .map(e -> (CommunicationRequest) e.getResource())
                .toList();
    }

    private static List<CommunicationRequest> alerts(String bundleJson) {
        Bundle bundle = CTX.newJsonParser().parseResource(Bundle.class, bundleJson);
        return bundle.getEntry().stream()
                .filter(e -> e.getResource() instanceof CommunicationRequest)
                .map(e -> (CommunicationRequest) e.getResource())
                .toList();
    }

    /** The alert codes, sorted, duplicates kept. */
    private static List<String> codes(List<CommunicationRequest> alerts) {
        return alerts.stream().map(RemoteEhrAgainstJpaServerTest::code).sorted().toList();
    }

    private static String code(CommunicationRequest cr) {
        return cr.getReasonCode().stream()
                .flatMap(cc -> cc.getCoding().stream())
                .filter(c -> ALERT_CODE_SYSTEM.equals(c.getSystem()))
                .map(c -> c.getCode())
                .findFirst()
                .orElse(null);
    }

    private JsonNode ehrJson(String relative) {
        HttpResponse<String> r = send("GET", ehr.baseUrl() + "/" + relative, null, Map.of("Cache-Control", "no-cache"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return readTree(r.body());
    }

    private static int total(HttpResponse<String> searchset) {
        assertThat(searchset.statusCode()).as(searchset.body()).isEqualTo(200);
        return readTree(searchset.body()).get("total").asInt();
    }

    private HttpResponse<String> send(String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(2))
                .header("Accept", "application/fhir+json");
        headers.forEach(b::header);
        if (body != null && !headers.containsKey("Content-Type")) {
            b.header("Content-Type", "application/fhir+json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One baclofen-cds process-in-a-thread: {@code serve --in-memory --port 0 --ehr-base-url <ehr>}. */
    static final class Ours {
        private final ServeCommand serve;
        private final Thread thread;

        private Ours(ServeCommand serve, Thread thread) {
            this.serve = serve;
            this.thread = thread;
        }

        static Ours start(String ehrBase) {
            CommandLine cli = Main.commandLine();
            ServeCommand serve =
                    (ServeCommand) cli.getSubcommands().get("serve").getCommand();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err));
            Thread thread = new Thread(
                    () -> cli.execute("serve", "--in-memory", "--port", "0", "--ehr-base-url", ehrBase),
                    "baclofen-cds-serve");
            thread.setDaemon(true);
            thread.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (serve.server == null && thread.isAlive() && System.nanoTime() < deadline) {
                sleep(50);
            }
            assertThat(serve.server).as("baclofen-cds started: %s", err).isNotNull();
            return new Ours(serve, thread);
        }

        String fhirBase() {
            return serve.server.localBaseUrl();
        }

        String rootUrl() {
            return serve.server.localRootUrl();
        }

        void stop() {
            serve.server.stop();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
