package org.baclofencds.rules.checks;

import java.util.List;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Source;

/** {@code pediatric-use}: current oral baclofen under 12 years (US labels: not established). */
public final class PediatricCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> oral = e.currentOral();
        Integer age = e.age();
        if (oral.isEmpty() || age == null || age >= ClinicalThresholds.ADULT_AGE_YEARS) { // LYV-RXLIST
            return List.of();
        }
        String detail = "The patient is " + age + " years old and has current oral baclofen ("
                + Texts.orders(Texts.of(oral)) + "). US labels: safety and effectiveness not established under "
                + ClinicalThresholds.ADULT_AGE_YEARS + " years. Non-US labelling (off-label in the US): start about"
                + " 0.3 mg/kg/day in 2–4 doses, usual 0.75–2 mg/kg/day, maximum "
                + Texts.mg(ClinicalThresholds.MAX_DAILY_MG_UNDER_8) + " under " + ClinicalThresholds.CHILD_AGE_YEARS
                + " years and " + Texts.mg(ClinicalThresholds.MAX_DAILY_MG_8_TO_11) + " from "
                + ClinicalThresholds.CHILD_AGE_YEARS + " years.";
        return List.of(new Finding(
                AlertCodes.PEDIATRIC_USE,
                e.defaultSeverity(AlertCodes.PEDIATRIC_USE),
                Texts.of(oral),
                List.of(),
                "Oral baclofen under " + ClinicalThresholds.ADULT_AGE_YEARS + " years: not established in US labels",
                detail,
                List.of(Source.LYV_RXLIST, Source.RXR_PED),
                false));
    }
}
