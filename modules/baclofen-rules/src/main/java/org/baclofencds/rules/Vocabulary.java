package org.baclofencds.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** Value-set membership by code, and the name fallback by whole word, built once per engine. */
public final class Vocabulary {

    /** Every value set the checks read; the engine refuses knowledge that lacks one. */
    static final List<String> REQUIRED = List.of(
            KnowledgeUrls.VS_BACLOFEN,
            KnowledgeUrls.VS_OPIOIDS,
            KnowledgeUrls.VS_BENZODIAZEPINES,
            KnowledgeUrls.VS_CNS_DEPRESSANTS,
            KnowledgeUrls.VS_TRICYCLICS,
            KnowledgeUrls.VS_NSAIDS,
            KnowledgeUrls.VS_LEVODOPA,
            KnowledgeUrls.VS_LITHIUM,
            KnowledgeUrls.VS_MAO_INHIBITORS,
            KnowledgeUrls.VS_CREATININE_CLEARANCE,
            KnowledgeUrls.VS_SERUM_CREATININE_MASS,
            KnowledgeUrls.VS_SERUM_CREATININE_MOLAR,
            KnowledgeUrls.VS_EGFR,
            KnowledgeUrls.VS_BODY_WEIGHT,
            KnowledgeUrls.VS_PREGNANCY_STATUS,
            KnowledgeUrls.VS_PREGNANT_ANSWERS,
            KnowledgeUrls.VS_BREASTFEEDING_STATUS,
            KnowledgeUrls.VS_BREASTFEEDING_ANSWERS,
            KnowledgeUrls.VS_ALCOHOL_USE,
            KnowledgeUrls.VS_PREGNANCY_CONDITIONS,
            KnowledgeUrls.VS_ALCOHOL_USE_DISORDER,
            KnowledgeUrls.VS_SEIZURE_DISORDERS,
            KnowledgeUrls.VS_PSYCHIATRIC,
            KnowledgeUrls.VS_CHRONIC_KIDNEY_DISEASE,
            KnowledgeUrls.VS_END_STAGE_RENAL,
            KnowledgeUrls.VS_DIALYSIS_PROCEDURES,
            KnowledgeUrls.VS_ORAL_ROUTES,
            KnowledgeUrls.VS_INTRATHECAL_ROUTES);

    private final Knowledge knowledge;
    private final TextMatcher names;

    public Vocabulary(Knowledge knowledge) {
        this.knowledge = knowledge;
        Set<String> loaded = knowledge.valueSetUrls();
        Set<String> missing = new TreeSet<>();
        for (String url : REQUIRED) {
            if (!loaded.contains(url)) {
                missing.add(url);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The knowledge lacks value sets the checks need: " + missing);
        }
        Map<String, Set<String>> m = new HashMap<>();
        for (String url : REQUIRED) {
            m.put(url, knowledge.textNames(url));
        }
        this.names = new TextMatcher(m);
    }

    public Knowledge knowledge() {
        return knowledge;
    }

    public boolean has(String valueSetUrl, Coding coding) {
        return coding != null && coding.hasCode() && knowledge.inValueSet(valueSetUrl, coding);
    }

    public boolean has(String valueSetUrl, CodeableConcept concept) {
        return concept != null && knowledge.inValueSet(valueSetUrl, concept);
    }

    /** The value-set name found as a whole word in the text, or null. */
    public String nameIn(String valueSetUrl, String text) {
        return names.find(valueSetUrl, text);
    }

    /** Every value set (of those the checks read) one of whose names is found as a whole word in the text. */
    public Set<String> valueSetsNamedIn(String text) {
        return names.valueSetsNamedIn(text);
    }

    /** True when the concept's codes are in the value set or, failing that, its text names a member. */
    public boolean matches(String valueSetUrl, CodeableConcept concept) {
        if (concept == null) {
            return false;
        }
        if (has(valueSetUrl, concept)) {
            return true;
        }
        for (String text : texts(concept)) {
            if (nameIn(valueSetUrl, text) != null) {
                return true;
            }
        }
        return false;
    }

    static List<String> texts(CodeableConcept concept) {
        List<String> out = new ArrayList<>();
        if (concept.hasText()) {
            out.add(concept.getText());
        }
        for (Coding c : concept.getCoding()) {
            if (c.hasDisplay()) {
                out.add(c.getDisplay());
            }
        }
        return out;
    }
}
