package org.baclofencds.rules.checks;

import java.util.ArrayList;
import java.util.List;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Source;

/**
 * {@code intrathecal-discontinuation}: an intrathecal order stopped within the last 30 days (POL) and no
 * intrathecal order current (boxed warning, OPENFDA-LBL-E050).
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
        String what = Texts.stopped(stopped, b -> Texts.order(b.order()));
        String detail = "Intrathecal baclofen was stopped in the last " + ClinicalThresholds.DISCONTINUATION_DAYS
                + " days and no intrathecal order is current: "
                + what + ". Boxed warning: abrupt discontinuation of intrathecal baclofen, for any cause, has led to"
                + " high fever, altered mental status, exaggerated rebound spasticity and rigidity, rarely"
                + " rhabdomyolysis, multi-organ failure and death. Check the pump, refill schedule and alarms, and"
                + " restore intrathecal delivery; higher risk with spinal cord injury at T6 or above, communication"
                + " difficulties or prior withdrawal. (" + ClinicalThresholds.DISCONTINUATION_DAYS
                + "-day window: POL.)";
        return List.of(new Finding(
                AlertCodes.INTRATHECAL_DISCONTINUATION,
                e.defaultSeverity(AlertCodes.INTRATHECAL_DISCONTINUATION),
                Texts.of(stopped),
                List.of(),
                "Intrathecal baclofen stopped: abrupt discontinuation can be fatal",
                detail,
                List.of(Source.OPENFDA_LBL_E050),
                false));
    }
}
