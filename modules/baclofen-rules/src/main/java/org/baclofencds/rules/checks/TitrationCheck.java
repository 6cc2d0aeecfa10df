package org.baclofencds.rules.checks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Numbers;
import org.baclofencds.rules.Source;

/**
 * {@code titration-too-fast}: a recent current oral order raises the daily dose over the previous
 * baclofen order by more than 15 mg/day per full 3 days between them (one step always allowed).
 */
public final class TitrationCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<Finding> out = new ArrayList<>();
        for (BaclofenOrder b : e.currentOral()) {
            if (!b.computable() || !e.recent(b.order())) {
                continue;
            }
            BaclofenOrder previous = e.previousOral(b);
            if (previous == null || !previous.computable()) {
                continue;
            }
            BigDecimal increase = b.dose().value().subtract(previous.dose().value());
            long days = b.order().authored().fullDaysSince(previous.order().authored());
            long steps = Math.max(1, days / ClinicalThresholds.TITRATION_STEP_DAYS); // TAB-DM-B4F2; POL
            BigDecimal allowed = ClinicalThresholds.TITRATION_STEP_MG.multiply(BigDecimal.valueOf(steps));
            if (increase.compareTo(allowed) <= 0) {
                continue;
            }
            String summary = "Baclofen raised by " + Texts.mg(increase) + " in " + days + (days == 1 ? " day" : " days")
                    + "; allowed " + Texts.mg(allowed);
            String detail = "The new order " + Texts.dose(b) + " follows " + Texts.dose(previous) + " authored on "
                    + previous.order().authored() + ", " + days + (days == 1 ? " full day" : " full days")
                    + " earlier: an increase of "
                    + Texts.mg(increase) + ". The labelled titration is +15 mg/day every 3 days, so at most "
                    + Texts.mg(allowed) + " (" + steps + " step" + (steps == 1 ? "" : "s") + " of "
                    + Numbers.format(ClinicalThresholds.TITRATION_STEP_MG) + " mg/day) is expected. Increase more"
                    + " slowly.";
            out.add(new Finding(
                    AlertCodes.TITRATION_TOO_FAST,
                    e.defaultSeverity(AlertCodes.TITRATION_TOO_FAST),
                    List.of(b.order(), previous.order()),
                    List.of(),
                    summary,
                    detail,
                    List.of(Source.TAB_DM_B4F2, Source.OZOBAX_DI),
                    true));
        }
        return out;
    }
}
