package org.baclofencds.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.HttpUrl;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.ExampleCorpus;
import org.baclofencds.server.ExampleCorpus.Example;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.app.BaclofenApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chart page as a SMART App Launch app (standalone launch, authorization code with PKCE) against a real
 * authorization server (mock-oauth2-server on its own loopback port, which issues a code without an interactive
 * login) and our server requiring its access tokens on {@code /fhir}, in a real headless Chromium: the page signs
 * in, keeps the token in sessionStorage only, and shows a patient's alerts, which it can read only with the token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmartLaunchBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ISSUER_ID = "ehr";
    private static final String PUBLIC_URL = "https://cds.example.org";
    private static final String CLIENT_ID = "chart-under-test";

    private final FhirContext ctx = FhirContext.forR4Cached();
    private final HttpClient http = HttpClient.newHttpClient();
    private MockOAuth2Server authServer;
    private BaclofenApplication app;
    private BaclofenApplication openApp;
    private ChromeDriver driver;
    private Path profile;

    @BeforeAll
    void start() throws IOException {
        // The token a real authorization server would grant this user: our audience, read access and the
        // CommunicationRequest writes that storing and deciding on alerts need.
        authServer = new MockOAuth2Server(new OAuth2Config(
                false,
                null,
                null,
                false,
                new OAuth2TokenProvider(),
                Set.of(new DefaultOAuth2TokenCallback(
                        ISSUER_ID,
                        "dr-test",
                        "JWT",
                        List.of(PUBLIC_URL + "/fhir"),
                        Map.of("scope", "openid fhirUser user/*.rs user/CommunicationRequest.cu"),
                        3600)),
                new NettyWrapper()));
        authServer.start(InetAddress.getLoopbackAddress(), 0);
        Knowledge knowledge = Knowledge.loadFromClasspath(ctx);
        app = BaclofenApplication.builder(ctx, knowledge)
                .server(ServerConfig.defaults()
                        .withPort(0)
                        .withPublicBaseUrl(PUBLIC_URL)
                        .withPreload(List.of(ExampleCorpus.dir())))
                .exampleTimes(ExampleTimes.read(List.of(ExampleCorpus.dir())))
                .authIssuers(Map.of(
                        authServer.issuerUrl(ISSUER_ID).toString(),
                        authServer.jwksUrl(ISSUER_ID).toString()))
                .chartClientId(CLIENT_ID)
                .start();
        openApp = BaclofenApplication.builder(ctx, knowledge)
                .server(ServerConfig.defaults().withPort(0))
                .start();
    }

    @AfterAll
    void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.close();
        }
        if (openApp != null) {
            openApp.close();
        }
        if (authServer != null) {
            authServer.shutdown();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void smartConfigurationNamesTheIssuersEndpointsAndCapabilities() throws Exception {
        HttpResponse<String> response = get(app.server().localRootUrl() + "/fhir/.well-known/smart-configuration");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        Map<String, Object> json = JSONObjectUtils.parse(response.body());
        assertThat(json.get("issuer")).isEqualTo(authServer.issuerUrl(ISSUER_ID).toString());
        assertThat(json.get("authorization_endpoint"))
                .isEqualTo(authServer.authorizationEndpointUrl(ISSUER_ID).toString());
        assertThat(json.get("token_endpoint"))
                .isEqualTo(authServer.tokenEndpointUrl(ISSUER_ID).toString());
        assertThat((List<Object>) json.get("capabilities"))
                .containsExactlyInAnyOrder(
                        "launch-ehr",
                        "launch-standalone",
                        "client-public",
                        "context-ehr-patient",
                        "context-standalone-patient",
                        "permission-v2");
        assertThat((List<Object>) json.get("code_challenge_methods_supported")).containsExactly("S256");

        // The page learns how to sign in from the server.
        Map<String, Object> launch = JSONObjectUtils.parse(
                get(app.server().localRootUrl() + "/launch-config.json").body());
        assertThat(launch)
                .containsEntry("smart", true)
                .containsEntry("clientId", CLIENT_ID)
                .containsEntry("fhirBase", PUBLIC_URL + "/fhir");
        // The chart may post the code to the token endpoint, and to nowhere else off this origin.
        URI token = authServer.tokenEndpointUrl(ISSUER_ID).uri();
        assertThat(get(app.server().localRootUrl() + "/chart.html").headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("connect-src 'self' " + token.getScheme() + "://" + token.getRawAuthority() + ";"));
    }

    @Test
    void withoutAnIssuerThereIsNoSmartConfigurationAndNoSignIn() throws Exception {
        assertThat(get(openApp.server().localRootUrl() + "/fhir/.well-known/smart-configuration")
                        .statusCode())
                .isEqualTo(404);
        assertThat(JSONObjectUtils.parse(get(openApp.server().localRootUrl() + "/launch-config.json")
                                .body())
                        .get("smart"))
                .isEqualTo(false);
    }

    @Test
    void standaloneLaunchSignsInAndTheChartShowsThePatientsAlertsWithTheToken() throws Exception {
        startBrowser();
        String root = app.server().localRootUrl();
        // Without a token the FHIR API refuses the chart's reads.
        assertThat(get(root + "/fhir/Patient/ex14").statusCode()).isEqualTo(401);

        driver.get(root + "/launch.html");
        // Standalone launch without a patient in the token: back on the patient list, signed in.
        waitReady();
        assertThat(driver.getCurrentUrl()).startsWith(root + "/index.html");
        assertThat(driver.findElements(By.cssSelector("#patients a[data-patient=ex14]")))
                .hasSize(1);
        JavascriptExecutor js = driver;
        assertThat((String) js.executeScript("return sessionStorage.getItem('baclofen-cds.token')"))
                .contains("accessToken");
        assertThat(js.executeScript("return localStorage.length")).isEqualTo(0L);

        Example ex14 = ExampleCorpus.examples()
                .filter(e -> e.patientId().equals("ex14"))
                .findFirst()
                .orElseThrow();
        driver.get(root + "/chart.html?patient=ex14");
        waitReady();
        assertThat(driver.findElements(By.cssSelector("#alerts li.alert")).stream()
                        .map(li -> li.getAttribute("data-alert-code"))
                        .toList())
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(ex14.expectedAlerts());
        screenshot("smart-launch-chart-ex14.png");

        // A chart opened in a new session (no token) signs in first and comes back to the same chart.
        js.executeScript("sessionStorage.clear()");
        driver.get(root + "/chart.html?patient=ex14&asOf=" + ex14.evaluationTime());
        waitReady();
        assertThat(driver.getCurrentUrl()).contains("patient=ex14").doesNotContain("code=");
        assertThat(driver.findElements(By.cssSelector("#alerts li.alert")).stream()
                        .map(li -> li.getAttribute("data-alert-code"))
                        .toList())
                .containsExactlyInAnyOrderElementsOf(ex14.expectedAlerts());
    }

    @Test
    void ehrLaunchAsksForTheLaunchContextWithPkceAndRefusesAnotherServersIss() throws Exception {
        startBrowser();
        String root = app.server().localRootUrl();
        driver.manage().logs().get(LogType.PERFORMANCE); // forget what came before
        driver.get(root + "/launch.html?iss=" + PUBLIC_URL + "/fhir&launch=ctx-123");
        waitReady();
        // The browser's own record of where it was sent.
        String endpoint = authServer.authorizationEndpointUrl(ISSUER_ID).toString();
        HttpUrl url = driver.manage().logs().get(LogType.PERFORMANCE).getAll().stream()
                .map(SmartLaunchBrowserTest::requestUrl)
                .filter(u -> u != null && u.startsWith(endpoint + "?"))
                .map(HttpUrl::get)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the browser was not sent to the authorization endpoint"));
        assertThat(url.queryParameter("response_type")).isEqualTo("code");
        assertThat(url.queryParameter("client_id")).isEqualTo(CLIENT_ID);
        assertThat(url.queryParameter("redirect_uri")).isEqualTo(root + "/chart.html");
        assertThat(url.queryParameter("launch")).isEqualTo("ctx-123");
        assertThat(url.queryParameter("aud")).isEqualTo(PUBLIC_URL + "/fhir");
        assertThat(url.queryParameter("scope").split(" ")).contains("launch", "openid", "fhirUser");
        assertThat(url.queryParameter("code_challenge_method")).isEqualTo("S256");
        // base64url of a SHA-256 digest
        assertThat(url.queryParameter("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(url.queryParameter("state")).isNotBlank();

        // An EHR launch from another FHIR server is refused before anything is sent anywhere.
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.get(root + "/launch.html?iss=https://other.example.org/fhir&launch=ctx-123");
        new WebDriverWait(driver, WAIT)
                .until(d -> d.findElement(By.id("launch-status")).getText().contains("own FHIR server"));
        assertThat(driver.getCurrentUrl()).startsWith(root + "/launch.html");
    }

    /** The URL of a request the browser sent, from a DevTools performance log entry. */
    @SuppressWarnings("unchecked")
    private static String requestUrl(LogEntry entry) {
        try {
            Map<String, Object> message = (Map<String, Object>)
                    JSONObjectUtils.parse(entry.getMessage()).get("message");
            if (!"Network.requestWillBeSent".equals(message.get("method"))) {
                return null;
            }
            Map<String, Object> params = (Map<String, Object>) message.get("params");
            return (String) ((Map<String, Object>) params.get("request")).get("url");
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    private void startBrowser() throws IOException {
        if (driver != null) {
            return;
        }
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "Chromium (" + CHROMIUM + ") or ChromeDriver (" + CHROMEDRIVER
                    + ") is missing: apt-get install chromium chromium-driver (.ci/run does this)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        profile = Files.createTempDirectory("smart-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=1280,1500");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    private void waitReady() {
        new WebDriverWait(driver, WAIT).until(d -> "true"
                .equals(((JavascriptExecutor) d).executeScript("return document.body && document.body.dataset.ready")));
    }

    private void screenshot(String name) throws IOException {
        Path dir = Path.of("target", "chart-screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }
}
