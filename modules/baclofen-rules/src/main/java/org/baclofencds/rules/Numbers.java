package org.baclofencds.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Exact dose arithmetic and number formatting without trailing noise. */
public final class Numbers {
    private Numbers() {}

    /** Enough digits that a repeating quotient cannot move a threshold comparison at 2 decimals. */
    public static final MathContext MC = MathContext.DECIMAL64;

    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return a.divide(b, MC);
    }

    /** At most two decimals, no trailing zeros, no exponent: 60, 53.33, 0.5. */
    public static String format(BigDecimal value) {
        if (value == null) {
            return "?";
        }
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.toPlainString();
    }

    /** A value as written, in full (for doses copied from an order): 20.0025, 0.5, 100. */
    public static String exact(BigDecimal value) {
        if (value == null) {
            return "?";
        }
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
