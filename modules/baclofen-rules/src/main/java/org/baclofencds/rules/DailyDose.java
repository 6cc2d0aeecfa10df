package org.baclofencds.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * The daily dose of one order in mg/day (oral) or mcg/day (intrathecal), or why it cannot be computed.
 *
 * @param value the daily amount, null when not computable (for a taper: its largest step)
 * @param unit {@code mg} or {@code mcg}
 * @param explanation how it was computed ("20 mg × 3/day = 60 mg/day") or exactly why not
 * @param perAdministration each dose as given, in mg, where its amount could be converted
 * @param microgramDosed true when some dose was written in micrograms
 * @param steps the daily dose of each sequential step (one step for an order without a taper)
 * @param administrationsPerDay the most administrations a day any step has; null for a rate or a maximum
 */
public record DailyDose(
        BigDecimal value,
        String unit,
        String explanation,
        List<BigDecimal> perAdministrationMg,
        boolean microgramDosed,
        List<Step> steps,
        BigDecimal administrationsPerDay) {

    /**
     * One step of the order.
     *
     * @param perDay its daily amount
     * @param explanation how it was computed
     * @param start the first day of its bounds, null when undated
     * @param end the last day of its bounds, null when undated or open
     */
    public record Step(BigDecimal perDay, String explanation, Moment start, Moment end) {}

    public DailyDose {
        perAdministrationMg = List.copyOf(perAdministrationMg);
        steps = List.copyOf(steps);
    }

    /** A dose that cannot be computed. */
    public DailyDose(
            BigDecimal value,
            String unit,
            String explanation,
            List<BigDecimal> perAdministrationMg,
            boolean microgramDosed) {
        this(value, unit, explanation, perAdministrationMg, microgramDosed, List.of(), null);
    }

    public boolean computable() {
        return value != null;
    }

    /** "60 mg/day". */
    public String display() {
        return Numbers.format(value) + " " + unit + "/day";
    }

    /**
     * The step in force at {@code when}: the step whose bounds hold it (the later one on a shared day), else the latest step that had started
     * by then, else the last step (a taper written without dates ends on its last step). Null when not
     * computable.
     */
    public Step stepAt(Moment when) {
        if (steps.isEmpty()) {
            return null;
        }
        if (when == null) {
            return steps.get(steps.size() - 1);
        }
        Step started = null;
        Step holding = null;
        boolean dated = false;
        for (Step s : steps) {
            if (s.start() == null) {
                continue;
            }
            dated = true;
            boolean afterStart =
                    s.start().compareTo(when) <= 0 || s.start().date().equals(when.date());
            boolean beforeEnd = s.end() == null
                    || s.end().compareTo(when) >= 0
                    || s.end().date().equals(when.date());
            if (afterStart && beforeEnd && (holding == null || s.start().compareTo(holding.start()) > 0)) {
                holding = s; // on a day two steps share, the later step is in force at the end of it
            }
            if (afterStart && (started == null || s.start().compareTo(started.start()) > 0)) {
                started = s;
            }
        }
        if (holding != null) {
            return holding;
        }
        if (dated && started != null) {
            return started;
        }
        return steps.get(steps.size() - 1);
    }
}
