package org.baclofencds.rules.checks;

import java.util.List;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;

/** {@code pediatric-use}: current oral baclofen under 12 years (US labels: not established). */
public final class PediatricCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> oral = e.currentOral();
        Integer age = e.age();
        if (oral.isEmpty() || age == null || age >= ClinicalThresholds.ADULT_AGE_YEARS) {
            return List.of();
        }
        String detail = "The patient is " + age + " years old and has current oral baclofen ("
                + Texts.orders(Texts.of(oral)) + "). US labels: safety and effectiveness below "
                + ClinicalThresholds.ADULT_AGE_YEARS + " years are not established. If it is used, this service checks"
                + " the total against " + Texts.mg(ClinicalThresholds.MAX_DAILY_MG_UNDER_8) + " under "
                + ClinicalThresholds.CHILD_AGE_YEARS + " years and " + Texts.mg(ClinicalThresholds.MAX_DAILY_MG_8_TO_11)
                + " from " + ClinicalThresholds.CHILD_AGE_YEARS + " years (local policy taken from non-US labelling)."
                + " Confirm the indication and the dose with a paediatric specialist.";
        return List.of(new Finding(
                AlertCodes.PEDIATRIC_USE,
                e.defaultSeverity(AlertCodes.PEDIATRIC_USE),
                Texts.of(oral),
                List.of(),
                "Oral baclofen at age " + age + ": not established under " + ClinicalThresholds.ADULT_AGE_YEARS
                        + " years in US labels",
                detail,
                List.of(Source.LYVISPAH_PEDIATRIC, Source.LOCAL_POLICY),
                false));
    }
}
