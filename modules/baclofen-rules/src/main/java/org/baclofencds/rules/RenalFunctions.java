package org.baclofencds.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * Derives renal function (RULES.md "Renal function"; bands are local policy built on Vlavonou 2014, Wolf 2018
 * and Muanda 2019): measured or reported CrCl, else Cockcroft–Gault, else eGFR, each the latest plausible
 * result within 365 days; an end-stage or dialysis condition, or a dialysis procedure within 90 days,
 * overrides. Values are read from {@code valueQuantity}, from a {@code valueString} holding a plain number,
 * and from the components of a panel. Every value that is present but not used is named, with why.
 */
final class RenalFunctions {
    private RenalFunctions() {}

    /** "1.8", "<15", "1.8 mg/dL", "> 90 mL/min/1.73m2". */
    private static final Pattern NUMBER =
            Pattern.compile("^\\s*([<>]=?)?\\s*([0-9]+(?:[.,][0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*(\\S*)\\s*$");

    /** Renal-function readings the record holds: its observations plus the components of its panels. */
    static List<Observation> readings(Vocabulary vocabulary, List<Observation> observations) {
        List<Observation> out = new ArrayList<>();
        for (Observation o : observations) {
            if (kind(vocabulary, o.getCode()) != null) {
                out.add(o);
            }
            for (Observation.ObservationComponentComponent c : o.getComponent()) {
                if (kind(vocabulary, c.getCode()) == null) {
                    continue;
                }
                Observation part = new Observation();
                part.setIdElement(o.getIdElement().copy());
                part.setStatus(o.getStatus());
                part.setCode(c.getCode().copy());
                part.setEffective(
                        o.getEffective() == null ? null : o.getEffective().copy());
                part.setIssuedElement(o.getIssuedElement().copy());
                part.setSubject(o.getSubject().copy());
                if (c.hasValue()) {
                    part.setValue(c.getValue().copy());
                }
                out.add(part);
            }
        }
        return out;
    }

    private enum Kind {
        CLEARANCE("creatinine clearance", "mL/min"),
        CREATININE_MASS("creatinine", "mg/dL"),
        CREATININE_MOLAR("creatinine", "umol/L"),
        EGFR("eGFR", "mL/min/1.73 m2"),
        WEIGHT("body weight", null);

        final String label;
        final String impliedUnit;

        Kind(String label, String impliedUnit) {
            this.label = label;
            this.impliedUnit = impliedUnit;
        }
    }

    private static Kind kind(Vocabulary v, CodeableConcept code) {
        if (v.has(KnowledgeUrls.VS_CREATININE_CLEARANCE, code)) {
            return Kind.CLEARANCE;
        }
        if (v.has(KnowledgeUrls.VS_SERUM_CREATININE_MASS, code)) {
            return Kind.CREATININE_MASS;
        }
        if (v.has(KnowledgeUrls.VS_SERUM_CREATININE_MOLAR, code)) {
            return Kind.CREATININE_MOLAR;
        }
        if (v.has(KnowledgeUrls.VS_EGFR, code)) {
            return Kind.EGFR;
        }
        if (v.has(KnowledgeUrls.VS_BODY_WEIGHT, code)) {
            return Kind.WEIGHT;
        }
        return null;
    }

    /** A value read from a quantity or a numeric string, with its unit; or why it cannot be read. */
    /** {@code unit} is read for conversions; {@code shownUnit} is what the reader sees. */
    private record Value(
            BigDecimal number,
            String comparator,
            String unit,
            boolean fromText,
            String problem,
            String shownUnit,
            String writtenNumber) {
        Value(BigDecimal number, String comparator, String unit, boolean fromText, String problem) {
            this(number, comparator, unit, fromText, problem, readable(unit), null);
        }

        Value(BigDecimal number, String comparator, String unit, boolean fromText, String problem, String shownUnit) {
            this(number, comparator, unit, fromText, problem, shownUnit, null);
        }

        Value written(String text) {
            return new Value(number, comparator, unit, fromText, problem, shownUnit, text);
        }

        String shown() {
            String n = Numbers.format(number);
            if (number.signum() != 0 && new BigDecimal(n).signum() == 0) {
                n = number.toString(); // a value such as 1E-300 must not read as 0
            } else if (number.signum() == 0 && writtenNumber != null && writtenNumber.length() < 20) {
                n = writtenNumber;
            }
            return (comparator == null ? "" : comparator) + n + (shownUnit == null ? "" : " " + shownUnit);
        }
    }

