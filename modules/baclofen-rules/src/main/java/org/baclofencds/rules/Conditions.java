package org.baclofencds.rules;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/** Which conditions count as present. */
public final class Conditions {
    private Conditions() {}

    /**
     * Active: clinicalStatus active, recurrence or relapse (absent counts when there is no abatement), and
     * not refuted or entered in error.
     */
    public static boolean active(Condition c) {
        if (c.hasVerificationStatus()) {
            for (Coding v : c.getVerificationStatus().getCoding()) {
                if ("refuted".equals(v.getCode()) || "entered-in-error".equals(v.getCode())) {
                    return false;
                }
            }
        }
        if (!c.hasClinicalStatus() || !c.getClinicalStatus().hasCoding()) {
            return !c.hasAbatement();
        }
        for (Coding s : c.getClinicalStatus().getCoding()) {
            String code = s.getCode();
            if ("active".equals(code) || "recurrence".equals(code) || "relapse".equals(code)) {
                return true;
            }
        }
        return false;
    }

    /** A human name: text, else a display, else the code. */
    public static String name(Condition c) {
        CodeableConcept cc = c.getCode();
        if (cc.hasText()) {
            return cc.getText();
        }
        for (Coding coding : cc.getCoding()) {
            if (coding.hasDisplay()) {
                return coding.getDisplay();
            }
        }
        for (Coding coding : cc.getCoding()) {
            if (coding.hasCode()) {
                return coding.getCode();
            }
        }
        return "uncoded condition";
    }
}
