package org.baclofencds.rules;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;
import org.fhir.ucum.UcumService;

/**
 * Unit conversion by the UCUM library ({@code org.fhir:ucum}, over the official {@code ucum-essence.xml} it ships),
 * so that every unit UCUM defines converts, not only the ones a table lists: mg/L as well as mg/dL, mL/s as well as
 * mL/min, [oz_av] as well as [lb_av].
 *
 * <p>The library parses and canonicalises both units on every call (about half a millisecond), so each pair's factor
 * is computed once and kept; the units the checks convert to are all proportional (no offset, unlike Cel), so a factor
 * is the whole conversion. What UCUM cannot do stays with the caller: a tablet or packet is converted through the
 * product's strength, and creatinine's µmol/L to mg/dL needs its molar mass.
 */
final class Ucum {
    private static final UcumService SERVICE = load();
    /** Enough for every unit an EHR writes; a flood of made-up units is converted but not kept. */
    private static final int MAX_PAIRS = 2_000;

    private static final Map<String, Optional<BigDecimal>> FACTORS = new ConcurrentHashMap<>();

    private Ucum() {}

    /**
     * The value in {@code to}, or null when {@code from} is no UCUM unit of the same kind. {@code from} is tried as
     * written in lower case first (an EHR's "MG" or "Mg" means mg, not megagrams), then as written, with µ as u.
     */
    static BigDecimal convert(BigDecimal value, String from, String to) {
        BigDecimal f = factor(from, to);
        return f == null || value == null ? null : value.multiply(f);
    }

    /** How many {@code to} one {@code from} is, or null when they are not of the same kind. */
    static BigDecimal factor(String from, String to) {
        if (from == null || from.isBlank()) {
            return null;
        }
        String unit = from.trim().replace(" ", "").replace('\u00b5', 'u').replace('\u03bc', 'u');
        BigDecimal f = cached(unit.toLowerCase(Locale.ROOT), to);
        return f != null ? f : cached(unit, to);
    }

    private static BigDecimal cached(String from, String to) {
        String key = from + '\u0000' + to;
        Optional<BigDecimal> known = FACTORS.get(key);
        if (known == null) {
            known = Optional.ofNullable(compute(from, to));
            if (FACTORS.size() < MAX_PAIRS) {
                FACTORS.put(key, known);
            }
        }
        return known.orElse(null);
    }

    private static BigDecimal compute(String from, String to) {
        try {
            if (SERVICE.validate(from) != null || !SERVICE.isComparable(from, to)) {
                return null;
            }
            return new BigDecimal(
                            SERVICE.convert(new Decimal("1", 24), from, to).asDecimal())
                    .stripTrailingZeros();
        } catch (UcumException | RuntimeException e) {
            return null; // not a unit UCUM can read
        }
    }

    private static UcumService load() {
        try (InputStream essence = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
            if (essence == null) {
                throw new IllegalStateException("ucum-essence.xml is missing from the org.fhir:ucum jar");
            }
            return new UcumEssenceService(essence);
        } catch (IOException | UcumException e) {
            throw new IllegalStateException("The UCUM definitions cannot be read", e);
        }
    }
}