    /** A UCUM code as a clinician writes it: mL/min/{1.73_m2} becomes mL/min/1.73 m2. */
    static String readable(String ucum) {
        if (ucum == null) {
            return null;
        }
        return ucum.replace("{1.73_m2}", "1.73 m2")
                .replace("[lb_av]", "lb")
                .replace("ug", "mcg")
                .replace("umol", "\u00b5mol");
    }

    private static Value value(Observation o, Kind kind) {
        Type v = o.getValue();
        if (v instanceof Quantity q) {
            if (!q.hasValue()) {
                return new Value(null, null, null, false, "it has no number");
            }
            String unit = q.hasCode() ? q.getCode() : q.hasUnit() ? q.getUnit() : null;
            String comparator = q.hasComparator() ? q.getComparator().toCode() : null;
            return new Value(q.getValue(), comparator, unit, false, null, q.hasUnit() ? q.getUnit() : readable(unit))
                    .written(q.getValueElement().getValueAsString());
        }
        if (o.hasValueStringType()) {
            String text = o.getValueStringType().getValue();
            Matcher m = text == null ? null : NUMBER.matcher(text);
            if (m == null || !m.matches()) {
                return new Value(null, null, null, true, "its value '" + text + "' is not a number");
            }
            BigDecimal number = new BigDecimal(m.group(2).replace(',', '.'));
            String unit = m.group(3).isEmpty() ? kind.impliedUnit : m.group(3);
            if (unit == null) {
                return new Value(null, null, null, true, "its value '" + text + "' has no unit");
            }
            return new Value(number, m.group(1), unit, true, null);
        }
        if (o.hasValueIntegerType() && o.getValueIntegerType().getValue() != null && kind.impliedUnit != null) {
            return new Value(
                    BigDecimal.valueOf(o.getValueIntegerType().getValue()), null, kind.impliedUnit, false, null);
        }
        if (o.hasDataAbsentReason()) {
            return new Value(null, null, null, false, "it has no value (" + describe(o.getDataAbsentReason()) + ")");
        }
        return new Value(null, null, null, false, "it has no numeric value");
    }

    private static String describe(CodeableConcept cc) {
        if (cc.hasText()) {
            return cc.getText();
        }
        return cc.hasCoding() && cc.getCodingFirstRep().hasDisplay()
                ? cc.getCodingFirstRep().getDisplay()
                : "reason not given";
    }

    private record Used(Observation observation, BigDecimal value, Value raw) {}

