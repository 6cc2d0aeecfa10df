package org.baclofencds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionEndToEndTest {

    private final FhirContext ctx = FhirContext.forR4Cached();
    private BaclofenServer server;
    private IGenericClient client;

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

    @Test
    void transactionRewritesUrnUuidReferencesToAssignedIds() {
        String mrn = "tx-" + UUID.randomUUID();
        Bundle tx = patientBundle(mrn, Bundle.BundleType.TRANSACTION);

        Bundle response = client.transaction().withBundle(tx).execute();

        assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(response.getEntry()).hasSize(4);
        assertThat(response.getEntry())
                .allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"))
                .allSatisfy(e -> assertThat(e.getResponse().getLocation()).contains("/_history/1"))
                .allSatisfy(e -> assertThat(e.getResponse().getEtag()).isEqualTo("W/\"1\""))
                .allSatisfy(e -> assertThat(e.getResponse().getLastModified()).isNotNull());
        String patientId = idOf(response.getEntry().get(0).getResponse().getLocation());
        String medicationId = idOf(response.getEntry().get(1).getResponse().getLocation());
        String orderId = idOf(response.getEntry().get(2).getResponse().getLocation());

        MedicationRequest order =
                client.read().resource(MedicationRequest.class).withId(orderId).execute();
        assertThat(order.getSubject().getReference()).isEqualTo("Patient/" + patientId);
        assertThat(order.getMedicationReference().getReference()).isEqualTo("Medication/" + medicationId);
        Bundle observations = client.search()
                .byUrl("Observation?patient=Patient/" + patientId)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(observations.getEntry()).hasSize(1);
        assertThat(((Observation) observations.getEntryFirstRep().getResource())
                        .getSubject()
                        .getReference())
                .isEqualTo("Patient/" + patientId);
    }

    @Test
    void failedTransactionLeavesNothingBehind() {
        String mrn = "fail-" + UUID.randomUUID();
        Bundle tx = patientBundle(mrn, Bundle.BundleType.TRANSACTION);
        // The second entry names a type its resource is not.
        tx.getEntry().get(1).getRequest().setUrl("Observation");

        assertThatThrownBy(() -> client.transaction().withBundle(tx).execute())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Bundle.entry[1]");
        assertThat(client.search()
                        .byUrl("Patient?identifier=urn:test:mrn|" + mrn)
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry())
                .isEmpty();
    }

    @Test
    void transactionFailingLateRollsBackEarlierWrites() {
        String mrn = "late-" + UUID.randomUUID();
        Bundle tx = patientBundle(mrn, Bundle.BundleType.TRANSACTION);
        // Processed last (GET after POST): the creates have been applied by then and must be undone.
        tx.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient/does-not-exist");

        assertThatThrownBy(() -> client.transaction().withBundle(tx).execute()).hasMessageContaining("Bundle.entry[4]");
        assertThat(client.search()
                        .byUrl("Patient?identifier=urn:test:mrn|" + mrn)
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry())
                .isEmpty();
        assertThat(client.search()
                        .byUrl("Medication?code=http://www.nlm.nih.gov/research/umls/rxnorm|" + mrn)
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry())
                .isEmpty();
    }

    @Test
    void batchProcessesEachEntryOnItsOwn() {
        String mrn = "batch-" + UUID.randomUUID();
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        Patient good = new Patient();
        good.addIdentifier().setSystem("urn:test:mrn").setValue(mrn);
        batch.addEntry().setResource(good).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
        // An Observation posted to the Patient endpoint (with content: HAPI's encoder drops empty resources).
        batch.addEntry()
                .setResource(new Observation().setStatus(Observation.ObservationStatus.FINAL))
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl("Patient");
        batch.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient?identifier=urn:test:mrn|" + mrn);

        Bundle response = client.transaction().withBundle(batch).execute();

        assertThat(response.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("201");
        assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("400");
        assertThat(response.getEntry().get(1).getResponse().getOutcome())
                .isInstanceOfSatisfying(
                        OperationOutcome.class,
                        oo -> assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("Observation"));
        assertThat(response.getEntry().get(2).getResponse().getStatus()).startsWith("200");
        Bundle found = (Bundle) response.getEntry().get(2).getResource();
        assertThat(found.getEntry()).hasSize(1);
    }

    @Test
    void conditionalCreateInTransactionReusesTheExistingResource() {
        String mrn = "cond-" + UUID.randomUUID();
        Bundle first = patientBundle(mrn, Bundle.BundleType.TRANSACTION);
        first.getEntry().get(0).getRequest().setIfNoneExist("identifier=urn:test:mrn|" + mrn);
        Bundle r1 = client.transaction().withBundle(first).execute();
        Bundle second = patientBundle(mrn, Bundle.BundleType.TRANSACTION);
        second.getEntry().get(0).getRequest().setIfNoneExist("identifier=urn:test:mrn|" + mrn);
        Bundle r2 = client.transaction().withBundle(second).execute();

        assertThat(r2.getEntry().get(0).getResponse().getStatus()).startsWith("200");
        assertThat(r2.getEntry().get(0).getResponse().getLocation())
                .isEqualTo(r1.getEntry().get(0).getResponse().getLocation());
        String patientId = idOf(r1.getEntry().get(0).getResponse().getLocation());
        String secondOrder = idOf(r2.getEntry().get(2).getResponse().getLocation());
        assertThat(client.read()
                        .resource(MedicationRequest.class)
                        .withId(secondOrder)
                        .execute()
                        .getSubject()
                        .getReference())
                .isEqualTo("Patient/" + patientId);
    }

    @Test
    void putDeleteAndGetEntriesRunInFhirOrder() {
        String id = "ordered-" + UUID.randomUUID().toString().substring(0, 8);
        Patient p = new Patient();
        p.setId(id);
        Bundle setup = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        setup.addEntry().setResource(p).getRequest().setMethod(HTTPVerb.PUT).setUrl("Patient/" + id);
        client.transaction().withBundle(setup).execute();

        // GET is listed first but runs last; DELETE is listed last but runs first.
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient?_id=" + id);
        Patient other = new Patient();
        other.setId(id + "-b");
        tx.addEntry().setResource(other).getRequest().setMethod(HTTPVerb.PUT).setUrl("Patient/" + id + "-b");
        tx.addEntry().getRequest().setMethod(HTTPVerb.DELETE).setUrl("Patient/" + id);

        Bundle response = client.transaction().withBundle(tx).execute();
        Bundle search = (Bundle) response.getEntry().get(0).getResource();
        assertThat(search.getEntry()).isEmpty();
        assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("201");
        assertThat(response.getEntry().get(2).getResponse().getStatus()).startsWith("204");
    }

    @TestFactory
    Stream<DynamicTest> everyExampleBundleLoadsAsATransaction() throws IOException {
        String dir = System.getProperty("baclofen.examples.dir");
        List<Path> files = dir == null || !Files.isDirectory(Path.of(dir))
                ? List.of()
                : Files.walk(Path.of(dir))
                        .filter(p -> p.toString().endsWith(".json"))
                        .sorted()
                        .toList();
        Stream<DynamicTest> examples = files.stream()
                .filter(TransactionEndToEndTest::isTransactionBundle)
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    Bundle bundle = ctx.newJsonParser().parseResource(Bundle.class, Files.readString(file));
                    Bundle response = client.transaction().withBundle(bundle).execute();
                    assertThat(response.getEntry()).hasSameSizeAs(bundle.getEntry());
                    assertThat(response.getEntry())
                            .allSatisfy(
                                    e -> assertThat(e.getResponse().getStatus()).startsWith("2"));
                }));
        // Our own bundle always runs, so the test means something before the examples exist.
        Stream<DynamicTest> own = Stream.of(DynamicTest.dynamicTest("built-in patient bundle", () -> {
            Bundle response = client.transaction()
                    .withBundle(patientBundle("own-" + UUID.randomUUID(), Bundle.BundleType.TRANSACTION))
                    .execute();
            assertThat(response.getEntry())
                    .allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
        }));
        return Stream.concat(own, examples);
    }

    private static boolean isTransactionBundle(Path file) {
        try {
            String text = Files.readString(file);
            return text.contains("\"resourceType\"") && text.contains("\"transaction\"");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Patient, Medication, MedicationRequest and Observation, linked by urn:uuid fullUrls. */
    static Bundle patientBundle(String mrn, Bundle.BundleType type) {
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        String medicationUrn = "urn:uuid:" + UUID.randomUUID();
        Bundle bundle = new Bundle().setType(type);

        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:test:mrn").setValue(mrn);
        bundle.addEntry()
                .setFullUrl(patientUrn)
                .setResource(patient)
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl("Patient");

        Medication medication = new Medication();
        medication.setCode(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", mrn, null)));
        bundle.addEntry()
                .setFullUrl(medicationUrn)
                .setResource(medication)
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl("Medication");

        MedicationRequest order = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setSubject(new Reference(patientUrn))
                .setMedication(new Reference(medicationUrn));
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(order)
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl("MedicationRequest");

        Observation egfr = FhirServerEndToEndTest.egfr("placeholder", "2024-01-10", 40);
        egfr.setSubject(new Reference(patientUrn));
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(egfr)
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl("Observation");
        return bundle;
    }

    private static String idOf(String location) {
        return new org.hl7.fhir.r4.model.IdType(location).getIdPart();
    }
}
