package org.baclofencds.rules.checks;

import java.util.List;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.Conditions;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Source;
import org.hl7.fhir.r4.model.Condition;

/** {@code condition-*}: current baclofen and an active condition it may worsen (LYV-ISI). */
public final class ConditionCheck implements Check {
    private final String code;
    private final String valueSetUrl;
    private final String what;
    private final String advice;

    ConditionCheck(String code, String valueSetUrl, String what, String advice) {
        this.code = code;
        this.valueSetUrl = valueSetUrl;
        this.what = what;
        this.advice = advice;
    }

    static List<Check> all() {
        return List.of(
                new ConditionCheck(
                        AlertCodes.CONDITION_SEIZURE_DISORDER,
                        KnowledgeUrls.VS_SEIZURE_DISORDERS,
                        "epilepsy or a seizure disorder",
                        "Baclofen may worsen seizure control: monitor the clinical state (and EEG)."),
                new ConditionCheck(
                        AlertCodes.CONDITION_PSYCHIATRIC,
                        KnowledgeUrls.VS_PSYCHIATRIC,
                        "a psychotic disorder, schizophrenia or a confusional state",
                        "Baclofen may exacerbate it: use with caution and monitor mental status."));
    }

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> baclofen = e.currentBaclofen();
        if (baclofen.isEmpty()) {
            return List.of();
        }
        List<Condition> conditions = e.activeConditions(valueSetUrl);
        if (conditions.isEmpty()) {
            return List.of();
        }
        StringBuilder names = new StringBuilder();
        for (Condition c : conditions) {
            names.append(names.length() == 0 ? "" : ", ").append(Conditions.name(c));
        }
        String detail = "Current baclofen: " + Texts.orders(Texts.of(baclofen)) + ". Active " + what + ": " + names
                + ". " + advice;
        return List.of(new Finding(
                code,
                e.defaultSeverity(code),
                Texts.of(baclofen),
                List.copyOf(conditions),
                "Baclofen with " + what,
                detail,
                List.of(Source.LYV_ISI),
                false));
    }
}
