package org.baclofencds.server.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.server.ExampleCorpus;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code $baclofen-summary} (what the chart shows beside the alerts) and clinician decisions on persisted alerts,
 * over real HTTP with examples from {@code examples/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaclofenSummaryAndDecisionsEndToEndTest {

    private static final String AT = "2026-06-15T09:00:00Z";
    private CheckServer server;

    @BeforeAll
    void start() throws IOException {
        server = new CheckServer();
        for (String file : List.of(
                "35-new-start-20mg-cockcroft-gault-47.json",
                "14-opioid-and-benzodiazepine.json",
                "09-renal-egfr-24-severe-atc-coded.json",
                "10-dialysis-esrd-no-labs.json")) {
            String json = Files.readString(ExampleCorpus.dir().resolve(file), StandardCharsets.UTF_8);
            server.client
                    .transaction()
                    .withBundle(server.ctx.newJsonParser().parseResource(Bundle.class, json))
                    .execute();
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void summaryGivesTheCockcroftGaultClearanceAndTheDailyDoseTheChecksUsed() {
        Parameters summary = summary("ex35", AT);

        assertThat(((org.hl7.fhir.r4.model.IntegerType) summary.getParameterValue("age")).getValue())
                .isEqualTo(61);
        ParametersParameterComponent renal = summary.getParameter("renalFunction");
        assertThat(part(renal, "method").primitiveValue()).isEqualTo("Cockcroft–Gault creatinine clearance");
        assertThat(part(renal, "band").primitiveValue()).isEqualTo("moderate");
        assertThat(part(renal, "value").primitiveValue()).isEqualTo("47.55");
        assertThat(part(renal, "unit").primitiveValue()).isEqualTo("mL/min");
        assertThat(part(renal, "date").primitiveValue()).startsWith("2026-05-31");
        assertThat(renal.getPart().stream()
                        .filter(p -> p.getName().equals("evidence"))
                        .map(p -> ((Reference) p.getValue()).getReference()))
                .containsExactlyInAnyOrder("Observation/ex35-creatinine-1", "Observation/ex35-weight-1");
        ParametersParameterComponent weight = summary.getParameter("weight");
        assertThat(((Quantity) part(weight, "value")).getValue()).isEqualByComparingTo("78");

        ParametersParameterComponent order = summary.getParameter("order");
        assertThat(((Reference) part(order, "medicationRequest")).getReference())
                .isEqualTo("MedicationRequest/ex35-baclofen-1");
        Quantity dose = (Quantity) part(order, "dailyDose");
        assertThat(dose.getValue()).isEqualByComparingTo("20");
        assertThat(dose.getCode()).isEqualTo("mg/d");
        assertThat(part(order, "doseExplanation").primitiveValue()).contains("= 20 mg/day");
        assertThat(part(order, "route").primitiveValue()).isEqualTo("oral");
        assertThat(((Reference) part(order, "product")).getReference())
                .isEqualTo("MedicationKnowledge/baclofen-oral-tablet-5mg");
    }

    @Test
    void summaryGivesTheDoseLimitsAndTheRenalResultsForThePictures() {
        Parameters summary = summary("ex35", AT);

        List<String> limits = summary.getParameters("doseLimit").stream()
                .map(l -> part(l, "kind").primitiveValue() + "="
                        + ((Quantity) part(l, "value")).getValue().toPlainString() + " "
                        + ((Quantity) part(l, "value")).getCode())
                .toList();
        // Adult maximum; moderate impairment (Cockcroft-Gault 47.55 mL/min) has a 40 mg/day ceiling.
        assertThat(limits).containsExactly("age-maximum=80 mg/d", "renal-ceiling=40 mg/d");

        List<String> results = summary.getParameters("renalResult").stream()
                .map(r -> part(r, "kind").primitiveValue() + " " + ((Reference) part(r, "observation")).getReference())
                .toList();
        assertThat(results).contains("serum creatinine Observation/ex35-creatinine-1");

        // Severe impairment has no ceiling to draw (such doses are avoided): only the maximum for age.
        assertThat(summary("ex09", "2026-09-01T16:45:00Z").getParameters("doseLimit"))
                .extracting(l -> part(l, "kind").primitiveValue())
                .containsExactly("age-maximum");
    }

    @Test
    void summaryNamesTheDrugClassOfEveryOrder() {
        Parameters summary = summary("ex14", AT);

        List<String> classes = summary.getParameters("order").stream()
                .flatMap(o -> o.getPart().stream())
                .filter(p -> p.getName().equals("class"))
                .map(p -> p.getValue().primitiveValue())
                .toList();
        assertThat(classes).contains("baclofen", "opioid", "benzodiazepine");
    }

    @Test
    void summaryOfAnEgfrPatientSaysEgfrWithItsIndexedUnit() {
        ParametersParameterComponent renal =
                summary("ex09", "2026-09-01T16:45:00Z").getParameter("renalFunction");

        assertThat(part(renal, "method").primitiveValue()).isEqualTo("eGFR");
        assertThat(part(renal, "band").primitiveValue()).isEqualTo("severe");
        assertThat(part(renal, "unit").primitiveValue()).isEqualTo("mL/min/1.73 m²");
    }

    @Test
    void summaryOfAnUnknownPatientIs404AndABadTimeIs400() {
        assertThatThrownBy(() -> summary("nobody", AT)).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> summary("ex35", "2026-06-15")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void overriddenAndAcknowledgedAlertsAreNotRaisedAgainByTheNextPersistedCheck() {
        Map<String, CommunicationRequest> first = byCode(persistCheck("ex14"));
        assertThat(first).containsOnlyKeys("interaction-opioid", "interaction-benzodiazepine");

        // What the chart does: update the stored alert through the FHIR API.
        CommunicationRequest overridden = read(first.get("interaction-opioid"));
        overridden.setStatus(CommunicationRequestStatus.REVOKED);
        overridden.setStatusReason(new CodeableConcept(
                new Coding(KnowledgeUrls.OVERRIDE_REASON_CODE_SYSTEM, "will-monitor", "Will monitor")));
        overridden.addNote(new Annotation().setAuthor(new org.hl7.fhir.r4.model.StringType("Dr Test")));
        server.client.update().resource(overridden).execute();
        CommunicationRequest acknowledged = read(first.get("interaction-benzodiazepine"));
        acknowledged.setStatus(CommunicationRequestStatus.COMPLETED);
        acknowledged.setStatusReason(new CodeableConcept().setText("Acknowledged by a clinician"));
        server.client.update().resource(acknowledged).execute();

        Map<String, CommunicationRequest> again = byCode(persistCheck("ex14"));

        assertThat(again.get("interaction-opioid").getStatus()).isEqualTo(CommunicationRequestStatus.REVOKED);
        assertThat(again.get("interaction-benzodiazepine").getStatus()).isEqualTo(CommunicationRequestStatus.COMPLETED);
        assertThat(activeAlerts("ex14")).isEmpty();
        // Still one stored alert per finding: the decision was kept, nothing was re-created beside it.
        assertThat(storedAlerts("ex14")).hasSize(2);
    }

    @Test
    void anAlertRevokedByTheSystemComesBackWhenItAppliesAgain() {
        // ex10 applies on its evaluation day; far later the dialysis finding still applies, so we revoke by hand
        // without an override reason (as the service does for findings that went away) and expect re-activation.
        Map<String, CommunicationRequest> first = byCode(persistCheck("ex10"));
        CommunicationRequest revoked = read(first.get("renal-dose-adjustment"));
        revoked.setStatus(CommunicationRequestStatus.REVOKED);
        server.client.update().resource(revoked).execute();

        Map<String, CommunicationRequest> again = byCode(persistCheck("ex10"));

        assertThat(again.get("renal-dose-adjustment").getStatus()).isEqualTo(CommunicationRequestStatus.ACTIVE);
    }

    @Test
    void anOverriddenAlertIsRaisedAgainWhenItBecomesMoreUrgent() throws IOException {
        // A copy of ex14 under other ids: baclofen, lorazepam and oxycodone. Without the opioid the
        // benzodiazepine interaction is moderate; with it, high (API.md §4).
        String json = Files.readString(
                        ExampleCorpus.dir().resolve("14-opioid-and-benzodiazepine.json"), StandardCharsets.UTF_8)
                .replace("ex14", "ex14b");
        server.client
                .transaction()
                .withBundle(server.ctx.newJsonParser().parseResource(Bundle.class, json))
                .execute();
        setStatus("ex14b-oxycodone-1", MedicationRequest.MedicationRequestStatus.CANCELLED);
        CommunicationRequest moderate = byCode(persistCheck("ex14b")).get("interaction-benzodiazepine");
        assertThat(moderate.getPriority()).isEqualTo(CommunicationRequest.CommunicationPriority.URGENT);
        CommunicationRequest overridden = read(moderate);
        overridden.setStatus(CommunicationRequestStatus.REVOKED);
        overridden.setStatusReason(new CodeableConcept(
                new Coding(KnowledgeUrls.OVERRIDE_REASON_CODE_SYSTEM, "will-monitor", "Will monitor")));
        server.client.update().resource(overridden).execute();
        assertThat(activeAlerts("ex14b")).isEmpty();

        setStatus("ex14b-oxycodone-1", MedicationRequest.MedicationRequestStatus.ACTIVE);
        persistCheck("ex14b");

        assertThat(activeAlerts("ex14b"))
                .filteredOn(cr ->
                        cr.getReasonCodeFirstRep().getCodingFirstRep().getCode().equals("interaction-benzodiazepine"))
                .singleElement()
                .satisfies(
                        cr -> assertThat(cr.getPriority()).isEqualTo(CommunicationRequest.CommunicationPriority.STAT));
    }

    private void setStatus(String medicationRequestId, MedicationRequest.MedicationRequestStatus status) {
        MedicationRequest order = server.client
                .read()
                .resource(MedicationRequest.class)
                .withId(medicationRequestId)
                .execute();
        order.setStatus(status);
        server.client.update().resource(order).execute();
    }

    private Parameters summary(String patientId, String at) {
        return server.client
                .operation()
                .onInstance("Patient/" + patientId)
                .named(BaclofenSummaryOperationProvider.OPERATION)
                .withParameter(Parameters.class, "evaluationTime", new DateTimeType(at))
                .useHttpGet()
                .execute();
    }

    private Bundle persistCheck(String patientId) {
        Parameters in = new Parameters();
        in.addParameter().setName("evaluationTime").setValue(new DateTimeType(AT));
        in.addParameter().setName("persist").setValue(new BooleanType(true));
        return server.client
                .operation()
                .onInstance("Patient/" + patientId)
                .named(BaclofenCheckOperationProvider.OPERATION)
                .withParameters(in)
                .returnResourceType(Bundle.class)
                .execute();
    }

    private CommunicationRequest read(CommunicationRequest alert) {
        return server.client
                .read()
                .resource(CommunicationRequest.class)
                .withId(alert.getIdElement().getIdPart())
                .execute();
    }

    private List<CommunicationRequest> activeAlerts(String patientId) {
        return search("CommunicationRequest?subject=Patient/" + patientId + "&status=active");
    }

    private List<CommunicationRequest> storedAlerts(String patientId) {
        return search("CommunicationRequest?subject=Patient/" + patientId);
    }

    private List<CommunicationRequest> search(String url) {
        Bundle b = server.client.search().byUrl(url).returnBundle(Bundle.class).execute();
        return b.getEntry().stream()
                .map(e -> (CommunicationRequest) e.getResource())
                .toList();
    }

    private static Map<String, CommunicationRequest> byCode(Bundle alerts) {
        return alerts.getEntry().stream()
                .map(e -> (CommunicationRequest) e.getResource())
                .collect(Collectors.toMap(
                        cr -> cr.getReasonCodeFirstRep().getCodingFirstRep().getCode(), Function.identity()));
    }

    private static org.hl7.fhir.r4.model.Type part(ParametersParameterComponent p, String name) {
        return p.getPart().stream()
                .filter(x -> x.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no part " + name))
                .getValue();
    }
}
