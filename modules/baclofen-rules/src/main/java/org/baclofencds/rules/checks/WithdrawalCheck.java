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
                    && b.order().stopped()
                    && b.computable()
                    && b.dose().value().compareTo(ClinicalThresholds.WITHDRAWAL_THRESHOLD_MG) > 0 // POL
                    && b.order().stopDate() != null
                    && b.order()
                            .stopDate()
                            .notBeforeDaysBefore(e.evaluationTime(), ClinicalThresholds.DISCONTINUATION_DAYS)) {
                stopped.add(b);
            }
        }
        if (stopped.isEmpty()) {
            return List.of();
        }
        StringBuilder what = new StringBuilder();
        for (BaclofenOrder b : stopped) {
            what.append(what.length() == 0 ? "" : "; ")
                    .append(Texts.dose(b))
                    .append(", ")
                    .append(b.order().request().getStatus().toCode())
                    .append(" (stop date ")
                    .append(b.order().stopDate())
                    .append(')');
        }
        String detail = "Oral baclofen above 15 mg/day was stopped in the last 30 days and no baclofen order is"
                + " current: " + what + ". Abrupt withdrawal can cause hallucinations, seizures, high fever,"
                + " confusion, rebound spasticity and muscle rigidity, rarely rhabdomyolysis and death. Unless a"
                + " serious adverse reaction requires it, restart and taper gradually over about 1–2 weeks."
                + " (Threshold 15 mg/day and 30-day window: POL.)";
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
