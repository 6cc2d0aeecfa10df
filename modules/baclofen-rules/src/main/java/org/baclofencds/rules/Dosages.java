package org.baclofencds.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Timing;
import org.hl7.fhir.r4.model.Type;

/**
 * Daily dose of a baclofen order from its dosage instructions (RULES.md "Daily dose"): oral in mg/day,
 * intrathecal in ug/day. Never guesses: anything it cannot read makes the dose not computable, with the
 * reason.
 */
public final class Dosages {
    private Dosages() {}

    private static final BigDecimal THOUSAND = new BigDecimal("1000");

    /** Administrations per day for the HL7 timing abbreviations (GTSAbbreviation) and common variants. */
    /** An exact ratio; immutable, unlike an array. */
    record Fraction(BigDecimal numerator, BigDecimal denominator) {}

    private static final Map<String, Fraction> TIMING_CODES = timingCodes();

    private static Map<String, Fraction> timingCodes() {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        m.put("QD", BigDecimal.ONE);
        m.put("Q24H", BigDecimal.ONE);
        m.put("AM", BigDecimal.ONE);
        m.put("QAM", BigDecimal.ONE);
        m.put("PM", BigDecimal.ONE);
        m.put("QPM", BigDecimal.ONE);
        m.put("BED", BigDecimal.ONE);
        m.put("HS", BigDecimal.ONE);
        m.put("QHS", BigDecimal.ONE);
        m.put("QOD", new BigDecimal("0.5"));
        m.put("BID", new BigDecimal("2"));
        m.put("TID", new BigDecimal("3"));
        m.put("QID", new BigDecimal("4"));
        m.put("Q1H", new BigDecimal("24"));
        m.put("Q2H", new BigDecimal("12"));
        m.put("Q3H", new BigDecimal("8"));
        m.put("Q4H", new BigDecimal("6"));
        m.put("Q6H", new BigDecimal("4"));
        m.put("Q8H", new BigDecimal("3"));
        m.put("Q12H", new BigDecimal("2"));
        Map<String, Fraction> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, new Fraction(v, BigDecimal.ONE)));
        out.put("WK", new Fraction(BigDecimal.ONE, new BigDecimal("7")));
        return Map.copyOf(out);
    }

    /**
     * The daily dose of an order.
     *
     * @param dosages the order's dosage instructions
     * @param intrathecal true for ug/day, false for mg/day
     * @param strength the product strength for mL/tablet/packet doses, or null when none is known
     */
    public static DailyDose dailyDose(List<Dosage> dosages, boolean intrathecal, Strength strength) {
        String unit = intrathecal ? "ug" : "mg";
        List<BigDecimal> perAdministration = new ArrayList<>();
        boolean[] micrograms = {false};
        if (dosages == null || dosages.isEmpty()) {
            return new DailyDose(null, unit, "the order has no dosage instruction", perAdministration, false);
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < dosages.size(); i++) {
            Dosage d = dosages.get(i);
            Part p = part(d, intrathecal, strength, perAdministration, micrograms);
            String label = dosages.size() > 1 ? "instruction " + (i + 1) + ": " : "";
            if (p.failure != null) {
                return new DailyDose(null, unit, label + p.failure, perAdministration, micrograms[0]);
            }
            parts.add(new Part(d.hasSequence() ? d.getSequence() : null, p.perDay, label + p.text, null));
        }
        if (parts.size() == 1) {
            return new DailyDose(parts.get(0).perDay, unit, parts.get(0).text, perAdministration, micrograms[0]);
        }
        // Same or no sequence: taken together, so summed. Different sequences follow each other: the
        // largest step counts. Unsequenced instructions accompany every step.
        Map<Integer, List<Part>> groups = new LinkedHashMap<>();
        List<Part> unsequenced = new ArrayList<>();
        for (Part p : parts) {
            if (p.sequence == null) {
                unsequenced.add(p);
            } else {
                groups.computeIfAbsent(p.sequence, k -> new ArrayList<>()).add(p);
            }
        }
        if (groups.isEmpty()) {
            BigDecimal total = sum(unsequenced);
            return new DailyDose(
                    total,
                    unit,
                    join(unsequenced) + "; taken together: " + Numbers.format(total) + " " + unit + "/day",
                    perAdministration,
                    micrograms[0]);
        }
        BigDecimal best = null;
        List<String> steps = new ArrayList<>();
        for (Map.Entry<Integer, List<Part>> g : groups.entrySet()) {
            List<Part> members = new ArrayList<>(g.getValue());
            members.addAll(unsequenced);
            BigDecimal total = sum(members);
            steps.add(
                    "step " + g.getKey() + " (" + join(members) + ") = " + Numbers.format(total) + " " + unit + "/day");
            if (best == null || total.compareTo(best) > 0) {
                best = total;
            }
        }
        return new DailyDose(
                best,
                unit,
                String.join("; ", steps) + "; largest step " + Numbers.format(best) + " " + unit + "/day",
                perAdministration,
                micrograms[0]);
    }

    private static BigDecimal sum(List<Part> parts) {
        BigDecimal total = BigDecimal.ZERO;
        for (Part p : parts) {
            total = total.add(p.perDay);
        }
        return total;
    }

    private static String join(List<Part> parts) {
        List<String> texts = new ArrayList<>();
        for (Part p : parts) {
            texts.add(p.text);
        }
        return String.join(" + ", texts);
    }

    private record Part(Integer sequence, BigDecimal perDay, String text, String failure) {
        static Part fail(String why) {
            return new Part(null, null, null, why);
        }
    }

    /** An amount in the target unit with its human derivation. */
    private record Amount(BigDecimal value, String text, String failure) {}

    /** Administrations per day as numerator / denominator (exact), with its human form. */
    private record Frequency(BigDecimal numerator, BigDecimal denominator, String text) {
        BigDecimal perDay() {
            return Numbers.divide(numerator, denominator);
        }

        BigDecimal times(BigDecimal dose) {
            return Numbers.divide(dose.multiply(numerator), denominator);
        }
    }

    private static Part part(
            Dosage d, boolean intrathecal, Strength strength, List<BigDecimal> perAdmin, boolean[] micrograms) {
        String unit = intrathecal ? "ug" : "mg";
        boolean asNeeded = d.hasAsNeeded()
                && (d.getAsNeeded() instanceof CodeableConcept
                        || (d.hasAsNeededBooleanType()
                                && d.getAsNeededBooleanType().booleanValue()));
        Amount dose = dose(d, intrathecal, strength, perAdmin, micrograms);
        Frequency freq = frequency(d.getTiming());
        if (asNeeded) {
            if (d.hasMaxDosePerPeriod()) {
                return maxPerPeriod(d, intrathecal, strength, dose, "as needed, ");
            }
            if (dose == null) {
                return Part.fail("the as-needed dosage instruction has no dose and no maxDosePerPeriod");
            }
            if (dose.failure != null) {
                return Part.fail(dose.failure);
            }
            if (freq == null) {
                return Part.fail("the as-needed dosage instruction has neither maxDosePerPeriod nor a frequency");
            }
            BigDecimal perDay = freq.times(dose.value);
            return new Part(
                    null,
                    perDay,
                    "as needed, " + dose.text + " × up to " + freq.text + " = " + Numbers.format(perDay) + " " + unit
                            + "/day",
                    null);
        }
        if (dose == null) {
            Part rate = rate(d, intrathecal, strength);
            if (rate != null) {
                return rate;
            }
            return Part.fail("the dosage instruction has no dose (doseAndRate.doseQuantity or doseRange)");
        }
        if (dose.failure != null) {
            return Part.fail(dose.failure);
        }
        if (freq == null) {
            if (d.hasMaxDosePerPeriod()) {
                return maxPerPeriod(d, intrathecal, strength, dose, "no frequency given; ");
            }
            return Part.fail("the dosage instruction has no frequency (timing.repeat frequency/period, timeOfDay,"
                    + " when or timing.code)");
        }
        BigDecimal perDay = freq.times(dose.value);
        return new Part(
                null,
                perDay,
                dose.text + " × " + freq.text + " = " + Numbers.format(perDay) + " " + unit + "/day",
                null);
    }

    private static Part maxPerPeriod(Dosage d, boolean intrathecal, Strength strength, Amount dose, String prefix) {
        String unit = intrathecal ? "ug" : "mg";
        Ratio max = d.getMaxDosePerPeriod();
        Quantity num = max.getNumerator();
        Quantity den = max.getDenominator();
        if (num == null || !num.hasValue() || den == null || !den.hasValue()) {
            return Part.fail("maxDosePerPeriod lacks an amount or a period");
        }
        Quantity numerator = num;
        if (!num.hasCode() && !num.hasUnit() && dose != null && dose.failure == null) {
            // A bare count of doses: the dose as written, so many times.
            numerator = null;
        }
        Amount amount;
        if (numerator == null) {
            amount = new Amount(
                    dose.value.multiply(num.getValue()), Numbers.format(num.getValue()) + " × " + dose.text, null);
        } else {
            amount = convert(numerator, intrathecal, strength, null, new boolean[1]);
            if (amount.failure != null) {
                return Part.fail("maxDosePerPeriod: " + amount.failure);
            }
        }
        Fraction rate = perDay(den.getValue(), den.hasCode() ? den.getCode() : den.getUnit());
        if (rate == null) {
            return Part.fail("maxDosePerPeriod has a period unit that is not s, min, h, d, wk, mo or a");
        }
        BigDecimal perDay = Numbers.divide(amount.value.multiply(rate.numerator()), rate.denominator());
        return new Part(
                null,
                perDay,
                prefix + "at most " + amount.text + " per " + Numbers.format(den.getValue()) + " "
                        + (den.hasCode() ? den.getCode() : den.getUnit()) + " = " + Numbers.format(perDay) + " " + unit
                        + "/day",
                null);
    }

    /**
     * A continuous rate (an intrathecal pump is often written so): rateQuantity such as {@code ug/d} or a
     * rateRatio of an amount per time. Null when the instruction has no rate.
     */
    private static Part rate(Dosage d, boolean intrathecal, Strength strength) {
        String target = intrathecal ? "ug" : "mg";
        for (Dosage.DosageDoseAndRateComponent dr : d.getDoseAndRate()) {
            Quantity amount = null;
            BigDecimal period = null;
            String periodUnit = null;
            if (dr.hasRateQuantity() && dr.getRateQuantity().hasValue()) {
                Quantity q = dr.getRateQuantity();
                String code = q.hasCode() ? q.getCode() : q.getUnit();
                int slash = code == null ? -1 : code.lastIndexOf('/');
                if (slash <= 0) {
                    return Part.fail("the rate unit '" + code + "' is not an amount per time");
                }
                amount = new Quantity().setValue(q.getValue()).setCode(code.substring(0, slash));
                period = BigDecimal.ONE;
                periodUnit = code.substring(slash + 1);
            } else if (dr.hasRateRatio()) {
                Ratio r = dr.getRateRatio();
                if (!r.getNumerator().hasValue() || !r.getDenominator().hasValue()) {
                    return Part.fail("the rate ratio lacks an amount or a time");
                }
                amount = r.getNumerator();
                period = r.getDenominator().getValue();
                periodUnit = r.getDenominator().hasCode()
                        ? r.getDenominator().getCode()
                        : r.getDenominator().getUnit();
            } else {
                continue;
            }
            Amount a = convert(amount, intrathecal, strength, null, new boolean[1]);
            if (a.failure != null) {
                return Part.fail("rate: " + a.failure);
            }
            Fraction perDay = perDay(period, periodUnit);
            if (perDay == null) {
                return Part.fail("the rate's time unit '" + periodUnit + "' is not s, min, h, d, wk, mo or a");
            }
            BigDecimal value = Numbers.divide(a.value.multiply(perDay.numerator()), perDay.denominator());
            return new Part(
                    null,
                    value,
                    "rate " + a.text + " per " + Numbers.exact(period) + " " + periodUnit + " = "
                            + Numbers.format(value) + " " + target + "/day",
                    null);
        }
        return null;
    }

    /** The dose per administration in the target unit, null when the instruction gives none. */
    private static Amount dose(
            Dosage d, boolean intrathecal, Strength strength, List<BigDecimal> perAdmin, boolean[] micrograms) {
        for (Dosage.DosageDoseAndRateComponent dr : d.getDoseAndRate()) {
            if (!dr.hasDose()) {
                continue;
            }
            Type dose = dr.getDose();
            if (dose instanceof Range range) {
                if (!range.hasHigh() || !range.getHigh().hasValue()) {
                    return new Amount(null, null, "the dose range has no upper value");
                }
                Quantity high = range.getHigh();
                if (!high.hasCode() && !high.hasUnit() && range.hasLow()) {
                    high = high.copy()
                            .setCode(range.getLow().getCode())
                            .setUnit(range.getLow().getUnit());
                }
                Amount a = convert(high, intrathecal, strength, perAdmin, micrograms);
                if (a.failure != null) {
                    return a;
                }
                String low = range.hasLow() && range.getLow().hasValue()
                        ? Numbers.exact(range.getLow().getValue()) + "–"
                        : "up to ";
                return new Amount(a.value, "dose range " + low + a.text + " (high end)", null);
            }
            if (dose instanceof Quantity q) {
                if (!q.hasValue()) {
                    return new Amount(null, null, "the dose quantity has no value");
                }
                return convert(q, intrathecal, strength, perAdmin, micrograms);
            }
        }
        return null;
    }

    private static Amount convert(
            Quantity q, boolean intrathecal, Strength strength, List<BigDecimal> perAdmin, boolean[] micrograms) {
        String target = intrathecal ? "ug" : "mg";
        Units.DoseUnit u = Units.doseUnit(q);
        String written = Numbers.exact(q.getValue()) + " " + writtenUnit(q);
        if (u == null) {
            return new Amount(
                    null,
                    null,
                    "the dose unit '" + writtenUnit(q) + "' is not a mass (mg, g, ug/mcg) or mL, tablet or packet");
        }
        BigDecimal mg;
        String text;
        if (u.isMass()) {
            mg = q.getValue().multiply(u.mgPer());
            if (u == Units.DoseUnit.UG) {
                micrograms[0] = true;
            }
            boolean sameUnit = (intrathecal && u == Units.DoseUnit.UG) || (!intrathecal && u == Units.DoseUnit.MG);
            text = sameUnit
                    ? written
                    : written + " (= " + Numbers.format(inTarget(mg, intrathecal)) + " " + target + ")";
        } else {
            if (strength == null) {
                return new Amount(
                        null,
                        null,
                        "the dose is in " + u.label() + " but no strength or concentration is known for this"
                                + " medication (no Medication ingredient strength and no known baclofen product code)");
            }
            if (strength.per() != u) {
                return new Amount(
                        null,
                        null,
                        "the dose is in " + u.label() + " but the known strength (" + strength.description() + ", "
                                + strength.from() + ") is per " + strength.per().label());
            }
            mg = q.getValue().multiply(strength.mgPerUnit());
            text = written + " × " + strength.description() + " = " + Numbers.format(inTarget(mg, intrathecal)) + " "
                    + target;
        }
        if (perAdmin != null) {
            perAdmin.add(mg);
        }
        return new Amount(inTarget(mg, intrathecal), text, null);
    }

    private static BigDecimal inTarget(BigDecimal mg, boolean intrathecal) {
        return intrathecal ? mg.multiply(THOUSAND) : mg;
    }

    private static String writtenUnit(Quantity q) {
        if (q.hasUnit()) {
            return q.getUnit();
        }
        return q.hasCode() ? q.getCode() : "(none)";
    }

    /** Administrations per day from the timing, the largest the timing allows; null when it says none. */
    static Frequency frequency(Timing timing) {
        if (timing == null || timing.isEmpty()) {
            return null;
        }
        Frequency best = null;
        if (timing.hasRepeat()) {
            Timing.TimingRepeatComponent r = timing.getRepeat();
            if (r.hasPeriod() && r.hasPeriodUnit()) {
                int n = r.hasFrequencyMax() ? r.getFrequencyMax() : r.hasFrequency() ? r.getFrequency() : 1;
                Fraction rate = perDay(r.getPeriod(), r.getPeriodUnit().toCode());
                if (rate != null && n > 0) {
                    BigDecimal num = rate.numerator().multiply(BigDecimal.valueOf(n));
                    BigDecimal perDay = Numbers.divide(num, rate.denominator());
                    String unit = r.getPeriodUnit().toCode();
                    String text;
                    if (r.hasFrequencyMax()) {
                        text = Numbers.format(perDay) + "/day (at most " + n + " per " + Numbers.exact(r.getPeriod())
                                + " " + unit + ")";
                    } else if ("d".equals(unit) && r.getPeriod().compareTo(BigDecimal.ONE) == 0) {
                        text = Numbers.format(perDay) + "/day";
                    } else if (n == 1) {
                        text = Numbers.format(perDay) + "/day (every " + Numbers.exact(r.getPeriod()) + " " + unit
                                + ")";
                    } else {
                        text = Numbers.format(perDay) + "/day (" + n + " per " + Numbers.exact(r.getPeriod()) + " "
                                + unit + ")";
                    }
                    best = better(best, new Frequency(num, rate.denominator(), text));
                }
            }
            if (r.hasTimeOfDay()) {
                int n = r.getTimeOfDay().size();
                best = better(
                        best,
                        new Frequency(BigDecimal.valueOf(n), BigDecimal.ONE, n + "/day (" + n + " times of day)"));
            }
            if (r.hasWhen()) {
                List<String> codes = new ArrayList<>();
                for (Enumeration<Timing.EventTiming> w : r.getWhen()) {
                    codes.add(w.getCode());
                }
                int n = codes.size();
                best = better(
                        best,
                        new Frequency(
                                BigDecimal.valueOf(n),
                                BigDecimal.ONE,
                                n + "/day (when " + String.join(", ", codes) + ")"));
            }
        }
        if (timing.hasCode()) {
            String code = timingCode(timing.getCode());
            if (code != null) {
                Fraction rate = TIMING_CODES.get(code);
                BigDecimal perDay = Numbers.divide(rate.numerator(), rate.denominator());
                best = better(
                        best,
                        new Frequency(
                                rate.numerator(), rate.denominator(), Numbers.format(perDay) + "/day (" + code + ")"));
            }
        }
        return best;
    }

    private static Frequency better(Frequency a, Frequency b) {
        return a == null || b.perDay().compareTo(a.perDay()) > 0 ? b : a;
    }

    private static String timingCode(CodeableConcept cc) {
        for (Coding c : cc.getCoding()) {
            if (c.hasCode()) {
                String code = c.getCode().trim().toUpperCase(Locale.ROOT);
                if (TIMING_CODES.containsKey(code)) {
                    return code;
                }
            }
        }
        if (cc.hasText()) {
            String code = cc.getText().trim().toUpperCase(Locale.ROOT);
            if (TIMING_CODES.containsKey(code)) {
                return code;
            }
        }
        return null;
    }

    /**
     * "Once per period" as a fraction of a day, numerator over denominator, so that the daily dose needs
     * one division only and stays exact (mo and a are the UCUM mean Julian month and year). Null for an
     * unknown unit.
     */
    static Fraction perDay(BigDecimal period, String unit) {
        if (period == null || unit == null || period.signum() <= 0) {
            return null;
        }
        return switch (unit.trim()) {
            case "s" -> new Fraction(new BigDecimal("86400"), period);
            case "min" -> new Fraction(new BigDecimal("1440"), period);
            case "h" -> new Fraction(new BigDecimal("24"), period);
            case "d" -> new Fraction(BigDecimal.ONE, period);
            case "wk" -> new Fraction(BigDecimal.ONE, period.multiply(new BigDecimal("7")));
            case "mo" -> new Fraction(BigDecimal.ONE, period.multiply(new BigDecimal("30.4375")));
            case "a" -> new Fraction(BigDecimal.ONE, period.multiply(new BigDecimal("365.25")));
            default -> null;
        };
    }
}
