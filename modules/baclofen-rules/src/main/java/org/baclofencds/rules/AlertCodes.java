package org.baclofencds.rules;

import java.util.List;

/** The alert codes of API.md §4 (fixed names). */
public final class AlertCodes {
    private AlertCodes() {}

    public static final String MAX_DAILY_DOSE = "max-daily-dose";
    public static final String STARTING_DOSE = "starting-dose";
    public static final String TITRATION_TOO_FAST = "titration-too-fast";
    public static final String RENAL_DOSE_ADJUSTMENT = "renal-dose-adjustment";
    public static final String RENAL_FUNCTION_UNKNOWN = "renal-function-unknown";
    public static final String INTERACTION_OPIOID = "interaction-opioid";
    public static final String INTERACTION_BENZODIAZEPINE = "interaction-benzodiazepine";
    public static final String INTERACTION_CNS_DEPRESSANT = "interaction-cns-depressant";
    public static final String INTERACTION_ALCOHOL = "interaction-alcohol";
    public static final String INTERACTION_TCA = "interaction-tca";
    public static final String INTERACTION_NSAID = "interaction-nsaid";
    public static final String INTERACTION_LEVODOPA = "interaction-levodopa";
    public static final String INTERACTION_LITHIUM = "interaction-lithium";
    public static final String INTERACTION_MAOI = "interaction-maoi";
    public static final String ABRUPT_DISCONTINUATION = "abrupt-discontinuation";
    public static final String INTRATHECAL_DISCONTINUATION = "intrathecal-discontinuation";
    public static final String INTRATHECAL_DOSE_HIGH = "intrathecal-dose-high";
    public static final String ROUTE_DOSE_MISMATCH = "route-dose-mismatch";
    public static final String DUPLICATE_THERAPY = "duplicate-therapy";
    public static final String PREGNANCY = "pregnancy";
    public static final String BREASTFEEDING = "breastfeeding";
    public static final String PEDIATRIC_USE = "pediatric-use";
    public static final String CONDITION_SEIZURE_DISORDER = "condition-seizure-disorder";
    public static final String CONDITION_PSYCHIATRIC = "condition-psychiatric";
    public static final String DOSE_NOT_COMPUTABLE = "dose-not-computable";
    public static final String PATIENT_EDUCATION = "patient-education";

    /** All 26 codes, in API.md order. */
    public static final List<String> ALL = List.of(
            MAX_DAILY_DOSE,
            STARTING_DOSE,
            TITRATION_TOO_FAST,
            RENAL_DOSE_ADJUSTMENT,
            RENAL_FUNCTION_UNKNOWN,
            INTERACTION_OPIOID,
            INTERACTION_BENZODIAZEPINE,
            INTERACTION_CNS_DEPRESSANT,
            INTERACTION_ALCOHOL,
            INTERACTION_TCA,
            INTERACTION_NSAID,
            INTERACTION_LEVODOPA,
            INTERACTION_LITHIUM,
            INTERACTION_MAOI,
            ABRUPT_DISCONTINUATION,
            INTRATHECAL_DISCONTINUATION,
            INTRATHECAL_DOSE_HIGH,
            ROUTE_DOSE_MISMATCH,
            DUPLICATE_THERAPY,
            PREGNANCY,
            BREASTFEEDING,
            PEDIATRIC_USE,
            CONDITION_SEIZURE_DISORDER,
            CONDITION_PSYCHIATRIC,
            DOSE_NOT_COMPUTABLE,
            PATIENT_EDUCATION);
}
