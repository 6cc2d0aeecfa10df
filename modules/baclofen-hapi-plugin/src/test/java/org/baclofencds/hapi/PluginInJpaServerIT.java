package org.baclofencds.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.testehr.launcher.JpaEhr;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plugin installed the documented way into a real HAPI FHIR JPA server (its own JVM, H2 file database): the
 * knowledge is installed, every example of {@code examples/} gets exactly its expected alerts from the server's
 * own {@code $baclofen-check}, persisting twice stores no duplicate, check-on-write raises and revokes an
 * interaction alert as orders are saved, CDS Hooks answer under the server, and a restart on the same database
 * leaves the knowledge as it was. One boot for all of it (plus the restart at the end).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginInJpaServerIT {
    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final int PRODUCTS = 14;

    @TempDir
    static Path work;

    static Path database;
    static JpaEhr server;
    static IGenericClient client;

    record Example(String file, String patientId, String evaluationTime, List<String> expectedAlerts) {
        @Override
        public String toString() {
            return file;
        }
    }

    @BeforeAll
    static void boot() throws Exception {
        // Set by the integration-test execution, after package; the unit-test execution (-Dtest=...) skips.
        assumeTrue(System.getProperty("baclofen.plugin.jar") != null, "runs after package");
        database = work.resolve("db/hapi");
        server = start(true);
        client = client(server);
        for (Example e : examples().toList()) {
            Bundle tx = CTX.newJsonParser()
                    .parseResource(Bundle.class, Files.readString(examplesDir().resolve(e.file())));
            client.transaction().withBundle(tx).execute();
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The documented install: the jar on the loader path and the package to scan; the database a file. */
    static JpaEhr start(boolean checkOnWrite) {
        JpaEhr.Options options = JpaEhr.Options.defaults()
                .withLoaderPath(Path.of(System.getProperty("baclofen.plugin.jar")))
                .withProperty("hapi.fhir.custom-bean-packages", "org.baclofencds.hapi")
                .withProperty("spring.datasource.url", "jdbc:h2:file:" + database)
                .withBootTimeout(Duration.ofMinutes(15));
        if (checkOnWrite) {
            options = options.withProperty("baclofen-cds.check-on-write", "true");
        }
        return JpaEhr.start(options);
    }

    static IGenericClient client(JpaEhr s) {
        CTX.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        CTX.getRestfulClientFactory().setSocketTimeout(120_000);
        return CTX.newRestfulGenericClient(s.baseUrl());
    }

    static String root() {
        return "http://127.0.0.1:" + server.port();
    }

    static Path examplesDir() {
        return Path.of(System.getProperty("baclofen.examples.dir", "../../examples"));
    }

    static Stream<Example> examples() throws Exception {
        JsonNode index = new ObjectMapper()
                .readTree(examplesDir().resolve("expected-alerts.json").toFile());
        List<Example> out = new ArrayList<>();
        for (JsonNode e : index.get("examples")) {
            List<String> codes = new ArrayList<>();
            e.get("expectedAlerts").forEach(c -> codes.add(c.asText()));
            out.add(new Example(
                    e.get("file").asText(),
                    e.get("patientId").asText(),
                    e.get("evaluationTime").asText(),
                    codes));
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(20);
        return out.stream();
    }

    @Test
    @Order(1)
    void installsTheKnowledgeAtBoot() throws Exception {
        Bundle products = client.search()
                .forResource("MedicationKnowledge")
                .count(100)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(products.getEntry()).hasSize(PRODUCTS);
        assertThat(knowledgeVersions()).hasSize(publishedFiles());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @Order(2)
    void everyExampleGetsItsExpectedAlertsFromTheServersOwnOperation(Example e) {
        Bundle result = client.operation()
                .onInstance("Patient/" + e.patientId())
                .named("$baclofen-check")
                .withParameter(Parameters.class, "evaluationTime", new DateTimeType(e.evaluationTime()))
                .useHttpGet()
                .returnResourceType(Bundle.class)
                .execute();
        assertThat(codes(result))
                .as(e.file())
                .isEqualTo(e.expectedAlerts().stream().sorted().toList());
    }

    @Test
    @Order(3)
    void persistingTwiceStoresEachAlertOnce() {
        Bundle first = persist("ex14", "2026-06-15T09:00:00Z");
        Bundle second = persist("ex14", "2026-06-15T09:00:00Z");
        assertThat(codes(first)).contains("interaction-opioid", "interaction-benzodiazepine");
        assertThat(ids(second)).isEqualTo(ids(first));

        List<CommunicationRequest> stored = alertsOf("ex14", null);
        List<String> identifiers =
                stored.stream().map(cr -> cr.getIdentifierFirstRep().getValue()).toList();
        assertThat(identifiers).doesNotHaveDuplicates();
        assertThat(codes(alertsOf("ex14", "active"))).isEqualTo(codes(first));
    }

    @Test
    @Order(4)
    void checkOnWriteRaisesAnInteractionAlertWhenAnOpioidIsSavedAndRevokesItWhenStopped() {
        Patient patient = new Patient();
        patient.setId("cow1");
        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1970-03-01"));
        client.update().resource(patient).execute();
        Date started = Date.from(Instant.now().minus(90, ChronoUnit.DAYS));
        client.update()
                .resource(order("cow1-baclofen", "197391", "baclofen 10 MG Oral Tablet", started))
                .execute();
        assertThat(codes(alertsOf("cow1", "active"))).doesNotContain("interaction-opioid");

        MedicationRequest opioid =
                order("cow1-oxycodone", "1049621", "oxycodone hydrochloride 5 MG Oral Tablet", new Date());
        client.update().resource(opioid).execute();
        List<CommunicationRequest> raised = alertsOf("cow1", "active");
        assertThat(codes(raised)).contains("interaction-opioid");

        opioid.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
        client.update().resource(opioid).execute();
        assertThat(codes(alertsOf("cow1", "active"))).doesNotContain("interaction-opioid");
        assertThat(codes(alertsOf("cow1", "revoked"))).contains("interaction-opioid");
    }

    @Test
    @Order(5)
    void aPatientWithoutBaclofenGetsNoStoredAlertFromCheckOnWrite() {
        Patient patient = new Patient();
        patient.setId("cow2");
        client.update().resource(patient).execute();
        client.update()
                .resource(order("cow2-oxycodone", "1049621", "oxycodone hydrochloride 5 MG Oral Tablet", new Date()))
                .execute();
        assertThat(alertsOf("cow2", null)).isEmpty();
    }

    @Test
    @Order(6)
    void cdsHooksAnswerUnderTheServerWithPrefetchReadInProcess() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> discovery = http.send(
                HttpRequest.newBuilder(URI.create(root() + "/cds-services")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("baclofen-patient-view", "baclofen-order-sign");

        String call = "{\"hook\":\"patient-view\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
                + "\"fhirServer\":\"" + server.baseUrl() + "\","
                + "\"context\":{\"userId\":\"Practitioner/ex14-prescriber\",\"patientId\":\"cow1\"}}";
        HttpResponse<String> cards = http.send(
                HttpRequest.newBuilder(URI.create(root() + "/cds-services/baclofen-patient-view"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(call, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cards.statusCode()).as(cards.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(cards.body()).get("cards").isArray())
                .isTrue();
    }

    @Test
    @Order(7)
    void summaryReadsTheRecordThroughTheServer() {
        Parameters summary = client.operation()
                .onInstance("Patient/ex14")
                .named("$baclofen-summary")
                .withParameter(Parameters.class, "evaluationTime", new DateTimeType("2026-06-15T09:00:00Z"))
                .useHttpGet()
                .returnResourceType(Parameters.class)
                .execute();
        assertThat(summary.getParameters("order")).hasSize(3);
    }

    @Test
    @Order(100)
    void aRestartOnTheSameDatabaseKeepsTheKnowledgeInstalledOnce() throws Exception {
        Map<String, String> before = knowledgeVersions();
        server.close();
        server = start(false);
        client = client(server);
        assertThat(knowledgeVersions()).isEqualTo(before);
        assertThat(Files.readString(server.log()))
                .contains("0 resources created, 0 updated, " + before.size() + " unchanged");
    }

    /** Type/id → version of every published resource as stored. */
    private static Map<String, String> knowledgeVersions() throws Exception {
        Map<String, String> versions = new TreeMap<>();
        for (String type : List.of("MedicationKnowledge", "ValueSet", "CodeSystem", "OperationDefinition", "Device")) {
            Bundle page = client.search()
                    .forResource(type)
                    .count(200)
                    .returnBundle(Bundle.class)
                    .execute();
            for (Bundle.BundleEntryComponent e : page.getEntry()) {
                IBaseResource r = e.getResource();
                String id = r.getIdElement().getIdPart();
                if (isPublished(type, id)) {
                    versions.put(type + "/" + id, r.getIdElement().getVersionIdPart());
                }
            }
        }
        return versions;
    }

    private static boolean isPublished(String type, String id) {
        return Files.exists(publishedDir().resolve(type + "-" + id + ".json"));
    }

    private static Path publishedDir() {
        return Path.of(System.getProperty("baclofen.fhir-resources.dir", "../../fhir-resources"));
    }

    private static int publishedFiles() throws Exception {
        try (Stream<Path> files = Files.list(publishedDir())) {
            return (int) files.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

    private static Bundle persist(String patientId, String at) {
        Parameters in = new Parameters();
        in.addParameter().setName("evaluationTime").setValue(new DateTimeType(at));
        in.addParameter().setName("persist").setValue(new BooleanType(true));
        return client.operation()
                .onInstance("Patient/" + patientId)
                .named("$baclofen-check")
                .withParameters(in)
                .returnResourceType(Bundle.class)
                .execute();
    }

    private static List<CommunicationRequest> alertsOf(String patientId, String status) {
        var query = client.search()
                .forResource(CommunicationRequest.class)
                .where(CommunicationRequest.SUBJECT.hasId("Patient/" + patientId))
                .and(new TokenClientParam("identifier").hasSystemWithAnyCode(KnowledgeUrls.ALERT_ID_SYSTEM));
        if (status != null) {
            query = query.and(CommunicationRequest.STATUS.exactly().code(status));
        }
        Bundle found = query.count(200)
                .cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true))
                .returnBundle(Bundle.class)
                .execute();
        return found.getEntry().stream()
                .map(e -> (CommunicationRequest) e.getResource())
                .toList();
    }

    private static List<String> codes(Bundle alerts) {
        return codes(alerts.getEntry().stream()
                .map(e -> (CommunicationRequest) e.getResource())
                .toList());
    }

    private static List<String> codes(List<CommunicationRequest> alerts) {
        return alerts.stream()
                .map(cr -> cr.getReasonCodeFirstRep().getCodingFirstRep().getCode())
                .sorted()
                .toList();
    }

    private static List<String> ids(Bundle alerts) {
        return alerts.getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart())
                .sorted()
                .toList();
    }

    private static MedicationRequest order(String id, String rxnorm, String display, Date authored) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(id);
        mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.setSubject(new Reference("Patient/" + id.substring(0, id.indexOf('-'))));
        mr.setAuthoredOn(authored);
        mr.setMedication(new CodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding(
                        "http://www.nlm.nih.gov/research/umls/rxnorm", rxnorm, display)));
        Dosage dosage = mr.addDosageInstruction();
        dosage.setTiming(new Timing()
                .setRepeat(new Timing.TimingRepeatComponent()
                        .setFrequency(3)
                        .setPeriod(1)
                        .setPeriodUnit(Timing.UnitsOfTime.D)));
        dosage.addDoseAndRate()
                .setDose(new Quantity()
                        .setValue(rxnorm.equals("197391") ? 10 : 5)
                        .setUnit("mg")
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("mg"));
        return mr;
    }
}
