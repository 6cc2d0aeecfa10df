package org.baclofencds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.server.store.DataDirectory;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} in its own JVM, killed with SIGKILL ({@code kill -9}) and started again on the same data directory:
 * every write it acknowledged is there, clinicians' overrides (chart and CDS Hooks feedback) still hold, and a
 * damaged data file stops the start with one clear line.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // three JVM start-ups each, on a shared CI machine
class CrashRecoveryTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of(System.getProperty("baclofen.examples.dir", "../../examples"));
    private static final String FHIR_JSON = "application/fhir+json";
    private static final String AS_OF = "2026-06-15T09:00:00Z";

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedWriteSurvivesKillDashNineWhileLoading() throws Exception {
        Path data = tmp.resolve("data");
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // Patient id → family name it was given
        AtomicInteger transactions = new AtomicInteger();
        Map<String, Integer> lastUpdate = new ConcurrentHashMap<>(); // Patient id → the last acknowledged update
        try (ServeProcess serve =
                ServeProcess.start(tmp.resolve("first.log"), "--port", "0", "--data-dir", data.toString())) {
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch enough = new CountDownLatch(120);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        try {
                            if (n % 4 == 3) {
                                // a transaction of two patients: both acknowledged or neither
                                String a = "tx-" + writer + "-" + n + "-a";
                                String b = "tx-" + writer + "-" + n + "-b";
                                HttpResponse<String> r = serve.send(
                                        "POST", "/fhir", FHIR_JSON, transaction(a, "Alpha" + n, b, "Beta" + n));
                                if (r.statusCode() == 200) {
                                    acknowledged.put(a, "Alpha" + n);
                                    acknowledged.put(b, "Beta" + n);
                                    transactions.incrementAndGet();
                                }
                            } else if (n % 4 == 2) {
                                // an update of the writer's own patient: a new version each time
                                String id = "u-" + writer;
                                HttpResponse<String> r =
                                        serve.send("PUT", "/fhir/Patient/" + id, FHIR_JSON, patient(id, "Update" + n));
                                if (r.statusCode() == 200 || r.statusCode() == 201) {
                                    lastUpdate.put(id, n);
                                }
                            } else {
                                String id = "w-" + writer + "-" + n;
                                String family = "Family" + n;
                                HttpResponse<String> r =
                                        serve.send("PUT", "/fhir/Patient/" + id, FHIR_JSON, patient(id, family));
                                if (r.statusCode() == 201) {
                                    acknowledged.put(id, family);
                                }
                            }
                            enough.countDown();
                        } catch (UncheckedIOException | IllegalStateException e) {
                            return; // the server is gone
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            assertThat(enough.await(120, TimeUnit.SECONDS)).isTrue();
            serve.kill9(); // while the writers are still writing
            stop.set(true);
            for (Thread t : writers) {
                t.join(60_000);
            }
        }
        assertThat(acknowledged).hasSizeGreaterThan(20);
        assertThat(transactions.get()).isPositive();

        try (ServeProcess again =
                ServeProcess.start(tmp.resolve("second.log"), "--port", "0", "--data-dir", data.toString())) {
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                HttpResponse<String> r = again.get("/fhir/Patient/" + e.getKey());
                assertThat(r.statusCode()).as("Patient/" + e.getKey()).isEqualTo(200);
                Patient p = CTX.newJsonParser().parseResource(Patient.class, r.body());
                assertThat(p.getNameFirstRep().getFamily())
                        .as("Patient/" + e.getKey())
                        .isEqualTo(e.getValue());
            }
            // An update is at least the last one acknowledged (the one in flight at the kill may have made it too).
            assertThat(lastUpdate).isNotEmpty();
            for (Map.Entry<String, Integer> e : lastUpdate.entrySet()) {
                Patient p = CTX.newJsonParser()
                        .parseResource(
                                Patient.class,
                                again.get("/fhir/Patient/" + e.getKey()).body());
                int stored = Integer.parseInt(p.getNameFirstRep().getFamily().substring("Update".length()));
                assertThat(stored).as("Patient/" + e.getKey()).isGreaterThanOrEqualTo(e.getValue());
                assertThat(Integer.parseInt(p.getMeta().getVersionId())).isGreaterThanOrEqualTo(e.getValue() / 4 + 1);
            }
            assertThat(again.output()).contains("resource versions restored");
        }
    }

    @Test
    void persistedAlertsAPatientAndBothKindsOfOverrideSurviveKillDashNine() throws Exception {
        Path data = tmp.resolve("data");
        String createdId;
        String chartOverridden;
        String feedbackOverridden;
        String feedbackOnUnstored;
        try (ServeProcess serve = ServeProcess.start(
                tmp.resolve("first.log"),
                "--port",
                "0",
                "--data-dir",
                data.toString(),
                "--load",
                EXAMPLES.toString())) {
            // 1. persisted alerts
            assertThat(check(serve, "ex14", true)).hasSize(2);
            // 2. a patient created and another updated at run time
            HttpResponse<String> created = serve.send("POST", "/fhir/Patient", FHIR_JSON, patient(null, "Runtime"));
            assertThat(created.statusCode()).isEqualTo(201);
            createdId = CTX.newJsonParser()
                    .parseResource(Patient.class, created.body())
                    .getIdElement()
                    .getIdPart();
            assertThat(serve.send("PUT", "/fhir/Patient/ex02", FHIR_JSON, patient("ex02", "Renamed"))
                            .statusCode())
                    .isEqualTo(200);
            // 3. an override in the chart's way: PUT with If-Match, revoked, coded reason, note
            CommunicationRequest benzo = activeAlert(serve, "ex14", "interaction-benzodiazepine");
            chartOverridden = identifier(benzo);
            benzo.setStatus(CommunicationRequestStatus.REVOKED);
            benzo.getStatusReason()
                    .addCoding()
                    .setSystem(KnowledgeUrls.OVERRIDE_REASON_CODE_SYSTEM)
                    .setCode("will-monitor")
                    .setDisplay("Will monitor");
            benzo.addNote()
                    .setAuthor(new org.hl7.fhir.r4.model.StringType("Dr Chart"))
                    .setText("Overridden: Will monitor");
            HttpResponse<String> put = serve.send(
                    "PUT",
                    "/fhir/CommunicationRequest/" + benzo.getIdElement().getIdPart(),
                    FHIR_JSON,
                    CTX.newJsonParser().encodeResourceToString(benzo),
                    "If-Match",
                    "W/\"" + benzo.getMeta().getVersionId() + "\"");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            // 4. an override by CDS Hooks feedback, of a card whose alert is stored ...
            JsonNode cards = cds(serve, "baclofen-patient-view", "patient-view-14-opioid-and-benzodiazepine.json");
            feedbackOverridden = cardUuid(cards, "interaction-opioid");
            assertThat(feedbackOverridden).isEqualTo(identifier(activeAlert(serve, "ex14", "interaction-opioid")));
            feedback(serve, "baclofen-patient-view", feedbackOverridden);
            // ... and of a card whose alert no check had stored (a draft order at order-sign)
            JsonNode signCards = cds(serve, "baclofen-order-sign", "order-sign-05-draft-above-maximum.json");
            feedbackOnUnstored = signCards.get("cards").get(0).get("uuid").asText();
            feedback(serve, "baclofen-order-sign", feedbackOnUnstored);

            serve.kill9();
        }

        try (ServeProcess again = ServeProcess.start(
                tmp.resolve("second.log"),
                "--port",
                "0",
                "--data-dir",
                data.toString(),
                "--load",
                EXAMPLES.toString())) {
            // the patients: created one there, the update kept, the reload changed nothing
            assertThat(again.get("/fhir/Patient/" + createdId).statusCode()).isEqualTo(200);
            Patient ex02 = CTX.newJsonParser()
                    .parseResource(
                            Patient.class, again.get("/fhir/Patient/ex02").body());
            assertThat(ex02.getNameFirstRep().getFamily()).isEqualTo("Renamed");
            assertThat(ex02.getMeta().getVersionId()).isEqualTo("2");
            Patient ex01 = CTX.newJsonParser()
                    .parseResource(
                            Patient.class, again.get("/fhir/Patient/ex01").body());
            assertThat(ex01.getMeta().getVersionId()).isEqualTo("1");

            // the alerts and both overrides, as stored
            List<CommunicationRequest> stored = alerts(again, "subject=Patient/ex14");
            assertThat(stored).hasSize(2);
            CommunicationRequest chart = byIdentifier(stored, chartOverridden);
            assertThat(chart.getStatus()).isEqualTo(CommunicationRequestStatus.REVOKED);
            assertThat(chart.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("will-monitor");
            CommunicationRequest viaFeedback = byIdentifier(stored, feedbackOverridden);
            assertThat(viaFeedback.getStatus()).isEqualTo(CommunicationRequestStatus.REVOKED);
            assertThat(viaFeedback.getStatusReason().getCodingFirstRep().getCode())
                    .isEqualTo("benefit-outweighs-risk");
            assertThat(viaFeedback.getNoteFirstRep().getText()).contains("CDS Hooks", "crash test");
            assertThat(viaFeedback.hasExtension(KnowledgeUrls.BASE + "/StructureDefinition/alert-override-until"))
                    .isTrue();
            List<CommunicationRequest> unstored =
                    alerts(again, "identifier=" + KnowledgeUrls.ALERT_ID_SYSTEM + "%7C" + feedbackOnUnstored);
            assertThat(unstored).singleElement().satisfies(cr -> assertThat(cr.getStatus())
                    .isEqualTo(CommunicationRequestStatus.REVOKED));

            // the next check raises neither again; the chart's list of active alerts stays empty
            check(again, "ex14", true);
            assertThat(alerts(again, "subject=Patient/ex14&status=active")).isEmpty();
            // CDS Hooks does not show the overridden cards again
            assertThat(cds(again, "baclofen-patient-view", "patient-view-14-opioid-and-benzodiazepine.json")
                            .get("cards"))
                    .isEmpty();
            JsonNode signAgain = cds(again, "baclofen-order-sign", "order-sign-05-draft-above-maximum.json");
            List<String> uuids = new ArrayList<>();
            signAgain.get("cards").forEach(c -> uuids.add(c.get("uuid").asText()));
            assertThat(uuids).doesNotContain(feedbackOnUnstored);

            assertThat(again.stop()).isNotEqualTo(-1);
        }

        // A damaged data file: one clear line, a non-zero exit, nothing served.
        Path file = data.resolve(DataDirectory.DATABASE_FILE);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        ServeProcess damaged =
                ServeProcess.launch(tmp.resolve("damaged.log"), "--port", "0", "--data-dir", data.toString());
        assertThat(damaged.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(damaged.process.exitValue()).isNotZero();
        String out = damaged.output();
        assertThat(out.lines().filter(l -> l.startsWith("baclofen-cds: ")))
                .singleElement()
                .satisfies(l -> assertThat(l).contains(file.toString(), "damaged"));
        assertThat(out).doesNotContain("\tat ", "listening on");
    }

    // ---------------------------------------------------------------------------------------- helpers

    private static String patient(String id, String family) {
        Patient p = new Patient();
        if (id != null) {
            p.setId(id);
        }
        p.addName().setFamily(family);
        return CTX.newJsonParser().encodeResourceToString(p);
    }

    private static String transaction(String idA, String familyA, String idB, String familyB) {
        Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (String[] p : new String[][] {{idA, familyA}, {idB, familyB}}) {
            Patient patient = new Patient();
            patient.setId(p[0]);
            patient.addName().setFamily(p[1]);
            b.addEntry()
                    .setFullUrl("Patient/" + p[0])
                    .setResource(patient)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl("Patient/" + p[0]);
        }
        return CTX.newJsonParser().encodeResourceToString(b);
    }

    private static List<CommunicationRequest> check(ServeProcess serve, String patient, boolean persist) {
        String params =
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"evaluationTime\",\"valueDateTime\":\""
                        + AS_OF + "\"},{\"name\":\"persist\",\"valueBoolean\":" + persist + "}]}";
        HttpResponse<String> r = serve.send("POST", "/fhir/Patient/" + patient + "/$baclofen-check", FHIR_JSON, params);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return entries(r.body());
    }

    private static List<CommunicationRequest> alerts(ServeProcess serve, String query) {
        HttpResponse<String> r = serve.get("/fhir/CommunicationRequest?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return entries(r.body());
    }

    private static List<CommunicationRequest> entries(String bundle) {
        return CTX.newJsonParser().parseResource(Bundle.class, bundle).getEntry().stream()
                .filter(e -> e.getResource() instanceof CommunicationRequest)
                .map(e -> (CommunicationRequest) e.getResource())
                .toList();
    }

    private static CommunicationRequest activeAlert(ServeProcess serve, String patient, String code) {
        return alerts(serve, "subject=Patient/" + patient + "&status=active").stream()
                .filter(cr -> code.equals(
                        cr.getReasonCodeFirstRep().getCodingFirstRep().getCode()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no active " + code + " alert for " + patient));
    }

    private static String identifier(CommunicationRequest cr) {
        return cr.getIdentifier().stream()
                .filter(i -> KnowledgeUrls.ALERT_ID_SYSTEM.equals(i.getSystem()))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    private static CommunicationRequest byIdentifier(List<CommunicationRequest> alerts, String identifier) {
        return alerts.stream()
                .filter(cr -> identifier.equals(identifier(cr)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stored alert " + identifier));
    }

    private static JsonNode cds(ServeProcess serve, String service, String exampleFile) throws Exception {
        ObjectNode request = (ObjectNode)
                JSON.readTree(Files.readString(EXAMPLES.resolve("cds-hooks").resolve(exampleFile)));
        request.put("hookInstance", UUID.randomUUID().toString());
        HttpResponse<String> r = serve.send("POST", "/cds-services/" + service, "application/json", request.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String cardUuid(JsonNode response, String code) {
        for (JsonNode card : response.get("cards")) {
            if (code.equals(card.path("source").path("topic").path("code").asText())) {
                return card.get("uuid").asText();
            }
        }
        throw new AssertionError("no " + code + " card in " + response);
    }

    private static void feedback(ServeProcess serve, String service, String card) {
        String body = "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"overrideReason\":{"
                + "\"reason\":{\"system\":\"" + KnowledgeUrls.OVERRIDE_REASON_CODE_SYSTEM
                + "\",\"code\":\"benefit-outweighs-risk\"},\"userComment\":\"crash test\"},\"outcomeTimestamp\":\""
                + Instant.now() + "\"}]}";
        HttpResponse<String> r = serve.send("POST", "/cds-services/" + service + "/feedback", "application/json", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
