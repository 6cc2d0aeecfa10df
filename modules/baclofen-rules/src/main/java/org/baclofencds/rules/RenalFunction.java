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
 * @param anyResult true when a laboratory result (clearance, Cockcroft–Gault or eGFR) within the look-back
 *     window gave the band; false when only a condition or procedure did, or nothing did
 * @param notes values that were present but not used, and why, for the reader
 * @param cockcroftGault true when the band comes from a Cockcroft–Gault estimate
 */
public record RenalFunction(
        RenalBand band,
        String measure,
        BigDecimal value,
        String description,
        List<Resource> evidence,
        boolean anyResult,
        List<String> notes,
        boolean cockcroftGault) {

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
