package org.baclofencds.knowledge;

/**
 * One code of the alert CodeSystem ({@link KnowledgeUrls#ALERT_CODE_SYSTEM}) with the facts its concept
 * properties publish, so the rules read them from the knowledge instead of repeating them.
 *
 * @param code the alert code, e.g. {@code max-daily-dose}
 * @param display the concept display
 * @param definition when the alert fires
 * @param severity the default severity (some checks raise or lower it, as API.md §4 says)
 * @param category {@code alert} for clinicians, {@code instruction} for patient education
 * @param detectedIssueCode the v3-ActCode for {@code DetectedIssue.code}, e.g. {@code MDOSE}
 */
public record AlertCodeInfo(
        String code,
        String display,
        String definition,
        Severity severity,
        Category category,
        String detectedIssueCode) {

    /** The system of {@link #detectedIssueCode()}. */
    public static final String ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    /** DetectedIssue severity; {@link #code()} is the FHIR code. */
    public enum Severity {
        LOW("low"),
        MODERATE("moderate"),
        HIGH("high");

        private final String code;

        Severity(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Severity fromCode(String code) {
            for (Severity s : values()) {
                if (s.code.equals(code)) {
                    return s;
                }
            }
            throw new KnowledgeException("Unknown severity '" + code + "' (expected low, moderate or high)");
        }
    }

    /** communication-category code of the alert; {@link #code()} is the FHIR code. */
    public enum Category {
        ALERT("alert"),
        INSTRUCTION("instruction");

        private final String code;

        Category(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Category fromCode(String code) {
            for (Category c : values()) {
                if (c.code.equals(code)) {
                    return c;
                }
            }
            throw new KnowledgeException("Unknown alert category '" + code + "' (expected alert or instruction)");
        }
    }
}
