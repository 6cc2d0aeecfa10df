package org.baclofencds.rules;

import java.math.BigDecimal;

/**
 * Every clinical number the checks use, each beside the source that backs it (the keys of the knowledge
 * module's {@code Source} table; docs/clinical-policy.md). POL marks this service's own policy choice, which
 * alert texts call "local policy".
 */
public final class ClinicalThresholds {
    private ClinicalThresholds() {}

    // Oral maximum daily dose by age.
    /** mg/day, 12 years and older. TAB-DM-B4F2 */
    public static final BigDecimal MAX_DAILY_MG_ADULT = new BigDecimal("80");
    /** mg/day, 8 to 11 years. POL (RXR-PED: non-US labelling, not confirmed in a regulator text) */
    public static final BigDecimal MAX_DAILY_MG_8_TO_11 = new BigDecimal("60");
    /** mg/day, under 8 years. POL (RXR-PED: non-US labelling, not confirmed in a regulator text) */
    public static final BigDecimal MAX_DAILY_MG_UNDER_8 = new BigDecimal("40");
    /** Age (years) from which the adult maximum applies and below which US use is not established. TAB-DM-B4F2; LYV-RXLIST */
    public static final int ADULT_AGE_YEARS = 12;
    /** Age (years) from which the 60 mg/day paediatric maximum applies. RXR-PED */
    public static final int CHILD_AGE_YEARS = 8;

    // Starting dose and titration.
    /** mg/day: 5 mg three times daily. TAB-DM-B4F2 */
    public static final BigDecimal STARTING_DAILY_MG = new BigDecimal("15");
    /** mg/day added per titration step. TAB-DM-B4F2 */
    public static final BigDecimal TITRATION_STEP_MG = new BigDecimal("15");
    /** days per titration step. TAB-DM-B4F2 */
    public static final int TITRATION_STEP_DAYS = 3;

    // Windows (days). All POL.
    /** "recent" order: authored within this many days before the evaluation. POL */
    public static final int RECENT_DAYS = 14;
    /** "new start": no other baclofen order authored this many days before. POL */
    public static final int NEW_START_LOOKBACK_DAYS = 30;
    /** discontinuation alerts look back this many days for a stop. POL */
    public static final int DISCONTINUATION_DAYS = 30;
    /** oral stop above this daily dose (mg/day) is a withdrawal risk (above the starting dose). POL */
    public static final BigDecimal WITHDRAWAL_THRESHOLD_MG = new BigDecimal("15");
    /** renal results, weight, alcohol and breastfeeding status count within this many days. POL */
    public static final int LAB_LOOKBACK_DAYS = 365;
    /** a dialysis procedure within this many days puts the patient in the end-stage band. POL */
    public static final int DIALYSIS_LOOKBACK_DAYS = 90;
    /** pregnancy status counts within this many days. POL */
    public static final int PREGNANCY_LOOKBACK_DAYS = 300;

    // Renal function (policy built from VLAVONOU, AJKD-2017, MUANDA-2019, RXR-PREC).
    /** CrCl mL/min above which function is normal. VLAVONOU */
    public static final BigDecimal CRCL_NORMAL_ABOVE = new BigDecimal("80");
    /** CrCl mL/min from which (inclusive) impairment is mild. VLAVONOU; boundary POL */
    public static final BigDecimal CRCL_MILD_FROM = new BigDecimal("50");
    /** CrCl mL/min from which (inclusive) impairment is moderate. VLAVONOU; boundary POL */
    public static final BigDecimal CRCL_MODERATE_FROM = new BigDecimal("30");
    /** CrCl or eGFR below this is end-stage. POL (CKD stage 5 edge) */
    public static final BigDecimal END_STAGE_BELOW = new BigDecimal("15");
    /** eGFR from which (inclusive) function is normal. AJKD-2017; NEPHRONPOWER */
    public static final BigDecimal EGFR_NORMAL_FROM = new BigDecimal("90");
    /** eGFR from which (inclusive) impairment is mild. AJKD-2017; NEPHRONPOWER */
    public static final BigDecimal EGFR_MILD_FROM = new BigDecimal("60");
    /** eGFR from which (inclusive) impairment is moderate. AJKD-2017; NEPHRONPOWER */
    public static final BigDecimal EGFR_MODERATE_FROM = new BigDecimal("30");
    /** mg/day ceiling with mild impairment (a third less than 80). VLAVONOU; POL */
    public static final BigDecimal MILD_CEILING_MG = new BigDecimal("53");
    /** mg/day ceiling with moderate impairment (half of 80). VLAVONOU; POL */
    public static final BigDecimal MODERATE_CEILING_MG = new BigDecimal("40");
    /** mg/day: a new start at or above this with moderate impairment. MUANDA-2019 */
    public static final BigDecimal MODERATE_NEW_START_MG = new BigDecimal("20");
    /** Age (years) from which renal function must be known and NSAIDs escalate. POL (renal); RXR-PREC (NSAID) */
    public static final int OLDER_ADULT_AGE_YEARS = 65;

