package org.baclofencds.rules;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * A FHIR date or date-time as a point in time. Dates without a time are compared by calendar day (UTC),
 * so "within 365 days" means the same for {@code 2025-01-01} and {@code 2025-01-01T10:00:00Z}.
 *
 * @param instant the start of the value (midnight UTC for a date)
 * @param dateOnly true when the value has day precision or coarser
 */
public record Moment(Instant instant, boolean dateOnly) implements Comparable<Moment> {

    /** The moment of a FHIR date/dateTime/instant, or null when absent. */
    public static Moment of(BaseDateTimeType t) {
        if (t == null || t.getValue() == null) {
            return null;
        }
        if (t.getPrecision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            Integer month = t.getMonth();
            Integer day = t.getDay();
            LocalDate d = LocalDate.of(t.getYear(), month == null ? 1 : month + 1, day == null ? 1 : day);
            return new Moment(d.atStartOfDay(ZoneOffset.UTC).toInstant(), true);
        }
        return new Moment(t.getValue().toInstant(), false);
    }

    public static Moment of(Instant instant) {
        return new Moment(instant, false);
    }

    public LocalDate date() {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** True when this moment lies in the {@code days} days up to and including {@code eval}. */
    public boolean withinDaysBefore(Instant eval, int days) {
        return notBeforeDaysBefore(eval, days) && !isAfter(eval);
    }

    /** True when this moment is no earlier than {@code days} days before {@code eval} (no upper bound). */
    public boolean notBeforeDaysBefore(Instant eval, int days) {
        if (dateOnly) {
            LocalDate evalDate = LocalDate.ofInstant(eval, ZoneOffset.UTC);
            return !date().isBefore(evalDate.minusDays(days));
        }
        return !instant.isBefore(eval.minus(Duration.ofDays(days)));
    }

    /** True when this moment is later than {@code eval} (a date on the evaluation day is not). */
    public boolean isAfter(Instant eval) {
        if (dateOnly) {
            return date().isAfter(LocalDate.ofInstant(eval, ZoneOffset.UTC));
        }
        return instant.isAfter(eval);
    }

    /** True when this moment is earlier than {@code eval} (a date on the evaluation day is not). */
    public boolean isBefore(Instant eval) {
        if (dateOnly) {
            return date().isBefore(LocalDate.ofInstant(eval, ZoneOffset.UTC));
        }
        return instant.isBefore(eval);
    }

    /** Whole days from {@code earlier} to this moment (by calendar day when both are dates). */
    public long fullDaysSince(Moment earlier) {
        if (dateOnly && earlier.dateOnly) {
            return ChronoUnit.DAYS.between(earlier.date(), date());
        }
        return Duration.between(earlier.instant, instant).toDays();
    }

    @Override
    public int compareTo(Moment o) {
        return instant.compareTo(o.instant);
    }

    /** For a reader: "2026-06-05" for a date, "2026-06-05 04:00 UTC-05:00" for a time shown in {@code offset}. */
    public String display(ZoneOffset offset) {
        if (dateOnly) {
            return date().toString();
        }
        java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(instant, offset);
        String zone = offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId();
        StringBuilder sb = new StringBuilder(30).append(local.toLocalDate()).append(' ');
        twoDigits(sb, local.getHour()).append(':');
        return twoDigits(sb, local.getMinute()).append(' ').append(zone).toString();
    }

    private static StringBuilder twoDigits(StringBuilder sb, int n) {
        return sb.append(n < 10 ? "0" : "").append(n);
    }

    /** ISO date for a date, ISO instant otherwise. */
    @Override
    public String toString() {
        return dateOnly ? date().toString() : instant.toString();
    }
}
