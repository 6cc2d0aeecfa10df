package org.baclofencds.rules.checks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.DailyDose;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;

/**
 * {@code abrupt-discontinuation}: an oral order whose dose in force at the stop was above 15 mg/day, stopped
 * within the last 30 days (both local policy), and no baclofen order current. For a taper the dose in force
 * is the step that held the stop date, so a finished taper is not an abrupt stop.
 */
public final class WithdrawalCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        if (!e.currentBaclofen().isEmpty()) {
            return List.of();
        }
        List<BaclofenOrder> stopped = new ArrayList<>();
        List<String> described = new ArrayList<>();
        BigDecimal highest = BigDecimal.ZERO;
        for (BaclofenOrder b : e.baclofenOrders()) {
            if (!b.oral()
                    || !b.computable()
                    || !b.order().stoppedWithin(e.evaluationTime(), ClinicalThresholds.DISCONTINUATION_DAYS)) {
                continue;
            }
            DailyDose.Step step = b.dose().stepAt(b.order().stopDate());
            BigDecimal atStop = step == null ? b.dose().value() : step.perDay();
            if (atStop.compareTo(ClinicalThresholds.WITHDRAWAL_THRESHOLD_MG) <= 0) {
                continue;
            }
            stopped.add(b);
            highest = highest.max(atStop);
            String how = b.dose().steps().size() > 1
                    ? "taper step in force at the stop: " + step.explanation()
                    : b.dose().explanation();
            described.add(Texts.order(b.order()) + ", " + Texts.mg(atStop) + " when "
                    + Texts.status(b.order()).replace(" since", "") + " "
                    + Texts.date(b.order().stopDate(), e)
                    + " (" + how + ")");
        }
        if (stopped.isEmpty()) {
            return List.of();
        }
        String detail = "Oral baclofen stopped with no baclofen order current: " + String.join("; ", described)
                + ". Abrupt withdrawal can cause hallucinations, seizures, high fever, confusion, rebound spasticity"
                + " and muscle rigidity. Unless a serious adverse reaction required the stop, confirm what the patient"
                + " takes; if it was stopped abruptly, resume and reduce gradually (the labels give no duration; 1 to"
                + " 2 weeks is local policy). Alert window " + ClinicalThresholds.DISCONTINUATION_DAYS + " days and"
                + " threshold above " + Texts.mg(ClinicalThresholds.WITHDRAWAL_THRESHOLD_MG) + ": local policy.";
        return List.of(new Finding(
                AlertCodes.ABRUPT_DISCONTINUATION,
                e.defaultSeverity(AlertCodes.ABRUPT_DISCONTINUATION),
                Texts.of(stopped),
                List.of(),
                "Oral baclofen " + Texts.mg(highest)
                        + " stopped with nothing current: risk of withdrawal; taper instead",
                detail,
                List.of(Source.OZOBAX_DISCONTINUATION, Source.TABLETS_WITHDRAWAL),
                false));
    }
}
