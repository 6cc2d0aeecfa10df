package org.baclofencds.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleLoaderTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private final InMemoryPatientDataSource store = new InMemoryPatientDataSource(CTX);
    private final BundleLoader loader = new BundleLoader(CTX, store);

    @TempDir
    Path dir;

    @Test
    void loadsTransactionCollectionAndSingleResourceFilesFromADirectory() throws Exception {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient p = new Patient();
        tx.addEntry()
                .setFullUrl("urn:uuid:11111111-1111-1111-1111-111111111111")
                .setResource(p)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        MedicationRequest order = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setSubject(new Reference("urn:uuid:11111111-1111-1111-1111-111111111111"));
        tx.addEntry()
                .setResource(order)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("MedicationRequest");
        write("a/tx.json", tx);

        Bundle collection = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient withId = new Patient();
        withId.setId("coll-1");
        collection
                .addEntry()
                .setFullUrl("urn:uuid:22222222-2222-2222-2222-222222222222")
                .setResource(withId);
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().setText("x");
        o.setSubject(new Reference("urn:uuid:22222222-2222-2222-2222-222222222222"));
        collection.addEntry().setResource(o);
        write("b/collection.json", collection);

        Patient single = new Patient();
        single.setId("single-1");
        write("c/single.json", single);
        Files.writeString(dir.resolve("c/expected-alerts.json"), "{\"alerts\": [\"max-daily-dose\"]}");
        Files.writeString(dir.resolve("c/notes.txt"), "not json");

        BundleLoader.LoadResult result = loader.load(List.of(dir));

        assertThat(result.files()).hasSize(3);
        assertThat(result.skipped())
                .extracting(f -> f.getFileName().toString())
                .containsExactly("expected-alerts.json");
        assertThat(result.resourcesByType())
                .containsEntry("Patient", 3)
                .containsEntry("MedicationRequest", 1)
                .containsEntry("Observation", 1);
        assertThat(result.resourceCount()).isEqualTo(5);
        String patientId = store.search(MedicationRequest.class, SearchCriteria.ALL)
                .get(0)
                .getSubject()
                .getReference();
        assertThat(patientId).startsWith("Patient/");
        assertThat(store.read(
                                Observation.class,
                                store.search(Observation.class, SearchCriteria.ALL)
                                        .get(0)
                                        .getIdElement()
                                        .getIdPart())
                        .getSubject()
                        .getReference())
                .isEqualTo("Patient/coll-1");
        assertThat(store.read(Patient.class, "single-1")).isNotNull();
    }

    @Test
    void loadingTwiceUpdatesResourcesWithIdsInsteadOfDuplicating() throws Exception {
        Patient single = new Patient();
        single.setId("twice");
        Path file = write("twice.json", single);
        loader.load(List.of(file));
        loader.load(List.of(file));
        assertThat(store.search(Patient.class, SearchCriteria.ALL)).hasSize(1);
        // Same content: the second load changes nothing, not even the version.
        assertThat(store.read(Patient.class, "twice").getMeta().getVersionId()).isEqualTo("1");
    }

    @Test
    void unparseableFileFailsNamingTheFile() throws Exception {
        Path bad = dir.resolve("broken.json");
        Files.writeString(bad, "{\"resourceType\": \"Patient\", \"gender\": ");
        assertThatThrownBy(() -> loader.load(List.of(bad)))
                .isInstanceOf(BundleLoader.LoadException.class)
                .hasMessageContaining("broken.json");
    }

    @Test
    void rejectedTransactionFailsNamingFileAndEntryAndLeavesNothing() throws Exception {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        // Resources with some content: HAPI's encoder leaves out an empty one.
        tx.addEntry()
                .setResource(new Patient().setActive(true))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        tx.addEntry()
                .setResource(new Patient().setActive(true))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation");
        Path file = write("rejected.json", tx);

        assertThatThrownBy(() -> loader.load(List.of(file)))
                .isInstanceOf(BundleLoader.LoadException.class)
                .hasMessageContaining("rejected.json")
                .hasMessageContaining("Bundle.entry[1]");
        assertThat(store.search(Patient.class, SearchCriteria.ALL)).isEmpty();
    }

    @Test
    void loadsTheWholeExamplesDirectoryWhenThereIsOne() throws Exception {
        String examples = System.getProperty("baclofen.examples.dir");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                examples != null && Files.isDirectory(Path.of(examples)), "no examples directory in this checkout");
        List<Path> fhirFiles;
        try (var walk = Files.walk(Path.of(examples))) {
            fhirFiles = walk.filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> {
                        try {
                            String text = Files.readString(f);
                            return text.contains("\"resourceType\"")
                                    && !text.contains("\"hookInstance\"")
                                    && !text.startsWith("{\n  \"resourceType\": \"Parameters\"");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }

        BundleLoader.LoadResult result = loader.load(List.of(Path.of(examples)));

        assertThat(result.files()).hasSameSizeAs(fhirFiles);
        assertThat(result.resourcesByType()).containsKeys("Patient", "MedicationRequest");
        assertThat(store.search(Patient.class, SearchCriteria.ALL)).hasSizeGreaterThanOrEqualTo(fhirFiles.size());
    }

    @Test
    void missingPathFailsClearly() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> loader.load(List.of(missing)))
                .isInstanceOf(BundleLoader.LoadException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void batchWithAFailingEntryFailsNamingTheEntry() throws Exception {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Patient/unknown");
        Path file = write("batch.json", batch);
        assertThatThrownBy(() -> loader.load(List.of(file)))
                .isInstanceOf(BundleLoader.LoadException.class)
                .hasMessageContaining("batch.json")
                .hasMessageContaining("Bundle.entry[0]")
                .hasMessageContaining("404");
    }

    private Path write(String name, org.hl7.fhir.instance.model.api.IBaseResource resource) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, CTX.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource));
        return file;
    }
}
