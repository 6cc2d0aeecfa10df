package org.baclofencds.rules;

import java.math.BigDecimal;
import java.util.Locale;
import org.hl7.fhir.r4.model.Quantity;

/** Recognises the dose units the checks accept (RULES.md "Daily dose"). */
public final class Units {
    private Units() {}

    /** A dose unit: a mass, or a unit of presentation converted through a strength. */
    public enum DoseUnit {
        G("g", true),
        MG("mg", true),
        UG("mcg", true),
        ML("mL", false),
        TABLET("tablet", false),
        PACKET("packet", false);

        private final String label;
        private final boolean mass;

        DoseUnit(String label, boolean mass) {
            this.label = label;
            this.mass = mass;
        }

        public String label() {
            return label;
        }

        public boolean isMass() {
            return mass;
        }

        /** Milligrams in one of this mass unit. */
        public BigDecimal mgPer() {
            return switch (this) {
                case G -> new BigDecimal("1000");
                case MG -> BigDecimal.ONE;
                case UG -> new BigDecimal("0.001");
                default -> throw new IllegalStateException(label + " is not a mass");
            };
        }
    }

    /** The dose unit of a quantity (UCUM code first, then the unit text), or null when unknown. */
    public static DoseUnit doseUnit(Quantity q) {
        if (q == null) {
            return null;
        }
        DoseUnit u = q.hasCode() ? doseUnit(q.getCode()) : null;
        if (u == null && q.hasUnit()) {
            u = doseUnit(q.getUnit());
        }
        return u;
    }

    /** The dose unit a code or text names, or null. */
    public static DoseUnit doseUnit(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        t = t.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "g", "gram", "grams" -> DoseUnit.G;
            case "mg", "milligram", "milligrams" -> DoseUnit.MG;
            case "ug", "mcg", "\u00b5g", "\u03bcg", "microgram", "micrograms" -> DoseUnit.UG;
            case "ml", "milliliter", "milliliters", "millilitre", "millilitres" -> DoseUnit.ML;
            case "tablet", "tablets", "tab", "tabs", "tbl" -> DoseUnit.TABLET;
            case "packet", "packets" -> DoseUnit.PACKET;
            default -> null;
        };
    }
}
