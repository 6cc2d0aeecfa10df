package org.baclofencds.rules.checks;

import java.math.BigDecimal;
import java.util.List;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;

/** {@code intrathecal-dose-high}: current intrathecal daily dose above 1000 mcg/day (local review threshold). */
public final class IntrathecalDoseCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> it = e.currentIntrathecal();
        List<BaclofenOrder> counted =
                it.stream().filter(BaclofenOrder::computable).toList();
        if (counted.isEmpty()) {
            return List.of();
        }
        BigDecimal total = Evaluation.total(counted);
        if (total.compareTo(ClinicalThresholds.INTRATHECAL_REVIEW_UG) <= 0) {
            return List.of();
        }
        String review = Texts.mcg(ClinicalThresholds.INTRATHECAL_REVIEW_UG);
        String detail = "Current intrathecal baclofen totals " + Texts.mcg(total) + ": " + Texts.doses(counted) + "."
                + Texts.excluded(it) + " Usual maintenance is 300–800 mcg/day for spinal-origin and 90–703 mcg/day"
                + " for cerebral-origin spasticity. Review the dose above " + review + " (local policy); a sudden"
                + " need for large increases suggests a pump or catheter problem.";
        return List.of(new Finding(
                AlertCodes.INTRATHECAL_DOSE_HIGH,
                e.defaultSeverity(AlertCodes.INTRATHECAL_DOSE_HIGH),
                Texts.of(counted),
                List.of(),
                "Intrathecal baclofen " + Texts.mcg(total) + " is above the " + review + " review threshold",
                detail,
                List.of(Source.LIORESAL_IT_DOSING, Source.LOCAL_POLICY),
                false));
    }
}
