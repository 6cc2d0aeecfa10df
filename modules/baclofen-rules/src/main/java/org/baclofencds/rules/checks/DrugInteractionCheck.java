package org.baclofencds.rules.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.DrugClass;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.MedicationOrder;
import org.baclofencds.rules.Severity;

/**
 * {@code interaction-*}: current baclofen with a current order of an interacting drug class
 * (KNOWLEDGE.md §7, RULES.md "Interactions"). One instance per class; one alert per class.
 */
public final class DrugInteractionCheck implements Check {
    private final String code;
    private final DrugClass drugClass;
    private final Function<Evaluation, Escalation> severity;
    private final String effect;
    private final String advice;
    private final List<Source> sources;

    /** The severity when raised above the knowledge's default (null: the default), and why. */
    record Escalation(Severity severity, String reason) {}

    DrugInteractionCheck(
            String code,
            DrugClass drugClass,
            Function<Evaluation, Escalation> severity,
            String effect,
            String advice,
            List<Source> sources) {
        this.code = code;
        this.drugClass = drugClass;
        this.severity = severity;
        this.effect = effect;
        this.advice = advice;
        this.sources = sources;
    }

    static List<Check> all() {
        return List.of(
                new DrugInteractionCheck(
                        AlertCodes.INTERACTION_OPIOID,
                        DrugClass.OPIOID,
                        e -> new Escalation(null, null),
                        "additive CNS and respiratory depression",
                        "Avoid the combination or use the lowest doses; monitor sedation and breathing.",
                        List.of(Source.SUSPENSION_INTERACTIONS, Source.SWISS_INTERACTIONS)),
                new DrugInteractionCheck(
                        AlertCodes.INTERACTION_BENZODIAZEPINE,
                        DrugClass.BENZODIAZEPINE,
                        DrugInteractionCheck::benzodiazepine,
                        "additive CNS and respiratory depression",
                        "Avoid or limit the combination; monitor sedation and breathing.",
                        List.of(Source.SUSPENSION_INTERACTIONS, Source.SWISS_IT_INTERACTIONS)),
                new DrugInteractionCheck(
                        AlertCodes.INTERACTION_CNS_DEPRESSANT,
                        DrugClass.CNS_DEPRESSANT,
                        e -> new Escalation(null, null),
                        "additive CNS depression and sedation; gabapentinoids add a risk of respiratory depression",
                        "Counsel the patient; monitor sedation and breathing.",
                        List.of(Source.SUSPENSION_INTERACTIONS, Source.GABAPENTIN_RESPIRATORY)),
                new DrugInteractionCheck(
                        AlertCodes.INTERACTION_TCA,
                        DrugClass.TRICYCLIC,
                        e -> new Escalation(null, null),
                        "tricyclic antidepressants can potentiate baclofen, with marked muscular hypotonia",
                        "Monitor muscle tone, weakness and falls.",
                        List.of(Source.SWISS_INTERACTIONS)),
                new DrugInteractionCheck(
                        AlertCodes.INTERACTION_NSAID,
                        DrugClass.NSAID,
                        DrugInteractionCheck::nsaid,
                        "an NSAID can lower renal function and so the clearance of baclofen, which the kidney"
                                + " excretes; encephalopathy has been reported with ibuprofen",
                        "Check renal function; prefer a short course or another analgesic. The interaction and its"
                                + " escalation are local policy.",
                        List.of(Source.TABLETS_RENAL, Source.IBESON)),
                new DrugInteractionCheck(
                        AlertCodes.INTERACTION_LEVODOPA,
                        DrugClass.LEVODOPA,
                        e -> new Escalation(null, null),
                        "confusion, hallucinations, headache, nausea, agitation and worse parkinsonism reported",
                        "Use with caution; monitor mental status.",
                        List.of(Source.SWISS_INTERACTIONS)),
                new DrugInteractionCheck(
                        AlertCodes.INTERACTION_LITHIUM,
                        DrugClass.LITHIUM,
                        e -> new Escalation(null, null),
                        "severe hyperkinetic symptoms reported with the combination",
                        "Use with caution; monitor.",
                        List.of(Source.SWISS_INTERACTIONS)),
                new DrugInteractionCheck(
                        AlertCodes.INTERACTION_MAOI,
                        DrugClass.MAO_INHIBITOR,
                        e -> new Escalation(null, null),
                        "possibly more CNS depression",
                        "Use with caution. This interaction is local policy: no regulator text read for this"
                                + " service confirms it.",
                        List.of(Source.LOCAL_POLICY)));
    }

    /** High when an opioid is also current (KNOWLEDGE.md §7 row 2). */
    static Escalation benzodiazepine(Evaluation e) {
        List<MedicationOrder> opioids = e.current(DrugClass.OPIOID);
        if (opioids.isEmpty()) {
            return new Escalation(null, null);
        }
        return new Escalation(Severity.HIGH, "an opioid is also current (" + Texts.orders(opioids) + ")");
    }

    /** High with moderate renal impairment or worse, or age 65 or more (local policy; RULES.md). */
    static Escalation nsaid(Evaluation e) {
        List<String> reasons = new ArrayList<>();
        if (e.renal().moderateOrWorse()) {
            reasons.add("renal function is " + e.renal().band().label());
        }
        if (e.age() != null && e.age() >= ClinicalThresholds.OLDER_ADULT_AGE_YEARS) {
            reasons.add("the patient is " + e.age() + " years old");
        }
        return reasons.isEmpty()
                ? new Escalation(null, null)
                : new Escalation(Severity.HIGH, String.join(" and ", reasons));
    }

    public String code() {
        return code;
    }

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> baclofen = e.currentBaclofen();
        List<MedicationOrder> others = e.current(drugClass);
        if (baclofen.isEmpty() || others.isEmpty()) {
            return List.of();
        }
        Escalation level = severity.apply(e);
        List<MedicationOrder> implicated = new ArrayList<>(Texts.of(baclofen));
        implicated.addAll(others);
        String names = Texts.orders(others);
        String first = Texts.order(others.get(0));
        if (first.length() > 60) {
            first = first.substring(0, 59) + "…";
        }
        String summary = "Baclofen with " + drugClass.label() + ": " + first
                + (others.size() > 1 ? " and " + (others.size() - 1) + " more" : "");
        String detail = "Current baclofen (" + Texts.orders(Texts.of(baclofen)) + ") with " + names + ": " + effect
                + "." + (level.reason() == null ? "" : " Raised to high because " + level.reason() + ".") + " "
                + advice;
        Severity sev = level.severity() == null ? e.defaultSeverity(code) : level.severity();
        return List.of(new Finding(code, sev, implicated, List.of(), summary, detail, sources, false));
    }
}
