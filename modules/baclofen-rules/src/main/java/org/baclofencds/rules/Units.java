package org.baclofencds.rules;

import java.math.BigDecimal;
import java.util.Locale;
import org.hl7.fhir.r4.model.Quantity;

/** Recognises the dose units the checks accept (RULES.md "Daily dose"). */
public final class Units {
    private Units() {}

    /** A dose unit: a mass, or a unit of presentation converted through a strength. */
    public enum DoseUnit {
        G("g", "g"),
        MG("mg", "mg"),
        UG("mcg", "ug"),
        ML("mL", null),
        TABLET("tablet", null),
        PACKET("packet", null);

        private final String label;
        /** The UCUM code of a mass; null for a unit of presentation, converted through the product's strength. */
        private final String ucum;

        DoseUnit(String label, String ucum) {
            this.label = label;
            this.ucum = ucum;
        }

        public String label() {
            return label;
        }

        public boolean isMass() {
            return ucum != null;
        }

        /** Milligrams in one of this mass unit (by UCUM). */
        public BigDecimal mgPer() {
            if (ucum == null) {
                throw new IllegalStateException(label + " is not a mass");
            }
            return Ucum.factor(ucum, "mg");
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
