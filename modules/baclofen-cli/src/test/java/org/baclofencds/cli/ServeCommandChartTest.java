package org.baclofencds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
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

/** {@code serve} mounts the chart page at {@code /} and {@code $baclofen-summary} beside the FHIR API. */
class ServeCommandChartTest {

    private static final String EXAMPLES = System.getProperty("baclofen.examples.dir", "../../examples");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void serveShowsTheChartPageAtTheRootAndTheSummaryOperation() throws Exception {
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
            HttpResponse<String> page = get(root + "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).contains("patients.js");
            assertThat(get(root + "/chart.html").body()).contains("Run checks");
            HttpResponse<String> summary =
                    get(root + "/fhir/Patient/ex05/$baclofen-summary?evaluationTime=2026-06-15T09:00:00Z");
            assertThat(summary.statusCode()).isEqualTo(200);
            assertThat(summary.body()).contains("\"dailyDose\"").contains("\"value\":90");
        } finally {
            serve.server.stop();
        }
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void withAnAuthIssuerTheChartSignsInAsTheConfiguredSmartClient(@TempDir Path dir) throws Exception {
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(
                jwks,
                new JWKSet(new RSAKeyGenerator(2048).keyID("k1").generate().toPublicJWK()).toString());
        CommandLine cli = Main.commandLine();
        ServeCommand serve = (ServeCommand) cli.getSubcommands().get("serve").getCommand();
        // An issuer nobody answers for: the page's configuration does not depend on reaching it.
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(
                "serve",
                "--in-memory",
                "--port",
                "0",
                "--auth-issuer",
                "http://127.0.0.1:1/iss=" + jwks,
                "--chart-client-id",
                "ward-chart"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (serve.server == null && !exit.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(serve.server).as("server started").isNotNull();
        String root = serve.server.localRootUrl();
        try {
            HttpResponse<String> launch = get(root + "/launch-config.json");
            assertThat(launch.statusCode()).isEqualTo(200);
            assertThat(launch.body()).contains("\"smart\":true").contains("\"clientId\":\"ward-chart\"");
            // The issuer's authorization server cannot be reached: a clear 503, nothing of a stack trace.
            HttpResponse<String> smart = get(root + "/fhir/.well-known/smart-configuration");
            assertThat(smart.statusCode()).isEqualTo(503);
            assertThat(smart.body()).contains("temporarily_unavailable").doesNotContain("Exception");
        } finally {
            serve.server.stop();
        }
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void theReadmeShowsAScreenshotOfTheChartThatExists() throws Exception {
        Path root = Path.of(System.getProperty("baclofen.examples.dir", "../../examples"))
                .toAbsolutePath()
                .getParent();
        String readme = Files.readString(root.resolve("README.md"));
        assertThat(readme).contains("](modules/baclofen-server/chart.png)").contains("http://127.0.0.1:8080/");
        byte[] png = Files.readAllBytes(root.resolve("modules/baclofen-server/chart.png"));
        assertThat(png).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
