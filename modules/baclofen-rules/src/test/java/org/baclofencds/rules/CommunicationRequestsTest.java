package org.baclofencds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baclofencds.rules.Fixtures.alert;
import static org.baclofencds.rules.Fixtures.condition;
import static org.baclofencds.rules.Fixtures.daysBefore;
import static org.baclofencds.rules.Fixtures.issue;
import static org.baclofencds.rules.Fixtures.obs;
import static org.baclofencds.rules.Fixtures.oral;
import static org.baclofencds.rules.Fixtures.other;
import static org.baclofencds.rules.Fixtures.patient;
import static org.baclofencds.rules.Fixtures.rec;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.knowledge.Source;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The alert resource of API.md §3. */
class CommunicationRequestsTest {

    /** A record that raises many alerts at once: dose, renal, interactions, conditions, education. */
    static List<CommunicationRequest> many() {
        MedicationRequest draft = Fixtures.draftOral("d", "30", "TID");
        return rec().patient(patient(70, AdministrativeGender.FEMALE))
                .order(oral("a", "10", "TID"), other("x", "7804", "oxycodone"), other("z", "596", "alprazolam"))
                .draft(draft)
                .obs(obs("crcl", "2164-2", "40", "mL/min", daysBefore(3)))
                .condition(condition("ep", "84757009", "Epilepsy"))
                .evaluate();
    }

