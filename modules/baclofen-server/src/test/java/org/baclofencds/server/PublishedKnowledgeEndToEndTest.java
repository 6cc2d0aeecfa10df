package org.baclofencds.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.MedicationKnowledge;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The knowledge of {@code fhir-resources/}, as the released server serves it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishedKnowledgeEndToEndTest {

    private final FhirContext ctx = FhirContext.forR4Cached();
    private Knowledge knowledge;
    private BaclofenServer server;
    private IGenericClient client;

    @BeforeAll
    void start() {
        knowledge = Knowledge.loadFromClasspath(ctx);
        server = BaclofenServer.start(
                ServerConfig.defaults().withPort(0), ctx, knowledge, new InMemoryPatientDataSource(ctx));
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = ctx.newRestfulGenericClient(server.baseUrl());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Test
    void rxNormCodeSearchFindsTheTenMilligramTablet() {
        Bundle result = client.search()
                .byUrl("MedicationKnowledge?code=http://www.nlm.nih.gov/research/umls/rxnorm|197391")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(result.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly("baclofen-oral-tablet-10mg");
    }

    @Test
    void everyProductIsServedAndClassifiedUnderAtcBaclofen() {
        Bundle all = client.search()
                .forResource(MedicationKnowledge.class)
                .where(MedicationKnowledge.CLASSIFICATION.exactly().systemAndCode(KnowledgeUrls.ATC, "M03BX01"))
                .count(100)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(all.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactlyInAnyOrderElementsOf(
                        knowledge.products().stream().map(p -> p.id()).toList());
    }

    @Test
    void everyValueSetIsFoundByItsCanonicalUrl() {
        for (String url : knowledge.valueSetUrls()) {
            Bundle found = client.search()
                    .forResource(ValueSet.class)
                    .where(ValueSet.URL.matches().value(url))
                    .returnBundle(Bundle.class)
                    .execute();
            assertThat(found.getEntry()).as(url).hasSize(1);
            assertThat(((ValueSet) found.getEntryFirstRep().getResource()).getUrl())
                    .isEqualTo(url);
        }
    }

    @Test
    void alertCodeSystemDeviceAndOperationDefinitionAreReadable() {
        CodeSystem alerts = client.read()
                .resource(CodeSystem.class)
                .withId("baclofen-alert")
                .execute();
        assertThat(alerts.getUrl()).isEqualTo(KnowledgeUrls.ALERT_CODE_SYSTEM);
        assertThat(alerts.getConcept())
                .extracting(CodeSystem.ConceptDefinitionComponent::getCode)
                .contains("max-daily-dose", "interaction-opioid");
        assertThat(client.read().resource(Device.class).withId("baclofen-cds").execute())
                .isNotNull();
        OperationDefinition od = client.read()
                .resource(OperationDefinition.class)
                .withId("baclofen-check")
                .execute();
        assertThat(od.getCode()).isEqualTo("baclofen-check");
    }
}
