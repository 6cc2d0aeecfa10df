package org.baclofencds.server.provider;

import org.baclofencds.knowledge.Knowledge;
import org.hl7.fhir.r4.model.OperationDefinition;

/** The published OperationDefinition, read-only. */
public final class OperationDefinitionResourceProvider extends KnowledgeResourceProvider<OperationDefinition> {

    public OperationDefinitionResourceProvider(Knowledge knowledge) {
        super(knowledge, OperationDefinition.class, "OperationDefinition");
    }
}
