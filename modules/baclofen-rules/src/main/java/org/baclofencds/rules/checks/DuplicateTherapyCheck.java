package org.baclofencds.rules.checks;

import java.util.List;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Source;

/** {@code duplicate-therapy}: more than one current oral baclofen order. */
public final class DuplicateTherapyCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> oral = e.currentOral();
        if (oral.size() < 2) {
            return List.of();
        }
        StringBuilder each = new StringBuilder();
        for (BaclofenOrder b : oral) {
            each.append(each.length() == 0 ? "" : "; ").append(Texts.dose(b));
        }
        String detail = oral.size() + " oral baclofen orders are current: " + each + ". Together they add up"
                + " (the dose checks count the total against the maximum). If one replaces another, stop the old"
                + " order; otherwise combine them into one order.";
        return List.of(new Finding(
                AlertCodes.DUPLICATE_THERAPY,
                e.defaultSeverity(AlertCodes.DUPLICATE_THERAPY),
                Texts.of(oral),
                List.of(),
                oral.size() + " current oral baclofen orders",
                detail,
                List.of(Source.TAB_DM_B4F2),
                true));
    }
}
