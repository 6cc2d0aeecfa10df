package org.baclofencds.rules.checks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Conditions;
import org.baclofencds.rules.DrugClass;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.MedicationOrder;
import org.baclofencds.rules.Moment;
import org.baclofencds.rules.Numbers;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;

/**
 * Shared wording for the alert texts, written for a clinician: medication names, doses in clinical notation
 * and dates in the evaluation's UTC offset; never a FHIR id, a code or a code system (those are in the
 * alert's references).
 */
final class Texts {
    private Texts() {}

    /** The medication as a clinician reads it: "baclofen 10 mg oral tablet". */
    static String order(MedicationOrder o) {
        String name = o.name();
        if (name == null || name.isBlank() || "unnamed medication".equals(name) || looksLikeCode(name)) {
            for (DrugClass c : o.classes()) {
                return c == DrugClass.BACLOFEN ? "baclofen" : "a " + c.label() + " order";
            }
            return "an unnamed medication";
        }
        return name;
    }

    /** "baclofen 10 mg oral tablet: 20 mg × 3/day = 60 mg/day". */
    static String dose(BaclofenOrder b) {
        return order(b.order()) + ": " + b.dose().explanation();
    }

    static String doses(List<BaclofenOrder> orders) {
        List<String> parts = new ArrayList<>();
        for (BaclofenOrder b : orders) {
            parts.add(dose(b));
        }
        return String.join("; ", parts);
    }

    static String orders(List<MedicationOrder> orders) {
        List<String> parts = new ArrayList<>();
        for (MedicationOrder o : orders) {
            String name = order(o);
            if (!parts.contains(name)) {
                parts.add(name);
            }
        }
        return String.join(", ", parts);
    }

    static List<MedicationOrder> of(List<BaclofenOrder> orders) {
        List<MedicationOrder> out = new ArrayList<>();
        for (BaclofenOrder b : orders) {
            out.add(b.order());
        }
        return out;
    }

    /** "name (stopped 2026-06-07); …" for the discontinuation alerts; {@code describe} names each order. */
    static String stopped(List<BaclofenOrder> orders, Function<BaclofenOrder, String> describe, Evaluation e) {
        List<String> parts = new ArrayList<>();
        for (BaclofenOrder b : orders) {
            parts.add(describe.apply(b) + " (" + status(b.order()) + " "
                    + date(b.order().stopDate(), e) + ")");
        }
        return String.join("; ", parts);
    }

    /** How the order ended, in words. */
    static String status(MedicationOrder o) {
        String code = o.request().hasStatus() ? o.request().getStatus().toCode() : "";
        return switch (code) {
            case "on-hold" -> "on hold since";
            case "completed" -> "completed (supply ran out)";
            case "active" -> "ended";
            default -> "stopped";
        };
    }

    static String mg(BigDecimal v) {
        return Numbers.format(v) + " mg/day";
    }

    static String mcg(BigDecimal v) {
        return Numbers.format(v) + " mcg/day";
    }

    /** A date (or date and time) in the evaluation's UTC offset: "2026-06-05" or "2026-06-05 09:00 UTC-05:00". */
    static String date(Moment m, Evaluation e) {
        return m == null ? "on an unknown date" : m.display(e.offset());
    }

    /** What an observation measures, by its text or display: "Creatinine [Mass/volume] in Serum or Plasma". */
    static String observation(Observation o) {
        return concept(o.getCode(), "result");
    }

    /** A condition by its name, never its code. */
    static String condition(Condition c) {
        String name = Conditions.name(c);
        return looksLikeCode(name) ? "a coded problem-list entry" : name;
    }

    static String conditions(List<Condition> conditions) {
        List<String> names = new ArrayList<>();
        for (Condition c : conditions) {
            String n = condition(c);
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        return String.join(", ", names);
    }

    /** The text, else a display, of a concept; {@code fallback} when it has only codes. */
    static String concept(CodeableConcept cc, String fallback) {
        if (cc == null) {
            return fallback;
        }
        if (cc.hasText()) {
            return cc.getText();
        }
        for (Coding c : cc.getCoding()) {
            if (c.hasDisplay()) {
                return c.getDisplay();
            }
        }
        return fallback;
    }

    /** A name that is only a code ("1292", "N18.4", "M03BX01"): never shown. */
    static boolean looksLikeCode(String s) {
        return s != null && s.trim().matches("[A-Z]?[0-9][0-9A-Z.\\-]*|[A-Z][0-9]{2}[A-Z0-9.]*");
    }

    /** Orders left out of a dose total because their dose is not computable. */
    static String excluded(List<BaclofenOrder> orders) {
        List<String> parts = new ArrayList<>();
        for (BaclofenOrder b : orders) {
            if (!b.computable()) {
                parts.add(order(b.order()));
            }
        }
        return parts.isEmpty() ? "" : " Not counted (daily dose cannot be computed): " + String.join(", ", parts) + ".";
    }

    static String plural(long n, String one) {
        return n + " " + one + (n == 1 ? "" : "s");
    }
}
