package org.baclofencds.server.provider;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import java.util.List;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.r4.model.MedicationKnowledge;

/** The baclofen products (API.md §2), read-only. */
public final class MedicationKnowledgeResourceProvider extends KnowledgeResourceProvider<MedicationKnowledge> {

    public MedicationKnowledgeResourceProvider(Knowledge knowledge) {
        super(knowledge, MedicationKnowledge.class, "MedicationKnowledge");
    }

    @Search
    public List<MedicationKnowledge> search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = MedicationKnowledge.SP_CODE) TokenAndListParam code,
            @OptionalParam(name = MedicationKnowledge.SP_DOSEFORM) TokenAndListParam doseForm,
            @OptionalParam(name = MedicationKnowledge.SP_INGREDIENT_CODE) TokenAndListParam ingredientCode,
            @OptionalParam(name = MedicationKnowledge.SP_CLASSIFICATION) TokenAndListParam classification,
            @OptionalParam(name = MedicationKnowledge.SP_STATUS) TokenAndListParam status) {
        return search(SearchCriteria.builder()
                .where("_id", id)
                .where("code", code)
                .where("doseform", doseForm)
                .where("ingredient-code", ingredientCode)
                .where("classification", classification)
                .where("status", status)
                .build());
    }
}
