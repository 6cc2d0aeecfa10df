package org.baclofencds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.baclofencds.cli.RemoteEhrWorkflowTest.Result;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code load} against a real server on a free port: files, folders, XML, NDJSON, bad files, re-runs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadCommandTest {

    private final FhirContext ctx = FhirContext.forR4Cached();
    private ServeCommand serve;
    private String base;
    private IGenericClient client;

    @BeforeAll
    void start() throws Exception {
        serve = RemoteEhrWorkflowTest.serve("serve", "--in-memory", "--port", "0");
        base = serve.server.baseUrl();
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = ctx.newRestfulGenericClient(base);
    }

    @AfterAll
    void stop() {
        serve.server.stop();
    }

    private static Result load(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "load";
        System.arraycopy(args, 0, all, 1, args.length);
        return RemoteEhrWorkflowTest.run(all);
    }

    private Patient patient(String id) {
        Patient p = new Patient();
        p.setId(id);
        p.setGender(AdministrativeGender.FEMALE);
        return p;
    }

    @Test
    void aSingleJsonResourceIsPutUnderItsIdAndReRunningUpdatesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, ctx.newJsonParser().encodeResourceToString(patient("load-single")));

        Result first = load("--server", base, file.toString());
        Result second = load("--server", base, file.toString());

        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("1 resources created, 0 updated or unchanged, 0 failed");
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("0 resources created, 1 updated or unchanged, 0 failed");
        Patient stored =
                client.read().resource(Patient.class).withId("load-single").execute();
        assertThat(stored.getMeta().getVersionId())
                .as("same content, same version")
                .isEqualTo("1");
    }

    @Test
    void aFolderIsWalkedRecursivelyWithXmlNdjsonAndCollectionBundles(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(sub.resolve("p.xml"), ctx.newXmlParser().encodeResourceToString(patient("load-xml")));
        Observation obs = new Observation();
        obs.setId("load-nd-obs");
        obs.setStatus(Observation.ObservationStatus.FINAL);
        obs.getCode().setText("weight");
        obs.getSubject().setReference("Patient/load-nd");
        Files.writeString(
                dir.resolve("data.ndjson"),
                ctx.newJsonParser().encodeResourceToString(patient("load-nd")) + "\n\n"
                        + ctx.newJsonParser().encodeResourceToString(obs) + "\n");
        Bundle collection = new Bundle().setType(Bundle.BundleType.COLLECTION);
        collection.addEntry().setResource(patient("load-coll"));
        Condition condition = new Condition();
        condition.setId("load-coll-cond");
        condition.getSubject().setReference("Patient/load-coll");
        condition.getCode().setText("epilepsy");
        collection.addEntry().setResource(condition);
        Files.writeString(sub.resolve("c.json"), ctx.newJsonParser().encodeResourceToString(collection));
        Files.writeString(dir.resolve("notes.txt"), "not FHIR, not a FHIR file name either");

        Result r = load("--server", base, dir.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("Loaded 3 files")
                .contains("5 resources created, 0 updated or unchanged, 0 failed");
        for (String id : new String[] {"load-xml", "load-nd", "load-coll"}) {
            assertThat(client.read().resource(Patient.class).withId(id).execute())
                    .isNotNull();
        }
        assertThat(client.read()
                        .resource(Observation.class)
                        .withId("load-nd-obs")
                        .execute())
                .isNotNull();
        assertThat(client.read()
                        .resource(Condition.class)
                        .withId("load-coll-cond")
                        .execute())
                .isNotNull();
    }

    @Test
    void aBadFileIsReportedClearlyWhileTheOthersStillLoad(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("1-good.json"), ctx.newJsonParser().encodeResourceToString(patient("load-ok")));
        Files.writeString(dir.resolve("2-broken.json"), "{\"resourceType\": \"Patient\", \"gender\": ");
        Files.writeString(
                dir.resolve("3-unknown-element.json"),
                "{\"resourceType\": \"Patient\", \"id\": \"load-strict\", \"colour\": \"blue\"}");
        // The server refuses this one: a transaction entry with an id the server will not take.
        Files.writeString(
                dir.resolve("4-rejected.json"), "{\"resourceType\": \"Patient\", \"id\": \"" + "x".repeat(80) + "\"}");
        Files.writeString(dir.resolve("5-good.json"), ctx.newJsonParser().encodeResourceToString(patient("load-ok2")));

        Result r = load("--server", base, dir.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("2 resources created")
                .contains("FAILED " + dir.resolve("2-broken.json") + ": cannot parse")
                .contains("FAILED " + dir.resolve("3-unknown-element.json") + ": cannot parse")
                .contains("colour")
                .contains("FAILED " + dir.resolve("4-rejected.json") + ": HTTP 400: error");
        assertThat(client.read().resource(Patient.class).withId("load-ok").execute())
                .isNotNull();
        assertThat(client.read().resource(Patient.class).withId("load-ok2").execute())
                .isNotNull();
    }

    @Test
    void aMissingPathFailsWithItsNameAndANonZeroExit() {
        Result r = load("--server", base, "no/such/file.json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAILED no/such/file.json: cannot read");
    }

    @Test
    void anUnreachableServerStopsTheLoadAtTheFirstFileWithOneClearReason(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), ctx.newJsonParser().encodeResourceToString(patient("down-a")));
        Files.writeString(dir.resolve("b.json"), ctx.newJsonParser().encodeResourceToString(patient("down-b")));
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Result r = load("--server", "http://127.0.0.1:" + port + "/fhir", dir.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("FAILED " + dir.resolve("a.json") + ": cannot reach the server")
                .contains("stopped: the server cannot be reached")
                .doesNotContain("FAILED " + dir.resolve("b.json"));
    }

    @Test
    void dryRunParsesAndChecksButSendsNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("p.json"), ctx.newJsonParser().encodeResourceToString(patient("load-dry")));
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry().setResource(patient("load-dry-2")); // no request: the server would refuse the Bundle
        Files.writeString(dir.resolve("tx.json"), ctx.newJsonParser().encodeResourceToString(tx));

        Result r = load("--server", base, "--dry-run", dir.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("Dry run: 1 files parsed, 1 resources would be sent")
                .contains("FAILED " + dir.resolve("tx.json"))
                .contains("Bundle.entry[0] has no request method and url");
        assertThatThrownBy(() ->
                        client.read().resource(Patient.class).withId("load-dry").execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aTokenFileIsSentAsBearerToken(@TempDir Path dir) throws Exception {
        // A server that only answers with the right token: the JDK's HttpServer records what it got.
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/fhir", exchange -> {
            seen.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"resourceType\":\"Patient\",\"id\":\"tok\",\"meta\":{\"versionId\":\"1\"}}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Path token = dir.resolve("token");
            Files.writeString(token, "s3cr3t\n");
            Path file = dir.resolve("p.json");
            Files.writeString(file, ctx.newJsonParser().encodeResourceToString(patient("tok")));
            Result r = load(
                    "--server",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir",
                    "--token-file",
                    token.toString(),
                    file.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(seen).containsExactly("Bearer s3cr3t");
            assertThat(r.out() + r.err()).doesNotContain("s3cr3t");
        } finally {
            server.stop(0);
        }
    }
}
