package org.baclofencds.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.baclofencds.knowledge.BaclofenProduct;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.rules.Alert;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Numbers;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;

/**
 * A safer draft order where one can be computed: the same order, same frequency, with each dose lowered so the
 * daily total keeps within the ceiling the alert names (age maximum, renal ceiling, label start). Only for a
 * single implicated draft with one dosage line dosed in mg or in whole tablets; anything else gets no suggestion
 * rather than a guess.
 */
final class Suggestions {
    private final FhirContext ctx;
    private final ObjectMapper json;
    /** mg: doses in mg are rounded down to a multiple of the smallest oral tablet strength published. */
    private final BigDecimal doseStepMg;

    Suggestions(FhirContext ctx, ObjectMapper json, Knowledge knowledge) {
        this.ctx = ctx;
        this.json = json;
        this.doseStepMg = knowledge.products().stream()
                .filter(p -> p.route() == BaclofenProduct.Route.ORAL
                        && "tablet".equals(p.unitOfPresentation())
                        && "mg".equals(p.strengthUnit()))
                .map(BaclofenProduct::strength)
                .min(BigDecimal::compareTo)
                .orElse(null);
    }

    /**
     * The corrected order for an alert that names a dose ceiling, from the same analysis that raised it.
     *
     * @param drafts the draft orders as sent, by {@code MedicationRequest/id}
     */
    Optional<Wire.Suggestion> suggest(Alert alert, Evaluation e, Map<String, MedicationRequest> drafts) {
        Alert.DoseCeiling limit = alert.doseCeiling();
        if (limit == null) {
            return Optional.empty();
        }
        BigDecimal ceiling = limit.mgPerDay();
        Set<String> implicated = new HashSet<>();
        alert.implicated().forEach(o -> implicated.add(o.key()));
        List<BaclofenOrder> implicatedDrafts = e.currentOral().stream()
                .filter(b -> b.order().draft() && implicated.contains(b.order().key()))
                .toList();
        if (implicatedDrafts.size() != 1) {
            return Optional.empty();
        }
        BaclofenOrder target = implicatedDrafts.get(0);
        MedicationRequest original = drafts.get(target.order().key());
        if (original == null
                || !target.computable()
                || original.getDosageInstruction().size() != 1) {
            return Optional.empty();
        }
        BigDecimal allowed = ceiling;
        if (limit.sharedWithOtherOrders()) {
            for (BaclofenOrder other : e.currentOral()) {
                if (other != target && other.computable()) {
                    allowed = allowed.subtract(other.dose().value());
                }
            }
        }
        Dosage dosage = original.getDosageInstruction().get(0);
        if (dosage.getDoseAndRate().size() != 1
                || !dosage.getDoseAndRate().get(0).hasDoseQuantity()
                || target.dose().perAdministrationMg().size() != 1) {
            return Optional.empty();
        }
        Quantity dose = dosage.getDoseAndRate().get(0).getDoseQuantity();
        BigDecimal perAdministration = target.dose().perAdministrationMg().get(0);
        if (dose.getValue() == null || perAdministration.signum() <= 0 || allowed.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal perDay = target.dose().value().divide(perAdministration, 6, RoundingMode.HALF_UP);
        BigDecimal allowedEach = allowed.divide(perDay, 6, RoundingMode.DOWN);
        BigDecimal newValue;
        BigDecimal newEachMg;
        if ("mg".equals(dose.hasCode() ? dose.getCode() : dose.getUnit())) {
            if (doseStepMg == null) {
                return Optional.empty();
            }
            newValue = allowedEach.divide(doseStepMg, 0, RoundingMode.DOWN).multiply(doseStepMg);
            newEachMg = newValue;
        } else if (tablets(dose.getCode()) || tablets(dose.getUnit())) {
            BigDecimal strength = perAdministration.divide(dose.getValue(), 6, RoundingMode.HALF_UP);
            newValue = allowedEach.divide(strength, 0, RoundingMode.DOWN);
            newEachMg = newValue.multiply(strength);
        } else {
            return Optional.empty();
        }
        if (newValue.signum() <= 0 || newValue.compareTo(dose.getValue()) >= 0) {
            return Optional.empty();
        }
        BigDecimal newDaily = newEachMg.multiply(perDay).setScale(2, RoundingMode.HALF_UP);

        MedicationRequest updated = original.copy();
        Dosage d = updated.getDosageInstruction().get(0);
        Quantity q = d.getDoseAndRate().get(0).getDoseQuantity();
        String before = Numbers.format(q.getValue()) + " " + display(q);
        q.setValue(newValue);
        String after = Numbers.format(newValue) + " " + display(q);
        d.setText(after + " per dose, same frequency as before (" + before + " per dose; changed by baclofen-cds to"
                + " keep within " + Numbers.format(ceiling) + " mg/day)");

        String label = "Change to " + after + " per dose (" + Numbers.format(newDaily) + " mg/day)";
        String alertId = alert.identifier();
        String uuid = UUID.nameUUIDFromBytes((alertId + "|suggestion").getBytes(StandardCharsets.UTF_8))
                .toString();
        Wire.Action action;
        try {
            action = new Wire.Action(
                    "update",
                    "Lower the dose of " + target.order().name() + " from " + before + " to " + after
                            + " per dose, same frequency",
                    json.readTree(ctx.newJsonParser().encodeResourceToString(updated)),
                    null);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("HAPI produced JSON Jackson cannot read", ex);
        }
        return Optional.of(new Wire.Suggestion(label, uuid, Boolean.TRUE, List.of(action)));
    }

    private static boolean tablets(String unit) {
        if (unit == null) {
            return false;
        }
        String u = unit.toLowerCase(Locale.ROOT);
        return u.contains("tab") || u.contains("tbl");
    }

    private static String display(Quantity q) {
        if (q.hasUnit()) {
            return q.getUnit();
        }
        return q.hasCode() ? q.getCode() : "";
    }
}
