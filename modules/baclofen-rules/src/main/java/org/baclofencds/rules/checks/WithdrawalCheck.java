package org.baclofencds.rules.checks;

import java.util.ArrayList;
import java.util.List;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Source;

/**
 * {@code abrupt-discontinuation}: an oral order above 15 mg/day stopped within the last 30 days (POL) and
 * no baclofen order current.
 */
public final class WithdrawalCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        if (!e.currentBaclofen().isEmpty()) {
            return List.of();
        }
        List<BaclofenOrder> stopped = new ArrayList<>();
        for (BaclofenOrder b : e.baclofenOrders()) {
            if (b.oral()
                    && b.computable()
                    && b.dose().value().compareTo(ClinicalThresholds.WITHDRAWAL_THRESHOLD_MG) > 0 // POL
                    && b.order().stoppedWithin(e.evaluationTime(), ClinicalThresholds.DISCONTINUATION_DAYS)) {
                stopped.add(b);
            }
        }
        if (stopped.isEmpty()) {
            return List.of();
        }
        String what = Texts.stopped(stopped, Texts::dose);
        String threshold = Texts.mg(ClinicalThresholds.WITHDRAWAL_THRESHOLD_MG);
        int days = ClinicalThresholds.DISCONTINUATION_DAYS;
        String detail = "Oral baclofen above " + threshold + " was stopped in the last " + days
                + " days and no baclofen order is current: " + what
                + ". Abrupt withdrawal can cause hallucinations, seizures, high fever,"
                + " confusion, rebound spasticity and muscle rigidity, rarely rhabdomyolysis and death. Unless a"
                + " serious adverse reaction requires it, restart and taper gradually over about 1–2 weeks."
                + " (Threshold " + threshold + " and " + days + "-day window: POL.)";
        return List.of(new Finding(
                AlertCodes.ABRUPT_DISCONTINUATION,
                e.defaultSeverity(AlertCodes.ABRUPT_DISCONTINUATION),
                Texts.of(stopped),
                List.of(),
                "Oral baclofen stopped without a current order: taper to avoid withdrawal",
                detail,
                List.of(Source.OZOBAX_DI, Source.TAB_DDI_CHK, Source.MIMS_SG_DOSE),
                false));
    }
}
