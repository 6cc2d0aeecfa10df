package org.baclofencds.rules.checks;

import java.util.ArrayList;
import java.util.List;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.MedicationOrder;
import org.baclofencds.rules.Numbers;

/** Shared wording for the alert details. */
final class Texts {
    private Texts() {}

    /** "baclofen 10 mg tablet (MedicationRequest/1)". */
    static String order(MedicationOrder o) {
        String ref = o.reference().hasReference()
                ? o.reference().getReference()
                : o.reference().getDisplay();
        return o.name() + " (" + ref + ")";
    }

    /** "baclofen 10 mg tablet (MedicationRequest/1): 20 mg × 3/day = 60 mg/day". */
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
            parts.add(order(o));
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

    /** "order, status (stop date …); …" for the discontinuation alerts; {@code describe} names each order. */
    static String stopped(List<BaclofenOrder> orders, java.util.function.Function<BaclofenOrder, String> describe) {
        StringBuilder what = new StringBuilder();
        for (BaclofenOrder b : orders) {
            what.append(what.length() == 0 ? "" : "; ")
                    .append(describe.apply(b))
                    .append(", ")
                    .append(b.order().request().getStatus().toCode())
                    .append(" (stop date ")
                    .append(b.order().stopDate())
                    .append(')');
        }
        return what.toString();
    }

    static String mg(java.math.BigDecimal v) {
        return Numbers.format(v) + " mg/day";
    }

    /** Orders left out of a dose total because their dose is not computable. */
    static String excluded(List<BaclofenOrder> orders) {
        List<String> parts = new ArrayList<>();
        for (BaclofenOrder b : orders) {
            if (!b.computable()) {
                parts.add(order(b.order()));
            }
        }
        return parts.isEmpty()
                ? ""
                : " Not counted, because their daily dose cannot be computed: " + String.join(", ", parts) + ".";
    }
}
