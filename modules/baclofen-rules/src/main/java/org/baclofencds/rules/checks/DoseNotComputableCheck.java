package org.baclofencds.rules.checks;

import java.util.ArrayList;
import java.util.List;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Source;

/** {@code dose-not-computable}: a current baclofen order whose daily dose cannot be computed; never guessed. */
public final class DoseNotComputableCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<Finding> out = new ArrayList<>();
        for (BaclofenOrder b : e.currentBaclofen()) {
            if (b.computable()) {
                continue;
            }
            String detail = "The daily dose of " + Texts.order(b.order()) + " cannot be computed: "
                    + b.dose().explanation() + ". The dose checks (maximum, starting dose, titration, renal"
                    + " ceiling) say nothing about this order. State the dose in mg (oral) or micrograms"
                    + " (intrathecal), or the product with its concentration, and the frequency; oral liquids come"
                    + " in 1, 2 and 5 mg/mL, so a dose in mL needs the concentration.";
            out.add(new Finding(
                    AlertCodes.DOSE_NOT_COMPUTABLE,
                    e.defaultSeverity(AlertCodes.DOSE_NOT_COMPUTABLE),
                    List.of(b.order()),
                    List.of(),
                    "Baclofen daily dose cannot be computed; dose checks skipped",
                    detail,
                    List.of(Source.DM_SUSP_4585, Source.ISMP),
                    true));
        }
        return out;
    }
}