    static RenalFunction assess(
            Vocabulary vocabulary,
            List<Observation> observations,
            List<Condition> endStageConditions,
            List<Procedure> dialysis,
            Integer ageYears,
            AdministrativeGender gender,
            Instant eval,
            ZoneOffset offset) {
        List<String> notes = new ArrayList<>();
        List<String> weightNotes = new ArrayList<>();
        List<Observation> recent = Observations.within(
                readings(vocabulary, observations), eval, ClinicalThresholds.LAB_LOOKBACK_DAYS); // local policy
        Used crcl = null;
        Used creatinine = null;
        Used weight = null;
        Used egfr = null;
        boolean creatininePresent = false;
        for (Observation o : recent) { // newest first: the first plausible one of each kind wins
            Kind kind = kind(vocabulary, o.getCode());
            if (kind == null) {
                continue;
            }
            String when = Observations.when(o).display(offset);
            Value v = value(o, kind);
            creatininePresent |= kind == Kind.CREATININE_MASS || kind == Kind.CREATININE_MOLAR;
            if (v.problem() != null) {
                (kind == Kind.WEIGHT ? weightNotes : notes)
                        .add(kind.label + " on " + when + " not used: " + v.problem());
                continue;
            }
            switch (kind) {
                case CLEARANCE -> {
                    BigDecimal mlMin = crcl == null ? clearanceMlMin(v, kind.label, when, notes) : null;
                    if (mlMin != null) {
                        crcl = new Used(o, mlMin, v);
                    }
                }
                case CREATININE_MASS, CREATININE_MOLAR -> {
                    if (creatinine == null) {
                        BigDecimal mgDl = creatinineMgDl(v, when, notes);
                        if (mgDl != null) {
                            creatinine = new Used(o, mgDl, v);
                        }
                    }
                }
                case EGFR -> {
                    BigDecimal mlMin = egfr == null ? clearanceMlMin(v, kind.label, when, notes) : null;
                    if (mlMin != null) {
                        egfr = new Used(o, mlMin, v);
                    }
                }
                case WEIGHT -> {
                    if (weight == null) {
                        BigDecimal kg = weightKg(v, when, weightNotes);
                        if (kg != null) {
                            weight = new Used(o, kg, v);
                        }
                    }
                }
            }
        }

        RenalBand band = null;
        String measure = null;
        BigDecimal value = null;
        String description = null;
        List<Resource> evidence = new ArrayList<>();
        boolean usedCockcroftGault = false;
        if (crcl != null) {
            value = crcl.value();
            boolean reported = Observations.code(crcl.observation()).endsWith(ClinicalThresholds.LOINC_CG_CRCL);
            measure = reported ? "reported Cockcroft–Gault creatinine clearance" : "measured creatinine clearance";
            band = RenalBand.forCreatinineClearance(bandValue(crcl));
            description = measure + " " + shownInMlMin(crcl) + text(crcl.raw()) + " on "
                    + Observations.when(crcl.observation()).display(offset);
            evidence.add(crcl.observation());
        } else if (creatinine != null
                && weight != null
                && ageYears != null
                && ageYears < ClinicalThresholds.CG_AGE_CONSTANT.intValue()) {
            // CrCl = (140 − age) × weight / (72 × SCr), × 0.85 female (Cockcroft and Gault 1976).
            BigDecimal years = BigDecimal.valueOf(ageYears);
            BigDecimal numerator =
                    ClinicalThresholds.CG_AGE_CONSTANT.subtract(years).multiply(weight.value());
            BigDecimal crclValue =
                    Numbers.divide(numerator, ClinicalThresholds.CG_DIVISOR.multiply(creatinine.value()));
            String sexText;
            if (gender == AdministrativeGender.MALE) {
                sexText = "male";
            } else {
                crclValue = crclValue.multiply(ClinicalThresholds.CG_FEMALE_FACTOR);
                sexText = gender == AdministrativeGender.FEMALE
                        ? "× 0.85 female"
                        : "× 0.85 as sex is not recorded as male or female (the lower estimate)";
            }
            value = crclValue;
            measure = "Cockcroft–Gault creatinine clearance";
            usedCockcroftGault = true;
            band = RenalBand.forCreatinineClearance(crclValue);
            description = "Cockcroft–Gault creatinine clearance " + Numbers.format(crclValue) + " mL/min = (140 − "
                    + ageYears + " y) × " + Numbers.format(weight.value()) + " kg / (72 × "
                    + Numbers.format(creatinine.value()) + " mg/dL), " + sexText + "; creatinine "
                    + creatinine.raw().shown() + text(creatinine.raw()) + " on "
                    + Observations.when(creatinine.observation()).display(offset) + ", weight "
                    + weight.raw().shown() + " on "
                    + Observations.when(weight.observation()).display(offset);
            evidence.add(creatinine.observation());
            evidence.add(weight.observation());
        } else if (egfr != null) {
            value = egfr.value();
            measure = "eGFR";
            band = RenalBand.forEgfr(bandValue(egfr));
            description = "eGFR " + shownInMlMin(egfr) + text(egfr.raw()) + " on "
                    + Observations.when(egfr.observation()).display(offset);
            if (creatinine != null) {
                notes.add("creatinine " + creatinine.raw().shown() + " gave no Cockcroft–Gault clearance: "
                        + (weight == null ? "no usable body weight in the last 365 days" : "age unknown"));
            }
        }
        if (egfr != null && crcl == null && !usedCockcroftGault) {
            evidence.add(egfr.observation());
        } else if (band == null && creatinine != null) {
            notes.add("creatinine " + creatinine.raw().shown() + " on "
                    + Observations.when(creatinine.observation()).display(offset)
                    + " gave no Cockcroft–Gault clearance: "
                    + (weight == null ? "no usable body weight in the last 365 days" : "age unknown"));
        }
        if (creatininePresent && crcl == null && band == null) {
            notes.addAll(weightNotes); // a weight matters only for a Cockcroft–Gault estimate
        }
        boolean labBand = band != null;
        List<String> endStage = new ArrayList<>();
        if (!endStageConditions.isEmpty()) {
            endStage.add(conditionNames(endStageConditions));
            evidence.addAll(endStageConditions);
        }
        for (Procedure p : dialysis) {
            Moment when = Procedures.when(p);
            endStage.add(Procedures.name(p) + " on " + (when == null ? "an unknown date" : when.display(offset)));
        }
        if (!endStage.isEmpty()) {
            String names = String.join(", ", endStage);
            description = description == null
                    ? "end-stage renal disease or dialysis: " + names
                    : description + "; end-stage renal disease or dialysis: " + names;
            if (measure == null) {
                measure = "condition";
            }
            band = RenalBand.END_STAGE;
        }
        return new RenalFunction(band, measure, value, description, evidence, labBand, notes, usedCockcroftGault);
    }

