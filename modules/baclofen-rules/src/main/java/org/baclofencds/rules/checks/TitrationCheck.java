package org.baclofencds.rules.checks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;

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
            long steps = Math.max(1, days / ClinicalThresholds.TITRATION_STEP_DAYS);
            BigDecimal allowed = ClinicalThresholds.TITRATION_STEP_MG.multiply(BigDecimal.valueOf(steps));
            if (increase.compareTo(allowed) <= 0) {
                continue;
            }
            String summary = "Baclofen raised by " + Texts.mg(increase) + " in " + Texts.plural(days, "day")
                    + "; at most " + Texts.mg(allowed) + " expected";
            String detail = "New order: " + Texts.dose(b) + ". Previous order, written "
                    + Texts.date(previous.order().authored(), e) + ": " + Texts.dose(previous) + ". Increase "
                    + Texts.mg(increase) + " over " + Texts.plural(days, "full day") + ". The label titrates by "
                    + Texts.mg(ClinicalThresholds.TITRATION_STEP_MG) + " every "
                    + ClinicalThresholds.TITRATION_STEP_DAYS
                    + " days, so at most " + Texts.mg(allowed) + " is expected here (one step is always allowed:"
                    + " local policy). Increase more slowly.";
            out.add(new Finding(
                    AlertCodes.TITRATION_TOO_FAST,
                    e.defaultSeverity(AlertCodes.TITRATION_TOO_FAST),
                    List.of(b.order(), previous.order()),
                    List.of(),
                    summary,
                    detail,
                    List.of(Source.TABLETS_DOSING, Source.OZOBAX_DOSING),
                    false));
        }
        return out;
    }
}
