package org.baclofencds.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Procedure;

/** Procedure dates, names and status, read the same way by every check. */
public final class Procedures {
    private Procedures() {}

    /** When it was performed: performedDateTime, else the end (else start) of performedPeriod; null if unknown. */
    public static Moment when(Procedure p) {
        if (p.hasPerformedDateTimeType()) {
            return Moment.of(p.getPerformedDateTimeType());
        }
        if (p.hasPerformedPeriod()) {
            Moment end = Moment.of(p.getPerformedPeriod().getEndElement());
            return end != null ? end : Moment.of(p.getPerformedPeriod().getStartElement());
        }
        return null;
    }

    /** Done or under way: completed, in progress or of unknown status; never planned, not done or in error. */
    public static boolean performed(Procedure p) {
        if (!p.hasStatus()) {
            return true;
        }
        return switch (p.getStatus()) {
            case COMPLETED, INPROGRESS, UNKNOWN -> true;
            default -> false;
        };
    }

    /** A name for the reader: text, else a display, else "dialysis procedure". */
    public static String name(Procedure p) {
        if (p.getCode().hasText()) {
            return p.getCode().getText();
        }
        for (Coding c : p.getCode().getCoding()) {
            if (c.hasDisplay()) {
                return c.getDisplay();
            }
        }
        return "dialysis procedure";
    }

    /** Performed procedures in the value set (by code or name) dated within {@code days} days up to the evaluation. */
    static List<Procedure> within(List<Procedure> all, Vocabulary v, String valueSetUrl, Instant eval, int days) {
        List<Procedure> out = new ArrayList<>();
        for (Procedure p : all) {
            Moment m = when(p);
            if (performed(p) && m != null && m.withinDaysBefore(eval, days) && v.matches(valueSetUrl, p.getCode())) {
                out.add(p);
            }
        }
        return out;
    }
}
