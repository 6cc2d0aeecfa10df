package org.baclofencds.rules.checks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Numbers;
import org.baclofencds.rules.Observations;
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
        List<Source> sources = new ArrayList<>();
        for (Observation o : e.observations(KnowledgeUrls.VS_ALCOHOL_USE, ClinicalThresholds.LAB_LOOKBACK_DAYS)) {
            String loinc = loinc(o);
            if (ClinicalThresholds.LOINC_ALCOHOL_HISTORY.equals(loinc)) {
                String answer = answer(o);
                if (answer != null
                        && HARMFUL.matcher(answer).find()
                        && !NOT_CURRENT.matcher(answer).find()) {
                    evidence.add(o);
                    found.add("social history '" + answer + "' on " + Texts.date(Observations.when(o), e));
                    sources.add(Source.SUSPENSION_INTERACTIONS);
                }
                continue;
            }
            BigDecimal v = Observations.number(o);
            if (v == null || loinc == null) {
                continue;
            }
            BigDecimal threshold;
            String rule;
            boolean above;
            Source source;
            switch (loinc) {
                case ClinicalThresholds.LOINC_AUDIT_C -> {
                    threshold = male ? ClinicalThresholds.AUDIT_C_MEN : ClinicalThresholds.AUDIT_C_WOMEN;
                    rule = "AUDIT-C " + Numbers.format(v) + " (positive from " + Numbers.format(threshold)
                            + (male ? " in men)" : " in women or when sex is unknown)");
                    above = v.compareTo(threshold) >= 0;
                    source = Source.AUDIT_C;
                }
                case ClinicalThresholds.LOINC_AUDIT -> {
                    threshold = ClinicalThresholds.AUDIT;
                    rule = "AUDIT " + Numbers.format(v) + " (positive from " + Numbers.format(threshold) + ")";
                    above = v.compareTo(threshold) >= 0;
                    source = Source.AUDIT;
                }
                case ClinicalThresholds.LOINC_DRINKS_PER_DAY -> {
                    threshold = ClinicalThresholds.DRINKS_PER_DAY_ABOVE;
                    rule = Numbers.format(v) + " drinks per day";
                    above = v.compareTo(threshold) > 0;
                    source = Source.DRINKS_PER_DAY;
                }
                default -> {
                    continue;
                }
            }
            if (above) {
                evidence.add(o);
                found.add(rule + " on " + Texts.date(Observations.when(o), e));
                sources.add(source);
            }
        }
        List<Condition> disorders = e.activeConditions(KnowledgeUrls.VS_ALCOHOL_USE_DISORDER);
        if (!disorders.isEmpty()) {
            evidence.addAll(disorders);
            found.add("active " + Texts.conditions(disorders));
        }
        if (found.isEmpty()) {
            return List.of();
        }
        String detail = "Current baclofen (" + Texts.orders(Texts.of(baclofen)) + ") and alcohol use: "
                + String.join("; ", found) + ". Alcohol adds to the CNS depression of baclofen. Advise the patient"
                + " to avoid alcohol. Results count for " + ClinicalThresholds.LAB_LOOKBACK_DAYS
                + " days (local policy).";
        List<Source> cited = new ArrayList<>();
        cited.add(Source.SUSPENSION_INTERACTIONS);
        for (Source s : sources) {
            if (!cited.contains(s)) {
                cited.add(s);
            }
        }
        return List.of(new Finding(
                AlertCodes.INTERACTION_ALCOHOL,
                e.defaultSeverity(AlertCodes.INTERACTION_ALCOHOL),
                Texts.of(baclofen),
                evidence,
                "Baclofen with alcohol use: additive CNS depression",
                detail,
                cited,
                false));
    }

    /** Words of a social-history answer that say current heavy or harmful drinking. */
    private static final Pattern HARMFUL = Pattern.compile(
            "(?i)\\b(heavy|harmful|hazardous|binge|excessive|abuse|dependen\\w*|alcoholi\\w*|disorder)\\b");
    /** Words that say it is not current or not present. */
    private static final Pattern NOT_CURRENT = Pattern.compile(
            "(?i)\\b(former|ex|past|history of|quit|stopped|denies|never|no|none|not|non|remission|abstinent)\\b");

    /** The answer of a social-history observation: the text or display of its coded value, or its string. */
    private static String answer(Observation o) {
        if (o.hasValueCodeableConcept()) {
            String t = Texts.concept(o.getValueCodeableConcept(), null);
            return t;
        }
        if (o.hasValueStringType()) {
            return o.getValueStringType().getValue();
        }
        return null;
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
