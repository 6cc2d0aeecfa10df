package org.baclofencds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve} in-process, exactly as {@code java -jar baclofen-cds.jar serve ...} runs it. */
class ServeCommandTest {

    private static final String EXAMPLES = System.getProperty("baclofen.examples.dir", "../../examples");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheExamplesAndStopsCleanly() throws Exception {
        CommandLine cli = Main.commandLine();
        ServeCommand serve = (ServeCommand) cli.getSubcommands().get("serve").getCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cli.execute("serve", "--in-memory", "--port", "0", "--load", EXAMPLES));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (serve.server == null && !exit.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(serve.server).as("server started").isNotNull();
        String root = serve.server.localRootUrl();
        try {
            assertThat(get(root + "/health").body()).isEqualTo("{\"status\":\"UP\"}");
            HttpResponse<String> patient = get(root + "/fhir/Patient/ex01");
            assertThat(patient.statusCode()).isEqualTo(200);
            HttpResponse<String> check =
                    get(root + "/fhir/Patient/ex01/$baclofen-check?evaluationTime=2026-06-15T09:00:00Z");
            assertThat(check.statusCode()).isEqualTo(200);
            assertThat(check.body()).contains("starting-dose");
            HttpResponse<String> discovery = get(root + "/cds-services");
            assertThat(discovery.statusCode()).isEqualTo(200);
            assertThat(discovery.body()).contains("baclofen-order-sign");
        } finally {
            serve.server.stop();
        }
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void cdsHooksWithoutTrustedIssuersIsRefusedOnANonLoopbackAddressUnlessInsecure() {
        StringWriter err = new StringWriter();
        int exit = Main.commandLine()
                .setErr(new PrintWriter(err))
                .execute("serve", "--in-memory", "--port", "0", "--host", "0.0.0.0");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--cds-trusted-issuer", "--insecure");
    }

    @Test
    void offLoopbackBothFhirAndCdsHooksMustBeProtectedUnlessInsecure() throws Exception {
        var trusted = new org.baclofencds.server.cdshooks.CdsHooksConfig(
                java.util.Map.of("https://ehr.example.org", "jwks.json"), java.util.List.of(), false, null, null);
        var insecure = new org.baclofencds.server.cdshooks.CdsHooksConfig(
                java.util.Map.of(), java.util.List.of(), true, null, null);
        var open = org.baclofencds.server.cdshooks.CdsHooksConfig.defaults();
        var fhirIssuer = java.util.Map.of("https://as.example.org", "jwks.json");
        String publicUrl = "https://cds.example.org";
        ServeCommand.requireProtectedUnlessLoopback("0.0.0.0", trusted, fhirIssuer, publicUrl);
        ServeCommand.requireProtectedUnlessLoopback("0.0.0.0", insecure, java.util.Map.of(), null);
        ServeCommand.requireProtectedUnlessLoopback("127.0.0.1", open, java.util.Map.of(), null);
        ServeCommand.requireProtectedUnlessLoopback("::1", open, java.util.Map.of(), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ServeCommand.requireProtectedUnlessLoopback("0.0.0.0", open, java.util.Map.of(), null))
                .hasMessageContaining("--insecure")
                .hasMessageContaining("--auth-issuer")
                .hasMessageContaining("--cds-trusted-issuer");
        // CDS Hooks protected, /fhir open: still refused
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        ServeCommand.requireProtectedUnlessLoopback("0.0.0.0", trusted, java.util.Map.of(), publicUrl))
                .hasMessageContaining("/fhir")
                .hasMessageNotContaining("--cds-trusted-issuer");
        // /fhir protected, CDS Hooks open: still refused
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ServeCommand.requireProtectedUnlessLoopback("0.0.0.0", open, fhirIssuer, publicUrl))
                .hasMessageContaining("CDS Hooks")
                .hasMessageNotContaining("--auth-issuer");
        // the audience comes from configuration only: trusted issuers off loopback need --public-url
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ServeCommand.requireProtectedUnlessLoopback("0.0.0.0", trusted, fhirIssuer, null))
                .hasMessageContaining("--public-url");
    }

    @Test
    void aBadDurationIsRejected() {
        StringWriter err = new StringWriter();
        int exit = Main.commandLine()
                .setErr(new PrintWriter(err))
                .execute("serve", "--in-memory", "--port", "0", "--override-suppression", "one day");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--override-suppression");
    }

    @Test
    void aMissingLoadPathIsOneClearErrorLine() {
        StringWriter err = new StringWriter();
        int exit = Main.commandLine()
                .setErr(new PrintWriter(err))
                .execute("serve", "--in-memory", "--port", "0", "--load", "no/such/folder");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no/such/folder").doesNotContain("\tat ");
    }

    @Test
    void anUnknownAlertCodeInTheRulesConfigIsRejectedAtStartUp(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.properties");
        Files.writeString(rules, "disabled=pregnancy,not-a-code\n");
        StringWriter err = new StringWriter();
        int exit = Main.commandLine()
                .setErr(new PrintWriter(err))
                .execute("serve", "--in-memory", "--port", "0", "--rules-config", rules.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("not-a-code");
    }

    @Test
    void rulesConfigSwitchesAlertsOff(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.properties");
        Files.writeString(rules, "disabled=patient-education\nminimum-severity=moderate\n");
        var config = RulesConfigFiles.read(rules);
        assertThat(config.emits("patient-education", org.baclofencds.rules.Severity.HIGH))
                .isFalse();
        assertThat(config.emits("breastfeeding", org.baclofencds.rules.Severity.LOW))
                .isFalse();
        assertThat(config.emits("max-daily-dose", org.baclofencds.rules.Severity.HIGH))
                .isTrue();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "application/fhir+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
