package org.baclofencds.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.server.BaclofenServer;
import org.baclofencds.server.ExampleCorpus;
import org.baclofencds.server.ExampleCorpus.Example;
import org.baclofencds.server.ServerConfig;
import org.baclofencds.server.app.BaclofenApplication;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chart page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) against the
 * real server on a loopback port with every example loaded: each example's chart shows exactly its expected
 * alerts with their details; running checks, overriding and acknowledging work end to end. Screenshots are kept
 * under {@code target/chart-screenshots/}.
 *
 * <p>Without the browser the tests are skipped on a developer machine, but fail under {@code CI=true}:
 * {@code .ci/run} installs the packages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The clinician scenario changes ex35's stored alerts, so it runs after the read-only checks of every chart.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChartPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "chart-screenshots");

    private final FhirContext ctx = FhirContext.forR4Cached();
    private BaclofenServer server;
    private IGenericClient client;
    private ChromeDriver driver;
    private Path profile;

    @BeforeAll
    void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "Chromium (" + CHROMIUM + ") or ChromeDriver (" + CHROMEDRIVER
                    + ") is missing: apt-get install" + " chromium chromium-driver (.ci/run does this)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        Knowledge knowledge = Knowledge.loadFromClasspath(ctx);
        server = BaclofenApplication.builder(ctx, knowledge)
                .server(ServerConfig.defaults().withPort(0).withPreload(List.of(ExampleCorpus.dir())))
                // As serve --load examples does: each example checked and stored at its evaluation time.
                .exampleTimes(ExampleTimes.read(List.of(ExampleCorpus.dir())))
                .start()
                .server();
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = ctx.newRestfulGenericClient(server.baseUrl());

        profile = Files.createTempDirectory("chart-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Flags that work on this machine kind (no sandbox as root; no background network in a closed network).
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
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    static Stream<Example> examples() throws IOException {
        return ExampleCorpus.examples();
    }

    @Order(0)
    @Test
    void thePatientListShowsEachExamplesAlertsBySeverityAndOpensItsChartAtItsEvaluationTime() throws IOException {
        driver.get(server.localRootUrl() + "/");
        waitReady();
        List<Example> all = ExampleCorpus.examples().toList();
        for (Example example : all) {
            WebElement item = driver.findElement(
                    By.xpath("//ul[@id='patients']/li[a[@data-patient='" + example.patientId() + "']]"));
            assertThat(item.getAttribute("data-alerts"))
                    .as("active alerts listed for %s without opening its chart", example.patientId())
                    .isEqualTo(String.valueOf(example.expectedAlerts().size()));
        }
        WebElement ex35 = driver.findElement(By.xpath("//ul[@id='patients']/li[a[@data-patient='ex35']]"));
        assertThat(ex35.findElements(By.cssSelector(".badge")).stream()
                        .map(b -> b.getAttribute("data-severity") + ":" + b.getText())
                        .toList())
                .containsExactly("moderate:2 moderate", "low:1 low");
        screenshot("patient-list.png");

        // No time chosen: the example's chart opens at its evaluation time, with the example's alerts.
        Example ex04 = all.stream()
                .filter(e -> e.patientId().equals("ex04"))
                .findFirst()
                .orElseThrow();
        driver.findElement(By.cssSelector("#patients a[data-patient=ex04]")).click();
        waitReady();
        assertThat(driver.getCurrentUrl())
                .contains("asOf=" + ex04.evaluationTime().replace(":", "%3A"));
        assertThat(codesOnChart()).containsExactlyInAnyOrderElementsOf(ex04.expectedAlerts());

        // The dose history: one line per baclofen order at its daily dose, the maximum for age as a line.
        WebElement dose = driver.findElement(By.id("dose-history"));
        assertThat(dose.findElements(By.cssSelector("svg.picture"))).hasSize(1);
        List<WebElement> segments = dose.findElements(By.cssSelector("svg.picture g.segment"));
        assertThat(segments).hasSizeGreaterThanOrEqualTo(2);
        assertThat(dose.findElements(By.cssSelector("line.limit.age-maximum"))).hasSize(1);
        assertThat(dose.findElement(By.cssSelector("svg.picture")).getAttribute("aria-label"))
                .contains("15 mg/day")
                .contains("45 mg/day");
        assertThat(dose.findElement(By.cssSelector("text.limit-label.age-maximum"))
                        .getText())
                .contains("80 mg/day");
        screenshot("chart-ex04-dose-history.png");

        // A time the user chooses wins over the example's.
        driver.get(server.localRootUrl() + "/chart.html?patient=ex04&asOf=now");
        waitReady();
        assertThat(driver.getCurrentUrl()).contains("asOf=now");
        assertThat(driver.findElement(By.id("as-of-now")).getText()).isEqualTo("as of now");
    }

    @Order(0)
    @Test
    void theDoseHistoryMarksStopsAndRestartsAndTheRenalCeilingAndTheRenalTrendShowsTheValueUsed() throws IOException {
        openChart("ex08", "2026-06-15T09:00:00Z");
        WebElement dose = driver.findElement(By.id("dose-history"));
        assertThat(dose.findElements(By.cssSelector("line.limit.renal-ceiling")))
                .hasSize(1);
        assertThat(dose.findElement(By.cssSelector("text.limit-label.renal-ceiling"))
                        .getText())
                // moderate impairment (Cockcroft-Gault 40.8 mL/min): the 40 mg/day ceiling of the renal policy
                .contains("40 mg/day");
        WebElement renal = driver.findElement(By.id("renal-trend"));
        assertThat(renal.findElements(By.cssSelector("svg.picture rect.used"))).hasSize(1);
        assertThat(renal.getText()).contains("Serum creatinine").contains("130");
        screenshot("chart-ex08-renal.png");

        openChart("ex54", "2026-09-01T16:45:00Z");
        dose = driver.findElement(By.id("dose-history"));
        assertThat(dose.findElements(By.cssSelector("g.segment.stopped path.stop-mark")))
                .isNotEmpty();
        screenshot("chart-ex54-stopped.png");
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void eachExampleChartShowsExactlyItsExpectedAlertsWithTheirDetail(Example example) {
        openChart(example.patientId(), example.evaluationTime());

        List<WebElement> items = driver.findElements(By.cssSelector("#alerts li.alert"));
        assertThat(items.stream().map(li -> li.getAttribute("data-alert-code")).collect(Collectors.toSet()))
                .as("alert codes on the chart of %s", example.patientId())
                .isEqualTo(new TreeSet<>(example.expectedAlerts()));
        if (example.expectedAlerts().isEmpty()) {
            assertThat(driver.findElement(By.id("no-alerts")).getText()).contains("No active baclofen alerts");
            return;
        }
        Map<String, CommunicationRequest> stored = activeAlerts(example.patientId()).stream()
                .collect(Collectors.toMap(cr -> cr.getIdElement().getIdPart(), cr -> cr));
        assertThat(items).hasSameSizeAs(stored.values());
        List<Integer> ranks = new ArrayList<>();
        for (WebElement li : items) {
            CommunicationRequest alert = stored.get(li.getAttribute("data-alert-id"));
            assertThat(alert).as("a stored active alert behind each item").isNotNull();
            assertThat(li.findElement(By.className("alert-summary")).getText())
                    .isEqualTo(alert.getPayload().get(0).getContentStringType().getValue());
            // Severity is a word and an icon, not colour alone.
            WebElement severity = li.findElement(By.className("severity"));
            assertThat(severity.findElements(By.tagName("svg"))).hasSize(1);
            String word = severity.findElement(By.className("severity-word"))
                    .getText()
                    .toLowerCase();
            assertThat(li.getAttribute("class")).contains(word);
            ranks.add(List.of("high", "moderate", "low").indexOf(word));
            // The detail, with its numbers and source, is one click away.
            WebElement detail = li.findElement(By.className("detail-text"));
            assertThat(detail.isDisplayed()).isFalse();
            li.findElement(By.cssSelector("details.alert-detail > summary")).click();
            assertThat(detail.isDisplayed()).isTrue();
            assertThat(detail.getText())
                    .isEqualTo(alert.getPayload()
                            .get(1)
                            .getContentStringType()
                            .getValue()
                            .strip());
            assertThat(li.findElement(By.className("knowledge-link")).getAttribute("href"))
                    .contains("/knowledge.html");
        }
        assertThat(ranks).as("ordered by severity, high first").isSorted();
    }

    @Order(3)
    @Test
    void aClinicianFindsThePatientRunsChecksOverridesAndAcknowledges() throws IOException {
        // ex35: a new start of 20 mg/day with moderate renal impairment: two moderate alerts and the education.
        String at = "2026-06-15T09:00:00Z";
        driver.get(server.localRootUrl() + "/?asOf=" + at);
        waitReady();
        WebElement search = driver.findElement(By.id("name"));
        String family = client.read()
                .resource(org.hl7.fhir.r4.model.Patient.class)
                .withId("ex35")
                .execute()
                .getNameFirstRep()
                .getFamily();
        search.sendKeys(family, Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#patients a[data-patient=ex35]"))
                .isEmpty());
        driver.findElement(By.cssSelector("#patients a[data-patient=ex35]")).click();
        waitReady();
        assertThat(driver.getCurrentUrl()).contains("patient=ex35").contains("asOf=");

        assertThat(codesOnChart()).containsExactly("renal-dose-adjustment", "starting-dose", "patient-education");
        assertThat(driver.findElement(By.id("banner-renal-function")).getText()).isNotBlank();
        assertThat(driver.findElement(By.id("medications")).getText()).contains("mg/day");
        alertItem("starting-dose")
                .findElement(By.cssSelector("details.alert-detail > summary"))
                .click();
        assertThat(alertItem("starting-dose")
                        .findElement(By.className("detail-text"))
                        .getText())
                .contains("20 mg/day");
        screenshot("chart-ex35-alerts.png");

        // Run checks again: the same alerts, nothing duplicated in the store.
        clickRunChecks();
        assertThat(codesOnChart()).containsExactly("renal-dose-adjustment", "starting-dose", "patient-education");
        assertThat(activeAlerts("ex35")).hasSize(3);

        // Override the starting-dose alert with a reason from the override CodeSystem.
        WebElement starting = alertItem("starting-dose");
        String startingId = starting.getAttribute("data-alert-id");
        starting.findElement(By.className("override")).click();
        starting.findElement(By.cssSelector("input[name=reason][value=dose-verified-with-specialist]"))
                .click();
        starting.findElement(By.name("comment")).sendKeys("Bridge dose agreed with the pump team");
        starting.findElement(By.name("who")).sendKeys("Dr A. Test");
        starting.findElement(By.cssSelector("button[type=submit]")).click();
        waitGone("starting-dose");
        assertThat(driver.findElement(By.id("alert-status")).getText()).contains("recorded");

        CommunicationRequest overridden = client.read()
                .resource(CommunicationRequest.class)
                .withId(startingId)
                .execute();
        assertThat(overridden.getStatus()).isEqualTo(CommunicationRequestStatus.REVOKED);
        assertThat(overridden.getStatusReason().getCodingFirstRep().getSystem())
                .isEqualTo(KnowledgeUrls.OVERRIDE_REASON_CODE_SYSTEM);
        assertThat(overridden.getStatusReason().getCodingFirstRep().getCode())
                .isEqualTo("dose-verified-with-specialist");
        assertThat(overridden.getNoteFirstRep().getAuthorStringType().getValue())
                .isEqualTo("Dr A. Test");
        assertThat(overridden.getNoteFirstRep().getText()).contains("Bridge dose agreed with the pump team");
        // The chart lists the override (the same list shows overrides received as CDS Hooks feedback).
        WebElement decision = driver.findElement(By.cssSelector("#decisions li[data-alert-code=starting-dose]"));
        assertThat(decision.getAttribute("textContent"))
                .contains("Bridge dose agreed with the pump team", "Dr A. Test", "Dose verified with specialist");

        // Acknowledge the education alert with the keyboard only.
        WebElement education = alertItem("patient-education");
        String educationId = education.getAttribute("data-alert-id");
        education.findElement(By.className("acknowledge")).sendKeys(Keys.ENTER);
        WebElement submit = education.findElement(By.cssSelector("form.respond button[type=submit]"));
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOf(submit));
        submit.sendKeys(Keys.ENTER);
        waitGone("patient-education");
        assertThat(client.read()
                        .resource(CommunicationRequest.class)
                        .withId(educationId)
                        .execute()
                        .getStatus())
                .isEqualTo(CommunicationRequestStatus.COMPLETED);

        // A later check does not raise the decided alerts again.
        clickRunChecks();
        assertThat(codesOnChart()).containsExactly("renal-dose-adjustment");
        screenshot("chart-ex35-after-override.png");

        // The alert's source links to the knowledge page, which renders the products for clinicians.
        WebElement remaining = alertItem("renal-dose-adjustment");
        remaining.findElement(By.cssSelector("details.alert-detail > summary")).click();
        remaining.findElement(By.className("knowledge-link")).click();
        waitReady();
        assertThat(driver.getTitle()).contains("Baclofen knowledge");
        // One card per product family, every one of the 14 products a row of its family's strengths.
        List<WebElement> families = driver.findElements(By.cssSelector("#products article.family"));
        assertThat(families).hasSize(5);
        assertThat(driver.findElements(By.cssSelector("#products tr[data-product]")))
                .hasSize(14);
        String anchor = driver.getCurrentUrl().replaceAll("^[^#]*#?", "");
        if (!anchor.isEmpty()) {
            assertThat(driver.findElement(By.id(anchor)).getAttribute("data-product"))
                    .isEqualTo(anchor);
        }
        // The dosing is one click away (open for the family an alert links to).
        assertThat(driver.findElement(By.id("products")).getAttribute("textContent"))
                .contains("mg/day");
        // Sources by title, not by key; no key in brackets left in the text.
        families.get(0).findElement(By.cssSelector("details.sources > summary")).click();
        assertThat(families.get(0).findElements(By.cssSelector("details.sources li")))
                .isNotEmpty();
        assertThat(driver.findElement(By.id("products")).getAttribute("textContent"))
                .doesNotContain("TAB-DM-B4F2")
                .doesNotContain("KNOWLEDGE.md");
        Number height = (Number) ((JavascriptExecutor) driver).executeScript("return document.body.scrollHeight;");
        assertThat(height.intValue()).as("page height in px").isLessThan(6000);
        screenshot("knowledge.png");
    }

    @Order(2)
    @Test
    void theChartReflowsAt200PercentZoomAndLoadsNothingFromElsewhere() throws IOException {
        // 640 CSS px wide is a 1280 px window at 200 % zoom.
        driver.manage().window().setSize(new Dimension(640, 1500));
        try {
            openChart("ex35", "2026-06-15T09:00:00Z");
            JavascriptExecutor js = driver;
            Number overflow =
                    (Number) js.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
            Object foreign = js.executeScript("return performance.getEntriesByType('resource')"
                    + ".map(e => e.name).filter(n => !n.startsWith(location.origin));");
            assertThat((List<?>) foreign).isEmpty();
            screenshot("chart-ex35-narrow.png");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1500));
        }
    }

    private void openChart(String patientId, String evaluationTime) {
        driver.get(server.localRootUrl() + "/chart.html?patient=" + patientId + "&asOf=" + evaluationTime);
        waitReady();
    }

    private void waitReady() {
        new WebDriverWait(driver, WAIT).until(d -> "true"
                .equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.ready")));
    }

    private void clickRunChecks() {
        WebElement run = driver.findElement(By.id("run-checks"));
        String before = run.getAttribute("data-runs");
        run.click();
        new WebDriverWait(driver, WAIT).until(d -> {
            String now = d.findElement(By.id("run-checks")).getAttribute("data-runs");
            return now != null && !now.equals(before);
        });
    }

    private List<String> codesOnChart() {
        return driver.findElements(By.cssSelector("#alerts li.alert")).stream()
                .map(li -> li.getAttribute("data-alert-code"))
                .toList();
    }

    private WebElement alertItem(String code) {
        return driver.findElement(By.cssSelector("#alerts li.alert[data-alert-code='" + code + "']"));
    }

    private void waitGone(String code) {
        new WebDriverWait(driver, WAIT)
                .until(d -> d.findElements(By.cssSelector("#alerts li.alert[data-alert-code='" + code + "']"))
                        .isEmpty());
    }

    private List<CommunicationRequest> activeAlerts(String patientId) {
        Bundle b = client.search()
                .byUrl("CommunicationRequest?subject=Patient/" + patientId + "&status=active&_count=100")
                .returnBundle(Bundle.class)
                .execute();
        return b.getEntry().stream()
                .map(e -> (CommunicationRequest) e.getResource())
                .toList();
    }

    private void screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name);
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(file)).isPositive();
    }
}