    @Test
    void everyElementOfTheContractIsFilled() {
        List<CommunicationRequest> alerts = many();
        CommunicationRequest a = alert(alerts, AlertCodes.RENAL_DOSE_ADJUSTMENT);
        assertThat(a.getMeta().getProfile().get(0).getValue()).isEqualTo(KnowledgeUrls.ALERT_PROFILE);
        assertThat(a.getIdentifierFirstRep().getSystem()).isEqualTo("http://baclofen-cds.org/fhir/alert-id");
        assertThat(a.getIdentifierFirstRep().getValue()).matches("[0-9a-f-]{36}");
        assertThat(a.getStatus()).isEqualTo(CommunicationRequest.CommunicationRequestStatus.ACTIVE);
        assertThat(a.getCategoryFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/communication-category");
        assertThat(a.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("alert");
        assertThat(a.getSubject().getReference()).isEqualTo("Patient/p1");
        assertThat(a.getReasonCodeFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo(KnowledgeUrls.ALERT_CODE_SYSTEM);
        assertThat(a.getReasonReference()).extracting(Reference::getReference).containsExactly("Observation/crcl");
        assertThat(a.getGroupIdentifier().getValue()).isEqualTo("group-1");
        assertThat(a.getPayload()).hasSize(2);
        assertThat(a.getPayload().get(0).getContentStringType().getValue()).hasSizeLessThanOrEqualTo(140);
        assertThat(a.getRecipientFirstRep().getReference()).isEqualTo("Practitioner/dr1");
        assertThat(a.getRequester().getReference()).isEqualTo("Device/baclofen-cds");
        assertThat(a.getSender().getReference()).isEqualTo("Device/baclofen-cds");
        assertThat(a.getAuthoredOn().toInstant()).isEqualTo(Fixtures.EVAL);
        assertThat(a.getText().getDivAsString()).contains(CommunicationRequests.summary(a));

        assertThat(a.getAbout()).extracting(Reference::getReference).contains("#issue");
        DetectedIssue issue = issue(a);
        assertThat(issue.getStatus()).isEqualTo(DetectedIssue.DetectedIssueStatus.FINAL);
        assertThat(issue.getCode().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ActCode");
        assertThat(issue.getCode().getCodingFirstRep().getCode())
                .isEqualTo(Fixtures.KNOWLEDGE
                        .alertCode(AlertCodes.RENAL_DOSE_ADJUSTMENT)
                        .detectedIssueCode());
        assertThat(issue.getPatient().getReference()).isEqualTo("Patient/p1");
        assertThat(issue.getIdentifiedDateTimeType().getValue().toInstant()).isEqualTo(Fixtures.EVAL);
        assertThat(issue.getAuthor().getReference()).isEqualTo("Device/baclofen-cds");
        assertThat(issue.getImplicated()).extracting(Reference::getReference).isNotEmpty();
        assertThat(issue.getEvidenceFirstRep().getDetail())
                .extracting(Reference::getReference)
                .containsExactly("Observation/crcl");
        assertThat(issue.getReference()).isEqualTo(Source.VLAVONOU.url());
        assertThat(CommunicationRequests.detail(a))
                .contains("Vlavonou R et al.")
                .contains("https://pubmed.ncbi.nlm.nih.gov/24414993/")
                .doesNotContain("VLAVONOU");
        assertThat(issue.getDetail())
                .startsWith(CommunicationRequests.summary(a))
                .endsWith(CommunicationRequests.SEE_DETAIL);
    }

    @Test
    void theDetailAppearsOncePerAlert() {
        FhirContext ctx = FhirContext.forR4Cached();
        for (CommunicationRequest a : many()) {
            String json = ctx.newJsonParser().encodeResourceToString(a);
            String detail = CommunicationRequests.detail(a);
            assertThat(detail).isNotBlank();
            assertThat(json.split(java.util.regex.Pattern.quote(detail), -1))
                    .as(Fixtures.code(a))
                    .hasSize(2);
            assertThat(a.getText().getDivAsString()).doesNotContain(detail);
        }
    }

    @Test
    void priorityFollowsSeverity() {
        for (CommunicationRequest a : many()) {
            String expected =
                    switch (Fixtures.severity(a)) {
                        case "low" -> "routine";
                        case "moderate" -> "urgent";
                        default -> "stat";
                    };
            assertThat(a.getPriority().toCode()).as(Fixtures.code(a)).isEqualTo(expected);
        }
    }

    @Test
    void everyAlertValidatesAgainstBaseR4() {
        FhirContext ctx = FhirContext.forR4Cached();
        List<CommunicationRequest> alerts = many();
        assertThat(alerts).hasSizeGreaterThan(5);
        for (CommunicationRequest a : alerts) {
            // Round-trip through JSON so the validator sees what a client would.
            String json = ctx.newJsonParser().encodeResourceToString(a);
            var result = FhirValidators.validator().validateWithResult(json);
            assertThat(FhirValidators.errors(result))
                    .as(Fixtures.code(a) + "\n" + json)
                    .isEmpty();
        }
    }

    @Test
    void theSameFindingHasTheSameIdentifierAcrossEvaluations() {
        List<String> first =
                many().stream().map(a -> a.getIdentifierFirstRep().getValue()).toList();
        List<String> second =
                many().stream().map(a -> a.getIdentifierFirstRep().getValue()).toList();
        assertThat(second).isEqualTo(first).doesNotHaveDuplicates();
    }

    @Test
    void alertsAreOrderedBySeverityThenCode() {
        List<CommunicationRequest> alerts = many();
        for (int i = 1; i < alerts.size(); i++) {
            Severity prev = Severity.fromCode(Fixtures.severity(alerts.get(i - 1)));
            Severity cur = Severity.fromCode(Fixtures.severity(alerts.get(i)));
            assertThat(prev.compareTo(cur)).isGreaterThanOrEqualTo(0);
            if (prev == cur) {
                assertThat(Fixtures.code(alerts.get(i - 1)).compareTo(Fixtures.code(alerts.get(i))))
                        .isLessThanOrEqualTo(0);
            }
        }
        assertThat(Fixtures.codes(alerts))
                .contains(
                        AlertCodes.INTERACTION_OPIOID,
                        AlertCodes.INTERACTION_BENZODIAZEPINE,
                        AlertCodes.RENAL_DOSE_ADJUSTMENT,
                        AlertCodes.CONDITION_SEIZURE_DISORDER,
                        AlertCodes.DUPLICATE_THERAPY);
        // The draft joins a current order: a second order, not a new start.
        assertThat(Fixtures.codes(alerts)).doesNotContain(AlertCodes.STARTING_DOSE, AlertCodes.PATIENT_EDUCATION);
    }

    @Test
    void summaryIsCutAt140Characters() {
        String cut = BaclofenEngine.summary("x".repeat(200));
        assertThat(cut).hasSize(140).endsWith("…");
    }
}
