package org.baclofencds.rules;

import java.util.Locale;

/** Alert severity, the {@code DetectedIssue.severity} of API.md §3; ordered low to high. */
public enum Severity {
    LOW("low", "routine"),
    MODERATE("moderate", "urgent"),
    HIGH("high", "stat");

    private final String code;
    private final String priority;

    Severity(String code, String priority) {
        this.code = code;
        this.priority = priority;
    }

    /** The FHIR {@code detectedissue-severity} code. */
    public String code() {
        return code;
    }

    /** The {@code request-priority} code of the alert (RULES.md "Severity to output"). */
    public String priority() {
        return priority;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Severity fromCode(String code) {
        if (code != null) {
            String c = code.trim().toLowerCase(Locale.ROOT);
            for (Severity s : values()) {
                if (s.code.equals(c)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("Unknown severity '" + code + "': expected low, moderate or high");
    }
}
