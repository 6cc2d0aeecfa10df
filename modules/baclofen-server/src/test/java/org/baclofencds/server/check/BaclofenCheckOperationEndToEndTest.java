package org.baclofencds.server.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** $baclofen-check over real HTTP: levels, draft orders, persist semantics and bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaclofenCheckOperationEndToEndTest {

    private static final String AT = "2026-06-15T09:00:00Z";
    private static final String AUTHORED = "2026-06-14T10:00:00Z";

    private CheckServer server;

    @BeforeAll
    void start() {
        server = new CheckServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void instanceLevelChecksTheStoredRecord() {
        String patient = storePatient("op-stored");
        server.client.create().resource(tablets(patient, 10, 3, "active")).execute();

        Bundle alerts = instanceCheck(patient, false);

        assertThat(codes(alerts)).containsExactly("patient-education", "starting-dose");
        CommunicationRequest starting = alert(alerts, "starting-dose");
        assertThat(starting.getPriority()).isEqualTo(CommunicationRequest.CommunicationPriority.URGENT);
        assertThat(starting.getSubject().getReference()).isEqualTo(patient);
        assertThat(starting.getPayload().get(1).getContentStringType().getValue())
                .contains("30 mg/day");
        assertThat(starting.getAuthoredOnElement().getValueAsString()).startsWith("2026-06-15T09:00:00");
    }

    @Test
    void draftOrdersAreCheckedAsCurrentOrders() {
        String patient = storePatient("op-draft");
        assertThat(codes(instanceCheck(patient, false))).isEmpty();

        Parameters in = at(AT);
        in.addParameter().setName("draftOrder").setResource(tablets(patient, 20, 4, "draft"));
        Bundle alerts = server.client
                .operation()
                .onInstance(patient)
                .named(BaclofenCheckOperationProvider.OPERATION)
                .withParameters(in)
                .returnResourceType(Bundle.class)
                .execute();

        assertThat(codes(alerts)).contains("starting-dose", "patient-education");
    }

    @Test
    void persistingTwiceStoresEachAlertOnceAndRevokesWhatNoLongerApplies() {
        String patient = storePatient("op-persist");
        org.hl7.fhir.instance.model.api.IIdType order = server.client
                .create()
                .resource(tablets(patient, 10, 3, "active"))
                .execute()
                .getId();

        Bundle first = instanceCheck(patient, true);
        Bundle second = instanceCheck(patient, true);

        assertThat(fullUrls(first)).hasSize(2).allMatch(u -> u.contains("/CommunicationRequest/"));
        assertThat(fullUrls(second)).isEqualTo(fullUrls(first));
        assertThat(activeAlerts(patient)).hasSize(2);

        // The order is stopped long ago: nothing applies any more, so the stored alerts are revoked.
        MedicationRequest stopped = server.client
                .read()
                .resource(MedicationRequest.class)
                .withId(order.toUnqualifiedVersionless())
                .execute();
        stopped.setStatus(MedicationRequest.MedicationRequestStatus.CANCELLED);
        server.client.update().resource(stopped).execute();

        assertThat(codes(instanceCheck(patient, true))).isEmpty();
        assertThat(activeAlerts(patient)).isEmpty();
        Bundle revoked = server.client
                .search()
                .forResource(CommunicationRequest.class)
                .where(CommunicationRequest.SUBJECT.hasId(patient))
                .and(CommunicationRequest.STATUS.exactly().code("revoked"))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(revoked.getEntry()).hasSize(2);
    }

    @Test
    void systemLevelIsStatelessAndMatchesTheInstanceLevel() {
        String patient = storePatient("op-same");
        MedicationRequest order = tablets(patient, 10, 3, "active");
        order.setId(server.client.create().resource(order).execute().getId().getIdPart());

        Bundle data = new Bundle().setType(Bundle.BundleType.COLLECTION);
        data.addEntry()
                .setFullUrl(server.server.baseUrl() + "/" + patient)
                .setResource(server.client
                        .read()
                        .resource(Patient.class)
                        .withId(patient)
                        .execute());
        data.addEntry().setResource(order);
        Parameters in = at(AT);
        in.addParameter().setName("data").setResource(data);
        Bundle stateless = systemCheck(in);

        assertThat(identifiers(stateless)).isEqualTo(identifiers(instanceCheck(patient, false)));
        assertThat(activeAlerts(patient)).isEmpty();
    }

    @Test
    void systemLevelWithoutDataIs400() {
        assertThatThrownBy(() -> systemCheck(at(AT)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'data'");
    }

    @Test
    void dataWithoutPatientOrWithTwoPatientsIs400() {
        Bundle none = new Bundle().setType(Bundle.BundleType.COLLECTION);
        none.addEntry().setResource(tablets("Patient/x", 10, 3, "active"));
        Parameters noPatient = at(AT);
        noPatient.addParameter().setName("data").setResource(none);
        assertThatThrownBy(() -> systemCheck(noPatient))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no Patient");

        Bundle two = new Bundle().setType(Bundle.BundleType.COLLECTION);
        two.addEntry().setResource(new Patient().setId("a"));
        two.addEntry().setResource(new Patient().setId("b"));
        Parameters twoPatients = at(AT);
        twoPatients.addParameter().setName("data").setResource(two);
        assertThatThrownBy(() -> systemCheck(twoPatients))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("2 Patients");
    }

    @Test
    void dataReferencingAnotherPatientIs400() {
        Bundle data = new Bundle().setType(Bundle.BundleType.COLLECTION);
        data.addEntry().setFullUrl("http://ehr/fhir/Patient/me").setResource(new Patient().setId("me"));
        data.addEntry().setResource(tablets("Patient/someone-else", 10, 3, "active"));
        Parameters in = at(AT);
        in.addParameter().setName("data").setResource(data);
        assertThatThrownBy(() -> systemCheck(in)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void unknownPatientIs404() {
        assertThatThrownBy(() -> instanceCheck("Patient/does-not-exist", false))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void persistAtSystemLevelIs400() {
        Parameters in = at(AT);
        in.addParameter().setName("persist").setValue(new org.hl7.fhir.r4.model.BooleanType(true));
        assertThatThrownBy(() -> systemCheck(in))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("instance level");
    }

    @Test
    void evaluationTimeWithoutTimeOrTimezoneIs400() {
        assertThatThrownBy(() -> systemCheck(at("2026-06-15")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("evaluationTime");
    }

    @Test
    void badInputOverRawHttpIsA400OperationOutcomeWithoutInternals() throws Exception {
        String patient = storePatient("op-raw");
        assertBadRequest(
                "POST",
                "/$baclofen-check",
                """
                {"resourceType":"Parameters","parameter":[{"name":"evaluationTime","valueDateTime":"garbage"}]}""");
        assertBadRequest(
                "POST",
                "/$baclofen-check",
                """
                {"resourceType":"Parameters","parameter":[{"name":"data","valueString":"not a bundle"}]}""");
        assertBadRequest("POST", "/$baclofen-check", "{ this is not json");
        assertBadRequest("GET", "/" + patient + "/$baclofen-check?evaluationTime=yesterday", null);
        assertBadRequest("GET", "/" + patient + "/$baclofen-check?persist=true", null);

        HttpResponse<String> ok = send("GET", "/" + patient + "/$baclofen-check?evaluationTime=" + AT, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"type\":\"collection\"");
    }

    // ----------------------------------------------------------------------------------------- helpers

    private void assertBadRequest(String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path).isEqualTo(400);
        assertThat(response.body())
                .contains("\"resourceType\":\"OperationOutcome\"")
                .doesNotContain("Exception", "\tat ", "org.baclofencds");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.server.baseUrl() + path))
                .header("Accept", "application/fhir+json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/fhir+json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String storePatient(String id) {
        Patient p = new Patient();
        p.setId(id);
        p.setGender(AdministrativeGender.FEMALE);
        p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-03-02"));
        server.client.update().resource(p).execute();
        return "Patient/" + id;
    }

    /** Baclofen {@code mg} mg tablets, {@code timesPerDay} a day, authored the day before the check. */
    private static MedicationRequest tablets(String patient, int mg, int timesPerDay, String status) {
        MedicationRequest mr = new MedicationRequest();
        mr.setStatus(MedicationRequest.MedicationRequestStatus.fromCode(status));
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.setSubject(new Reference(patient));
        mr.setAuthoredOnElement(new DateTimeType(AUTHORED));
        mr.setMedication(new CodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding(KnowledgeUrls.RXNORM, "1292", "baclofen")));
        Dosage dosage = mr.addDosageInstruction();
        dosage.setRoute(new CodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding(KnowledgeUrls.SNOMED, "26643006", "Oral route")));
        dosage.addDoseAndRate()
                .setDose(new SimpleQuantity()
                        .setValue(mg)
                        .setUnit("mg")
                        .setSystem(KnowledgeUrls.UCUM)
                        .setCode("mg"));
        dosage.setTiming(new Timing()
                .setRepeat(new Timing.TimingRepeatComponent()
                        .setFrequency(timesPerDay)
                        .setPeriod(1)
                        .setPeriodUnit(Timing.UnitsOfTime.D)));
        return mr;
    }

    private static Parameters at(String time) {
        Parameters in = new Parameters();
        in.addParameter().setName("evaluationTime").setValue(new DateTimeType(time));
        return in;
    }

    private Bundle systemCheck(Parameters in) {
        return server.client
                .operation()
                .onServer()
                .named(BaclofenCheckOperationProvider.OPERATION)
                .withParameters(in)
                .returnResourceType(Bundle.class)
                .execute();
    }

    private Bundle instanceCheck(String patient, boolean persist) {
        Parameters in = at(AT);
        if (persist) {
            in.addParameter().setName("persist").setValue(new org.hl7.fhir.r4.model.BooleanType(true));
        }
        return server.client
                .operation()
                .onInstance(patient)
                .named(BaclofenCheckOperationProvider.OPERATION)
                .withParameters(in)
                .returnResourceType(Bundle.class)
                .execute();
    }

    private List<CommunicationRequest> activeAlerts(String patient) {
        Bundle b = server.client
                .search()
                .forResource(CommunicationRequest.class)
                .where(CommunicationRequest.SUBJECT.hasId(patient))
                .and(CommunicationRequest.STATUS.exactly().code("active"))
                .returnBundle(Bundle.class)
                .execute();
        return b.getEntry().stream()
                .map(e -> (CommunicationRequest) e.getResource())
                .toList();
    }

    private static List<String> codes(Bundle alerts) {
        return alerts.getEntry().stream()
                .map(e -> ((CommunicationRequest) e.getResource())
                        .getReasonCodeFirstRep()
                        .getCodingFirstRep()
                        .getCode())
                .sorted()
                .toList();
    }

    private static CommunicationRequest alert(Bundle alerts, String code) {
        return alerts.getEntry().stream()
                .map(e -> (CommunicationRequest) e.getResource())
                .filter(cr -> code.equals(
                        cr.getReasonCodeFirstRep().getCodingFirstRep().getCode()))
                .findFirst()
                .orElseThrow();
    }

    private static Set<String> identifiers(Bundle alerts) {
        Set<String> ids = new TreeSet<>();
        alerts.getEntry()
                .forEach(e -> ids.add(((CommunicationRequest) e.getResource())
                        .getIdentifierFirstRep()
                        .getValue()));
        return ids;
    }

    private static List<String> fullUrls(Bundle alerts) {
        return alerts.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getFullUrl)
                .sorted()
                .toList();
    }
}
