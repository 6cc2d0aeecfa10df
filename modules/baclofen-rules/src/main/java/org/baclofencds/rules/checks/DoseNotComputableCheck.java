package org.baclofencds.rules.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;

/** {@code dose-not-computable}: a current baclofen order whose daily dose cannot be computed; never guessed. */
public final class DoseNotComputableCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<Finding> out = new ArrayList<>();
        for (BaclofenOrder b : e.currentBaclofen()) {
            if (b.computable()) {
                continue;
            }
            String what = (Texts.order(b.order()) + " " + b.dose().explanation()).toLowerCase(Locale.ROOT);
            boolean tablet = what.contains("tablet") || what.contains(" tab");
            boolean liquid = !tablet
                    && (what.contains("ml")
                            || what.contains("solution")
                            || what.contains("suspension")
                            || what.contains("liquid"));
            String advice;
            List<Source> sources;
            if (b.intrathecal()) {
                advice = "Write the dose in mcg with how often, or the pump's daily total.";
                sources = List.of(Source.LIORESAL_IT_FORMS);
            } else if (liquid) {
                advice = "Write the dose in mg with how often; for a dose in mL, name the concentration (oral"
                        + " liquids come as 1, 2 and 5 mg/mL).";
                sources = List.of(Source.ISMP, Source.SUSPENSION_FORMS);
            } else {
                advice = "Write the dose in mg (or tablets of a named strength) with how often.";
                sources = List.of(Source.TABLETS_DOSING);
            }
            String detail = "The daily dose of " + Texts.order(b.order()) + " cannot be computed: "
                    + b.dose().explanation() + ". The maximum, starting-dose, titration and renal checks skip this"
                    + " order. " + advice;
            out.add(new Finding(
                    AlertCodes.DOSE_NOT_COMPUTABLE,
                    e.defaultSeverity(AlertCodes.DOSE_NOT_COMPUTABLE),
                    List.of(b.order()),
                    List.of(),
                    "Baclofen daily dose cannot be computed: dose checks skip this order",
                    detail,
                    sources,
                    false));
        }
        return out;
    }
}
