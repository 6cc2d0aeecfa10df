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
import org.baclofencds.rules.Numbers;
import org.baclofencds.rules.Route;
import org.baclofencds.rules.Source;

/**
 * {@code route-dose-mismatch}: oral dose under 1 mg or written in micrograms, intrathecal dose of 1 mg or
 * more per administration, or a route other than oral, enteral or intrathecal (GAB-MPR, LIO-AMP; POL).
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
                    + " dosed in milligrams (5–20 mg per dose); intrathecal baclofen in micrograms (50, 500, 1000 or"
                    + " 2000 ug/mL products); baclofen is not for intravenous, intramuscular, subcutaneous or"
                    + " epidural use. Confirm the route, unit and concentration before giving.";
            out.add(new Finding(
                    AlertCodes.ROUTE_DOSE_MISMATCH,
                    e.defaultSeverity(AlertCodes.ROUTE_DOSE_MISMATCH),
                    List.of(b.order()),
                    List.of(),
                    "Baclofen route and dose do not match: " + shortProblem(b),
                    detail,
                    List.of(Source.GAB_MPR, Source.LIO_AMP),
                    true));
        }
        return out;
    }

    private static String shortProblem(BaclofenOrder b) {
        if (b.route() != Route.OTHER && b.productRoute() != null && b.productRoute() != b.route()) {
            return b.route().label() + " route with " + b.productRoute().label() + " product";
        }
        return switch (b.route()) {
            case OTHER -> "route is not oral or intrathecal";
            case ORAL -> "oral dose in micrograms or under 1 mg";
            case INTRATHECAL -> "intrathecal dose of 1 mg or more";
        };
    }

    static String problem(BaclofenOrder b) {
        if (b.route() == Route.OTHER) {
            return "the route is neither oral/enteral nor intrathecal";
        }
        if (b.productRoute() != null && b.productRoute() != b.route()) {
            return "the dosage route is " + b.route().label() + " but the product is "
                    + b.productRoute().label();
        }
        List<BigDecimal> doses = b.dose().perAdministrationMg();
        if (b.oral()) {
            if (b.dose().microgramDosed()) {
                return "an oral order dosed in micrograms";
            }
            for (BigDecimal mg : doses) {
                if (mg.compareTo(ClinicalThresholds.ROUTE_MISMATCH_MG) < 0) { // POL
                    return "an oral dose of " + Numbers.format(mg) + " mg per administration, under 1 mg";
                }
            }
        } else if (b.intrathecal()) {
            for (BigDecimal mg : doses) {
                if (mg.compareTo(ClinicalThresholds.ROUTE_MISMATCH_MG) >= 0) { // POL
                    return "an intrathecal dose of " + Numbers.format(mg.multiply(new BigDecimal("1000"))) + " ug ("
                            + Numbers.format(mg) + " mg) per administration, 1 mg or more";
                }
            }
        }
        return null;
    }
}
