package org.baclofencds.rules;

import java.math.BigDecimal;

/** Renal-function bands of RULES.md "Renal function", in order of increasing impairment. */
public enum RenalBand {
    NORMAL("normal", null),
    MILD("mildly impaired", ClinicalThresholds.MILD_CEILING_MG),
    MODERATE("moderately impaired", ClinicalThresholds.MODERATE_CEILING_MG),
    SEVERE("severely impaired", null),
    END_STAGE("end-stage", null);

    private final String label;
    private final BigDecimal ceilingMg;

    RenalBand(String label, BigDecimal ceilingMg) {
        this.label = label;
        this.ceilingMg = ceilingMg;
    }

    public String label() {
        return label;
    }

    /** The oral daily-dose ceiling of the band, or null (normal: the age maximum; severe, end-stage: avoid). */
    public BigDecimal ceilingMg() {
        return ceilingMg;
    }

    public boolean atLeast(RenalBand other) {
        return compareTo(other) >= 0;
    }

    /** Band for a creatinine clearance in mL/min: >80 normal, 50–80 mild, 30–<50 moderate, 15–<30 severe. */
    public static RenalBand forCreatinineClearance(BigDecimal crcl) {
        if (crcl.compareTo(ClinicalThresholds.CRCL_NORMAL_ABOVE) > 0) {
            return NORMAL;
        }
        if (crcl.compareTo(ClinicalThresholds.CRCL_MILD_FROM) >= 0) {
            return MILD;
        }
        if (crcl.compareTo(ClinicalThresholds.CRCL_MODERATE_FROM) >= 0) {
            return MODERATE;
        }
        return crcl.compareTo(ClinicalThresholds.END_STAGE_BELOW) >= 0 ? SEVERE : END_STAGE;
    }

    /** Band for an eGFR in mL/min/1.73 m²: ≥90 normal, 60–89 mild, 30–59 moderate, 15–29 severe, <15. */
    public static RenalBand forEgfr(BigDecimal egfr) {
        if (egfr.compareTo(ClinicalThresholds.EGFR_NORMAL_FROM) >= 0) {
            return NORMAL;
        }
        if (egfr.compareTo(ClinicalThresholds.EGFR_MILD_FROM) >= 0) {
            return MILD;
        }
        if (egfr.compareTo(ClinicalThresholds.EGFR_MODERATE_FROM) >= 0) {
            return MODERATE;
        }
        return egfr.compareTo(ClinicalThresholds.END_STAGE_BELOW) >= 0 ? SEVERE : END_STAGE;
    }
}
