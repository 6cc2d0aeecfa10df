package org.baclofencds.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * Derives renal function (RULES.md "Renal function", POL built from VLAVONOU, AJKD-2017, MUANDA-2019,
 * RXR-PREC): measured or reported CrCl, else Cockcroft–Gault, else eGFR, each the latest plausible
 * result within 365 days; an end-stage or dialysis condition overrides.
 */
final class RenalFunctions {
    private RenalFunctions() {}

    static RenalFunction assess(
            Vocabulary vocabulary,
            List<Observation> observations,
            List<Condition> endStageConditions,
            Integer ageYears,
            AdministrativeGender gender,
            Instant eval) {
        List<String> notes = new ArrayList<>();
        List<Observation> recent = Observations.within(observations, eval, ClinicalThresholds.LAB_LOOKBACK_DAYS);
        Observation crcl = null;
        Observation creatinine = null;
        BigDecimal creatinineMgDl = null;
        Observation weight = null;
        BigDecimal weightKg = null;
        Observation egfr = null;
        for (Observation o : recent) { // newest first: the first plausible one of each kind wins
            if (vocabulary.has(KnowledgeUrls.VS_CREATININE_CLEARANCE, o.getCode())) {
                if (crcl == null && clearance(o, "creatinine clearance", notes)) {
                    crcl = o;
                }
            } else if (vocabulary.has(KnowledgeUrls.VS_SERUM_CREATININE_MASS, o.getCode())
                    || vocabulary.has(KnowledgeUrls.VS_SERUM_CREATININE_MOLAR, o.getCode())) {
                if (creatinine == null) {
                    BigDecimal v = creatinineMgDl(o, notes);
                    if (v != null) {
                        creatinine = o;
                        creatinineMgDl = v;
                    }
                }
            } else if (vocabulary.has(KnowledgeUrls.VS_EGFR, o.getCode())) {
                if (egfr == null && clearance(o, "eGFR", notes)) {
                    egfr = o;
                }
            } else if (vocabulary.has(KnowledgeUrls.VS_BODY_WEIGHT, o.getCode())) {
                if (weight == null) {
                    BigDecimal kg = weightKg(o, notes);
                    if (kg != null) {
                        weight = o;
                        weightKg = kg;
                    }
                }
            }
        }
        boolean anyResult = crcl != null || creatinine != null || egfr != null;

        RenalBand band = null;
        String measure = null;
        BigDecimal value = null;
        String description = null;
        List<Resource> evidence = new ArrayList<>();
        if (crcl != null) {
            value = crcl.getValueQuantity().getValue();
            boolean reported = Observations.code(crcl).endsWith(ClinicalThresholds.LOINC_CG_CRCL);
            measure = reported ? "reported Cockcroft–Gault creatinine clearance" : "measured creatinine clearance";
            band = RenalBand.forCreatinineClearance(bandValue(crcl));
            description =
                    measure + " (" + Observations.code(crcl) + ") " + quantity(crcl) + " on " + Observations.when(crcl);
            evidence.add(crcl);
        } else if (creatinine != null
                && weight != null
                && ageYears != null
                && ageYears < ClinicalThresholds.CG_AGE_CONSTANT.intValue()) {
            // CrCl = (140 − age) × weight / (72 × SCr), × 0.85 female. FPNOTEBOOK-CRCL; GH-CG-CODE
            BigDecimal years = BigDecimal.valueOf(ageYears);
            BigDecimal numerator =
                    ClinicalThresholds.CG_AGE_CONSTANT.subtract(years).multiply(weightKg);
            BigDecimal crclValue = Numbers.divide(numerator, ClinicalThresholds.CG_DIVISOR.multiply(creatinineMgDl));
            String sexText;
            if (gender == AdministrativeGender.MALE) {
                sexText = "male";
            } else {
                crclValue = crclValue.multiply(ClinicalThresholds.CG_FEMALE_FACTOR);
                sexText = gender == AdministrativeGender.FEMALE
                        ? "× 0.85 female"
                        : "× 0.85 because sex is not recorded as male or female (the lower estimate)";
            }
            value = crclValue;
            measure = "Cockcroft–Gault creatinine clearance";
            band = RenalBand.forCreatinineClearance(crclValue);
            description = "Cockcroft–Gault creatinine clearance " + Numbers.format(crclValue) + " mL/min = (140 − "
                    + ageYears + " y) × " + Numbers.format(weightKg) + " kg / (72 × " + Numbers.format(creatinineMgDl)
                    + " mg/dL), " + sexText + "; creatinine " + quantity(creatinine) + " ("
                    + Observations.code(creatinine)
                    + ") on " + Observations.when(creatinine) + ", weight " + quantity(weight) + " on "
                    + Observations.when(weight);
            evidence.add(creatinine);
            evidence.add(weight);
        } else if (egfr != null) {
            value = egfr.getValueQuantity().getValue();
            measure = "eGFR";
            band = RenalBand.forEgfr(bandValue(egfr));
            String why = creatinine != null
                    ? " (creatinine found, but Cockcroft–Gault needs " + (weight == null ? "a body weight" : "the age")
                            + ")"
                    : "";
            description = "eGFR (" + Observations.code(egfr) + ") " + quantity(egfr) + " on " + Observations.when(egfr)
                    + why + "; an indexed eGFR, not a creatinine clearance";
            evidence.add(egfr);
        } else if (creatinine != null) {
            notes.add("creatinine " + quantity(creatinine) + " on " + Observations.when(creatinine)
                    + " could not give a Cockcroft–Gault clearance: "
                    + (weight == null ? "no body weight within 365 days" : "age unknown"));
        }
        if (!endStageConditions.isEmpty()) {
            String names = conditionNames(endStageConditions);
            description = description == null
                    ? "end-stage renal disease or dialysis condition: " + names
                    : description + "; end-stage renal disease or dialysis condition: " + names;
            if (measure == null) {
                measure = "condition";
            }
            band = RenalBand.END_STAGE;
            evidence.addAll(endStageConditions);
        }
        return new RenalFunction(band, measure, value, description, evidence, anyResult, notes);
    }

