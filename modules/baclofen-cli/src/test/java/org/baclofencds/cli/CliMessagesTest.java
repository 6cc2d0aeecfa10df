package org.baclofencds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.baclofencds.cli.RemoteEhrWorkflowTest.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every operator mistake gets one line saying what is wrong and why, against a real server on a free port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliMessagesTest {

    private ServeCommand serve;
    private String root;

    @BeforeAll
    void start() throws Exception {
        serve = RemoteEhrWorkflowTest.serve("serve", "--in-memory", "--port", "0");
        root = serve.server.localRootUrl();
    }

    @AfterAll
    void stop() {
        serve.server.stop();
    }

    @Test
    void anUnreadableFileSaysWhyAndTheSummaryCountsFilesConsistently(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.json");
        Files.writeString(good, "{\"resourceType\":\"Patient\",\"id\":\"msg-1\",\"gender\":\"female\"}");
        Path missing = dir.resolve("missing.json");

        Result r = RemoteEhrWorkflowTest.run("load", "--server", root + "/fhir", good.toString(), missing.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("Loaded 1 of 2 files into " + root + "/fhir: 1 resources created")
                .contains("1 file(s) could not be read or parsed")
                .contains("FAILED " + missing + ": cannot read " + missing + ": no such file or directory");
    }

    @Test
    void aBadUrlIsOneLineNamingTheOption() {
        Result r = RemoteEhrWorkflowTest.run("check", "--server", "http//127.0.0.1/fhir", "--patient", "ex01");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err())
                .contains("--server http//127.0.0.1/fhir is not a valid URL")
                .doesNotContain("Target host");
    }

    @Test
    void aBaseWithoutFhirSaysSo() {
        Result r = RemoteEhrWorkflowTest.run("check", "--server", root, "--patient", "ex01");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("is --server the FHIR base URL? It usually ends in /fhir");
    }

    @Test
    void aBadValueOrAMistypedOptionGetsAShortHintNotTheWholeUsage() {
        Result timeout = RemoteEhrWorkflowTest.run("serve", "--ehr-base-url", "http://x/fhir", "--ehr-timeout", "24h");
        assertThat(timeout.exit()).isEqualTo(2);
        assertThat(timeout.err())
                .contains("'24h' is not a whole number (this option takes a number of seconds, e.g. 30)")
                .contains("Try 'baclofen-cds serve --help'")
                .doesNotContain("java.time")
                .doesNotContain("Usage:");
        assertThat(timeout.err().strip().lines()).hasSizeLessThanOrEqualTo(3);

        Result mistyped = RemoteEhrWorkflowTest.run("serve", "--prot", "8080");
        assertThat(mistyped.exit()).isEqualTo(2);
        assertThat(mistyped.err()).contains("Unknown option").doesNotContain("Usage:");
        assertThat(mistyped.err().strip().lines()).hasSizeLessThanOrEqualTo(3);

        Result duration = RemoteEhrWorkflowTest.run("serve", "--override-suppression", "a day");
        assertThat(duration.err()).contains("'a day' is not a duration: give e.g. PT24H, 24h");
    }

    @Test
    void aClientErrorIsAnsweredButNotLoggedAsAWarning() throws Exception {
        ch.qos.logback.classic.Logger rootLogger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        rootLogger.addAppender(events);
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(root + "/fhir/Patient/nobody-here"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
        } finally {
            rootLogger.detachAppender(events);
        }
        assertThat(events.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN));
    }

    @Test
    void durationsTakeIsoOrAUnit() {
        assertThat(Main.duration("24h")).hasHours(24);
        assertThat(Main.duration("PT5S")).hasSeconds(5);
        assertThat(Main.duration("30m")).hasMinutes(30);
    }
}
