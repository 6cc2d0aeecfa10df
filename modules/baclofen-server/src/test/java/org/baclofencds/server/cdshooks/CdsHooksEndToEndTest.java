package org.baclofencds.server.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.check.BaclofenCheckOperationProvider;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/** The CDS Hooks endpoints over real HTTP: discovery, the request files in examples/cds-hooks, feedback, errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdsHooksEndToEndTest {

    private CdsServer cds;
    private BaclofenServer ehr;

    @BeforeAll
    void start() {
        cds = new CdsServer(
                new CdsHooksConfig(Map.of(), List.of(), false, Duration.ofHours(24), Duration.ofSeconds(1)));
        ehr = CdsServer.ehr(new InMemoryPatientDataSource(CdsServer.CTX));
    }

    @AfterAll
    void stop() {
        cds.close();
        ehr.stop();
    }

    private static ObjectNode file(String name) throws IOException {
        return (ObjectNode) CdsServer.JSON.readTree(
                Files.readString(CdsRequests.examplesDir().resolve("cds-hooks").resolve(name)));
    }

    private JsonNode ok(String service, ObjectNode request) {
        return ok(cds, service, request);
    }

    private static JsonNode ok(CdsServer cds, String service, ObjectNode request) {
        HttpResponse<String> r = cds.post("/cds-services/" + service, request.toString(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = CdsServer.tree(r.body());
        CdsHooksExampleCorpusTest.assertCardsKeepTheSpec(answer);
        return answer;
    }

    private static JsonNode card(JsonNode answer, String code) {
        for (JsonNode c : answer.get("cards")) {
            if (code.equals(c.at("/source/topic/code").asText())) {
                return c;
            }
        }
        throw new AssertionError("no " + code + " card in " + answer);
    }

    @Test
    void discoveryListsTheThreeServicesWithTheirPrefetchTemplates() {
        HttpResponse<String> r = cds.get("/cds-services", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode services = CdsServer.tree(r.body()).get("services");
        List<String> ids = new ArrayList<>();
        services.forEach(s -> ids.add(s.get("id").asText() + "=" + s.get("hook").asText()));
        assertThat(ids)
                .containsExactly(
                        "baclofen-order-select=order-select",
                        "baclofen-order-sign=order-sign",
                        "baclofen-patient-view=patient-view");
        for (JsonNode s : services) {
            assertThat(s.get("description").asText()).isNotBlank();
            JsonNode p = s.get("prefetch");
            assertThat(p.get("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
            assertThat(p.get("medications").asText()).startsWith("MedicationRequest?patient={{context.patientId}}");
            assertThat(p.get("conditions").asText()).isEqualTo("Condition?patient={{context.patientId}}");
            assertThat(p.get("procedures").asText()).isEqualTo("Procedure?patient={{context.patientId}}");
            // restricted to the LOINC codes the checks read: eGFR 98979-8 and AUDIT-C 75626-2 among them
            assertThat(p.get("observations").asText())
                    .startsWith("Observation?patient={{context.patientId}}&combo-code=")
                    .contains("http://loinc.org|98979-8", "http://loinc.org|75626-2");
        }
    }

    @Test
    void orderSignOfADoseAboveTheMaximumSuggestsTheSameOrderWithinTheMaximum() throws IOException {
        JsonNode answer = ok("baclofen-order-sign", file("order-sign-05-draft-above-maximum.json"));

        // As a draft the order is also a new start; only the maximum can be met by lowering the dose in whole
        // 15 mg tablets, so only that card carries a suggestion.
        assertThat(CdsHooksExampleCorpusTest.codes(answer))
                .containsExactly("max-daily-dose", "patient-education", "starting-dose");
        assertThat(card(answer, "starting-dose").has("suggestions")).isFalse();
        JsonNode card = card(answer, "max-daily-dose");
        assertThat(card.get("indicator").asText()).isEqualTo("critical");
        assertThat(card.get("detail").asText()).contains("90 mg/day", "80 mg/day");
        assertThat(card.get("selectionBehavior").asText()).isEqualTo("at-most-one");
        JsonNode action = card.at("/suggestions/0/actions/0");
        assertThat(action.get("type").asText()).isEqualTo("update");
        MedicationRequest updated = CdsServer.CTX
                .newJsonParser()
                .parseResource(MedicationRequest.class, action.get("resource").toString());
        assertThat(updated.getIdElement().getIdPart()).isEqualTo("ex05-baclofen-1");
        // 2 x 15 mg every 8 hours (90 mg/day) becomes 1 x 15 mg every 8 hours: same timing, within 80 mg/day
        assertThat(updated.getDosageInstructionFirstRep()
                        .getDoseAndRateFirstRep()
                        .getDoseQuantity()
                        .getValue())
                .isEqualByComparingTo("1");
        assertThat(updated.getDosageInstructionFirstRep()
                        .getTiming()
                        .getCode()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("Q8H");
        assertThat(updated.getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.DRAFT);
    }

    @Test
    void orderSelectShowsCardsAboutTheSelectedOrder() throws IOException {
        JsonNode answer = ok("baclofen-order-select", file("order-select-01-new-start.json"));
        assertThat(CdsHooksExampleCorpusTest.codes(answer)).containsExactly("patient-education", "starting-dose");
        assertThat(card(answer, "starting-dose").get("indicator").asText()).isEqualTo("warning");
    }

    @Test
    void orderSelectLeavesOutCardsAboutOrdersNotSelected() throws IOException {
        ObjectNode request = file("order-select-01-new-start.json");
        // A second draft (a benzodiazepine) is selected instead of the baclofen order: the baclofen-only cards go.
        MedicationRequest benzo = new MedicationRequest();
        benzo.setId("ex01-diazepam");
        benzo.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        benzo.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        benzo.getSubject().setReference("Patient/ex01");
        benzo.getMedicationCodeableConcept()
                .addCoding()
                .setSystem(KnowledgeUrls.RXNORM)
                .setCode("3322")
                .setDisplay("diazepam");
        Bundle drafts = CdsServer.CTX
                .newJsonParser()
                .parseResource(Bundle.class, request.at("/context/draftOrders").toString());
        drafts.addEntry().setResource(benzo);
        ObjectNode context = (ObjectNode) request.get("context");
        context.set("draftOrders", CdsRequests.node(drafts));
        context.putArray("selections").add("MedicationRequest/ex01-diazepam");

        JsonNode answer = ok("baclofen-order-select", request);

        assertThat(CdsHooksExampleCorpusTest.codes(answer)).containsExactly("interaction-benzodiazepine");
    }

    @Test
    void patientViewWithPrefetchNeedsNoFhirServer() throws IOException {
        JsonNode answer = ok("baclofen-patient-view", file("patient-view-14-opioid-and-benzodiazepine.json"));
        assertThat(CdsHooksExampleCorpusTest.codes(answer))
                .containsExactly("interaction-benzodiazepine", "interaction-opioid");
        assertThat(card(answer, "interaction-opioid").get("indicator").asText()).isEqualTo("critical");
    }

    @Test
    void patientViewWithoutPrefetchReadsTheFhirServerAndNeverLogsTheToken() throws IOException {
        ehr.dataSource().transaction(CdsRequests.example("21-stopped-80mg-8-days-ago.json"));
        ObjectNode request = file("patient-view-21-fetched-from-fhir-server.json");
        request.put("fhirServer", ehr.baseUrl());
        request.putObject("fhirAuthorization")
                .put("access_token", "secret-token-for-the-ehr")
                .put("token_type", "Bearer")
                .put("expires_in", 300)
                .put("scope", "patient/*.read")
                .put("subject", "baclofen-cds");
        // Everything our code and HAPI say, at every level (the HTTP client's header dump is capped in serve's
        // logback.xml and is not ours).
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("org.baclofencds");
        Logger hapi = (Logger) LoggerFactory.getLogger("ca.uhn.fhir");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        ours.setLevel(Level.ALL);
        hapi.setLevel(Level.ALL);
        try {
            JsonNode answer = ok("baclofen-patient-view", request);
            assertThat(CdsHooksExampleCorpusTest.codes(answer)).containsExactly("abrupt-discontinuation");
            // and once more against a server that is not there
            request.put("fhirServer", "http://127.0.0.1:1/fhir");
            assertThat(cds.post("/cds-services/baclofen-patient-view", request.toString(), null)
                            .statusCode())
                    .isEqualTo(412);
        } finally {
            root.detachAppender(logs);
            ours.setLevel(null);
            hapi.setLevel(null);
        }
        List<ILoggingEvent> events;
        synchronized (logs) { // the appender appends under its own lock
            events = new ArrayList<>(logs.list);
        }
        assertThat(events).isNotEmpty();
        assertThat(events).noneSatisfy(e -> assertThat(e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .contains("secret-token-for-the-ehr"));
    }

    @Test
    void anOverrideHidesTheCardForTheConfiguredPeriodAndTheFhirOperationSaysSo() throws IOException {
        // Its own server, so the override cannot hide cards other tests expect.
        try (CdsServer cds = new CdsServer(CdsHooksConfig.defaults())) {
            overrideHidesTheCard(cds);
        }
    }

    private static void overrideHidesTheCard(CdsServer cds) throws IOException {
        ObjectNode request = file("patient-view-14-opioid-and-benzodiazepine.json");
        request.put("hookInstance", "0f4e7a1c-2b3d-4c5e-9f60-7a8b9c0d1e14");
        JsonNode first = ok(cds, "baclofen-patient-view", request);
        String uuid = card(first, "interaction-opioid").get("uuid").asText();

        String feedback = "{\"feedback\":[{\"card\":\"" + uuid + "\",\"outcome\":\"overridden\","
                + "\"overrideReason\":{\"reason\":{\"system\":\"" + KnowledgeUrls.OVERRIDE_REASON_CODE_SYSTEM
                + "\",\"code\":\"will-monitor\",\"display\":\"Will monitor\"},\"userComment\":\"palliative care\"},"
                + "\"outcomeTimestamp\":\"" + Instant.now() + "\"}]}";
        HttpResponse<String> stored = cds.post("/cds-services/baclofen-patient-view/feedback", feedback, null);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        // feedback may be sent twice: idempotent
        assertThat(cds.post("/cds-services/baclofen-patient-view/feedback", feedback, null)
                        .statusCode())
                .isEqualTo(200);

        request.put("hookInstance", "0f4e7a1c-2b3d-4c5e-9f60-7a8b9c0d1e15");
        JsonNode again = ok(cds, "baclofen-patient-view", request);
        assertThat(CdsHooksExampleCorpusTest.codes(again)).containsExactly("interaction-benzodiazepine");

        // $baclofen-check still returns the alert, and its detail says who overrode it, why and until when.
        cds.store.transaction(CdsRequests.example("14-opioid-and-benzodiazepine.json"));
        IGenericClient client = CdsServer.CTX.newRestfulGenericClient(cds.server.baseUrl());
        Parameters in = new Parameters();
        in.addParameter().setName("evaluationTime").setValue(new DateTimeType("2026-06-15T09:00:00Z"));
        Bundle alerts = client.operation()
                .onInstance("Patient/ex14")
                .named(BaclofenCheckOperationProvider.OPERATION)
                .withParameters(in)
                .returnResourceType(Bundle.class)
                .execute();
        CommunicationRequest opioid = alerts.getEntry().stream()
                .map(e -> (CommunicationRequest) e.getResource())
                .filter(cr -> "interaction-opioid"
                        .equals(cr.getReasonCodeFirstRep().getCodingFirstRep().getCode()))
                .findFirst()
                .orElseThrow();
        assertThat(opioid.getPayload().get(1).getContentStringType().getValue())
                .contains("Overridden by Practitioner/ex14-prescriber", "Will monitor", "palliative care", "until");
        assertThat(cds.service.feedback())
                .anySatisfy(f -> assertThat(f.reasonCode()).isEqualTo("will-monitor"));
    }

    @Test
    void feedbackWithAnUnknownReasonOrOutcomeIs400() {
        String badReason =
                "{\"feedback\":[{\"card\":\"0f4e7a1c-2b3d-4c5e-9f60-7a8b9c0d1e99\",\"outcome\":\"overridden\","
                        + "\"overrideReason\":{\"reason\":{\"system\":\"http://example.org\",\"code\":\"x\"}},"
                        + "\"outcomeTimestamp\":\"2026-06-15T09:00:00Z\"}]}";
        String badOutcome = "{\"feedback\":[{\"card\":\"0f4e7a1c-2b3d-4c5e-9f60-7a8b9c0d1e99\",\"outcome\":\"ignored\","
                + "\"outcomeTimestamp\":\"2026-06-15T09:00:00Z\"}]}";
        String acceptedWithoutSuggestions = "{\"feedback\":[{\"card\":\"0f4e7a1c-2b3d-4c5e-9f60-7a8b9c0d1e99\","
                + "\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-06-15T09:00:00Z\"}]}";
        for (String body : List.of(badReason, badOutcome, acceptedWithoutSuggestions, "{}", "not json")) {
            HttpResponse<String> r = cds.post("/cds-services/baclofen-order-sign/feedback", body, null);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(outcome(r).getIssueFirstRep().getDiagnostics()).isNotBlank();
        }
    }

    @Test
    void malformedRequestsAre400WithAnOperationOutcome() throws IOException {
        List<ObjectNode> bad = new ArrayList<>();
        ObjectNode wrongHook = file("order-sign-05-draft-above-maximum.json");
        wrongHook.put("hook", "patient-view");
        bad.add(wrongHook);
        ObjectNode noInstance = file("order-sign-05-draft-above-maximum.json");
        noInstance.remove("hookInstance");
        bad.add(noInstance);
        ObjectNode notUuid = file("order-sign-05-draft-above-maximum.json");
        notUuid.put("hookInstance", "1");
        bad.add(notUuid);
        ObjectNode noDrafts = file("order-sign-05-draft-above-maximum.json");
        ((ObjectNode) noDrafts.get("context")).remove("draftOrders");
        bad.add(noDrafts);
        ObjectNode badUser = file("order-sign-05-draft-above-maximum.json");
        ((ObjectNode) badUser.get("context")).put("userId", "Patient/ex05");
        bad.add(badUser);
        ObjectNode noPatient = file("order-sign-05-draft-above-maximum.json");
        ((ObjectNode) noPatient.get("context")).remove("patientId");
        bad.add(noPatient);
        ObjectNode badFhir = file("order-sign-05-draft-above-maximum.json");
        ((ObjectNode) badFhir.get("prefetch")).putObject("patient").put("resourceType", "NoSuchType");
        bad.add(badFhir);
        ObjectNode authWithoutServer = file("order-sign-05-draft-above-maximum.json");
        authWithoutServer.putObject("fhirAuthorization").put("access_token", "t");
        bad.add(authWithoutServer);
        ObjectNode selectionNotInDrafts = file("order-select-01-new-start.json");
        ((ObjectNode) selectionNotInDrafts.get("context"))
                .putArray("selections")
                .add("MedicationRequest/other");
        bad.add(selectionNotInDrafts);
        ObjectNode observationAsDraft = file("order-sign-05-draft-above-maximum.json");
        ((ObjectNode) observationAsDraft.get("context").get("draftOrders"))
                .withArray("entry")
                .addObject()
                .putObject("resource")
                .put("resourceType", "Observation")
                .put("status", "final")
                .putObject("code")
                .put("text", "weight");
        bad.add(observationAsDraft);

        for (ObjectNode request : bad) {
            String service = "order-select".equals(request.get("hook").asText())
                    ? "baclofen-order-select"
                    : "baclofen-order-sign";
            HttpResponse<String> r = cds.post("/cds-services/" + service, request.toString(), null);
            assertThat(r.statusCode()).as(request.toString()).isEqualTo(400);
            assertThat(outcome(r).getIssueFirstRep().getDiagnostics()).isNotBlank();
        }
        assertThat(cds.post("/cds-services/baclofen-order-sign", "{not json", null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(cds.post("/cds-services/no-such-service", "{}", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void missingPrefetchWithoutFhirServerIs412() throws IOException {
        ObjectNode request = file("order-sign-05-draft-above-maximum.json");
        ((ObjectNode) request.get("prefetch")).remove("observations");
        HttpResponse<String> r = cds.post("/cds-services/baclofen-order-sign", request.toString(), null);
        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(outcome(r).getIssueFirstRep().getDiagnostics()).contains("observations");
    }

    @Test
    void anOperationOutcomeInPrefetchIsFetchedAgainAndAnUnknownPatientIs412() throws IOException {
        ObjectNode request = file("patient-view-21-fetched-from-fhir-server.json");
        request.put("fhirServer", ehr.baseUrl());
        ((ObjectNode) request.get("context")).put("patientId", "nobody-here");
        request.putObject("prefetch").set("patient", CdsRequests.node(new OperationOutcome()));
        HttpResponse<String> r = cds.post("/cds-services/baclofen-patient-view", request.toString(), null);
        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(outcome(r).getIssueFirstRep().getDiagnostics()).contains("404");
    }

    @Test
    void aFhirServerThatNeverAnswersGives412WithinTheConfiguredTimeout() throws Exception {
        // A socket that accepts connections and never answers: the read timeout (1 s here) must end the wait.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ObjectNode request = file("patient-view-21-fetched-from-fhir-server.json");
            request.put("fhirServer", "http://127.0.0.1:" + silent.getLocalPort() + "/fhir");
            long t0 = System.nanoTime();
            HttpResponse<String> r = cds.post("/cds-services/baclofen-patient-view", request.toString(), null);
            long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
            assertThat(r.statusCode()).isEqualTo(412);
            assertThat(seconds).as("answered after the 1 s timeout, not hung").isLessThan(10);
            assertThat(r.body()).doesNotContain("secret-token");
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void theFetcherFollowsEveryPageOfASearch() {
        InMemoryPatientDataSource data = new InMemoryPatientDataSource(CdsServer.CTX);
        Patient p = new Patient();
        p.setId("paged");
        data.update(p);
        for (int i = 0; i < 45; i++) {
            Condition c = new Condition();
            c.getSubject().setReference("Patient/paged");
            c.getCode().setText("condition " + i);
            data.create(c);
        }
        try (BaclofenServer paged = CdsServer.ehr(data)) {
            HapiPrefetchFetcher fetcher = new HapiPrefetchFetcher(CdsServer.CTX, Duration.ofSeconds(5));
            Bundle all = (Bundle) fetcher.fetch(paged.baseUrl(), null, "Condition?patient=paged");
            assertThat(all.getEntry()).hasSize(45);
            assertThat(fetcher.fetch(paged.baseUrl(), null, "Patient/paged")).isInstanceOf(Patient.class);
        }
    }

    private static OperationOutcome outcome(HttpResponse<String> r) {
        return CdsServer.CTX.newJsonParser().parseResource(OperationOutcome.class, r.body());
    }
}
