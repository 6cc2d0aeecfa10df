package org.baclofencds.rules;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which alerts the engine emits: codes switched off, and the lowest severity reported.
 *
 * @param disabledCodes alert codes (API.md §4) never emitted
 * @param minimumSeverity alerts below this severity are dropped
 */
public record RulesConfig(Set<String> disabledCodes, Severity minimumSeverity) {

    public static final String KEY_DISABLED = "disabled";
    public static final String KEY_MINIMUM_SEVERITY = "minimum-severity";

    public RulesConfig {
        Objects.requireNonNull(minimumSeverity, "minimumSeverity");
        disabledCodes = disabledCodes == null ? Set.of() : Set.copyOf(disabledCodes);
        for (String code : disabledCodes) {
            if (!AlertCodes.ALL.contains(code)) {
                throw new IllegalArgumentException(
                        "Unknown alert code '" + code + "' in " + KEY_DISABLED + ": expected one of " + AlertCodes.ALL);
            }
        }
    }

    /** Every alert on, every severity reported. */
    public static RulesConfig defaults() {
        return new RulesConfig(Set.of(), Severity.LOW);
    }

    /**
     * Reads {@code disabled=code,code} and {@code minimum-severity=low|moderate|high}; absent keys keep the
     * defaults.
     *
     * @throws IllegalArgumentException for an unknown key, alert code or severity
     */
    public static RulesConfig fromProperties(Properties p) {
        Objects.requireNonNull(p, "properties");
        Set<String> unknown = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (!KEY_DISABLED.equals(key) && !KEY_MINIMUM_SEVERITY.equals(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown rules setting(s) " + unknown + ": expected " + KEY_DISABLED
                    + " and " + KEY_MINIMUM_SEVERITY);
        }
        Set<String> disabled = new LinkedHashSet<>();
        String list = p.getProperty(KEY_DISABLED);
        if (list != null) {
            for (String part : list.split(",")) {
                String code = part.trim();
                if (!code.isEmpty()) {
                    disabled.add(code);
                }
            }
        }
        String min = p.getProperty(KEY_MINIMUM_SEVERITY);
        Severity minimum = min == null || min.isBlank() ? Severity.LOW : Severity.fromCode(min);
        return new RulesConfig(disabled, minimum);
    }

    /** True when an alert with this code and severity is to be emitted. */
    public boolean emits(String code, Severity severity) {
        return !disabledCodes.contains(code) && severity.compareTo(minimumSeverity) >= 0;
    }
}
