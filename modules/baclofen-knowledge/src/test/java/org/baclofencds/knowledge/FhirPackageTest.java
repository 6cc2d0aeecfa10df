package org.baclofencds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.hl7.fhir.utilities.npm.NpmPackage.PackageResourceInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code target/package.tgz}, as the build leaves it, read back with the FHIR core library's NPM package reader
 * (the one the IG publisher and validator use): its manifest, its index and every resource of fhir-resources/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirPackageTest {

    private static final Path BUILT = Path.of("target", "package.tgz");
    private final FhirContext ctx = FhirContext.forR4Cached();
    private Path resourcesDir;
    private List<Path> resourceFiles;
    private NpmPackage npm;

    @BeforeAll
    void read() throws IOException {
        resourcesDir = Path.of(System.getProperty("baclofen.fhir-resources.dir", "../../fhir-resources"));
        try (Stream<Path> list = Files.list(resourcesDir)) {
            resourceFiles = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        assertThat(BUILT).as("written by the build at process-classes").exists();
        try (InputStream in = Files.newInputStream(BUILT)) {
            npm = NpmPackage.fromPackage(in);
        }
    }

    @Test
    void theManifestNamesThePackageItsVersionAndR4() {
        assertThat(npm.name()).isEqualTo(FhirPackageWriter.PACKAGE_NAME);
        assertThat(NpmPackage.isValidName(npm.name())).isTrue();
        assertThat(npm.version()).isEqualTo(Software.current().releaseVersion());
        assertThat(Software.current().version()).startsWith(npm.version());
        assertThat(NpmPackage.isValidVersion(npm.version())).isTrue();
        assertThat(npm.fhirVersion()).isEqualTo("4.0.1");
        assertThat(npm.getNpm().getJsonArray("fhirVersions").asStrings()).containsExactly("4.0.1");
        assertThat(npm.canonical()).isEqualTo("http://baclofen-cds.org/fhir");
    }

    @Test
    void everyPublishedResourceIsInThePackageByteForByte() throws IOException {
        List<String> names =
                resourceFiles.stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).hasSizeGreaterThan(30);
        assertThat(npm.list("package"))
                .filteredOn(n -> !n.equals("package.json"))
                .containsExactlyInAnyOrderElementsOf(names);
        for (Path file : resourceFiles) {
            try (InputStream in = npm.load("package", file.getFileName().toString())) {
                assertThat(in.readAllBytes()).as(file.toString()).isEqualTo(Files.readAllBytes(file));
            }
        }
    }

    @Test
    void theIndexDescribesEachResourceAsItsContentSays() throws IOException {
        assertThat(npm.getFolders().get("package").hasFile(".index.json")).isTrue();
        List<PackageResourceInformation> indexed = npm.listIndexedResources(
                "MedicationKnowledge", "ValueSet", "CodeSystem", "OperationDefinition", "Device");
        assertThat(indexed).hasSize(resourceFiles.size());
        for (PackageResourceInformation info : indexed) {
            IBaseResource r = ctx.newJsonParser()
                    .parseResource(Files.readString(resourcesDir.resolve(
                            Path.of(info.getFilename()).getFileName().toString())));
            assertThat(info.getResourceType()).isEqualTo(ctx.getResourceType(r));
            assertThat(info.getId()).isEqualTo(r.getIdElement().getIdPart());
            if (r instanceof org.hl7.fhir.r4.model.MetadataResource m) {
                assertThat(info.getUrl()).as(info.getFilename()).isEqualTo(m.getUrl());
            }
        }
        assertThat(npm.loadByCanonical("http://baclofen-cds.org/fhir/CodeSystem/baclofen-alert"))
                .isNotNull();
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        byte[] first = FhirPackageWriter.bytes(ctx, resourcesDir, at);
        assertThat(FhirPackageWriter.bytes(ctx, resourcesDir, at)).isEqualTo(first);
        assertThat(new ByteArrayInputStream(first)).isNotEmpty();
    }
}
