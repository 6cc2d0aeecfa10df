package org.baclofencds.rules.checks;

import java.util.ArrayList;
import java.util.List;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Conditions;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Observations;
import org.baclofencds.rules.Source;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * {@code pregnancy}: current baclofen and the latest pregnancy status within 300 days (POL) is pregnant,
 * or an active pregnancy condition.
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
                found.add("pregnancy status (" + Observations.code(latest) + ") pregnant on "
                        + Observations.when(latest));
            }
        }
        for (Condition c : e.activeConditions(KnowledgeUrls.VS_PREGNANCY_CONDITIONS)) {
            evidence.add(c);
            found.add("active condition " + Conditions.name(c));
        }
        if (found.isEmpty()) {
            return List.of();
        }
        String detail = "Current baclofen: " + Texts.orders(Texts.of(baclofen)) + ". Pregnancy: "
                + String.join("; ", found) + ". No adequate human data; late-onset neonatal withdrawal has been"
                + " reported. Do not stop abruptly: with a specialist, reduce gradually and stop before delivery,"
                + " and monitor the newborn. Intrathecal therapy needs an individual specialist decision.";
        return List.of(new Finding(
                AlertCodes.PREGNANCY,
                e.defaultSeverity(AlertCodes.PREGNANCY),
                Texts.of(baclofen),
                evidence,
                "Baclofen in pregnancy: neonatal withdrawal risk; plan a taper",
                detail,
                List.of(Source.MEDLIB_8P2, Source.LYV_ISI),
                false));
    }
}
