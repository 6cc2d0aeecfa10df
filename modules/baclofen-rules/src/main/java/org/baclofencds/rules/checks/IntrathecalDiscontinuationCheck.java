package org.baclofencds.rules.checks;

import java.util.ArrayList;
import java.util.List;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;

/**
 * {@code intrathecal-discontinuation}: an intrathecal order stopped within the last 30 days (local policy)
 * and no intrathecal order current (boxed warning of the intrathecal labels).
 */
public final class IntrathecalDiscontinuationCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        if (!e.currentIntrathecal().isEmpty()) {
            return List.of();
        }
        List<BaclofenOrder> stopped = new ArrayList<>();
        for (BaclofenOrder b : e.baclofenOrders()) {
            if (b.intrathecal()
                    && b.order().stoppedWithin(e.evaluationTime(), ClinicalThresholds.DISCONTINUATION_DAYS)) {
                stopped.add(b);
            }
        }
        if (stopped.isEmpty()) {
            return List.of();
        }
        List<BaclofenOrder> oral = e.currentOral();
        String bridge = oral.isEmpty()
                ? ""
                : " Current oral baclofen (" + Texts.orders(Texts.of(oral)) + ") may not prevent intrathecal"
                        + " withdrawal: do not rely on it.";
        String detail = "Intrathecal baclofen stopped and no intrathecal order is current: "
                + Texts.stopped(stopped, b -> Texts.order(b.order()), e) + ". Boxed warning: abrupt discontinuation,"
                + " for any cause, has caused high fever, altered mental status, rebound spasticity and muscle"
                + " rigidity, rarely rhabdomyolysis, multiple organ failure and death. Restore intrathecal delivery"
                + " promptly: check the pump, catheter, refill date and alarms." + bridge + " Alert window "
                + ClinicalThresholds.DISCONTINUATION_DAYS + " days: local policy.";
        List<Source> sources = oral.isEmpty()
                ? List.of(Source.GABLOFEN_BOXED_WARNING)
                : List.of(Source.GABLOFEN_BOXED_WARNING, Source.MOHAMMED);
        return List.of(new Finding(
                AlertCodes.INTRATHECAL_DISCONTINUATION,
                e.defaultSeverity(AlertCodes.INTRATHECAL_DISCONTINUATION),
                Texts.of(stopped),
                List.of(),
                "Intrathecal baclofen stopped with no intrathecal order current: abrupt withdrawal can be fatal",
                detail,
                sources,
                false));
    }
}