    static String conditionNames(List<Condition> conditions) {
        List<String> names = new ArrayList<>();
        for (Condition c : conditions) {
            names.add(Conditions.name(c));
        }
        return String.join(", ", names);
    }

    /** For a result reported as "<15" the value lies below 15: band it just under. */
    private static BigDecimal bandValue(Observation o) {
        Quantity q = o.getValueQuantity();
        BigDecimal v = q.getValue();
        if (q.hasComparator() && q.getComparator() == Quantity.QuantityComparator.LESS_THAN) {
            return v.subtract(new BigDecimal("0.0001"));
        }
        return v;
    }

    private static String quantity(Observation o) {
        Quantity q = o.getValueQuantity();
        String comparator = q.hasComparator() ? q.getComparator().toCode() : "";
        String unit = q.hasUnit() ? q.getUnit() : q.hasCode() ? q.getCode() : "";
        return comparator + Numbers.format(q.getValue()) + (unit.isEmpty() ? "" : " " + unit);
    }

    private static boolean clearance(Observation o, String what, List<String> notes) {
        BigDecimal v = o.hasValueQuantity() ? o.getValueQuantity().getValue() : null;
        if (v == null) {
            return false;
        }
        String unit = Observations.unit(o).toLowerCase(Locale.ROOT).replace(" ", "");
        if (!unit.startsWith("ml/min")) {
            notes.add(what + " on " + Observations.when(o) + " ignored: unit '" + Observations.unit(o)
                    + "' is not mL/min");
            return false;
        }
        if (v.signum() <= 0 || v.compareTo(ClinicalThresholds.CLEARANCE_MAX) > 0) {
            notes.add(what + " " + Numbers.format(v) + " on " + Observations.when(o)
                    + " ignored: outside the plausible range 0–300 mL/min (POL)");
            return false;
        }
        return true;
    }

    private static BigDecimal creatinineMgDl(Observation o, List<String> notes) {
        BigDecimal v = o.hasValueQuantity() ? o.getValueQuantity().getValue() : null;
        if (v == null) {
            return null;
        }
        String unit = Observations.unit(o).toLowerCase(Locale.ROOT).replace(" ", "");
        BigDecimal mgDl;
        if (unit.equals("mg/dl")) {
            mgDl = v;
        } else if (unit.equals("umol/l") || unit.equals("\u00b5mol/l") || unit.equals("\u03bcmol/l")) {
            mgDl = Numbers.divide(v, ClinicalThresholds.CREATININE_UMOL_PER_MG_DL); // GH-CG-CODE
        } else {
            notes.add("creatinine on " + Observations.when(o) + " ignored: unit '" + Observations.unit(o)
                    + "' is neither mg/dL nor umol/L");
            return null;
        }
        if (mgDl.compareTo(ClinicalThresholds.CREATININE_MG_DL_MIN) < 0
                || mgDl.compareTo(ClinicalThresholds.CREATININE_MG_DL_MAX) > 0) {
            notes.add("creatinine " + Numbers.format(v) + " " + Observations.unit(o) + " on " + Observations.when(o)
                    + " ignored: outside the plausible range 0.1–30 mg/dL (POL)");
            return null;
        }
        return mgDl;
    }

    private static BigDecimal weightKg(Observation o, List<String> notes) {
        BigDecimal v = o.hasValueQuantity() ? o.getValueQuantity().getValue() : null;
        if (v == null) {
            return null;
        }
        String unit = Observations.unit(o).toLowerCase(Locale.ROOT).replace(" ", "");
        BigDecimal kg =
                switch (unit) {
                    case "kg" -> v;
                    case "g" -> Numbers.divide(v, new BigDecimal("1000"));
                    case "[lb_av]", "lb", "lbs", "[lb]" -> v.multiply(ClinicalThresholds.KG_PER_LB);
                    default -> null;
                };
        if (kg == null) {
            notes.add("body weight on " + Observations.when(o) + " ignored: unit '" + Observations.unit(o)
                    + "' is not kg, g or lb");
            return null;
        }
        if (kg.compareTo(ClinicalThresholds.WEIGHT_KG_MIN) < 0 || kg.compareTo(ClinicalThresholds.WEIGHT_KG_MAX) > 0) {
            notes.add("body weight " + Numbers.format(v) + " " + Observations.unit(o) + " on " + Observations.when(o)
                    + " ignored: outside the plausible range 0.5–500 kg (POL)");
            return null;
        }
        return kg;
    }
}
