package org.baclofencds.server.provider;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.UriAndListParam;
import java.util.List;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.server.store.SearchCriteria;
import org.hl7.fhir.r4.model.CodeSystem;

/** The published CodeSystems, read-only. */
public final class CodeSystemResourceProvider extends KnowledgeResourceProvider<CodeSystem> {

    public CodeSystemResourceProvider(Knowledge knowledge) {
        super(knowledge, CodeSystem.class, "CodeSystem");
    }

    @Search
    public List<CodeSystem> search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = CodeSystem.SP_URL) UriAndListParam url,
            @OptionalParam(name = CodeSystem.SP_NAME) StringAndListParam name) {
        return search(SearchCriteria.builder()
                .where("_id", id)
                .where("url", url)
                .where("name", name)
                .build());
    }
}
