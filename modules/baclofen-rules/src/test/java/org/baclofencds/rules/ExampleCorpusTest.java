package org.baclofencds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.json.parser.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every example patient of {@code examples/} through the engine at the example's fixed evaluation time and
 * compares the alert codes with those written down in {@code examples/expected-alerts.json} (STYLE.md "Tests").
 *
 * <p>The expectations were derived by hand from API.md §4 and RULES.md; when this test fails, decide from those
 * documents whether the engine or the expectation is wrong, never by copying the engine's answer.
 */
class ExampleCorpusTest {

    /** Every alert code of API.md §4; the corpus must make each of them fire at least once. */
    private static final Set<String> ALL_ALERT_CODES = Set.of(
            "max-daily-dose",
            "starting-dose",
            "titration-too-fast",
            "renal-dose-adjustment",
            "renal-function-unknown",
            "interaction-opioid",
            "interaction-benzodiazepine",
            "interaction-cns-depressant",
            "interaction-alcohol",
            "interaction-tca",
            "interaction-nsaid",
            "interaction-levodopa",
            "interaction-lithium",
            "interaction-maoi",
            "abrupt-discontinuation",
            "intrathecal-discontinuation",
            "intrathecal-dose-high",
            "route-dose-mismatch",
            "duplicate-therapy",
            "pregnancy",
            "breastfeeding",
            "pediatric-use",
            "condition-seizure-disorder",
            "condition-psychiatric",
            "dose-not-computable",
            "patient-education");

    private static final Pattern EXAMPLE_FILE = Pattern.compile("\\d{2}-[a-z0-9]+(-[a-z0-9]+)*\\.json");
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static Knowledge knowledge;
    private static BaclofenEngine engine;

    /** One entry of the index. */
    record Example(String file, String patientId, Instant evaluationTime, List<String> expectedAlerts, String summary) {
        @Override
        public String toString() {
            return file;
        }
    }

    @BeforeAll
    static void buildEngineOnce() {
        knowledge = Knowledge.loadFromClasspath(CTX);
        engine = new BaclofenEngine(knowledge, RulesConfig.defaults(), org.baclofencds.rules.checks.Checks.all());
    }

    static List<Example> examples() {
        JsonObject index;
        try {
            index = JsonParser.parseObject(Files.readString(examplesDir().resolve("expected-alerts.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Example> examples = new ArrayList<>();
        for (JsonObject entry : index.getJsonObjects("examples")) {
            examples.add(new Example(
                    entry.asString("file"),
                    entry.asString("patientId"),
                    Instant.parse(entry.asString("evaluationTime")),
                    entry.getStrings("expectedAlerts"),
                    entry.asString("summary")));
        }
        return examples;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void raisesExactlyTheExpectedAlertCodes(Example example) {
        Bundle bundle = readBundle(example.file());
        assertThat(bundle.getEntry())
                .as("%s holds Patient/%s", example.file(), example.patientId())
                .anySatisfy(e -> assertThat(e.getResource())
                        .isInstanceOfSatisfying(
                                Patient.class, p -> assertThat(p.getIdPart()).isEqualTo(example.patientId())));

        PatientRecord record = PatientRecord.fromBundle(bundle, List.of(), example.evaluationTime());
        List<CommunicationRequest> alerts = engine.evaluate(record, "corpus");

        SortedSet<String> codes =
                alerts.stream().map(ExampleCorpusTest::alertCode).collect(Collectors.toCollection(TreeSet::new));
        assertThat(codes)
                .as(() -> example.file() + " (" + example.summary() + ") at " + example.evaluationTime()
                        + "; engine said:" + describe(alerts))
                .containsExactlyElementsOf(new TreeSet<>(example.expectedAlerts()));
    }

    @Test
    void everyAlertCodeOfTheContractFiresInSomeExample() {
        Set<String> covered =
                examples().stream().flatMap(e -> e.expectedAlerts().stream()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(ALL_ALERT_CODES);
    }

    @Test
    void theContractCodesAreExactlyThePublishedAlertCodes() {
        assertThat(knowledge.alertCodes().stream().map(a -> a.code()).toList())
                .containsExactlyInAnyOrderElementsOf(ALL_ALERT_CODES);
    }

    @Test
    void indexNamesEveryExampleFileExactlyOnceWithSortedExpectations() throws IOException {
        List<String> indexed = examples().stream().map(Example::file).toList();
        List<String> onDisk;
        try (Stream<Path> files = Files.list(examplesDir())) {
            onDisk = files.map(p -> p.getFileName().toString())
                    .filter(n -> EXAMPLE_FILE.matcher(n).matches())
                    .sorted()
                    .toList();
        }
        assertThat(indexed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(onDisk);
        assertThat(examples()).allSatisfy(e -> assertThat(e.expectedAlerts())
                .as(e.file())
                .isSorted()
                .doesNotHaveDuplicates()
                .isSubsetOf(ALL_ALERT_CODES));
    }

    @Test
    void everyEntryIsAPutToAFixedIdThatIsUniqueAcrossTheCorpus() {
        Set<String> seen = new HashSet<>();
        for (Example example : examples()) {
            Bundle bundle = readBundle(example.file());
            assertThat(bundle.getType()).as(example.file()).isEqualTo(Bundle.BundleType.TRANSACTION);
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                String type = entry.getResource().fhirType();
                String id = entry.getResource().getIdElement().getIdPart();
                assertThat(id).as("%s: %s id", example.file(), type).matches(FHIR_ID);
                assertThat(entry.getRequest().getMethod())
                        .as("%s: %s/%s", example.file(), type, id)
                        .isEqualTo(Bundle.HTTPVerb.PUT);
                assertThat(entry.getRequest().getUrl()).isEqualTo(type + "/" + id);
                assertThat(seen.add(type + "/" + id))
                        .as("%s/%s used twice in the corpus (again in %s)", type, id, example.file())
                        .isTrue();
            }
        }
    }

    static Bundle readBundle(String file) {
        try {
            return CTX.newJsonParser()
                    .parseResource(Bundle.class, Files.readString(examplesDir().resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path examplesDir() {
        String dir = System.getProperty("baclofen.examples.dir");
        assertThat(dir)
                .as("system property baclofen.examples.dir (set by the root POM's surefire configuration)")
                .isNotBlank();
        return Path.of(dir);
    }

    private static String alertCode(CommunicationRequest alert) {
        return alert.getReasonCode().stream()
                .map(CodeableConcept::getCoding)
                .flatMap(List::stream)
                .filter(c -> KnowledgeUrls.ALERT_CODE_SYSTEM.equals(c.getSystem()))
                .map(c -> c.getCode())
                .findFirst()
                .orElse("<no " + KnowledgeUrls.ALERT_CODE_SYSTEM + " reasonCode>");
    }

    private static String describe(List<CommunicationRequest> alerts) {
        if (alerts.isEmpty()) {
            return " nothing";
        }
        return alerts.stream()
                .map(a -> "\n  " + alertCode(a) + ": "
                        + (a.getPayloadFirstRep().getContent() == null
                                ? "(no summary)"
                                : a.getPayloadFirstRep().getContent().primitiveValue()))
                .collect(Collectors.joining());
    }
}
