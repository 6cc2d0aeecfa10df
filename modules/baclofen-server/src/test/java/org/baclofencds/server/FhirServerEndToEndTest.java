package org.baclofencds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationKnowledge;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirServerEndToEndTest {

    private final FhirContext ctx = FhirContext.forR4Cached();
    private BaclofenServer server;
    private IGenericClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        server = BaclofenServer.start(
                ServerConfig.defaults().withPort(0), ctx, TestKnowledge.build(), new InMemoryPatientDataSource(ctx));
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = ctx.newRestfulGenericClient(server.baseUrl());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    // ------------------------------------------------------------------------------ health, metadata

    @Test
    void healthAnswersUpAsJson() throws Exception {
        HttpResponse<String> response = get(server.localRootUrl() + "/health", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void capabilityStatementNamesBaclofenCdsItsVersionAndPublisher() {
        CapabilityStatement cs =
                client.capabilities().ofType(CapabilityStatement.class).execute();
        String version = org.baclofencds.knowledge.Software.current().version();
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(cs.getSoftware().getName()).isEqualTo("baclofen-cds");
        assertThat(cs.getSoftware().getVersion()).isEqualTo(version);
        assertThat(cs.getImplementation().getDescription()).startsWith("baclofen-cds " + version);
        assertThat(cs.getPublisher()).isEqualTo("baclofen-cds project");
    }

    @Test
    void capabilityStatementListsEveryResourceWithItsSearchParameters() {
        CapabilityStatement cs =
                client.capabilities().ofType(CapabilityStatement.class).execute();
        var rest = cs.getRestFirstRep();
        assertThat(rest.getResource())
                .extracting(CapabilityStatementRestResourceComponent::getType)
                .contains(
                        "MedicationKnowledge",
                        "ValueSet",
                        "CodeSystem",
                        "OperationDefinition",
                        "Device",
                        "Patient",
                        "Practitioner",
                        "Medication",
                        "MedicationRequest",
                        "Observation",
                        "Condition",
                        "Procedure",
                        "CommunicationRequest");
        assertThat(searchParams(cs, "MedicationKnowledge"))
                .contains("code", "doseform", "ingredient-code", "classification", "status", "_id");
        assertThat(searchParams(cs, "Observation"))
                .contains("patient", "subject", "code", "category", "date", "status", "identifier");
        assertThat(searchParams(cs, "CommunicationRequest"))
                .contains("patient", "subject", "status", "category", "identifier", "authored", "group-identifier");
        assertThat(searchParams(cs, "MedicationRequest"))
                .contains("patient", "subject", "status", "code", "intent", "authoredon", "identifier");
        assertThat(searchParams(cs, "Condition"))
                .contains("patient", "subject", "code", "clinical-status", "category", "identifier");
        assertThat(searchParams(cs, "ValueSet")).contains("url", "name");
        assertThat(interactions(cs, "Patient")).contains("read", "vread", "create", "update", "delete", "search-type");
        assertThat(interactions(cs, "MedicationKnowledge"))
                .contains("read", "search-type")
                .doesNotContain("create", "update", "delete");
        assertThat(rest.getInteraction()).extracting(i -> i.getCode().toCode()).contains("transaction", "batch");
    }

    private static List<String> searchParams(CapabilityStatement cs, String type) {
        return cs.getRestFirstRep().getResource().stream()
                .filter(r -> type.equals(r.getType()))
                .flatMap(r -> r.getSearchParam().stream())
                .map(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName)
                .toList();
    }

    private static List<String> interactions(CapabilityStatement cs, String type) {
        return cs.getRestFirstRep().getResource().stream()
                .filter(r -> type.equals(r.getType()))
                .flatMap(r -> r.getInteraction().stream())
                .map(i -> i.getCode().toCode())
                .toList();
    }

    // ------------------------------------------------------------------------------ knowledge

    @Test
    void medicationKnowledgeSearchByRxNormSystemAndCodeFindsTheTenMgTablet() {
        Bundle result = client.search()
                .forResource(MedicationKnowledge.class)
                .where(MedicationKnowledge.CODE
                        .exactly()
                        .systemAndCode(KnowledgeUrls.RXNORM, TestKnowledge.RXNORM_10MG_TABLET))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(result.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly("baclofen-oral-tablet-10mg");
    }

    @Test
    void medicationKnowledgeTokenSearchAcceptsCodeAloneAndRejectsWrongSystem() throws Exception {
        assertThat(searchIds("MedicationKnowledge?code=" + TestKnowledge.RXNORM_20MG_TABLET))
                .containsExactly("baclofen-oral-tablet-20mg");
        assertThat(searchIds("MedicationKnowledge?code=http://snomed.info/sct|" + TestKnowledge.RXNORM_20MG_TABLET))
                .isEmpty();
        assertThat(searchIds("MedicationKnowledge?code=|" + TestKnowledge.RXNORM_20MG_TABLET))
                .isEmpty();
        assertThat(searchIds("MedicationKnowledge?classification=http://www.whocc.no/atc|M03BX01&status=active"))
                .containsExactlyInAnyOrder("baclofen-oral-tablet-10mg", "baclofen-oral-tablet-20mg");
        assertThat(searchIds(
                        "MedicationKnowledge?ingredient-code=1292&doseform=421026006&_id=baclofen-oral-tablet-20mg"))
                .containsExactly("baclofen-oral-tablet-20mg");
    }

    @Test
    void knowledgeResourcesAreReadable() {
        assertThat(client.read()
                        .resource(MedicationKnowledge.class)
                        .withId("baclofen-oral-tablet-10mg")
                        .execute()
                        .getCode()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo(TestKnowledge.RXNORM_10MG_TABLET);
        assertThat(client.read()
                        .resource(CodeSystem.class)
                        .withId("baclofen-alert")
                        .execute()
                        .getUrl())
                .isEqualTo(KnowledgeUrls.ALERT_CODE_SYSTEM);
        assertThat(client.read()
                        .resource(Device.class)
                        .withId("baclofen-cds")
                        .execute()
                        .getIdElement()
                        .getIdPart())
                .isEqualTo("baclofen-cds");
        assertThat(client.read()
                        .resource(OperationDefinition.class)
                        .withId("baclofen-check")
                        .execute()
                        .getCode())
                .isEqualTo("baclofen-check");
        Bundle byUrl = client.search()
                .forResource(ValueSet.class)
                .where(ValueSet.URL.matches().value(KnowledgeUrls.VS_OPIOIDS))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(byUrl.getEntry()).hasSize(1);
        assertThatThrownBy(() -> client.read()
                        .resource(MedicationKnowledge.class)
                        .withId("nope")
                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void writesToKnowledgeAreRejectedWithAClientError() throws Exception {
        String body = "{\"resourceType\":\"ValueSet\",\"status\":\"draft\"}";
        HttpResponse<String> post = send("POST", server.baseUrl() + "/ValueSet", body);
        assertThat(post.statusCode()).isBetween(400, 499);
        assertThat(post.body()).contains("OperationOutcome");
        HttpResponse<String> put = send(
                "PUT",
                server.baseUrl() + "/MedicationKnowledge/baclofen-oral-tablet-10mg",
                "{\"resourceType\":\"MedicationKnowledge\",\"id\":\"baclofen-oral-tablet-10mg\"}");
        assertThat(put.statusCode()).isBetween(400, 499);
        HttpResponse<String> delete = send("DELETE", server.baseUrl() + "/Device/baclofen-cds", null);
        assertThat(delete.statusCode()).isBetween(400, 499);
        assertThat(client.read().resource(Device.class).withId("baclofen-cds").execute())
                .isNotNull();
    }

    // ------------------------------------------------------------------------------ CRUD and versions

    @Test
    void createUpdateVreadDeleteKeepVersions() {
        Patient patient = new Patient();
        patient.addName().setFamily("Versioned").addGiven("Vera");
        MethodOutcome created = client.create().resource(patient).execute();
        assertThat(created.getCreated()).isTrue();
        IdType id = (IdType) created.getId();
        assertThat(id.getVersionIdPart()).isEqualTo("1");
        assertThat(id.getValue()).contains("/_history/1");

        Patient read =
                client.read().resource(Patient.class).withId(id.getIdPart()).execute();
        assertThat(read.getMeta().getVersionId()).isEqualTo("1");
        assertThat(read.getMeta().getLastUpdated()).isNotNull();

        read.getNameFirstRep().setFamily("Renamed");
        MethodOutcome updated = client.update().resource(read).execute();
        assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");

        Patient v1 = client.read()
                .resource(Patient.class)
                .withIdAndVersion(id.getIdPart(), "1")
                .execute();
        assertThat(v1.getNameFirstRep().getFamily()).isEqualTo("Versioned");
        Patient current =
                client.read().resource(Patient.class).withId(id.getIdPart()).execute();
        assertThat(current.getNameFirstRep().getFamily()).isEqualTo("Renamed");

        client.delete().resourceById(new IdType("Patient", id.getIdPart())).execute();
        assertThatThrownBy(() -> client.read()
                        .resource(Patient.class)
                        .withId(id.getIdPart())
                        .execute())
                .isInstanceOf(ResourceGoneException.class);
        assertThatThrownBy(() -> client.read()
                        .resource(Patient.class)
                        .withId("never-existed")
                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void createAnswers201WithVersionedLocation() throws Exception {
        HttpResponse<String> response =
                send("POST", server.baseUrl() + "/Patient", "{\"resourceType\":\"Patient\",\"gender\":\"female\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).matches(".*/fhir/Patient/[A-Za-z0-9\\-.]+/_history/1"));
        assertThat(response.headers().firstValue("ETag")).hasValue("W/\"1\"");
    }

    @Test
    void ifNoneExistCreatesOnlyOnce() throws Exception {
        String mrn = UUID.randomUUID().toString();
        String body =
                "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:mrn\",\"value\":\"" + mrn + "\"}]}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/Patient"))
                .header("Content-Type", "application/fhir+json")
                .header("If-None-Exist", "identifier=urn:mrn|" + mrn)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> first = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(searchIds("Patient?identifier=urn:mrn|" + mrn)).hasSize(1);
    }

    @Test
    void putWithClientIdCreatesThen200Updates() throws Exception {
        String url = server.baseUrl() + "/Patient/client-chosen-1";
        String body = "{\"resourceType\":\"Patient\",\"id\":\"client-chosen-1\",\"gender\":\"male\"}";
        assertThat(send("PUT", url, body).statusCode()).isEqualTo(201);
        HttpResponse<String> second = send("PUT", url, body.replace("male", "female"));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("ETag")).hasValue("W/\"2\"");
    }

    @Test
    void secondUpdateOfTheSameVersionIsRejected() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:test").setValue("conflict-" + UUID.randomUUID());
        IdType id = (IdType) client.create().resource(patient).execute().getId();

        IGenericClient first = ctx.newRestfulGenericClient(server.baseUrl());
        IGenericClient second = ctx.newRestfulGenericClient(server.baseUrl());
        Patient a = first.read().resource(Patient.class).withId(id.getIdPart()).execute();
        Patient b = second.read().resource(Patient.class).withId(id.getIdPart()).execute();

        a.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        assertThat(first.update()
                        .resource(a)
                        .withId(a.getIdElement())
                        .execute()
                        .getId()
                        .getVersionIdPart())
                .isEqualTo("2");
        b.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.MALE);
        assertThatThrownBy(() ->
                        second.update().resource(b).withId(b.getIdElement()).execute())
                .isInstanceOf(ResourceVersionConflictException.class);
        assertThat(client.read()
                        .resource(Patient.class)
                        .withId(id.getIdPart())
                        .execute()
                        .getGender()
                        .toCode())
                .isEqualTo("female");
    }

    @Test
    void deleteWithStaleIfMatchIsRejected() throws Exception {
        String url = server.baseUrl() + "/Patient/if-match-delete";
        send("PUT", url, "{\"resourceType\":\"Patient\",\"id\":\"if-match-delete\"}");
        send("PUT", url, "{\"resourceType\":\"Patient\",\"id\":\"if-match-delete\",\"active\":true}");
        HttpResponse<String> stale = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("If-Match", "W/\"1\"")
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(get(url, "application/fhir+json").statusCode()).isEqualTo(200);
    }

    @Test
    void concurrentVersionCheckedIncrementsLoseNothing() throws Exception {
        Observation counter = new Observation();
        counter.setStatus(Observation.ObservationStatus.PRELIMINARY);
        counter.getCode().setText("counter");
        counter.setValue(new org.hl7.fhir.r4.model.IntegerType(0));
        String id = client.create().resource(counter).execute().getId().getIdPart();

        int threads = 4;
        int incrementsEach = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    IGenericClient c = ctx.newRestfulGenericClient(server.baseUrl());
                    int conflicts = 0;
                    int done = 0;
                    while (done < incrementsEach) {
                        Observation o =
                                c.read().resource(Observation.class).withId(id).execute();
                        int value = ((org.hl7.fhir.r4.model.IntegerType) o.getValue()).getValue();
                        o.setValue(new org.hl7.fhir.r4.model.IntegerType(value + 1));
                        try {
                            c.update().resource(o).withId(o.getIdElement()).execute();
                            done++;
                        } catch (ResourceVersionConflictException e) {
                            conflicts++;
                        }
                    }
                    return conflicts;
                }));
            }
            for (Future<Integer> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Observation last = client.read().resource(Observation.class).withId(id).execute();
        assertThat(((org.hl7.fhir.r4.model.IntegerType) last.getValue()).getValue())
                .isEqualTo(threads * incrementsEach);
        assertThat(last.getMeta().getVersionId()).isEqualTo(Integer.toString(1 + threads * incrementsEach));
    }

    // ------------------------------------------------------------------------------ searches

    @Test
    void patientScopedSearchesFindOnlyThatPatientsData() throws Exception {
        String p1 = client.create().resource(new Patient()).execute().getId().getIdPart();
        String p2 = client.create().resource(new Patient()).execute().getId().getIdPart();
        client.create().resource(egfr(p1, "2024-01-10T08:00:00Z", 42)).execute();
        client.create().resource(egfr(p1, "2024-06-10T08:00:00Z", 38)).execute();
        client.create().resource(egfr(p2, "2024-03-10T08:00:00Z", 90)).execute();
        MedicationRequest order = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setSubject(new Reference("Patient/" + p1))
                .setMedication(
                        new CodeableConcept(new Coding(KnowledgeUrls.RXNORM, TestKnowledge.RXNORM_10MG_TABLET, null)));
        client.create().resource(order).execute();

        assertThat(searchIds("Observation?patient=Patient/" + p1)).hasSize(2);
        assertThat(searchIds("Observation?patient=" + p1)).hasSize(2);
        assertThat(searchIds("Observation?subject=Patient/" + p2)).hasSize(1);
        assertThat(searchIds("Observation?patient=" + p1 + "&code=http://loinc.org|62238-1&date=ge2024-05-01"))
                .hasSize(1);
        assertThat(searchIds("Observation?patient=" + p1 + "&date=lt2024-05-01"))
                .hasSize(1);
        assertThat(searchIds("Observation?patient=" + p1 + "&date=2024")).hasSize(2);
        assertThat(searchIds("MedicationRequest?patient=" + p1 + "&status=active&intent=order&code="
                        + KnowledgeUrls.RXNORM + "|" + TestKnowledge.RXNORM_10MG_TABLET))
                .hasSize(1);
        assertThat(searchIds("MedicationRequest?patient=" + p2)).isEmpty();

        Bundle newestFirst = client.search()
                .byUrl("Observation?patient=" + p1 + "&_sort=-date&_count=1")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(newestFirst.getEntry()).hasSize(1);
        assertThat(((Observation) newestFirst.getEntryFirstRep().getResource())
                        .getValueQuantity()
                        .getValue()
                        .intValue())
                .isEqualTo(38);
    }

    @Test
    void includeMedicationAddsTheReferencedMedicationsAsIncludeEntries() {
        String patientId =
                client.create().resource(new Patient()).execute().getId().getIdPart();
        org.hl7.fhir.r4.model.Medication medication = new org.hl7.fhir.r4.model.Medication();
        medication.setCode(
                new CodeableConcept(new Coding(KnowledgeUrls.RXNORM, TestKnowledge.RXNORM_20MG_TABLET, null)));
        String medicationId =
                client.create().resource(medication).execute().getId().getIdPart();
        MedicationRequest order = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setSubject(new Reference("Patient/" + patientId))
                .setMedication(new Reference("Medication/" + medicationId));
        client.create().resource(order).execute();

        Bundle bundle = client.search()
                .byUrl("MedicationRequest?patient=" + patientId + "&_include=MedicationRequest:medication")
                .returnBundle(Bundle.class)
                .execute();

        assertThat(bundle.getTotal()).isEqualTo(1);
        assertThat(bundle.getEntry())
                .extracting(e -> e.getResource().fhirType() + ":"
                        + e.getSearch().getMode().toCode())
                .containsExactlyInAnyOrder("MedicationRequest:match", "Medication:include");
        Bundle without = client.search()
                .byUrl("MedicationRequest?patient=" + patientId)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(without.getEntry()).hasSize(1);
    }

    @Test
    void searchResultsArePaged() {
        String family = "Paged" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 25; i++) {
            Patient p = new Patient();
            p.addName().setFamily(family);
            client.create().resource(p).execute();
        }
        Bundle first = client.search()
                .forResource(Patient.class)
                .where(Patient.NAME.matches().value(family))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(first.getEntry()).hasSize(20);
        assertThat(first.getTotal()).isEqualTo(25);
        Bundle second = client.loadPage().next(first).execute();
        assertThat(second.getEntry()).hasSize(5);
        Bundle small = client.search()
                .forResource(Patient.class)
                .where(Patient.NAME.matches().value(family))
                .count(10)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(small.getEntry()).hasSize(10);
    }

    // ------------------------------------------------------------------------------ helpers

    static Observation egfr(String patientId, String when, int value) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding(new Coding("http://loinc.org", "62238-1", "eGFR"));
        o.setSubject(new Reference("Patient/" + patientId));
        o.setEffective(new org.hl7.fhir.r4.model.DateTimeType(when));
        o.setValue(new org.hl7.fhir.r4.model.Quantity().setValue(value).setUnit("mL/min/{1.73_m2}"));
        return o;
    }

    private List<String> searchIds(String relativeUrl) {
        Bundle bundle =
                client.search().byUrl(relativeUrl).returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart())
                .toList();
    }

    private HttpResponse<String> get(String url, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", accept)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/fhir+json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static OperationOutcome outcome(FhirContext ctx, String body) {
        return ctx.newJsonParser().parseResource(OperationOutcome.class, body);
    }
}
