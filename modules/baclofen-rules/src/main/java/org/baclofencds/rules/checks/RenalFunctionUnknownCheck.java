package org.baclofencds.rules.checks;

import java.util.ArrayList;
import java.util.List;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.RenalFunction;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Resource;

/**
 * {@code renal-function-unknown}: current baclofen, age 65 or more or chronic kidney disease, and no usable
 * renal-function result (clearance, Cockcroft–Gault or eGFR) in the last 365 days. Results that exist but
 * cannot be used are named with why; the text then never says that no result exists.
 */
public final class RenalFunctionUnknownCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> current = e.currentBaclofen();
        RenalFunction renal = e.renal();
        // A result is a lab value: an end-stage or dialysis condition alone still leaves the values unknown.
        if (current.isEmpty() || renal.anyResult()) {
            return List.of();
        }
        List<Condition> ckd = e.activeConditions(KnowledgeUrls.VS_CHRONIC_KIDNEY_DISEASE);
        boolean older = e.age() != null && e.age() >= ClinicalThresholds.OLDER_ADULT_AGE_YEARS;
        if (!older && ckd.isEmpty()) {
            return List.of();
        }
        List<String> why = new ArrayList<>();
        if (older) {
            why.add("the patient is " + e.age());
        }
        if (!ckd.isEmpty()) {
            why.add("has chronic kidney disease (" + Texts.conditions(ckd) + ")");
        }
        int days = ClinicalThresholds.LAB_LOOKBACK_DAYS;
        String found = renal.notes().isEmpty()
                ? "There is no creatinine clearance, creatinine with weight, or eGFR result in the last " + days
                        + " days."
                : "Renal results in the last " + days + " days could not be used: " + String.join("; ", renal.notes())
                        + ".";
        String detail = "Current baclofen (" + Texts.orders(Texts.of(current)) + ") and " + String.join(" and ", why)
                + ". " + found + " Baclofen is excreted mostly unchanged by the kidney and needs lower doses when"
                + " renal function is impaired: obtain a creatinine with a current weight, or an eGFR. Age 65 and the "
                + days + "-day window are local policy.";
        List<Resource> evidence = new ArrayList<>(ckd);
        String summary = renal.notes().isEmpty()
                ? "No renal function result in the last " + days + " days for a patient on baclofen"
                : "Renal results for a patient on baclofen could not be used; renal function unknown";
        return List.of(new Finding(
                AlertCodes.RENAL_FUNCTION_UNKNOWN,
                e.defaultSeverity(AlertCodes.RENAL_FUNCTION_UNKNOWN),
                Texts.of(current),
                evidence,
                summary,
                detail,
                List.of(Source.TABLETS_RENAL, Source.VLAVONOU),
                false));
    }
}
