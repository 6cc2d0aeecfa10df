package org.baclofencds.rules.checks;

import java.math.BigDecimal;
import java.util.List;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Numbers;
import org.baclofencds.rules.Source;

/** {@code intrathecal-dose-high}: current intrathecal daily dose above 1000 ug/day (GAB-MPR review threshold). */
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
        if (total.compareTo(ClinicalThresholds.INTRATHECAL_REVIEW_UG) <= 0) { // GAB-MPR
            return List.of();
        }
        String detail = "Current intrathecal baclofen totals " + Numbers.format(total) + " ug/day ("
                + Texts.doses(counted) + ")." + Texts.excluded(it)
                + " Usual maintenance is 300–800 ug/day (spinal origin) or 90–703 ug/day (cerebral origin);"
                + " experience above " + Numbers.format(ClinicalThresholds.INTRATHECAL_REVIEW_UG)
                + " ug/day is limited. Review the dose; a sudden need for large increases"
                + " suggests a catheter or pump problem.";
        return List.of(new Finding(
                AlertCodes.INTRATHECAL_DOSE_HIGH,
                e.defaultSeverity(AlertCodes.INTRATHECAL_DOSE_HIGH),
                Texts.of(counted),
                List.of(),
                "Intrathecal baclofen " + Numbers.format(total) + " ug/day is above "
                        + Numbers.format(ClinicalThresholds.INTRATHECAL_REVIEW_UG) + " ug/day",
                detail,
                List.of(Source.GAB_MPR),
                false));
    }
}
