package org.baclofencds.rules.checks;

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
import org.hl7.fhir.r4.model.Observation;

/** {@code breastfeeding}: current baclofen and the latest breastfeeding status within 365 days (local policy). */
public final class BreastfeedingCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> baclofen = e.currentBaclofen();
        if (baclofen.isEmpty()) {
            return List.of();
        }
        List<Observation> statuses =
                e.observations(KnowledgeUrls.VS_BREASTFEEDING_STATUS, ClinicalThresholds.LAB_LOOKBACK_DAYS);
        if (statuses.isEmpty()) {
            return List.of();
        }
        Observation latest = statuses.get(0);
        if (!latest.hasValueCodeableConcept()
                || !e.vocabulary().has(KnowledgeUrls.VS_BREASTFEEDING_ANSWERS, latest.getValueCodeableConcept())) {
            return List.of();
        }
        String detail = "Current baclofen (" + Texts.orders(Texts.of(baclofen)) + ") and breastfeeding, recorded on "
                + Texts.date(Observations.when(latest), e) + ". Baclofen passes into human milk; the infant can have"
                + " withdrawal when the mother's dosing or breastfeeding stops. Weigh benefits and risks with the"
                + " mother and watch the infant.";
        return List.of(new Finding(
                AlertCodes.BREASTFEEDING,
                e.defaultSeverity(AlertCodes.BREASTFEEDING),
                Texts.of(baclofen),
                List.of(latest),
                "Baclofen while breastfeeding: passes into milk; infant withdrawal possible",
                detail,
                List.of(Source.LYVISPAH_PREGNANCY, Source.SUSPENSION_PREGNANCY),
                false));
    }
}
