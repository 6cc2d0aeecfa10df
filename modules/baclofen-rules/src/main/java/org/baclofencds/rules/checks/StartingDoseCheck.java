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

/** {@code starting-dose}: a new oral start above 15 mg/day (5 mg three times daily). */
public final class StartingDoseCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<Finding> out = new ArrayList<>();
        for (BaclofenOrder b : e.currentOral()) {
            if (!b.computable() || !e.newStart(b)) {
                continue;
            }
            if (b.dose().value().compareTo(ClinicalThresholds.STARTING_DAILY_MG) <= 0) {
                continue;
            }
            String start = Texts.mg(ClinicalThresholds.STARTING_DAILY_MG);
            String summary = "New baclofen start at " + Texts.mg(b.dose().value()) + "; the label starts at " + start
                    + " (5 mg three times daily)";
            String detail = "New oral start: " + Texts.dose(b) + ". The label starts at 5 mg three times daily ("
                    + start + ") for " + ClinicalThresholds.TITRATION_STEP_DAYS + " days, then adds "
                    + Texts.mg(ClinicalThresholds.TITRATION_STEP_MG) + " every "
                    + ClinicalThresholds.TITRATION_STEP_DAYS
                    + " days. Start at " + start + " or less. It counts as a new start because no other baclofen"
                    + " order, oral or intrathecal, was written, current or stopped in the "
                    + ClinicalThresholds.NEW_START_LOOKBACK_DAYS + " days before it (local policy).";
            out.add(new Finding(
                    AlertCodes.STARTING_DOSE,
                    e.defaultSeverity(AlertCodes.STARTING_DOSE),
                    List.of(b.order()),
                    List.of(),
                    summary,
                    detail,
                    List.of(Source.TABLETS_DOSING, Source.OZOBAX_DOSING),
                    false));
        }
        return out;
    }
}
