package org.baclofencds.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/** Observation dates, values and windows, read the same way by every check. */
public final class Observations {
    private Observations() {}

    /** The clinically relevant time: effective[x] (period end, else start), else issued. */
    public static Moment when(Observation o) {
        if (o.hasEffectiveDateTimeType()) {
            return Moment.of(o.getEffectiveDateTimeType());
        }
        if (o.hasEffectiveInstantType()) {
            return Moment.of(o.getEffectiveInstantType());
        }
        if (o.hasEffectivePeriod()) {
            Moment end = Moment.of(o.getEffectivePeriod().getEndElement());
            return end != null ? end : Moment.of(o.getEffectivePeriod().getStartElement());
        }
        if (o.hasIssued()) {
            return Moment.of(o.getIssuedElement());
        }
        return null;
    }

    /** Not withdrawn: entered-in-error and cancelled results are ignored. */
    public static boolean usable(Observation o) {
        if (!o.hasStatus()) {
            return true;
        }
        return switch (o.getStatus()) {
            case ENTEREDINERROR, CANCELLED -> false;
            default -> true;
        };
    }

    /** Usable observations dated within {@code days} days up to the evaluation, newest first. */
    public static List<Observation> within(List<Observation> all, Instant eval, int days) {
        List<Observation> out = new ArrayList<>();
        for (Observation o : all) {
            Moment m = when(o);
            if (usable(o) && m != null && m.withinDaysBefore(eval, days)) {
                out.add(o);
            }
        }
        out.sort(NEWEST_FIRST);
        return out;
    }

    /** Newest first; ties broken by id so the order never depends on input order. */
    public static final Comparator<Observation> NEWEST_FIRST = Comparator.comparing(Observations::when)
            .reversed()
            .thenComparing(o ->
                    o.getIdElement().getIdPart() == null ? "" : o.getIdElement().getIdPart());

    /** A numeric value: valueQuantity or valueInteger; null when none. */
    public static BigDecimal number(Observation o) {
        if (o.hasValueQuantity() && o.getValueQuantity().hasValue()) {
            return o.getValueQuantity().getValue();
        }
        if (o.hasValueIntegerType() && o.getValueIntegerType().getValue() != null) {
            return BigDecimal.valueOf(o.getValueIntegerType().getValue());
        }
        return null;
    }

    /** The unit code (else unit text) of valueQuantity, or "". */
    public static String unit(Observation o) {
        if (!o.hasValueQuantity()) {
            return "";
        }
        Quantity q = o.getValueQuantity();
        if (q.hasCode()) {
            return q.getCode();
        }
        return q.hasUnit() ? q.getUnit() : "";
    }

    /** "Observation/id", or null for an id-less observation. */
    public static String reference(Observation o) {
        return o.getIdElement().hasIdPart() ? "Observation/" + o.getIdElement().getIdPart() : null;
    }

    /** The LOINC (else first) code, for the detail text. */
    public static String code(Observation o) {
        for (var c : o.getCode().getCoding()) {
            if ("http://loinc.org".equals(c.getSystem()) && c.hasCode()) {
                return "LOINC " + c.getCode();
            }
        }
        for (var c : o.getCode().getCoding()) {
            if (c.hasCode()) {
                return c.getCode();
            }
        }
        return o.getCode().hasText() ? o.getCode().getText() : "uncoded";
    }
}
