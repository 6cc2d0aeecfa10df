package org.baclofencds.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * The daily dose of one order in mg/day (oral) or ug/day (intrathecal), or why it cannot be computed.
 *
 * @param value the daily amount, null when not computable
 * @param unit {@code mg} or {@code ug}
 * @param explanation how it was computed ("20 mg × 3/day = 60 mg/day") or exactly why not
 * @param perAdministration each dose as given, in mg, where its amount could be converted
 * @param microgramDosed true when some dose was written in micrograms
 */
public record DailyDose(
        BigDecimal value,
        String unit,
        String explanation,
        List<BigDecimal> perAdministrationMg,
        boolean microgramDosed) {

    public DailyDose {
        perAdministrationMg = List.copyOf(perAdministrationMg);
    }

    public boolean computable() {
        return value != null;
    }

    /** "60 mg/day". */
    public String display() {
        return Numbers.format(value) + " " + unit + "/day";
    }
}
