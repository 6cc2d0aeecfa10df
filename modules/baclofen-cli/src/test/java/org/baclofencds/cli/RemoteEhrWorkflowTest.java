package org.baclofencds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The walkthrough of the README, in-process: one {@code serve} plays the EHR and gets every example through
 * {@code load}; a second {@code serve --ehr-base-url} checks those patients through the first one's FHIR API
 * and writes alerts back; {@code check} prints them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteEhrWorkflowTest {

    static final Path EXAMPLES = Path.of(System.getProperty("baclofen.examples.dir", "../../examples"));

    record Result(int exit, String out, String err) {}

    private final FhirContext ctx = FhirContext.forR4Cached();
    private ServeCommand ehr;
    private ServeCommand cds;
    private String ehrBase;
    private String cdsBase;
    private IGenericClient ehrClient;
    private Result firstLoad;

    @BeforeAll
    void start() throws Exception {
        ehr = serve("serve", "--in-memory", "--port", "0");
        ehrBase = ehr.server.baseUrl();
        firstLoad = run("load", "--server", ehrBase, EXAMPLES.toString());
        cds = serve("serve", "--in-memory", "--port", "0", "--ehr-base-url", ehrBase, "--ehr-timeout", "20");
        cdsBase = cds.server.baseUrl();
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        ehrClient = ctx.newRestfulGenericClient(ehrBase);
    }

    @AfterAll
    void stop() {
        for (ServeCommand s : new ServeCommand[] {cds, ehr}) {
            if (s != null && s.server != null) {
                s.server.stop();
            }
        }
    }

    static ServeCommand serve(String... args) throws Exception {
        picocli.CommandLine cli = Main.commandLine();
        ServeCommand serve = (ServeCommand) cli.getSubcommands().get("serve").getCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(args));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (serve.server == null && !exit.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(serve.server).as("server started").isNotNull();
        return serve;
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine()
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void loadPutsEveryExampleIntoTheServerAndReportsIt() throws Exception {
        assertThat(firstLoad.exit()).as(firstLoad.out() + firstLoad.err()).isZero();
        int files = examples().size();
        assertThat(firstLoad.out())
                .contains("Loaded " + files + " files into " + ehrBase)
                .contains(" 0 failed")
                .doesNotContain("FAILED");
        // Progress lines (no terminal here): one per JSON file, the non-FHIR ones (the index of expected alerts,
        // the CDS Hooks requests) included.
        long jsonFiles;
        try (var walk = java.nio.file.Files.walk(EXAMPLES)) {
            jsonFiles = walk.filter(p -> p.toString().endsWith(".json")).count();
        }
        assertThat(firstLoad.err()).contains("[1/" + jsonFiles + "]").contains("[" + jsonFiles + "/" + jsonFiles + "]");
        for (Example e : examples()) {
            assertThat(ehrClient
                            .read()
                            .resource(Patient.class)
                            .withId(e.patientId())
                            .execute())
                    .isNotNull();
        }
    }

    @Test
    void loadingAgainChangesNothing() throws Exception {
        String before = ehrClient
                .read()
                .resource(Patient.class)
                .withId("ex01")
                .execute()
                .getMeta()
                .getVersionId();
        Result again = run("load", "--server", ehrBase, EXAMPLES.toString());

        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains(": 0 resources created,").contains(" 0 failed");
        assertThat(ehrClient
                        .read()
                        .resource(Patient.class)
                        .withId("ex01")
                        .execute()
                        .getMeta()
                        .getVersionId())
                .isEqualTo(before);
    }

    @Test
    void theRemoteInstanceGivesEveryExampleItsExpectedAlerts() throws Exception {
        for (Example e : examples()) {
            Result r = run(
                    "check",
                    "--server",
                    cdsBase,
                    "--patient",
                    e.patientId(),
                    "--as-of",
                    e.evaluationTime(),
                    "--format",
                    "json");
            assertThat(r.exit()).as(e.file() + ": " + r.err()).isZero();
            Bundle alerts = ctx.newJsonParser().parseResource(Bundle.class, r.out());
            assertThat(codes(alerts)).as(e.file()).isEqualTo(new TreeSet<>(e.expectedAlerts()));
        }
    }

    @Test
    void persistingTwiceThroughTheRemoteInstanceWritesNoDuplicatesIntoTheEhr() throws Exception {
        Example e = examples().stream()
                .filter(x -> x.expectedAlerts().size() >= 2)
                .findFirst()
                .orElseThrow();
        String[] args = {
            "check", "--server", cdsBase, "--patient", e.patientId(), "--as-of", e.evaluationTime(), "--persist"
        };
        Result first = run(args);
        Result second = run(args);

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out())
                .contains("SEVERITY")
                .contains(e.expectedAlerts().get(0))
                .contains("stored");
        Bundle stored = ehrClient
                .search()
                .forResource(CommunicationRequest.class)
                .where(CommunicationRequest.SUBJECT.hasId("Patient/" + e.patientId()))
                .returnBundle(Bundle.class)
                .execute();
        List<String> identifiers = new ArrayList<>();
        stored.getEntry()
                .forEach(x -> identifiers.add(((CommunicationRequest) x.getResource())
                        .getIdentifierFirstRep()
                        .getValue()));
        assertThat(identifiers).hasSize(e.expectedAlerts().size()).doesNotHaveDuplicates();
    }

    @Test
    void checkPrintsATableWithDetailOnRequest() {
        Result r =
                run("check", "--server", cdsBase, "--patient", "ex01", "--as-of", "2026-06-15T09:00:00Z", "--detail");
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).startsWith("SEVERITY").contains("CODE").contains("SUMMARY");
        assertThat(r.out()).contains("moderate").contains("starting-dose");
        // the detail, indented under its alert, is longer than any summary line
        assertThat(lines).anyMatch(l -> l.startsWith("          ") && l.length() > 20);
    }

    @Test
    void aFailedCheckExitsNonZeroWithTheServersExplanation() {
        Result r = run("check", "--server", cdsBase, "--patient", "nobody-here");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("HTTP 404").contains("Patient/nobody-here");
    }

    @Test
    void aCheckAgainstNoServerExitsNonZero() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Result r = run("check", "--server", "http://127.0.0.1:" + port + "/fhir", "--patient", "ex01");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot reach the server");
    }

    @Test
    void remoteModeRefusesLoadAndAnEmptyTokenFileWithOneClearLine(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Result withLoad =
                run("serve", "--in-memory", "--port", "0", "--ehr-base-url", ehrBase, "--load", EXAMPLES.toString());
        assertThat(withLoad.exit()).isEqualTo(2);
        assertThat(withLoad.err()).contains("--load").contains("load --server").doesNotContain("\tat ");

        Path token = java.nio.file.Files.writeString(dir.resolve("token"), "\n");
        Result emptyToken = run(
                "serve", "--in-memory", "--port", "0", "--ehr-base-url", ehrBase, "--ehr-token-file", token.toString());
        assertThat(emptyToken.exit()).isEqualTo(2);
        assertThat(emptyToken.err()).contains("is empty");

        Result notAUrl = run("serve", "--in-memory", "--port", "0", "--ehr-base-url", "ehr.example.org/fhir");
        assertThat(notAUrl.exit()).isEqualTo(2);
        assertThat(notAUrl.err()).contains("absolute http(s) URL");
    }

    record Example(String file, String patientId, String evaluationTime, List<String> expectedAlerts) {}

    static List<Example> examples() throws Exception {
        JsonNode index = new ObjectMapper()
                .readTree(EXAMPLES.resolve("expected-alerts.json").toFile());
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
        return out;
    }

    private static Set<String> codes(Bundle alerts) {
        Set<String> codes = new TreeSet<>();
        alerts.getEntry()
                .forEach(x -> codes.add(((CommunicationRequest) x.getResource())
                        .getReasonCodeFirstRep()
                        .getCodingFirstRep()
                        .getCode()));
        return codes;
    }
}
