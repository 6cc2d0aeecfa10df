package org.baclofencds.rules;

import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the record says about renal function (RULES.md "Renal function").
 *
 * @param band the band, null when nothing usable was found
 * @param measure which measure decided: "measured creatinine clearance", "Cockcroft–Gault creatinine
 *     clearance", "eGFR", or "condition" when only an end-stage/dialysis condition did
 * @param value the value used, null for a condition alone
 * @param description the measure, value, unit, date and derivation, for the alert detail
 * @param evidence the Observations and Conditions used
 * @param anyResult true when a plausible renal-function result (clearance, creatinine or eGFR) lies
 *     within the look-back window, even if no band could be derived from it
 * @param notes values that were ignored, and why
 */
public record RenalFunction(
        RenalBand band,
        String measure,
        BigDecimal value,
        String description,
        List<Resource> evidence,
        boolean anyResult,
        List<String> notes) {

    public RenalFunction {
        evidence = List.copyOf(evidence);
        notes = List.copyOf(notes);
    }

    public boolean known() {
        return band != null;
    }

    /** Moderate impairment or worse (CrCl &lt; 50, eGFR &lt; 60, end-stage condition). */
    public boolean moderateOrWorse() {
        return band != null && band.atLeast(RenalBand.MODERATE);
    }
}
