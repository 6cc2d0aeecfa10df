package org.baclofencds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.rules.RulesConfig;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.Test;

/** The protocol without HTTP: parsing, cards, suggestions, feedback and suppression. */
class CdsHooksServiceTest {
    static final FhirContext CTX = FhirContext.forR4Cached();
    static final Knowledge KNOWLEDGE = Knowledge.loadFromClasspath(CTX);
    static final BaclofenEngine ENGINE =
            new BaclofenEngine(KNOWLEDGE, RulesConfig.defaults(), org.baclofencds.rules.checks.Checks.all());
    static final Instant NOW = Instant.parse("2026-06-15T09:00:00Z");
    final ObjectMapper json = new ObjectMapper();
    final List<String> fetched = new ArrayList<>();
    final MapAlertStore store = new MapAlertStore();

    /** The "EHR" behind fhirServer: answers every query with the same patient and nothing else. */
    final PrefetchFetcher ehr = (server, auth, query) -> {
        fetched.add(query);
        if (query.startsWith("Patient/")) {
            return patient();
        }
        return new Bundle().setType(Bundle.BundleType.SEARCHSET);
    };

    final CdsHooksService service = new CdsHooksService(
            CTX, KNOWLEDGE, ENGINE, ehr, store, Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC));

    static Patient patient() {
        Patient p = new Patient();
        p.setId("p1");
        p.setGender(Enumerations.AdministrativeGender.FEMALE);
        p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-01-01"));
        return p;
    }

    /** A new oral start of 10 mg three times daily written in mg: 30 mg/day, above the 15 mg/day label start. */
    static MedicationRequest draft() {
        MedicationRequest mr = new MedicationRequest();
        mr.setId("draft-1");
        mr.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.getSubject().setReference("Patient/p1");
        mr.getMedicationCodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding(KnowledgeUrls.RXNORM, "1292", "baclofen"));
        var d = mr.addDosageInstruction();
        d.getRoute().addCoding(new org.hl7.fhir.r4.model.Coding(KnowledgeUrls.SNOMED, "26643006", "Oral route"));
        d.getTiming().getRepeat().setFrequency(3).setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.D);
        d.addDoseAndRate()
                .setDose(new Quantity()
                        .setValue(new BigDecimal("10"))
                        .setUnit("mg")
                        .setSystem(KnowledgeUrls.UCUM)
                        .setCode("mg"));
        return mr;
    }

    ObjectNode node(Resource r) throws Exception {
        return (ObjectNode) json.readTree(CTX.newJsonParser().encodeResourceToString(r));
    }

    ObjectNode orderSign(boolean prefetch) throws Exception {
        ObjectNode req = json.createObjectNode();
        req.put("hook", "order-sign");
        req.put("hookInstance", UUID.randomUUID().toString());
        req.put("fhirServer", "https://ehr.example.org/fhir");
        ObjectNode auth = req.putObject("fhirAuthorization");
        auth.put("access_token", "very-secret");
        auth.put("token_type", "Bearer");
        auth.put("expires_in", 300);
        auth.put("scope", "user/*.read");
        auth.put("subject", "baclofen-cds");
        ObjectNode ctx = req.putObject("context");
        ctx.put("userId", "Practitioner/u1");
        ctx.put("patientId", "p1");
        Bundle drafts = new Bundle().setType(Bundle.BundleType.COLLECTION);
        drafts.addEntry().setResource(draft());
        ctx.set("draftOrders", node(drafts));
        if (prefetch) {
            ObjectNode p = req.putObject("prefetch");
            p.set("patient", node(patient()));
            p.putNull("medications");
            p.putNull("observations");
            p.set("conditions", node(new Bundle().setType(Bundle.BundleType.SEARCHSET)));
            p.set("procedures", node(new Bundle().setType(Bundle.BundleType.SEARCHSET)));
        }
        return req;
    }

    @Test
    void aStartAboveTheLabelDoseGetsACardWithTheSameOrderAt5MgPerDose() throws Exception {
        Wire.Response response =
                service.call(CdsServices.ORDER_SIGN, orderSign(true).toString());

        assertThat(fetched).as("prefetch complete: nothing fetched").isEmpty();
        Wire.Card card = response.cards().stream()
                .filter(c -> c.source().topic().code().equals("starting-dose"))
                .findFirst()
                .orElseThrow();
        assertThat(card.indicator()).isEqualTo("warning");
        assertThat(card.detail()).contains("30 mg/day");
        assertThat(card.overrideReasons()).extracting(Wire.Coding::code).contains("will-monitor", "not-applicable");
        assertThat(card.selectionBehavior()).isEqualTo("at-most-one");
        Wire.Action action = card.suggestions().get(0).actions().get(0);
        MedicationRequest updated = CTX.newJsonParser()
                .parseResource(MedicationRequest.class, action.resource().toString());
        assertThat(updated.getDosageInstructionFirstRep()
                        .getDoseAndRateFirstRep()
                        .getDoseQuantity()
                        .getValue())
                .isEqualByComparingTo("5");
        assertThat(updated.getDosageInstructionFirstRep()
                        .getTiming()
                        .getRepeat()
                        .getFrequency())
                .isEqualTo(3);
    }

    @Test
    void aDoseAboveTheModerateRenalCeilingGetsTheSameOrderWithinIt() throws Exception {
        ObjectNode req = orderSign(true);
        MedicationRequest mr = draft();
        mr.getDosageInstructionFirstRep()
                .getDoseAndRateFirstRep()
                .getDoseQuantity()
                .setValue(new BigDecimal("20"));
        Bundle drafts = new Bundle().setType(Bundle.BundleType.COLLECTION);
        drafts.addEntry().setResource(mr);
        ((ObjectNode) req.get("context")).set("draftOrders", node(drafts));
        org.hl7.fhir.r4.model.Observation egfr = new org.hl7.fhir.r4.model.Observation();
        egfr.setId("egfr-1");
        egfr.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
        egfr.getCode().addCoding(new org.hl7.fhir.r4.model.Coding(KnowledgeUrls.LOINC, "98979-8", "eGFR CKD-EPI 2021"));
        egfr.getSubject().setReference("Patient/p1");
        egfr.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2026-06-01T08:00:00Z"));
        egfr.setValue(new Quantity()
                .setValue(40)
                .setUnit("mL/min/1.73m2")
                .setSystem(KnowledgeUrls.UCUM)
                .setCode("mL/min/{1.73_m2}"));
        Bundle observations = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        observations.addEntry().setResource(egfr);
        // a warning entry of the search: not data
        observations.addEntry().setResource(new org.hl7.fhir.r4.model.OperationOutcome());
        ((ObjectNode) req.get("prefetch")).set("observations", node(observations));

        Wire.Response response = service.call(CdsServices.ORDER_SIGN, req.toString());

        Wire.Card renal = response.cards().stream()
                .filter(c -> c.source().topic().code().equals("renal-dose-adjustment"))
                .findFirst()
                .orElseThrow();
        assertThat(renal.detail()).contains("60 mg/day", "40 mg/day");
        MedicationRequest updated = CTX.newJsonParser()
                .parseResource(
                        MedicationRequest.class,
                        renal.suggestions().get(0).actions().get(0).resource().toString());
        // 20 mg three times daily (60 mg/day) → 10 mg three times daily (30 mg/day), within 40 mg/day
        assertThat(updated.getDosageInstructionFirstRep()
                        .getDoseAndRateFirstRep()
                        .getDoseQuantity()
                        .getValue())
                .isEqualByComparingTo("10");
    }

    @Test
    void missingKeysAreFetchedAndNullKeysAreNot() throws Exception {
        ObjectNode req = orderSign(true);
        ((ObjectNode) req.get("prefetch")).remove("conditions");
        service.call(CdsServices.ORDER_SIGN, req.toString());
        assertThat(fetched).containsExactly("Condition?patient=p1");

        fetched.clear();
        service.call(CdsServices.ORDER_SIGN, orderSign(false).toString());
        assertThat(fetched).hasSize(5).anySatisfy(q -> assertThat(q).isEqualTo("Patient/p1"));
    }

    @Test
    void theAnswerOmitsEmptyFieldsButAlwaysHasCards() throws Exception {
        Wire.Response none = new Wire.Response(List.of());
        assertThat(json.writeValueAsString(none)).isEqualTo("{\"cards\":[]}");
        Wire.Card card = new Wire.Card(
                "u", "s", null, "info", new Wire.CardSource("l", null, null), List.of(), null, List.of(), List.of());
        assertThat(json.writeValueAsString(card))
                .isEqualTo("{\"uuid\":\"u\",\"summary\":\"s\",\"indicator\":\"info\",\"source\":{\"label\":\"l\"}}");
    }

    @Test
    void anOverriddenCardIsHiddenUntilTheSuppressionEnds() throws Exception {
        Wire.Response first =
                service.call(CdsServices.ORDER_SIGN, orderSign(true).toString());
        String uuid = first.cards().get(0).uuid();
        String code = first.cards().get(0).source().topic().code();
        service.feedback(
                CdsServices.ORDER_SIGN,
                "{\"feedback\":[{\"card\":\"" + uuid + "\",\"outcome\":\"overridden\","
                        + "\"overrideReason\":{\"reason\":{\"system\":\"" + KnowledgeUrls.OVERRIDE_REASON_CODE_SYSTEM
                        + "\",\"code\":\"benefit-outweighs-risk\"}},\"outcomeTimestamp\":\"2026-06-15T08:59:00Z\"}]}");

        Wire.Response again =
                service.call(CdsServices.ORDER_SIGN, orderSign(true).toString());
        assertThat(again.cards()).extracting(Wire.Card::uuid).doesNotContain(uuid);
        // Recorded on the alert itself, which no check had stored: stored now, with the override.
        org.hl7.fhir.r4.model.CommunicationRequest stored = store.find(uuid).orElseThrow();
        assertThat(stored.getStatus())
                .isEqualTo(org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus.REVOKED);
        assertThat(stored.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("benefit-outweighs-risk");
        assertThat(stored.getNoteFirstRep().getAuthorStringType().getValue()).isEqualTo("Practitioner/u1");
        AlertOverride o = service.suppressions().inForce("p1", NOW).get(uuid);
        assertThat(o.alertCode()).isEqualTo(code);
        assertThat(o.userId()).isEqualTo("Practitioner/u1");
        assertThat(o.at()).isEqualTo(Instant.parse("2026-06-15T08:59:00Z"));
        // The window runs from the server's receipt (NOW), not from the client's timestamp.
        assertThat(o.until()).isEqualTo(Instant.parse("2026-06-16T09:00:00Z"));
        assertThat(o.describe()).contains("Benefit outweighs risk", "2026-06-16T09:00:00Z");
        assertThat(service.suppressions().inForce("p1", Instant.parse("2026-06-16T09:00:00Z")))
                .isEmpty();
    }

    @Test
    void aFutureOutcomeTimestampDoesNotLengthenTheSuppression() throws Exception {
        String uuid = service.call(CdsServices.ORDER_SIGN, orderSign(true).toString())
                .cards()
                .get(0)
                .uuid();
        service.feedback(
                CdsServices.ORDER_SIGN,
                "{\"feedback\":[{\"card\":\"" + uuid + "\",\"outcome\":\"overridden\","
                        + "\"outcomeTimestamp\":\"2030-01-01T00:00:00Z\"}]}");
        AlertOverride o = service.suppressions().inForce("p1", NOW).get(uuid);
        assertThat(o.at()).isEqualTo(NOW);
        assertThat(o.until()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void anOverrideOfAnUnknownCardIsRefusedAndNothingIsRecorded() {
        assertThatThrownBy(() -> service.feedback(
                        CdsServices.ORDER_SIGN,
                        "{\"feedback\":[{\"card\":\"" + UUID.randomUUID() + "\",\"outcome\":\"overridden\","
                                + "\"outcomeTimestamp\":\"2026-06-15T08:59:00Z\"}]}"))
                .isInstanceOf(CdsRequestException.class)
                .hasMessageContaining("not a card this service issued");
        assertThat(store.alerts).isEmpty();
        assertThat(service.feedback()).isEmpty();
    }

    @Test
    void theAccessTokenNeverAppearsInAParsedRequestsText() throws Exception {
        CdsRequest r = new CdsRequestParser(CTX, json)
                .parse(orderSign(true).toString(), service.service(CdsServices.ORDER_SIGN));
        assertThat(r.toString()).doesNotContain("very-secret");
        assertThat(r.fhirAuthorization().accessToken()).isEqualTo("very-secret");
        assertThat(r.prefetch().get("medications")).isEmpty();
        assertThat(r.prefetch().get("patient")).get().isInstanceOf(Patient.class);
    }

    @Test
    void aPrefetchedPatientThatIsNotThePatientInContextIsRefused() throws Exception {
        ObjectNode req = orderSign(true);
        Patient other = patient();
        other.setId("p2");
        ((ObjectNode) req.get("prefetch")).set("patient", node(other));
        assertThatThrownBy(() -> service.call(CdsServices.ORDER_SIGN, req.toString()))
                .isInstanceOf(CdsRequestException.class);
    }

    @Test
    void unknownServicesAndHooksAreNamed() {
        assertThatThrownBy(() -> service.call("nope", "{}")).isInstanceOf(UnknownServiceException.class);
        assertThatThrownBy(() -> service.call(CdsServices.PATIENT_VIEW, "{\"hook\":\"order-sign\"}"))
                .isInstanceOf(CdsRequestException.class)
                .hasMessageContaining("patient-view");
    }

    @Test
    void discoveryHasTheThreeServices() throws Exception {
        JsonNode d = json.readTree(service.discoveryJson());
        assertThat(d.get("services")).hasSize(3);
    }
}
