package org.baclofencds.rules;

import org.baclofencds.knowledge.KnowledgeUrls;

/** The drug classes the checks recognise, each with its published ValueSet (API.md §2, RULES.md). */
public enum DrugClass {
    BACLOFEN(KnowledgeUrls.VS_BACLOFEN, "baclofen"),
    OPIOID(KnowledgeUrls.VS_OPIOIDS, "opioid"),
    BENZODIAZEPINE(KnowledgeUrls.VS_BENZODIAZEPINES, "benzodiazepine"),
    CNS_DEPRESSANT(KnowledgeUrls.VS_CNS_DEPRESSANTS, "CNS depressant"),
    TRICYCLIC(KnowledgeUrls.VS_TRICYCLICS, "tricyclic antidepressant"),
    NSAID(KnowledgeUrls.VS_NSAIDS, "NSAID"),
    LEVODOPA(KnowledgeUrls.VS_LEVODOPA, "levodopa"),
    LITHIUM(KnowledgeUrls.VS_LITHIUM, "lithium"),
    MAO_INHIBITOR(KnowledgeUrls.VS_MAO_INHIBITORS, "MAO inhibitor");

    private final String valueSetUrl;
    private final String label;

    DrugClass(String valueSetUrl, String label) {
        this.valueSetUrl = valueSetUrl;
        this.label = label;
    }

    public String valueSetUrl() {
        return valueSetUrl;
    }

    public String label() {
        return label;
    }
}
