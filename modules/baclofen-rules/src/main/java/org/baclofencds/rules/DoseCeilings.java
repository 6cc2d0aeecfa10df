package org.baclofencds.rules;

import java.math.BigDecimal;

/** The daily ceiling a dose alert names, so a corrected order can be computed without analysing again. */
final class DoseCeilings {
    private DoseCeilings() {}

    /** The ceiling of an alert with this code, or null when it is not a dose ceiling an order can be lowered to. */
    static Alert.DoseCeiling of(String code, Evaluation e) {
        BigDecimal ageMax = ageMaximum(e.age());
        if (AlertCodes.MAX_DAILY_DOSE.equals(code)) {
            return new Alert.DoseCeiling(ageMax, true);
        }
        if (AlertCodes.STARTING_DOSE.equals(code)) {
            return new Alert.DoseCeiling(ClinicalThresholds.STARTING_DAILY_MG, false); // TAB-DM-B4F2
        }
        if (AlertCodes.RENAL_DOSE_ADJUSTMENT.equals(code) && e.renal().known()) {
            RenalBand band = e.renal().band();
            if (band == RenalBand.MILD || band == RenalBand.MODERATE) {
                return new Alert.DoseCeiling(band.ceilingMg().min(ageMax), true); // VLAVONOU; POL
            }
        }
        return null;
    }

    private static BigDecimal ageMaximum(Integer age) {
        if (age == null || age >= ClinicalThresholds.ADULT_AGE_YEARS) {
            return ClinicalThresholds.MAX_DAILY_MG_ADULT; // TAB-DM-B4F2
        }
        return age >= ClinicalThresholds.CHILD_AGE_YEARS
                ? ClinicalThresholds.MAX_DAILY_MG_8_TO_11 // RXR-PED
                : ClinicalThresholds.MAX_DAILY_MG_UNDER_8; // RXR-PED
    }
}
