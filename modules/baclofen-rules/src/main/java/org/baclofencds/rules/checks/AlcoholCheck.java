package org.baclofencds.rules.checks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Conditions;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Numbers;
import org.baclofencds.rules.Observations;
import org.baclofencds.rules.Source;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * {@code interaction-alcohol}: current baclofen and, within 365 days, an alcohol-use result above
 * threshold or an active alcohol-use-disorder condition.
 */
public final class AlcoholCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> baclofen = e.currentBaclofen();
        if (baclofen.isEmpty()) {
            return List.of();
        }
        boolean male = e.gender() == AdministrativeGender.MALE;
        List<Resource> evidence = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (Observation o :
                e.observations(KnowledgeUrls.VS_ALCOHOL_USE, ClinicalThresholds.LAB_LOOKBACK_DAYS)) { // POL
            BigDecimal v = Observations.number(o);
            String loinc = loinc(o);
            if (v == null || loinc == null) {
                continue;
            }
            BigDecimal threshold;
            String rule;
            boolean above;
            switch (loinc) {
                case ClinicalThresholds.LOINC_AUDIT_C -> {
                    threshold = male ? ClinicalThresholds.AUDIT_C_MEN : ClinicalThresholds.AUDIT_C_WOMEN;
                    rule = "AUDIT-C ≥ " + Numbers.format(threshold) + (male ? " (men)" : " (women or sex unknown)");
                    above = v.compareTo(threshold) >= 0;
                }
                case ClinicalThresholds.LOINC_AUDIT -> {
                    threshold = ClinicalThresholds.AUDIT;
                    rule = "AUDIT ≥ " + Numbers.format(threshold);
                    above = v.compareTo(threshold) >= 0;
                }
                case ClinicalThresholds.LOINC_DRINKS_PER_DAY -> {
                    threshold = ClinicalThresholds.DRINKS_PER_DAY_ABOVE;
                    rule = "drinks per day > 0";
                    above = v.compareTo(threshold) > 0;
                }
                default -> {
                    continue;
                }
            }
            if (above) {
                evidence.add(o);
                found.add(Observations.code(o) + " = " + Numbers.format(v) + " on " + Observations.when(o) + " (" + rule
                        + ")");
            }
        }
        for (Condition c : e.activeConditions(KnowledgeUrls.VS_ALCOHOL_USE_DISORDER)) {
            evidence.add(c);
            found.add("active condition " + Conditions.name(c));
        }
        if (found.isEmpty()) {
            return List.of();
        }
        String detail = "Current baclofen: " + Texts.orders(Texts.of(baclofen)) + ". Alcohol use: "
                + String.join("; ", found) + ". Alcohol adds to baclofen's CNS depression unpredictably. Counsel"
                + " the patient to avoid alcohol.";
        return List.of(new Finding(
                AlertCodes.INTERACTION_ALCOHOL,
                e.defaultSeverity(AlertCodes.INTERACTION_ALCOHOL),
                Texts.of(baclofen),
                evidence,
                "Baclofen with alcohol use: additive CNS depression",
                detail,
                List.of(Source.MEDLIB_8P2, Source.LOINC_75626_2),
                false));
    }

    private static String loinc(Observation o) {
        for (Coding c : o.getCode().getCoding()) {
            if (KnowledgeUrls.LOINC.equals(c.getSystem())) {
                return c.getCode();
            }
        }
        return null;
    }
}
