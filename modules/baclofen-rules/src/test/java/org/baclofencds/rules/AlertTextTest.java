package org.baclofencds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.Source;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every alert of every example reads clean for a clinician (API.md §4 "What clinicians read"): no FHIR reference,
 * no code-system address, no bare code, no source key, never "ug", a summary of at most 140 characters, and no
 * address that is not in the project's source table.
 */
class AlertTextTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static BaclofenEngine engine;

    private static final Pattern URL = Pattern.compile("https?://[^\\s)]+?(?=[.;,]?(\\s|$|\\)))");
    private static final Pattern FHIR_REFERENCE = Pattern.compile(
            "\\b(Patient|MedicationRequest|Medication|Observation|Condition|Procedure|Practitioner|Device"
                    + "|CommunicationRequest)/[A-Za-z0-9\\-.]+|urn:uuid:|#issue|draftOrder/");
    /** LOINC (2160-0), SNOMED CT and RxNorm-length numbers, ICD-10-CM (N18.4), ATC (M03BX01), LOINC answers. */
    private static final Pattern BARE_CODE = Pattern.compile("\\b\\d{3,5}-\\d\\b|\\b\\d{6,18}\\b"
            + "|\\b[A-TV-Z]\\d{2}\\.\\d{1,4}\\b|\\b[A-Z]\\d{2}[A-Z]{2}\\d{2}\\b|\\bLA\\d{4,5}-\\d\\b");

    private static final Pattern SOURCE_KEY_SHAPE =
            Pattern.compile("\\b(?!AUDIT-C\\b)[A-Z][A-Z0-9]{1,}-[A-Z0-9]+(-[A-Z0-9]+)*\\b|\\bPOL\\b");
    private static final Pattern UG = Pattern.compile("\\bug\\b|\\bug/");

    @BeforeAll
    static void buildEngineOnce() {
        engine = new BaclofenEngine(
                Knowledge.loadFromClasspath(CTX), RulesConfig.defaults(), org.baclofencds.rules.checks.Checks.all());
    }

    /** Every summary and detail of every example, with where it came from. */
    record Text(String where, String summary, String detail) {}

    static List<Text> corpusTexts() {
        List<Text> out = new ArrayList<>();
        for (ExampleCorpusTest.Example example : ExampleCorpusTest.examples()) {
            PatientRecord record = PatientRecord.fromBundle(
                    ExampleCorpusTest.readBundle(example.file()), List.of(), example.evaluationTime());
            for (CommunicationRequest a : engine.evaluate(record, "texts")) {
                String where = example.file() + " "
                        + a.getReasonCodeFirstRep().getCodingFirstRep().getCode();
                String summary = a.getPayload().get(0).getContentStringType().getValue();
                String detail = a.getPayload().get(1).getContentStringType().getValue();
                out.add(new Text(where, summary, detail));
                for (Resource c : a.getContained()) {
                    if (c instanceof DetectedIssue issue) {
                        out.add(new Text(where + " DetectedIssue", summary, issue.getDetail()));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyAlertOfEveryExampleReadsCleanForAClinician() throws IOException {
        Set<String> allowed =
                Source.ALL.stream().map(Source::url).filter(u -> u != null).collect(Collectors.toSet());
        // A key that is also a publisher's name in a title (ISMP) is shown as that name, not as a key.
        Set<String> keys = Source.ALL.stream()
                .filter(s -> !s.title().contains(s.key()))
                .map(Source::key)
                .collect(Collectors.toSet());
        List<Text> texts = corpusTexts();
        assertThat(texts).hasSizeGreaterThan(60);
        List<String> problems = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (Text t : texts) {
            all.append(t.where())
                    .append("\n  ")
                    .append(t.summary())
                    .append("\n  ")
                    .append(t.detail())
                    .append("\n");
            if (t.summary().length() > 140) {
                problems.add(t.where() + ": summary of " + t.summary().length() + " characters");
            }
            for (String text : List.of(t.summary(), t.detail())) {
                List<String> urls = new ArrayList<>();
                Matcher m = URL.matcher(text);
                while (m.find()) {
                    urls.add(m.group());
                }
                for (String u : urls) {
                    if (!allowed.contains(u)) {
                        problems.add(t.where() + ": address not in the source table: " + u);
                    }
                }
                String words = URL.matcher(text).replaceAll(" ");
                find(FHIR_REFERENCE, words, t.where() + ": FHIR reference ", problems);
                find(BARE_CODE, words, t.where() + ": bare code ", problems);
                find(SOURCE_KEY_SHAPE, words, t.where() + ": source-key-like token ", problems);
                find(UG, words, t.where() + ": 'ug' ", problems);
                for (String key : keys) {
                    if (!"POL".equals(key) && words.contains(key)) {
                        problems.add(t.where() + ": source key " + key);
                    }
                }
            }
            assertThat(t.detail()).as(t.where()).contains("Source: ");
        }
        Path out = Path.of("target", "alert-texts.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, all.toString());
        assertThat(problems)
                .as("alert texts (all of them are in %s)", out.toAbsolutePath())
                .isEmpty();
    }

    private static void find(Pattern p, String text, String what, List<String> problems) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            problems.add(what + "'" + m.group() + "' in: " + text);
        }
    }
}
