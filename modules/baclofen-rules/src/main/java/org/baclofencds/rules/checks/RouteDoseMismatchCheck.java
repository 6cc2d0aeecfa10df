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
import org.baclofencds.rules.Numbers;
import org.baclofencds.rules.Route;

/**
 * {@code route-dose-mismatch}: an oral dose under 1 mg or written in micrograms; an intrathecal dose of 1 mg
 * or more given more than once a day (an oral-style schedule; a once-daily pump total or a rate is judged by
 * the intrathecal dose check alone); or a route other than oral, enteral or intrathecal.
 */
public final class RouteDoseMismatchCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<Finding> out = new ArrayList<>();
        for (BaclofenOrder b : e.currentBaclofen()) {
            String problem = problem(b);
            if (problem == null) {
                continue;
            }
            String detail = Texts.order(b.order()) + " (" + b.routeNote() + "): " + problem + ". Oral baclofen is"
                    + " dosed in mg (5 to 20 mg a dose); intrathecal baclofen in mcg through an implanted pump;"
                    + " baclofen is not for intravenous, intramuscular, subcutaneous or epidural use. Confirm the route,"
                    + " unit and concentration before it is given. The 1 mg limits are local policy.";
            out.add(new Finding(
                    AlertCodes.ROUTE_DOSE_MISMATCH,
                    e.defaultSeverity(AlertCodes.ROUTE_DOSE_MISMATCH),
                    List.of(b.order()),
                    List.of(),
                    "Baclofen route and dose do not match: " + shortProblem(b),
                    detail,
                    List.of(Source.LIORESAL_IT_ROUTE, Source.TABLETS_DOSING),
                    false));
        }
        return out;
    }

    private static String shortProblem(BaclofenOrder b) {
        if (b.route() != Route.OTHER && b.productRoute() != null && b.productRoute() != b.route()) {
            return b.route().label() + " route with an " + b.productRoute().label() + " product";
        }
        return switch (b.route()) {
            case OTHER -> "the route is not oral or intrathecal";
            case ORAL -> "oral dose in micrograms or under 1 mg";
            case INTRATHECAL -> "intrathecal dose of 1 mg or more, several times a day";
        };
    }

    static String problem(BaclofenOrder b) {
        if (b.route() == Route.OTHER) {
            return "the route is neither oral, enteral nor intrathecal";
        }
        if (b.productRoute() != null && b.productRoute() != b.route()) {
            return "the route is " + b.route().label() + " but the product is "
                    + b.productRoute().label();
        }
        List<BigDecimal> doses = b.dose().perAdministrationMg();
        if (b.oral()) {
            if (b.dose().microgramDosed()) {
                return "an oral order written in micrograms";
            }
            for (BigDecimal mg : doses) {
                if (mg.compareTo(ClinicalThresholds.ROUTE_MISMATCH_MG) < 0) {
                    return "an oral dose of " + Numbers.format(mg) + " mg, under 1 mg";
                }
            }
        } else if (b.intrathecal()) {
            BigDecimal perDay = b.dose().administrationsPerDay();
            if (perDay == null || perDay.compareTo(BigDecimal.ONE) <= 0) {
                return null; // a once-daily pump total, a single bolus or a rate: the dose check judges it
            }
            for (BigDecimal mg : doses) {
                if (mg.compareTo(ClinicalThresholds.ROUTE_MISMATCH_MG) >= 0) {
                    return "an intrathecal dose of " + Numbers.format(mg.multiply(new BigDecimal("1000"))) + " mcg ("
                            + Numbers.format(mg) + " mg) " + Numbers.format(perDay)
                            + " times a day, an oral-style schedule";
                }
            }
        }
        return null;
    }
}
