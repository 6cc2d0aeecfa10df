package org.baclofencds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.nio.file.Files;
import java.nio.file.Path;
import org.baclofencds.knowledge.FhirPackageWriter;
import org.baclofencds.knowledge.Software;
import org.baclofencds.testehr.launcher.JpaEhr;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The knowledge package ({@code modules/baclofen-knowledge/target/package.tgz}, as {@code mvn package} leaves it)
 * installed at start-up by a real HAPI FHIR JPA server 8.8.0's package installer, the way the starter's
 * {@code hapi.fhir.implementationguides} does it: the conformance resources are then served by that server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirPackageInJpaServerTest {

    private static final Path PACKAGE = Path.of("..", "baclofen-knowledge", "target", "package.tgz")
            .toAbsolutePath()
            .normalize();
    private static final String IG = "hapi.fhir.implementationguides.baclofen.";

    private JpaEhr ehr;
    private IGenericClient client;

    @BeforeAll
    void start() {
        assertThat(PACKAGE).as("built by the baclofen-knowledge module").exists();
        ehr = JpaEhr.start(JpaEhr.Options.defaults()
                .withProperty(IG + "name", FhirPackageWriter.PACKAGE_NAME)
                .withProperty(IG + "version", Software.current().releaseVersion())
                .withProperty(IG + "packageUrl", PACKAGE.toUri().toString())
                .withProperty(IG + "installMode", "STORE_AND_INSTALL")
                .withProperty(IG + "fetchDependencies", "false")
                .withProperty(IG + "installResourceTypes", "CodeSystem,ValueSet,OperationDefinition"));
        FhirContext ctx = FhirContext.forR4Cached();
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = ctx.newRestfulGenericClient(ehr.baseUrl());
    }

    @AfterAll
    void stop() {
        if (ehr != null) {
            ehr.close();
        }
    }

    @Test
    void theJpaServerServesTheAlertCodeSystemTheValueSetsAndTheOperationDefinitionFromThePackage() throws Exception {
        Bundle codeSystems = client.search()
                .byUrl("CodeSystem?url=http://baclofen-cds.org/fhir/CodeSystem/baclofen-alert")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(codeSystems.getEntry()).hasSize(1);
        CodeSystem alerts = (CodeSystem) codeSystems.getEntryFirstRep().getResource();
        assertThat(alerts.getConcept()).hasSize(26);

        long published;
        try (var files =
                Files.list(Path.of(System.getProperty("baclofen.fhir-resources.dir", "../../fhir-resources")))) {
            published = files.filter(p -> p.getFileName().toString().startsWith("ValueSet-"))
                    .count();
        }
        Bundle valueSets = client.search()
                .byUrl("ValueSet?url:below=http://baclofen-cds.org/fhir/ValueSet/&_summary=count")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(valueSets.getTotal()).isEqualTo((int) published);

        Bundle operations = client.search()
                .byUrl("OperationDefinition?url=http://baclofen-cds.org/fhir/OperationDefinition/baclofen-check")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(operations.getEntry()).hasSize(1);
        assertThat(((OperationDefinition) operations.getEntryFirstRep().getResource()).getCode())
                .isEqualTo("baclofen-check");
    }
}
