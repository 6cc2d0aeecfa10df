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
import org.hl7.fhir.r4.model.Period;
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
        String unit = intrathecal ? "mcg" : "mg";
        List<BigDecimal> perAdministration = new ArrayList<>();
        boolean[] micrograms = {false};
        if (dosages == null || dosages.isEmpty()) {
            return new DailyDose(null, unit, "the order has no dose instructions", perAdministration, false);
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < dosages.size(); i++) {
            Dosage d = dosages.get(i);
            Part p = part(d, intrathecal, strength, perAdministration, micrograms);
            String label = dosages.size() > 1 ? "instruction " + (i + 1) + ": " : "";
            if (p.failure != null) {
                return new DailyDose(null, unit, label + p.failure, perAdministration, micrograms[0]);
            }
            parts.add(new Part(d.hasSequence() ? d.getSequence() : null, p.perDay, label + p.text, null)
                    .withAdministrations(p.administrationsPerDay));
        }
        if (parts.size() == 1) {
            Part only = parts.get(0);
            return new DailyDose(
                    only.perDay,
                    unit,
                    only.text,
                    perAdministration,
                    micrograms[0],
                    List.of(new DailyDose.Step(only.perDay, only.text, null, null)),
                    only.administrationsPerDay);
        }
        // Same or no sequence: taken together, so summed. Different sequences follow each other: the
        // largest step counts. Unsequenced instructions accompany every step. Unsequenced instructions
        // whose dated bounds do not overlap are a taper written step by step: they follow each other too.
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        List<Integer> unsequenced = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            if (p.sequence == null) {
                unsequenced.add(i);
            } else {
                groups.computeIfAbsent(p.sequence, k -> new ArrayList<>()).add(i);
            }
        }
        if (groups.isEmpty() && datedSteps(dosages)) {
            for (int i = 0; i < parts.size(); i++) {
                groups.put(i + 1, List.of(i));
            }
            unsequenced.clear();
        }
        if (groups.isEmpty()) {
            BigDecimal total = sum(parts, unsequenced);
            String text = join(parts, unsequenced) + "; taken together: " + Numbers.format(total) + " " + unit + "/day";
            return new DailyDose(
                    total,
                    unit,
                    text,
                    perAdministration,
                    micrograms[0],
                    List.of(new DailyDose.Step(total, text, null, null)),
                    sumAdministrations(parts, unsequenced));
        }
        BigDecimal best = null;
        List<String> texts = new ArrayList<>();
        List<DailyDose.Step> steps = new ArrayList<>();
        BigDecimal administrations = BigDecimal.ZERO;
        int number = 0;
        for (Map.Entry<Integer, List<Integer>> g : groups.entrySet()) {
            number++;
            List<Integer> members = new ArrayList<>(g.getValue());
            members.addAll(unsequenced);
            BigDecimal total = sum(parts, members);
            String text = "step " + number + " (" + join(parts, members) + ") = " + Numbers.format(total) + " " + unit
                    + "/day";
            texts.add(text);
            Moment start = null;
            Moment end = null;
            for (int i : g.getValue()) {
                Period bounds = bounds(dosages.get(i));
                if (bounds != null) {
                    Moment s0 = Moment.of(bounds.getStartElement());
                    Moment e0 = Moment.of(bounds.getEndElement());
                    start = s0 != null && (start == null || s0.compareTo(start) < 0) ? s0 : start;
                    end = e0 != null && (end == null || e0.compareTo(end) > 0) ? e0 : end;
                }
            }
            steps.add(new DailyDose.Step(total, text, start, end));
            BigDecimal perDay = sumAdministrations(parts, members);
            administrations = administrations.max(perDay);
            if (best == null || total.compareTo(best) > 0) {
                best = total;
            }
        }
        return new DailyDose(
                best,
                unit,
                String.join("; ", texts) + "; largest step " + Numbers.format(best) + " " + unit + "/day",
                perAdministration,
                micrograms[0],
                steps,
                administrations);
    }

    /** Two or more unsequenced instructions, each with a dated bounds period, none overlapping another. */
    private static boolean datedSteps(List<Dosage> dosages) {
        List<Period> periods = new ArrayList<>();
        for (Dosage d : dosages) {
            Period p = bounds(d);
            if (p == null || !p.hasStart()) {
                return false;
            }
            periods.add(p);
        }
        for (int i = 0; i < periods.size(); i++) {
            for (int j = i + 1; j < periods.size(); j++) {
                if (overlap(periods.get(i), periods.get(j))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean overlap(Period a, Period b) {
        Moment as = Moment.of(a.getStartElement());
        Moment bs = Moment.of(b.getStartElement());
        Moment ae = Moment.of(a.getEndElement());
        Moment be = Moment.of(b.getEndElement());
        boolean aEndsBeforeB = ae != null && ae.compareTo(bs) < 0;
        boolean bEndsBeforeA = be != null && be.compareTo(as) < 0;
        return !aEndsBeforeB && !bEndsBeforeA;
    }

    private static Period bounds(Dosage d) {
        if (d.hasTiming()
                && d.getTiming().hasRepeat()
                && d.getTiming().getRepeat().hasBoundsPeriod()) {
            return d.getTiming().getRepeat().getBoundsPeriod();
        }
        return null;
    }

    private static BigDecimal sum(List<Part> parts, List<Integer> members) {
        BigDecimal total = BigDecimal.ZERO;
        for (int i : members) {
            total = total.add(parts.get(i).perDay);
        }
        return total;
    }

    private static BigDecimal sumAdministrations(List<Part> parts, List<Integer> members) {
        BigDecimal total = BigDecimal.ZERO;
        for (int i : members) {
            BigDecimal a = parts.get(i).administrationsPerDay;
            total = total.add(a == null ? BigDecimal.ZERO : a);
        }
        return total;
    }

    private static String join(List<Part> parts, List<Integer> members) {
        List<String> texts = new ArrayList<>();
        for (int i : members) {
            texts.add(parts.get(i).text);
        }
        return String.join(" + ", texts);
    }

    /** One instruction's daily amount; {@code administrationsPerDay} is null for a rate or a maximum. */
    private record Part(
            Integer sequence, BigDecimal perDay, String text, String failure, BigDecimal administrationsPerDay) {
        Part(Integer sequence, BigDecimal perDay, String text, String failure) {
            this(sequence, perDay, text, failure, null);
        }

        static Part fail(String why) {
            return new Part(null, null, null, why);
        }

        Part withAdministrations(BigDecimal perDay) {
            return new Part(sequence, this.perDay, text, failure, perDay);
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
        String unit = intrathecal ? "mcg" : "mg";
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
                return Part.fail("the as-needed instruction gives neither a dose nor a maximum per period");
            }
            if (dose.failure != null) {
                return Part.fail(dose.failure);
            }
            if (freq == null) {
                return Part.fail("the as-needed instruction gives neither a maximum per period nor how often");
            }
            BigDecimal perDay = freq.times(dose.value);
            return new Part(
                            null,
                            perDay,
                            "as needed, " + dose.text + " × up to " + freq.text + " = " + Numbers.format(perDay) + " "
                                    + unit + "/day",
                            null)
                    .withAdministrations(freq.perDay());
        }
        if (dose == null) {
            Part rate = rate(d, intrathecal, strength);
            if (rate != null) {
                return rate;
            }
            return Part.fail("no dose amount is given");
        }
        if (dose.failure != null) {
            return Part.fail(dose.failure);
        }
        if (freq == null) {
            if (d.hasMaxDosePerPeriod()) {
                return maxPerPeriod(d, intrathecal, strength, dose, "no frequency given; ");
            }
            if (oneTime(d.getTiming())) {
                return new Part(null, dose.value, dose.text + " once (a single dose)", null)
                        .withAdministrations(BigDecimal.ONE);
            }
            return Part.fail("no frequency is given");
        }
        BigDecimal perDay = freq.times(dose.value);
        return new Part(
                        null,
                        perDay,
                        dose.text + " × " + freq.text + " = " + Numbers.format(perDay) + " " + unit + "/day",
                        null)
                .withAdministrations(freq.perDay());
    }

    /** A one-time order: {@code timing.repeat.count} 1 and no frequency or period (API.md §4). */
    private static boolean oneTime(Timing timing) {
        if (timing == null || !timing.hasRepeat()) {
            return false;
        }
        Timing.TimingRepeatComponent r = timing.getRepeat();
        return r.hasCount() && r.getCount() == 1 && !r.hasPeriod() && !r.hasFrequency() && !timing.hasCode();
    }

    private static Part maxPerPeriod(Dosage d, boolean intrathecal, Strength strength, Amount dose, String prefix) {
        String unit = intrathecal ? "mcg" : "mg";
        Ratio max = d.getMaxDosePerPeriod();
        Quantity num = max.getNumerator();
        Quantity den = max.getDenominator();
        if (num == null || !num.hasValue() || den == null || !den.hasValue()) {
            return Part.fail("the maximum dose lacks an amount or a period");
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
                return Part.fail("maximum dose: " + amount.failure);
            }
        }
        Fraction rate = perDay(den.getValue(), den.hasCode() ? den.getCode() : den.getUnit());
        if (rate == null) {
            return Part.fail("the maximum dose has a period that cannot be read");
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
        String target = intrathecal ? "mcg" : "mg";
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
        String target = intrathecal ? "mcg" : "mg";
        Units.DoseUnit u = Units.doseUnit(q);
        String written = Numbers.exact(q.getValue()) + " " + writtenUnit(q);
        if (u == null) {
            return new Amount(
                    null, null, "the dose unit '" + writtenUnit(q) + "' is not mg, g, mcg, mL, tablet or packet");
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
                        "the dose is in " + u.label() + " but the order does not say the product's strength or"
                                + " concentration");
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

    /** The unit as written, in clinical notation ("mcg", never "ug"; "tablet" rather than "{tbl}"). */
    private static String writtenUnit(Quantity q) {
        String written = q.hasUnit() ? q.getUnit() : q.hasCode() ? q.getCode() : null;
        if (written == null) {
            return "(no unit)";
        }
        Units.DoseUnit u = Units.doseUnit(written);
        if (u == Units.DoseUnit.UG) {
            return "mcg";
        }
        if (u == Units.DoseUnit.TABLET || u == Units.DoseUnit.PACKET) {
            return u.label() + (q.getValue() != null && q.getValue().compareTo(BigDecimal.ONE) > 0 ? "s" : "");
        }
        return written;
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
                    codes.add(
                            w.getValue() == null
                                    ? w.getCode()
                                    : w.getValue().getDisplay().toLowerCase(Locale.ROOT));
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
     * "Once per period" as a fraction of a day, numerator over denominator, so that the daily dose needs one division
     * only and stays exact. The unit's length is UCUM's (mo and a are its mean Julian month and year); the fraction
     * takes whichever of "units in a day" (s, min, h, d) or "days in a unit" (wk, mo, a) is a whole or finite
     * number. Null for a unit that is not a time.
     */
    static Fraction perDay(BigDecimal period, String unit) {
        if (period == null || unit == null || period.signum() <= 0) {
            return null;
        }
        BigDecimal unitsPerDay = Ucum.factor("d", unit);
        if (unitsPerDay == null) {
            return null;
        }
        if (unitsPerDay.stripTrailingZeros().scale() <= 0) {
            return new Fraction(unitsPerDay, period);
        }
        return new Fraction(BigDecimal.ONE, period.multiply(Ucum.factor(unit, "d")));
    }
}
