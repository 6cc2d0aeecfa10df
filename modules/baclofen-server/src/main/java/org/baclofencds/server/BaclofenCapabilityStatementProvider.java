package org.baclofencds.server;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ServerCapabilityStatementProvider;
import ca.uhn.fhir.util.FhirTerser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.Software;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.OperationDefinition;

/**
 * HAPI's generated CapabilityStatement, plus what HAPI leaves out: {@code batch} (our transaction method
 * takes batches too), and the published OperationDefinitions. HAPI owns {@code GET OperationDefinition/{id}}
 * for the definitions it generates, so the published ones are served from here, first.
 */
final class BaclofenCapabilityStatementProvider extends ServerCapabilityStatementProvider {

    private final Map<String, OperationDefinition> published = new LinkedHashMap<>();

    BaclofenCapabilityStatementProvider(RestfulServer server, Knowledge knowledge) {
        super(server);
        for (IBaseResource r : knowledge.resources()) {
            if (r instanceof OperationDefinition od) {
                published.put(od.getIdElement().getIdPart(), od);
            }
        }
    }

    // No annotation here: HAPI binds the annotated superclass method, and the call dispatches to this override.
    @Override
    public IBaseResource readOperationDefinition(IIdType id, RequestDetails request) {
        OperationDefinition od = id == null ? null : published.get(id.getIdPart());
        return od != null ? od.copy() : super.readOperationDefinition(id, request);
    }

    @Override
    protected void postProcessRest(FhirTerser terser, IBase rest) {
        super.postProcessRest(terser, rest);
        if (rest instanceof CapabilityStatementRestComponent r) {
            boolean hasTransaction =
                    r.getInteraction().stream().anyMatch(i -> i.getCode() == SystemRestfulInteraction.TRANSACTION);
            boolean hasBatch = r.getInteraction().stream().anyMatch(i -> i.getCode() == SystemRestfulInteraction.BATCH);
            if (hasTransaction && !hasBatch) {
                r.addInteraction().setCode(SystemRestfulInteraction.BATCH);
            }
        }
    }

    @Override
    protected void postProcess(FhirTerser terser, IBaseConformance conformance) {
        super.postProcess(terser, conformance);
        if (!(conformance instanceof CapabilityStatement cs)) {
            return;
        }
        // HAPI names itself (RestServer, its own version) and "Not provided" as publisher; say who we are.
        Software software = Software.current();
        cs.setPublisher(software.publisher());
        cs.getSoftware().setName(software.name()).setVersion(software.version());
        cs.getImplementation()
                .setDescription(software.name() + " " + software.version()
                        + ": FHIR R4 medication-safety decision support for baclofen");
        // Point each operation at its published, canonical definition when there is one.
        for (OperationDefinition od : published.values()) {
            cs.getRest().forEach(rest -> {
                rest.getOperation().stream()
                        .filter(op -> od.getCode().equals(op.getName()))
                        .forEach(op -> op.setDefinition(od.getUrl()));
                rest.getResource().forEach(res -> res.getOperation().stream()
                        .filter(op -> od.getCode().equals(op.getName()))
                        .forEach(op -> op.setDefinition(od.getUrl())));
            });
        }
    }
}
