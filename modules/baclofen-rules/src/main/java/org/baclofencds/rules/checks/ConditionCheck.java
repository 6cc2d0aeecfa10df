package org.baclofencds.rules.checks;

import java.util.List;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.hl7.fhir.r4.model.Condition;

/** {@code condition-*}: current baclofen and an active condition it may worsen (US label warnings). */
public final class ConditionCheck implements Check {
    private final String code;
    private final String valueSetUrl;
    private final String what;
    private final String advice;
    private final List<Source> sources;

    ConditionCheck(String code, String valueSetUrl, String what, String advice, List<Source> sources) {
        this.code = code;
        this.valueSetUrl = valueSetUrl;
        this.what = what;
        this.advice = advice;
        this.sources = sources;
    }

    static List<Check> all() {
        return List.of(
                new ConditionCheck(
                        AlertCodes.CONDITION_SEIZURE_DISORDER,
                        KnowledgeUrls.VS_SEIZURE_DISORDERS,
                        "epilepsy or a seizure disorder",
                        "Baclofen may worsen seizure control: monitor the clinical state and, where indicated, the"
                                + " EEG.",
                        List.of(Source.TABLETS_EPILEPSY, Source.LYVISPAH_WARNINGS)),
                new ConditionCheck(
                        AlertCodes.CONDITION_PSYCHIATRIC,
                        KnowledgeUrls.VS_PSYCHIATRIC,
                        "a psychotic disorder, schizophrenia or a confusional state",
                        "Baclofen may worsen it: use with caution and monitor mental status.",
                        List.of(Source.LYVISPAH_WARNINGS)));
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
        String detail = "Current baclofen (" + Texts.orders(Texts.of(baclofen)) + ") with " + what + ": active "
                + Texts.conditions(conditions) + ". " + advice;
        return List.of(new Finding(
                code,
                e.defaultSeverity(code),
                Texts.of(baclofen),
                List.copyOf(conditions),
                "Baclofen with " + what,
                detail,
                sources,
                false));
    }
}
