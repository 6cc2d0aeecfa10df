package org.baclofencds.rules.checks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.RenalBand;
import org.baclofencds.rules.RenalFunction;
import org.baclofencds.rules.Severity;
import org.baclofencds.rules.Source;

/**
 * {@code renal-dose-adjustment}: impaired renal function with current oral baclofen (RULES.md table,
 * POL built from VLAVONOU, AJKD-2017, MUANDA-2019, RXR-PREC). Intrathecal doses are micrograms and
 * outside this table.
 */
public final class RenalFunctionCheck implements Check {

    static final List<Source> SOURCES = List.of(Source.VLAVONOU, Source.AJKD_2017, Source.MUANDA_2019, Source.RXR_PREC);

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
        String found = "Renal function: " + renal.description() + " → " + band.label() + ".";
        Severity severity;
        List<BaclofenOrder> implicated;
        String summary;
        String advice;
        switch (band) {
            case SEVERE, END_STAGE -> {
                severity = Severity.HIGH;
                implicated = oral;
                summary = "Baclofen with " + band.label() + " renal function: avoid";
                advice = "Avoid baclofen; if essential, about 5 mg/day with close monitoring for encephalopathy"
                        + " (toxicity reported after single 10–25 mg doses; haemodialysis removes baclofen). Current"
                        + " oral baclofen: " + (counted.isEmpty() ? Texts.orders(Texts.of(oral)) : Texts.doses(oral))
                        + ".";
            }
            case MODERATE -> {
                List<BaclofenOrder> bigStarts = new ArrayList<>();
                for (BaclofenOrder b : counted) {
                    if (e.newStart(b) && b.dose().value().compareTo(ClinicalThresholds.MODERATE_NEW_START_MG) >= 0) {
                        bigStarts.add(b); // MUANDA-2019
                    }
                }
                boolean overCeiling = !counted.isEmpty() && total.compareTo(band.ceilingMg()) > 0;
                if (!overCeiling && bigStarts.isEmpty()) {
                    return List.of();
                }
                severity = Severity.MODERATE;
                implicated = overCeiling ? counted : bigStarts;
                summary = overCeiling
                        ? "Baclofen " + Texts.mg(total) + " above " + Texts.mg(band.ceilingMg()) + " for moderate renal"
                                + " impairment"
                        : "New baclofen start of " + Texts.mg(ClinicalThresholds.MODERATE_NEW_START_MG)
                                + " or more with moderate renal impairment";
                advice = "Current oral baclofen totals " + Texts.mg(total) + " (" + Texts.doses(counted) + ")."
                        + Texts.excluded(oral) + " With moderate impairment use about half the usual dose: ceiling "
                        + Texts.mg(band.ceilingMg()) + "; start at 5 mg once or twice daily and avoid starting at "
                        + Texts.mg(ClinicalThresholds.MODERATE_NEW_START_MG)
                        + " or more (encephalopathy risk about 3.5 times higher, MUANDA-2019); watch mental"
                        + " status.";
            }
            case MILD -> {
                if (counted.isEmpty() || total.compareTo(band.ceilingMg()) <= 0) {
                    return List.of();
                }
                severity = Severity.LOW;
                implicated = counted;
                summary = "Baclofen " + Texts.mg(total) + " above " + Texts.mg(band.ceilingMg()) + " for mild renal"
                        + " impairment";
                advice = "Current oral baclofen totals " + Texts.mg(total) + " (" + Texts.doses(counted) + ")."
                        + Texts.excluded(oral) + " With mild impairment use about a third less than usual: ceiling "
                        + Texts.mg(band.ceilingMg()) + "; titrate slowly.";
            }
            default -> {
                return List.of();
            }
        }
        String notes = renal.notes().isEmpty() ? "" : " Ignored: " + String.join("; ", renal.notes()) + ".";
        return List.of(new Finding(
                AlertCodes.RENAL_DOSE_ADJUSTMENT,
                severity,
                Texts.of(implicated),
                renal.evidence(),
                summary,
                found + notes + " " + advice + " No US label gives a renal dose table; these bands are policy.",
                SOURCES,
                true));
    }
}
