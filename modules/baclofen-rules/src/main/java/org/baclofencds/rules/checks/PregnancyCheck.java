package org.baclofencds.rules.checks;

import java.util.ArrayList;
import java.util.List;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Observations;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * {@code pregnancy}: current baclofen and the latest pregnancy status within 300 days (local policy) is
 * pregnant, or an active pregnancy condition.
 */
public final class PregnancyCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> baclofen = e.currentBaclofen();
        if (baclofen.isEmpty()) {
            return List.of();
        }
        List<Resource> evidence = new ArrayList<>();
        List<String> found = new ArrayList<>();
        List<Observation> statuses =
                e.observations(KnowledgeUrls.VS_PREGNANCY_STATUS, ClinicalThresholds.PREGNANCY_LOOKBACK_DAYS);
        if (!statuses.isEmpty()) {
            Observation latest = statuses.get(0);
            if (latest.hasValueCodeableConcept()
                    && e.vocabulary().has(KnowledgeUrls.VS_PREGNANT_ANSWERS, latest.getValueCodeableConcept())) {
                evidence.add(latest);
                found.add("pregnancy status pregnant on " + Texts.date(Observations.when(latest), e));
            }
        }
        List<Condition> conditions = e.activeConditions(KnowledgeUrls.VS_PREGNANCY_CONDITIONS);
        if (!conditions.isEmpty()) {
            evidence.addAll(conditions);
            found.add("active " + Texts.conditions(conditions));
        }
        if (found.isEmpty()) {
            return List.of();
        }
        String detail = "Current baclofen (" + Texts.orders(Texts.of(baclofen)) + ") in pregnancy: "
                + String.join("; ", found) + ". Human data are insufficient; late-onset withdrawal has been reported"
                + " in newborns exposed in the womb. Do not stop abruptly: decide with the specialist whether to"
                + " continue, reduce gradually, and watch the newborn. Status results count for "
                + ClinicalThresholds.PREGNANCY_LOOKBACK_DAYS + " days (local policy).";
        return List.of(new Finding(
                AlertCodes.PREGNANCY,
                e.defaultSeverity(AlertCodes.PREGNANCY),
                Texts.of(baclofen),
                evidence,
                "Baclofen in pregnancy: risk of withdrawal in the newborn; do not stop abruptly",
                detail,
                List.of(Source.LYVISPAH_PREGNANCY, Source.SUSPENSION_PREGNANCY),
                false));
    }
}
