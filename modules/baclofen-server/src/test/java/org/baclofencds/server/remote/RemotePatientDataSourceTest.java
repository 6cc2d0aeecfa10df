package org.baclofencds.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.rules.PatientRecord;
import org.baclofencds.rules.RulesConfig;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.app.BaclofenApplication;
import org.baclofencds.server.check.BaclofenCheckService;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The remote data source against a real EHR server (the embedded store behind HTTP) on a free port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemotePatientDataSourceTest {

    private static final Instant AT = Instant.parse("2026-06-15T09:00:00Z");

    private final FhirContext ctx = FhirContext.forR4Cached();
    private Knowledge knowledge;
    private BaclofenServer ehr;
    private PatientDataSource ehrStore;
    private RemotePatientDataSource remote;

    @BeforeAll
    void start() {
        knowledge = Knowledge.loadFromClasspath(ctx);
        ehrStore = new InMemoryPatientDataSource(ctx);
        ehr = BaclofenServer.start(ServerConfig.defaults().withPort(0), ctx, knowledge, ehrStore);
        remote = new RemotePatientDataSource(ctx, knowledge, new EhrConfig(ehr.baseUrl(), null, null));
    }

    @AfterAll
    void stop() {
        ehr.stop();
    }

    private void patient(String id) {
        Patient p = new Patient();
        p.setId(id);
        p.setGender(AdministrativeGender.MALE);
        p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1960-01-01"));
        ehrStore.update(p);
    }

    private Observation observation(String id, String patient, String loinc, String when) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding().setSystem(KnowledgeUrls.LOINC).setCode(loinc);
        o.getSubject().setReference("Patient/" + patient);
        o.setEffective(new DateTimeType(when));
        o.setValue(new Quantity().setValue(70).setUnit("kg"));
        ehrStore.update(o);
        return o;
    }

    @Test
    void followsNextLinksSoNoPageIsLost() {
        patient("paged");
        for (int i = 0; i < 130; i++) {
            observation("paged-w" + i, "paged", "29463-7", "2026-05-01T08:00:00Z");
            MedicationRequest mr = new MedicationRequest();
            mr.setId("paged-mr" + i);
            mr.setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
            mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            mr.getSubject().setReference("Patient/paged");
            mr.getMedicationCodeableConcept().setText("paracetamol");
            ehrStore.update(mr);
        }

        PatientRecord record = remote.patientRecord("paged", AT);

        assertThat(record.observations()).hasSize(130);
        assertThat(record.medicationRequests()).hasSize(130);
    }

    @Test
    void fetchesOnlyTheObservationsTheChecksUseWithinTheirLookBack() {
        patient("window");
        observation("window-recent-weight", "window", "29463-7", "2026-05-01T08:00:00Z");
        observation("window-egfr-300d", "window", "62238-1", "2025-08-20");
        observation("window-old-creatinine", "window", "2160-0", "2024-01-10T08:00:00Z");
        observation("window-blood-pressure", "window", "85354-9", "2026-05-01T08:00:00Z");

        Set<String> asOfNow = ids(remote.patientRecord("window", AT).observations());
        Set<String> asOf2024 = ids(remote.patientRecord("window", Instant.parse("2024-03-01T00:00:00Z"))
                .observations());

        assertThat(asOfNow).containsExactlyInAnyOrder("window-recent-weight", "window-egfr-300d");
        // Evaluated in the past, the look-back counts from then: the old result is in, nothing is lost.
        assertThat(asOf2024).contains("window-old-creatinine");
    }

    @Test
    void referencedMedicationsComeWithTheOrders() {
        patient("med");
        Medication m = new Medication();
        m.setId("med-baclofen");
        m.getCode().addCoding().setSystem(KnowledgeUrls.RXNORM).setCode("197391");
        ehrStore.update(m);
        MedicationRequest mr = new MedicationRequest();
        mr.setId("med-mr");
        mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.getSubject().setReference("Patient/med");
        mr.getMedicationReference().setReference("Medication/med-baclofen");
        ehrStore.update(mr);

        PatientRecord record = remote.patientRecord("med", AT);

        assertThat(record.medicationRequests())
                .extracting(r -> r.getIdElement().getIdPart())
                .containsExactly("med-mr");
        assertThat(record.medications())
                .extracting(r -> r.getIdElement().getIdPart())
                .containsExactly("med-baclofen");
    }

    @Test
    void searchesAndWritesMirrorTheEhrsAnswers() {
        patient("crud");
        Observation o = observation("crud-w", "crud", "29463-7", "2026-05-01T08:00:00Z");
        SearchCriteria byPatient = SearchCriteria.builder()
                .where("patient", new ReferenceParam("Patient/crud"))
                .where("code", new TokenParam(KnowledgeUrls.LOINC, "29463-7"), new TokenParam("urn:x", "y"))
                .build();
        assertThat(remote.search(Observation.class, byPatient)).hasSize(1);

        o.setValue(new Quantity().setValue(71).setUnit("kg"));
        var updated = remote.update(o, "1");
        assertThat(updated.versionId()).isEqualTo("2");
        assertThatThrownBy(() -> remote.update(o, "1"))
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException.class)
                .hasMessageContaining("PUT Observation/crud-w");
        assertThatThrownBy(() -> remote.read(Patient.class, "not-there"))
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException.class)
                .hasMessageContaining("GET Patient/not-there");
    }

    @Test
    void persistSendsAllItsWritesAsOneTransactionAndAFailureWritesNothing() throws IOException {
        // Two live orders: baclofen and an opioid, persisted once straight to the EHR.
        patient("atomic");
        MedicationRequest baclofen = order("atomic-baclofen", "197391");
        MedicationRequest opioid = order("atomic-opioid", "1049621");
        ehrStore.update(baclofen);
        ehrStore.update(opioid);
        BaclofenEngine engine = BaclofenApplication.engine(knowledge, RulesConfig.defaults());
        new BaclofenCheckService(engine, remote).checkPatient("atomic", List.of(), AT, true);
        List<String> before = versions(storedAlerts("atomic"));
        assertThat(before).isNotEmpty();

        // The opioid stops: the next persist revokes the opioid alert (and may refresh others).
        opioid.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
        ehrStore.update(opioid);
        List<String> writes = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean failWrites = new java.util.concurrent.atomic.AtomicBoolean(true);
        HttpServer proxy = proxy(ehr.baseUrl(), writes, failWrites);
        try {
            BaclofenCheckService viaProxy = new BaclofenCheckService(
                    engine,
                    new RemotePatientDataSource(
                            ctx,
                            knowledge,
                            new EhrConfig(
                                    "http://127.0.0.1:" + proxy.getAddress().getPort() + "/fhir", null, null)));

            assertThatThrownBy(() -> viaProxy.checkPatient("atomic", List.of(), AT, true))
                    .isInstanceOf(EhrRequestException.class)
                    .hasMessageContaining("POST transaction");
            assertThat(versions(storedAlerts("atomic"))).as("nothing written").isEqualTo(before);

            writes.clear();
            failWrites.set(false);
            viaProxy.checkPatient("atomic", List.of(), AT, true);
            assertThat(writes).as("every write in one request").containsExactly("POST /fhir");
            assertThat(storedAlerts("atomic"))
                    .filteredOn(cr -> "interaction-opioid"
                            .equals(cr.getReasonCodeFirstRep()
                                    .getCodingFirstRep()
                                    .getCode()))
                    .singleElement()
                    .extracting(CommunicationRequest::getStatus)
                    .isEqualTo(CommunicationRequest.CommunicationRequestStatus.REVOKED);
        } finally {
            proxy.stop(0);
        }
    }

    private static List<String> versions(List<CommunicationRequest> alerts) {
        return alerts.stream()
                .map(cr -> cr.getIdElement().getIdPart() + "/" + cr.getMeta().getVersionId() + "/" + cr.getStatus())
                .sorted()
                .toList();
    }

    @Test
    void theTokenGoesToTheEhrAndARefusedTokenIsA502ThatDoesNotShowIt() throws IOException {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer guarded = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        guarded.createContext("/fhir", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(auth);
            byte[] body = "Bearer t0k3n-good".equals(auth)
                    ? "{\"resourceType\":\"Patient\",\"id\":\"g1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : new byte[0];
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(body.length > 0 ? 200 : 401, body.length > 0 ? body.length : -1);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        guarded.start();
        String base = "http://127.0.0.1:" + guarded.getAddress().getPort() + "/fhir";
        try {
            EhrConfig good = new EhrConfig(base, "t0k3n-good", null);
            assertThat(good.toString()).doesNotContain("t0k3n");
            assertThat(new RemotePatientDataSource(ctx, knowledge, good)
                            .read(Patient.class, "g1")
                            .getIdElement()
                            .getIdPart())
                    .isEqualTo("g1");
            assertThat(seen).containsExactly("Bearer t0k3n-good");

            RemotePatientDataSource wrong =
                    new RemotePatientDataSource(ctx, knowledge, new EhrConfig(base, "t0k3n-wrong", null));
            assertThatThrownBy(() -> wrong.patientRecord("g1", AT))
                    .isInstanceOfSatisfying(EhrRequestException.class, e -> assertThat(e.getStatusCode())
                            .isEqualTo(502))
                    .hasMessageContaining("answered 401 to GET Patient/g1 (check the EHR token)")
                    .hasMessageNotContaining("t0k3n");
        } finally {
            guarded.stop(0);
        }
    }

    private MedicationRequest order(String id, String rxnorm) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(id);
        mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.getSubject().setReference("Patient/atomic");
        mr.getMedicationCodeableConcept()
                .addCoding()
                .setSystem(KnowledgeUrls.RXNORM)
                .setCode(rxnorm);
        mr.setAuthoredOnElement(new DateTimeType("2026-01-10"));
        mr.addDosageInstruction().setText("one tablet three times a day");
        return mr;
    }

    private List<CommunicationRequest> storedAlerts(String patient) {
        return ehrStore.search(
                CommunicationRequest.class,
                SearchCriteria.builder()
                        .where("subject", new ReferenceParam("Patient/" + patient))
                        .build());
    }

    /** Passes requests through to the EHR, noting each write; answers writes with 503 while told to. */
    private static HttpServer proxy(
            String target, List<String> writes, java.util.concurrent.atomic.AtomicBoolean failWrites)
            throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/fhir", exchange -> {
            try {
                String method = exchange.getRequestMethod();
                if (!"GET".equals(method)) {
                    writes.add(method + " " + exchange.getRequestURI().getRawPath());
                    if (failWrites.get()) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                }
                String path = exchange.getRequestURI().getRawPath().substring("/fhir".length());
                String query = exchange.getRequestURI().getRawQuery();
                byte[] body = exchange.getRequestBody().readAllBytes();
                HttpRequest.Builder request = HttpRequest.newBuilder(
                                URI.create(target + path + (query == null ? "" : "?" + query)))
                        .header("Accept", "application/fhir+json")
                        .method(
                                method,
                                body.length == 0
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                if (contentType != null) {
                    request.header("Content-Type", contentType);
                }
                HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                exchange.sendResponseHeaders(
                        answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        proxy.start();
        return proxy;
    }

    private static Set<String> ids(List<Observation> observations) {
        return observations.stream()
                .map(o -> o.getIdElement().getIdPart())
                .collect(java.util.stream.Collectors.toSet());
    }
}