    // Cockcroft–Gault. FPNOTEBOOK-CRCL; GH-CG-CODE
    public static final BigDecimal CG_AGE_CONSTANT = new BigDecimal("140");
    public static final BigDecimal CG_DIVISOR = new BigDecimal("72");
    public static final BigDecimal CG_FEMALE_FACTOR = new BigDecimal("0.85");
    /** umol/L per mg/dL of creatinine. GH-CG-CODE */
    public static final BigDecimal CREATININE_UMOL_PER_MG_DL = new BigDecimal("88.4");

    // Plausibility bounds: values outside are data errors, not clinical thresholds. POL
    /** CrCl / eGFR, mL/min: (0, 300]. POL */
    public static final BigDecimal CLEARANCE_MAX = new BigDecimal("300");
    /** Serum creatinine mg/dL: [0.1, 30]. POL */
    public static final BigDecimal CREATININE_MG_DL_MIN = new BigDecimal("0.1");

    public static final BigDecimal CREATININE_MG_DL_MAX = new BigDecimal("30");
    /** Body weight kg: [0.5, 500]. POL */
    public static final BigDecimal WEIGHT_KG_MIN = new BigDecimal("0.5");

    public static final BigDecimal WEIGHT_KG_MAX = new BigDecimal("500");

    // Intrathecal.
    /** mcg/day above which an intrathecal dose is reviewed. POL (usual range: Lioresal IT label §2, GH-PROFILE) */
    public static final BigDecimal INTRATHECAL_REVIEW_UG = new BigDecimal("1000");
    /** mg per administration: oral below this, or intrathecal at or above it, is a route/dose mismatch. POL from LIO-AMP (IT in micrograms); a once-daily pump total is exempt */
    public static final BigDecimal ROUTE_MISMATCH_MG = BigDecimal.ONE;

    // Alcohol (within LAB_LOOKBACK_DAYS).
    /** AUDIT-C total, men. LOINC-75626-2 */
    public static final BigDecimal AUDIT_C_MEN = new BigDecimal("4");
    /** AUDIT-C total, women or sex unknown. LOINC-75626-2 */
    public static final BigDecimal AUDIT_C_WOMEN = new BigDecimal("3");
    /** AUDIT total. LOINC-75624-7 */
    public static final BigDecimal AUDIT = new BigDecimal("8");
    /** Drinks per day: any above zero. USCORE-74013 */
    public static final BigDecimal DRINKS_PER_DAY_ABOVE = BigDecimal.ZERO;

    public static final String LOINC_AUDIT_C = "75626-2";
    public static final String LOINC_AUDIT = "75624-7";
    public static final String LOINC_DRINKS_PER_DAY = "74013-4";
    /** Social history "History of alcohol use": counts when its answer says current heavy or harmful drinking. */
    public static final String LOINC_ALCOHOL_HISTORY = "11331-6";

    public static final String LOINC_MEASURED_CRCL = "2164-2";
    public static final String LOINC_CG_CRCL = "35591-7";
}
