package org.baclofencds.rules.checks;

import java.math.BigDecimal;
import java.util.List;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Source;

/** {@code max-daily-dose}: total current oral daily dose above the maximum for age. */
public final class MaxDailyDoseCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> oral = e.currentOral();
        List<BaclofenOrder> counted =
                oral.stream().filter(BaclofenOrder::computable).toList();
        if (counted.isEmpty()) {
            return List.of();
        }
        BigDecimal total = Evaluation.total(counted);
        Integer age = e.age();
        BigDecimal max;
        String population;
        Source source;
        if (age == null || age >= ClinicalThresholds.ADULT_AGE_YEARS) {
            max = ClinicalThresholds.MAX_DAILY_MG_ADULT; // TAB-DM-B4F2
            population = age == null
                    ? "adults and children from 12 years (age unknown, so the adult maximum is used)"
                    : "12 years and older";
            source = Source.TAB_DM_B4F2;
        } else if (age >= ClinicalThresholds.CHILD_AGE_YEARS) {
            max = ClinicalThresholds.MAX_DAILY_MG_8_TO_11; // RXR-PED
            population = "children aged 8 to 11 years (non-US labelling)";
            source = Source.RXR_PED;
        } else {
            max = ClinicalThresholds.MAX_DAILY_MG_UNDER_8; // RXR-PED
            population = "children under 8 years (non-US labelling)";
            source = Source.RXR_PED;
        }
        if (total.compareTo(max) <= 0) {
            return List.of();
        }
        String summary = "Baclofen " + Texts.mg(total) + " exceeds the maximum of " + Texts.mg(max) + " for age";
        String detail = "Total current oral baclofen daily dose is " + Texts.mg(total) + " (" + Texts.doses(counted)
                + "). The maximum for " + population + " is " + Texts.mg(max)
                + (max.equals(ClinicalThresholds.MAX_DAILY_MG_ADULT) ? " (20 mg four times daily)" : "") + "."
                + Texts.excluded(oral) + " Reduce the total to " + Texts.mg(max) + " or less.";
        return List.of(new Finding(
                AlertCodes.MAX_DAILY_DOSE,
                e.defaultSeverity(AlertCodes.MAX_DAILY_DOSE),
                Texts.of(counted),
                List.of(),
                summary,
                detail,
                List.of(source),
                false));
    }
}
