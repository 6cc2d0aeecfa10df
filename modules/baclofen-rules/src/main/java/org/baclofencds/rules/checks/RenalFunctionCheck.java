package org.baclofencds.rules.checks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.RenalBand;
import org.baclofencds.rules.RenalFunction;
import org.baclofencds.rules.Severity;

/**
 * {@code renal-dose-adjustment}: impaired renal function with current oral baclofen (RULES.md table; local
 * policy built on Vlavonou 2014, Wolf 2018 and Muanda 2019). Intrathecal doses are micrograms and outside
 * this table.
 */
public final class RenalFunctionCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        RenalFunction renal = e.renal();
        List<BaclofenOrder> oral = e.currentOral();
        if (!renal.known() || oral.isEmpty() || renal.band() == RenalBand.NORMAL) {
            return List.of();
        }
        RenalBand band = renal.band();
        List<BaclofenOrder> counted =
                oral.stream().filter(BaclofenOrder::computable).toList();
        BigDecimal total = Evaluation.total(counted);
        String found = "Renal function " + band.label() + ": " + renal.description() + ".";
        String doses = counted.isEmpty()
                ? " Current oral baclofen: " + Texts.orders(Texts.of(oral)) + "."
                : " Current oral baclofen " + Texts.mg(total) + ": " + Texts.doses(counted) + "."
                        + Texts.excluded(oral);
        Severity severity;
        List<BaclofenOrder> implicated;
        String summary;
        String advice;
        List<Source> sources = new ArrayList<>();
        switch (band) {
            case SEVERE, END_STAGE -> {
                severity = Severity.HIGH;
                implicated = oral;
                summary = "Baclofen with " + band.label() + " renal function: avoid (toxicity at low doses)";
                advice = " Avoid baclofen: it is cleared by the kidney and encephalopathy has followed a single 25 mg"
                        + " dose on dialysis; haemodialysis has reversed toxicity. If it must continue, use the lowest"
                        + " dose and watch mental status.";
                sources.add(Source.WOLF_AJKD);
                sources.add(Source.KHAZNEH);
            }
            case MODERATE -> {
                List<BaclofenOrder> bigStarts = new ArrayList<>();
                for (BaclofenOrder b : counted) {
                    if (e.newStart(b) && b.dose().value().compareTo(ClinicalThresholds.MODERATE_NEW_START_MG) >= 0) {
                        bigStarts.add(b);
                    }
                }
                boolean overCeiling = !counted.isEmpty() && total.compareTo(band.ceilingMg()) > 0;
                if (!overCeiling && bigStarts.isEmpty()) {
                    return List.of();
                }
                severity = Severity.MODERATE;
                implicated = overCeiling ? counted : bigStarts;
                summary = overCeiling
                        ? "Baclofen " + Texts.mg(total) + " is above " + Texts.mg(band.ceilingMg())
                                + " for moderate renal impairment"
                        : "New baclofen start of " + Texts.mg(ClinicalThresholds.MODERATE_NEW_START_MG)
                                + " or more with moderate renal impairment";
                advice = " Use about half the usual dose (ceiling " + Texts.mg(band.ceilingMg()) + "); do not start at "
                        + Texts.mg(ClinicalThresholds.MODERATE_NEW_START_MG) + " or more: encephalopathy was about 3.5"
                        + " times as frequent at that dose with eGFR under 60. Watch mental status.";
                sources.add(Source.VLAVONOU);
                sources.add(Source.MUANDA);
            }
            case MILD -> {
                if (counted.isEmpty() || total.compareTo(band.ceilingMg()) <= 0) {
                    return List.of();
                }
                severity = Severity.LOW;
                implicated = counted;
                summary = "Baclofen " + Texts.mg(total) + " is above " + Texts.mg(band.ceilingMg())
                        + " for mild renal impairment";
                advice = " Use about a third less than usual (ceiling " + Texts.mg(band.ceilingMg())
                        + ") and titrate slowly.";
                sources.add(Source.VLAVONOU);
            }
            default -> {
                return List.of();
            }
        }
        if (renal.cockcroftGault()) {
            sources.add(Source.COCKCROFT_GAULT);
        }
        String notes = renal.notes().isEmpty() ? "" : " Not used: " + String.join("; ", renal.notes()) + ".";
        String policy = " The bands and ceilings are local policy built on these studies; no US label gives a renal"
                + " dose table.";
        return List.of(new Finding(
                AlertCodes.RENAL_DOSE_ADJUSTMENT,
                severity,
                Texts.of(implicated),
                renal.evidence(),
                summary,
                found + doses + advice + notes + policy,
                sources,
                false));
    }
}
