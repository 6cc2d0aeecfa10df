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
        List<Source> sources;
        boolean policy;
        if (age == null || age >= ClinicalThresholds.ADULT_AGE_YEARS) {
            max = ClinicalThresholds.MAX_DAILY_MG_ADULT;
            population = age == null ? "adults (age unknown)" : "age 12 and over";
            sources = List.of(Source.TABLETS_DOSING);
            policy = false;
        } else {
            boolean older = age >= ClinicalThresholds.CHILD_AGE_YEARS;
            max = older ? ClinicalThresholds.MAX_DAILY_MG_8_TO_11 : ClinicalThresholds.MAX_DAILY_MG_UNDER_8;
            population = older ? "children aged 8 to 11" : "children under 8";
            sources = List.of(Source.LOCAL_POLICY, Source.LYVISPAH_PEDIATRIC);
            policy = true;
        }
        if (total.compareTo(max) <= 0) {
            return List.of();
        }
        String summary =
                "Baclofen " + Texts.mg(total) + " is above the " + Texts.mg(max) + " maximum for " + population;
        String limit = policy
                ? "The maximum used for " + population + " is " + Texts.mg(max) + " (local policy taken from non-US"
                        + " labelling; US labels set no dose under 12 years)."
                : "The labelled maximum is " + Texts.mg(max) + " (20 mg four times daily).";
        String detail = "Total oral baclofen " + Texts.mg(total) + ": " + Texts.doses(counted) + "."
                + Texts.excluded(oral) + " " + limit + " Reduce the total to " + Texts.mg(max) + " or less.";
        return List.of(new Finding(
                AlertCodes.MAX_DAILY_DOSE,
                e.defaultSeverity(AlertCodes.MAX_DAILY_DOSE),
                Texts.of(counted),
                List.of(),
                summary,
                detail,
                sources,
                policy));
    }
}