    private static String text(Value v) {
        return v.fromText() ? " (sent as text)" : "";
    }

    static String conditionNames(List<Condition> conditions) {
        List<String> names = new ArrayList<>();
        for (Condition c : conditions) {
            String n = Conditions.name(c);
            names.add(n.matches("[A-Z]?[0-9][0-9A-Z.\\-]*|[A-Z][0-9]{2}[A-Z0-9.]*") ? "a coded problem-list entry" : n);
        }
        return String.join(", ", names);
    }

    /** For a result reported as "<15" the value lies below 15: band it just under. */
    private static BigDecimal bandValue(Used u) {
        if ("<".equals(u.raw().comparator())) {
            return u.value().subtract(new BigDecimal("0.0001"));
        }
        return u.value();
    }

    /** The result as reported, and in mL/min when it was reported in another unit: "0.5 mL/s (30 mL/min)". */
    private static String shownInMlMin(Used u) {
        String shown = u.raw().shown();
        return u.value().compareTo(u.raw().number()) == 0
                ? shown
                : shown + " (" + Numbers.format(u.value()) + " mL/min)";
    }

    /** The clearance in mL/min (any UCUM flow converts: mL/s is 60 mL/min), or null with a note why not. */
    private static BigDecimal clearanceMlMin(Value v, String what, String when, List<String> notes) {
        BigDecimal mlMin = Ucum.convert(v.number(), v.unit(), "mL/min");
        if (mlMin == null && normalised(v.unit()).startsWith("ml/min")) {
            // "mL/min/1.73m2" and the like: mL/min with the normalisation written as text, which UCUM cannot read.
            mlMin = v.number();
        }
        if (mlMin == null) {
            notes.add(what + " " + v.shown() + " on " + when + " not used: the unit is not a flow such as mL/min");
            return null;
        }
        if (mlMin.signum() <= 0 || mlMin.compareTo(ClinicalThresholds.CLEARANCE_MAX) > 0) {
            notes.add(what + " " + v.shown() + " on " + when
                    + " not used: outside the plausible range above 0 to 300 mL/min (local policy)");
            return null;
        }
        return mlMin;
    }

    /**
     * Creatinine in mg/dL: a mass concentration converts by UCUM (mg/L, g/L...); an amount of substance (µmol/L,
     * mmol/L) converts by UCUM to µmol/L and then by creatinine's own factor, which UCUM cannot know (it needs the
     * molar mass).
     */
    private static BigDecimal creatinineMgDl(Value v, String when, List<String> notes) {
        BigDecimal mgDl = Ucum.convert(v.number(), v.unit(), "mg/dL");
        if (mgDl == null) {
            BigDecimal umolL = Ucum.convert(v.number(), v.unit(), "umol/L");
            mgDl = umolL == null ? null : Numbers.divide(umolL, ClinicalThresholds.CREATININE_UMOL_PER_MG_DL);
        }
        if (mgDl == null) {
            notes.add("creatinine " + v.shown() + " on " + when
                    + " not used: the unit is neither a mass concentration (mg/dL) nor a molar one (\u00b5mol/L)");
            return null;
        }
        if (mgDl.compareTo(ClinicalThresholds.CREATININE_MG_DL_MIN) < 0
                || mgDl.compareTo(ClinicalThresholds.CREATININE_MG_DL_MAX) > 0) {
            notes.add("creatinine " + v.shown() + " on " + when
                    + " not used: outside the plausible range 0.1–30 mg/dL (local policy)");
            return null;
        }
        return mgDl;
    }

    private static BigDecimal weightKg(Value v, String when, List<String> notes) {
        String unit = POUNDS.contains(normalised(v.unit())) ? "[lb_av]" : v.unit();
        BigDecimal kg = Ucum.convert(v.number(), unit, "kg");
        if (kg == null) {
            notes.add(
                    "body weight " + v.shown() + " on " + when + " not used: the unit is not a mass such as kg or lb");
            return null;
        }
        if (kg.compareTo(ClinicalThresholds.WEIGHT_KG_MIN) < 0 || kg.compareTo(ClinicalThresholds.WEIGHT_KG_MAX) > 0) {
            notes.add("body weight " + v.shown() + " on " + when
                    + " not used: outside the plausible range 0.5–500 kg (local policy)");
            return null;
        }
        return kg;
    }

    /** How a pound is written where UCUM's [lb_av] is not. */
    private static final Set<String> POUNDS = Set.of("lb", "lbs", "[lb]", "pound", "pounds");

    private static String normalised(String unit) {
        return unit == null ? "" : unit.toLowerCase(Locale.ROOT).replace(" ", "");
    }
}
