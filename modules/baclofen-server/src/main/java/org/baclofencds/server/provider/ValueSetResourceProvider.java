package org.baclofencds.server.provider;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.UriAndListParam;
import java.util.List;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.r4.model.ValueSet;

/** The published ValueSets, read-only. */
public final class ValueSetResourceProvider extends KnowledgeResourceProvider<ValueSet> {

    public ValueSetResourceProvider(Knowledge knowledge) {
        super(knowledge, ValueSet.class, "ValueSet");
    }

    @Search
    public List<ValueSet> search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = ValueSet.SP_URL) UriAndListParam url,
            @OptionalParam(name = ValueSet.SP_NAME) StringAndListParam name) {
        return search(SearchCriteria.builder()
                .where("_id", id)
                .where("url", url)
                .where("name", name)
                .build());
    }
}
