package org.baclofencds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Narrative;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every published file (fhir-resources/) and every example (examples/) validates against base R4, offline,
 * with no ERROR or FATAL (API.md §2). Warnings, e.g. for RxNorm, NDC and ATC codes the offline validator
 * cannot check, are printed but allowed.
 */
class ResourceValidationTest {

    @TestFactory
    Stream<DynamicTest> everyFhirResourceValidates() throws IOException {
        List<Path> files = jsonFiles(System.getProperty("baclofen.fhir-resources.dir"));
        assertThat(files).as("fhir-resources/ files").hasSizeGreaterThanOrEqualTo(45);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> validate(f)));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleValidates() throws IOException {
        List<Path> files = jsonFiles(System.getProperty("baclofen.examples.dir")).stream()
                .filter(f -> !f.getFileName().toString().equals("expected-alerts.json"))
                // CDS Hooks request bodies, not FHIR resources (the FHIR inside comes from the examples here)
                .filter(f -> !f.getParent().getFileName().toString().equals("cds-hooks"))
                .toList();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> validate(f)));
    }

    @Test
    void everyDetectedIssueCodeOfTheAlertCodeSystemIsAValidActCode() {
        Knowledge knowledge = Knowledge.loadFromClasspath(FhirContext.forR4Cached());
        for (AlertCodeInfo alert : knowledge.alertCodes()) {
            DetectedIssue issue = new DetectedIssue();
            issue.setStatus(DetectedIssue.DetectedIssueStatus.FINAL);
            issue.setSeverity(DetectedIssue.DetectedIssueSeverity.fromCode(
                    alert.severity().code()));
            issue.getCode().addCoding(new Coding(AlertCodeInfo.ACT_CODE_SYSTEM, alert.detectedIssueCode(), null));
            issue.getText()
                    .setStatus(Narrative.NarrativeStatus.GENERATED)
                    .setDivAsString("<div>" + alert.code() + "</div>");
            ValidationResult result = FhirValidators.validator().validateWithResult(issue);
            assertThat(FhirValidators.errors(result))
                    .as(alert.code() + " -> " + alert.detectedIssueCode())
                    .isEmpty();
        }
    }

    @Test
    void theValidatorRejectsAnInventedActCode() {
        DetectedIssue issue = new DetectedIssue();
        issue.setStatus(DetectedIssue.DetectedIssueStatus.FINAL);
        issue.getCode().addCoding(new Coding(AlertCodeInfo.ACT_CODE_SYSTEM, "NOSUCHCODE", null));
        assertThat(FhirValidators.errors(FhirValidators.validator().validateWithResult(issue)))
                .isNotEmpty();
    }

    private static void validate(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        ValidationResult result = FhirValidators.validator().validateWithResult(json);
        // Unknown external code systems (RxNorm, NDC, ATC, UNII) are expected offline: one line each.
        result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.WARNING)
                .map(m -> m.getMessage().startsWith("CodeSystem is unknown")
                        ? "WARNING " + m.getMessage().replaceAll(" for '.*", " (codes not checked offline)")
                        : FhirValidators.format(m))
                .distinct()
                .forEach(m -> System.out.println(file.getFileName() + ": " + m));
        assertThat(FhirValidators.errors(result))
                .as(file.getFileName().toString())
                .isEmpty();
    }

    private static List<Path> jsonFiles(String dir) throws IOException {
        if (dir == null) {
            throw new IllegalStateException("system property not set; run through Maven surefire");
        }
        Path root = Path.of(dir);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }
}
