package org.baclofencds.rules.checks;

import java.util.List;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;

/** {@code duplicate-therapy}: more than one current oral baclofen order. */
public final class DuplicateTherapyCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> oral = e.currentOral();
        if (oral.size() < 2) {
            return List.of();
        }
        String detail = oral.size() + " oral baclofen orders are current: " + Texts.doses(oral) + ". Their doses add"
                + " up, and the maximum and renal checks count the total. If one replaces another, stop the old order;"
                + " otherwise combine them into one order.";
        return List.of(new Finding(
                AlertCodes.DUPLICATE_THERAPY,
                e.defaultSeverity(AlertCodes.DUPLICATE_THERAPY),
                Texts.of(oral),
                List.of(),
                oral.size() + " current oral baclofen orders: their doses add up",
                detail,
                List.of(Source.LOCAL_POLICY, Source.TABLETS_DOSING),
                true));
    }
}
