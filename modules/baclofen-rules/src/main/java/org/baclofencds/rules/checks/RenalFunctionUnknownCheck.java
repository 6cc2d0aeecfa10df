package org.baclofencds.rules.checks;

import java.util.List;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.RenalFunction;
import org.baclofencds.rules.Source;
import org.hl7.fhir.r4.model.Condition;

/**
 * {@code renal-function-unknown}: current baclofen, age 65 or more or chronic kidney disease, and no
 * renal-function result (clearance, creatinine or eGFR) in the last 365 days.
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
        boolean older = e.age() != null && e.age() >= ClinicalThresholds.OLDER_ADULT_AGE_YEARS; // POL
        if (!older && ckd.isEmpty()) {
            return List.of();
        }
        String why = older ? "the patient is " + e.age() + " years old" : "";
        if (!ckd.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (Condition c : ckd) {
                names.append(names.length() == 0 ? "" : ", ").append(org.baclofencds.rules.Conditions.name(c));
            }
            why = (why.isEmpty() ? "" : why + " and ") + "has chronic kidney disease (" + names + ")";
        }
        String notes = renal.notes().isEmpty() ? "" : " Ignored: " + String.join("; ", renal.notes()) + ".";
        String detail = "Baclofen is excreted unchanged by the kidney and " + why
                + ", but there is no creatinine clearance, serum creatinine or eGFR result in the last "
                + ClinicalThresholds.LAB_LOOKBACK_DAYS + " days."
                + notes + " Order renal function before or while dosing: baclofen needs lower doses when renal"
                + " function is impaired.";
        return List.of(new Finding(
                AlertCodes.RENAL_FUNCTION_UNKNOWN,
                e.defaultSeverity(AlertCodes.RENAL_FUNCTION_UNKNOWN),
                Texts.of(current),
                List.copyOf(ckd),
                "No renal function in the last " + ClinicalThresholds.LAB_LOOKBACK_DAYS
                        + " days for a patient on baclofen",
                detail,
                List.of(Source.TAB_DDI_CHK, Source.VLAVONOU),
                true));
    }
}
