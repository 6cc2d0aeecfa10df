package org.baclofencds.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.baclofencds.knowledge.BaclofenProduct;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Reads a record's orders: which drug, which classes, current/stopped, route, daily dose. */
final class Orders {
    private static final String SNOMED_ORAL = "26643006";
    private static final String SNOMED_INTRATHECAL = "72607000";
    private static final Pattern ORAL_TEXT = Pattern.compile(
            "(?i)(?<![\\p{L}])(oral|orally|by mouth|per os|po|enteral|tube|g-tube|ng|peg|gastrostomy|nasogastric|jejunostomy|"
                    + "gastric)(?![\\p{L}])");
    private static final Pattern INTRATHECAL_TEXT = Pattern.compile("(?i)intrathecal");
    /** "IT" only in capitals: "give it by mouth" is not intrathecal. */
    private static final Pattern INTRATHECAL_ABBREVIATION = Pattern.compile("(?<![\\p{L}])IT(?![\\p{L}])");

    private static final Pattern OZOBAX_DS = Pattern.compile("\\bozobax[\\s-]*ds\\b");
    private static final Pattern OZOBAX = Pattern.compile("\\bozobax\\b");
    private static final Pattern FLEQSUVY = Pattern.compile("\\bfleqsuvy\\b");

    private final Vocabulary vocabulary;

    Orders(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** What a MedicationRequest's medication is: codes, names, and the Medication it points to. */
    record Drug(List<Coding> codings, List<String> texts, Medication medication, String name) {}

    static Map<String, Medication> index(PatientRecord record) {
        Map<String, Medication> medications = new HashMap<>();
        for (Medication m : record.medications()) {
            if (m.getIdElement().hasIdPart()) {
                medications.put("Medication/" + m.getIdElement().getIdPart(), m);
                medications.put(m.getIdElement().getValue(), m);
            }
        }
        return medications;
    }

    List<MedicationOrder> read(PatientRecord record, Map<String, Medication> medications) {
        // Draft orders replace a stored order with the same id (the EHR is editing it).
        Map<String, MedicationRequest> drafts = new LinkedHashMap<>();
        List<MedicationRequest> idless = new ArrayList<>();
        for (MedicationRequest mr : record.draftOrders()) {
            if (mr.getIdElement().hasIdPart()) {
                drafts.put(mr.getIdElement().getIdPart(), mr);
            } else {
                idless.add(mr);
            }
        }
        Instant eval = record.evaluationTime();
        List<MedicationOrder> out = new ArrayList<>();
        for (MedicationRequest mr : record.medicationRequests()) {
            if (mr.getIdElement().hasIdPart()
                    && drafts.containsKey(mr.getIdElement().getIdPart())) {
                continue;
            }
            out.add(order(mr, false, -1, medications, eval));
        }
        for (MedicationRequest mr : drafts.values()) {
            out.add(order(mr, true, -1, medications, eval));
        }
        for (int i = 0; i < idless.size(); i++) {
            out.add(order(idless.get(i), true, i + 1, medications, eval));
        }
        return out;
    }

    private MedicationOrder order(
            MedicationRequest mr, boolean fromDrafts, int draftNumber, Map<String, Medication> meds, Instant eval) {
        Drug drug = drug(mr, meds);
        Set<DrugClass> classes = classes(drug);
        if (classes.contains(DrugClass.BACLOFEN)) {
            // Baclofen is never its own interacting drug (muscle-relaxant sets may list it).
            classes.retainAll(Set.of(DrugClass.BACLOFEN));
        }
        String status = mr.hasStatus() ? mr.getStatus().toCode() : "";
        boolean draft = fromDrafts || "draft".equals(status);
        boolean activeOrDraft = "active".equals(status) || "draft".equals(status);
        // An active order whose dosage bounds or validity period have ended is no longer taken (API.md §4).
        boolean ended = !fromDrafts && activeOrDraft && ended(mr, eval);
        // A "do not perform" order forbids the drug: it is no therapy to check.
        boolean current = !mr.getDoNotPerform() && (fromDrafts || (activeOrDraft && !ended));
        // On hold is an interruption and completed means the supply ran out: both are stops (API.md §4).
        boolean stopped = !fromDrafts
                && !mr.getDoNotPerform()
                && ("stopped".equals(status)
                        || "on-hold".equals(status)
                        || "completed".equals(status)
                        || ("active".equals(status) && ended));
        Moment authored = Moment.of(mr.getAuthoredOnElement());
        if (authored == null && draft) {
            authored = Moment.of(eval);
        }
        Reference reference;
        String key;
        if (mr.getIdElement().hasIdPart()) {
            key = "MedicationRequest/" + mr.getIdElement().getIdPart();
            reference = new Reference(key).setDisplay(drug.name());
        } else {
            key = "draftOrder/" + draftNumber + "/" + drug.name();
            reference = new Reference().setDisplay("draft order " + draftNumber + ": " + drug.name());
            if (mr.hasIdentifier()) {
                reference.setIdentifier(mr.getIdentifierFirstRep().copy());
                key = "draftOrder/" + mr.getIdentifierFirstRep().getSystem() + "|"
                        + mr.getIdentifierFirstRep().getValue();
            }
        }
        Moment stopDate = stopped ? stopDate(mr) : null;
        return new MedicationOrder(
                mr, reference, key, drug.name(), draft, authored, current, stopped, stopDate, classes);
    }

    /** The dosage bounds (every instruction has an end) or the validity period ended before the evaluation. */
    private static boolean ended(MedicationRequest mr, Instant eval) {
        Moment boundsEnd = null;
        boolean allBounded = !mr.getDosageInstruction().isEmpty();
        for (Dosage d : mr.getDosageInstruction()) {
            Moment end = d.hasTiming()
                            && d.getTiming().hasRepeat()
                            && d.getTiming().getRepeat().hasBoundsPeriod()
                    ? Moment.of(d.getTiming().getRepeat().getBoundsPeriod().getEndElement())
                    : null;
            if (end == null) {
                allBounded = false;
            } else if (boundsEnd == null || end.compareTo(boundsEnd) > 0) {
                boundsEnd = end;
            }
        }
        if (allBounded && boundsEnd != null && boundsEnd.isBefore(eval)) {
            return true;
        }
        if (mr.hasDispenseRequest() && mr.getDispenseRequest().hasValidityPeriod()) {
            Moment end = Moment.of(mr.getDispenseRequest().getValidityPeriod().getEndElement());
            return end != null && end.isBefore(eval);
        }
        return false;
    }

    private static Moment stopDate(MedicationRequest mr) {
        Moment latest = null;
        for (Dosage d : mr.getDosageInstruction()) {
            if (d.hasTiming()
                    && d.getTiming().hasRepeat()
                    && d.getTiming().getRepeat().hasBoundsPeriod()) {
                Moment end =
                        Moment.of(d.getTiming().getRepeat().getBoundsPeriod().getEndElement());
                if (end != null && (latest == null || end.compareTo(latest) > 0)) {
                    latest = end;
                }
            }
        }
        if (latest != null) {
            return latest;
        }
        if (mr.hasDispenseRequest() && mr.getDispenseRequest().hasValidityPeriod()) {
            Moment end = Moment.of(mr.getDispenseRequest().getValidityPeriod().getEndElement());
            if (end != null) {
                return end;
            }
        }
        if (mr.hasMeta() && mr.getMeta().hasLastUpdated()) {
            return Moment.of(mr.getMeta().getLastUpdatedElement());
        }
        return Moment.of(mr.getAuthoredOnElement());
    }

    /** The classes the drug belongs to: by a code in the class's value set or, failing that, a name in its text. */
    Set<DrugClass> classes(Drug drug) {
        Set<DrugClass> classes = EnumSet.noneOf(DrugClass.class);
        Set<String> named = null; // the texts are read once for every class, and only if a class has no code
        for (DrugClass c : DrugClass.values()) {
            if (coded(c, drug)) {
                classes.add(c);
                continue;
            }
            if (named == null) {
                named = new HashSet<>();
                for (String text : drug.texts()) {
                    named.addAll(vocabulary.valueSetsNamedIn(text));
                }
            }
            if (named.contains(c.valueSetUrl())) {
                classes.add(c);
            }
        }
        return classes;
    }

    private boolean coded(DrugClass c, Drug drug) {
        for (Coding coding : drug.codings()) {
            if (vocabulary.has(c.valueSetUrl(), coding)) {
                return true;
            }
        }
        return false;
    }

    Drug drug(MedicationRequest mr, Map<String, Medication> meds) {
        List<Coding> codings = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Medication medication = null;
        String name = null;
        if (mr.hasMedicationCodeableConcept()) {
            CodeableConcept cc = mr.getMedicationCodeableConcept();
            codings.addAll(cc.getCoding());
            texts.addAll(Vocabulary.texts(cc));
            name = name(cc);
        } else if (mr.hasMedicationReference()) {
            Reference ref = mr.getMedicationReference();
            medication = resolve(mr, ref, meds);
            if (ref.hasDisplay()) {
                texts.add(ref.getDisplay());
            }
            if (medication != null) {
                CodeableConcept code = medication.getCode();
                codings.addAll(code.getCoding());
                texts.addAll(Vocabulary.texts(code));
                name = name(code);
                for (Medication.MedicationIngredientComponent ing : medication.getIngredient()) {
                    if (ing.hasItemCodeableConcept()) {
                        codings.addAll(ing.getItemCodeableConcept().getCoding());
                        texts.addAll(Vocabulary.texts(ing.getItemCodeableConcept()));
                        if (name == null) {
                            name = name(ing.getItemCodeableConcept());
                        }
                    } else if (ing.hasItemReference() && ing.getItemReference().hasDisplay()) {
                        texts.add(ing.getItemReference().getDisplay());
                    }
                }
            }
            if (name == null && ref.hasDisplay()) {
                name = ref.getDisplay();
            }
        }
        return new Drug(codings, texts, medication, name == null ? "unnamed medication" : name);
    }

    private static String name(CodeableConcept cc) {
        if (cc.hasText()) {
            return cc.getText();
        }
        for (Coding c : cc.getCoding()) {
            if (c.hasDisplay()) {
                return c.getDisplay();
            }
        }
        return null;
    }

    private static Medication resolve(MedicationRequest mr, Reference ref, Map<String, Medication> meds) {
        if (ref.getResource() instanceof Medication m) {
            return m;
        }
        if (!ref.hasReference()) {
            return null;
        }
        String r = ref.getReference();
        if (r.startsWith("#")) {
            String id = r.substring(1);
            for (Resource c : mr.getContained()) {
                if (c instanceof Medication m) {
                    String cid = m.getIdElement().getIdPart();
                    if (cid != null && (cid.equals(id) || cid.equals(r))) {
                        return m;
                    }
                }
            }
            return null;
        }
        Medication m = meds.get(r);
        if (m == null) {
            org.hl7.fhir.r4.model.IdType id = new org.hl7.fhir.r4.model.IdType(r);
            if ("Medication".equals(id.getResourceType()) && id.hasIdPart()) {
                m = meds.get("Medication/" + id.getIdPart());
            }
        }
        return m;
    }

    BaclofenOrder baclofen(MedicationOrder order, Map<String, Medication> meds) {
        Drug drug = drug(order.request(), meds);
        BaclofenProduct product = product(drug);
        Route route = null;
        String routeNote = null;
        for (Dosage d : order.request().getDosageInstruction()) {
            if (d.hasRoute()) {
                CodeableConcept cc = d.getRoute();
                route = route(cc);
                routeNote = "route " + describe(cc);
                break;
            }
        }
        if (route == null && product != null) {
            route = product.route() == BaclofenProduct.Route.INTRATHECAL ? Route.INTRATHECAL : Route.ORAL;
            routeNote = "route from the product (" + product.display() + ")";
        }
        if (route == null) {
            route = Route.ORAL;
            routeNote = "route not stated; taken as oral";
        }
        Strength strength = strength(drug, product);
        DailyDose dose =
                Dosages.dailyDose(order.request().getDosageInstruction(), route == Route.INTRATHECAL, strength);
        Route productRoute = product == null
                ? null
                : product.route() == BaclofenProduct.Route.INTRATHECAL ? Route.INTRATHECAL : Route.ORAL;
        return new BaclofenOrder(order, route, routeNote, dose, productRoute);
    }

    private Route route(CodeableConcept cc) {
        boolean coded = false;
        for (Coding c : cc.getCoding()) {
            if (!c.hasCode()) {
                continue;
            }
            coded = true;
            if (KnowledgeUrls.SNOMED.equals(c.getSystem()) && SNOMED_ORAL.equals(c.getCode())
                    || vocabulary.has(KnowledgeUrls.VS_ORAL_ROUTES, c)) {
                return Route.ORAL;
            }
            if (KnowledgeUrls.SNOMED.equals(c.getSystem()) && SNOMED_INTRATHECAL.equals(c.getCode())
                    || vocabulary.has(KnowledgeUrls.VS_INTRATHECAL_ROUTES, c)) {
                return Route.INTRATHECAL;
            }
        }
        for (String text : Vocabulary.texts(cc)) {
            if (INTRATHECAL_TEXT.matcher(text).find()) {
                return Route.INTRATHECAL;
            }
            if (ORAL_TEXT.matcher(text).find()) {
                return Route.ORAL;
            }
            if (INTRATHECAL_ABBREVIATION.matcher(text).find()) {
                return Route.INTRATHECAL;
            }
        }
        return coded || cc.hasText() ? Route.OTHER : null;
    }

    /** The route as written, for the reader: its text or display, never its code. */
    private static String describe(CodeableConcept cc) {
        if (cc.hasText()) {
            return "'" + cc.getText() + "'";
        }
        for (Coding c : cc.getCoding()) {
            if (c.hasDisplay()) {
                return "'" + c.getDisplay() + "'";
            }
        }
        return "given only as a code";
    }

    private BaclofenProduct product(Drug drug) {
        for (Coding c : drug.codings()) {
            var p = vocabulary.knowledge().productByCode(c);
            if (p.isPresent()) {
                return p.get();
            }
        }
        return null;
    }

    private Strength strength(Drug drug, BaclofenProduct product) {
        Medication m = drug.medication();
        if (m != null) {
            List<Medication.MedicationIngredientComponent> ings = m.getIngredient();
            for (Medication.MedicationIngredientComponent ing : ings) {
                if (!ing.hasStrength()) {
                    continue;
                }
                boolean baclofen = ings.size() == 1
                        || (ing.hasItemCodeableConcept()
                                && vocabulary.matches(KnowledgeUrls.VS_BACLOFEN, ing.getItemCodeableConcept()));
                if (baclofen) {
                    Strength s = strength(ing.getStrength());
                    if (s != null) {
                        return s;
                    }
                }
            }
        }
        if (product != null) {
            Units.DoseUnit per = Units.doseUnit(product.unitOfPresentation());
            Units.DoseUnit mass = Units.doseUnit(product.strengthUnit());
            if (per != null && !per.isMass() && mass != null && mass.isMass()) {
                BigDecimal mg = product.strength().multiply(mass.mgPer());
                return new Strength(
                        mg,
                        per,
                        Numbers.format(product.strength()) + " " + mass.label() + "/" + per.label(),
                        "product " + product.display());
            }
        }
        return brandStrength(drug);
    }

    /**
     * A single-strength oral liquid brand named in the text fixes the concentration when no code or Medication
     * gives it (RULES.md; ISMP): Ozobax DS 2 mg/mL, Ozobax 1 mg/mL, Fleqsuvy 5 mg/mL. Lyvispah granules come in
     * three packet strengths, so its name alone fixes nothing.
     */
    private static Strength brandStrength(Drug drug) {
        for (String text : drug.texts()) {
            String t = text.toLowerCase(java.util.Locale.ROOT);
            BigDecimal mgPerMl = null;
            String brand = null;
            if (OZOBAX_DS.matcher(t).find()) {
                mgPerMl = new BigDecimal("2");
                brand = "Ozobax DS";
            } else if (OZOBAX.matcher(t).find()) {
                mgPerMl = BigDecimal.ONE;
                brand = "Ozobax";
            } else if (FLEQSUVY.matcher(t).find()) {
                mgPerMl = new BigDecimal("5");
                brand = "Fleqsuvy";
            }
            if (mgPerMl != null) {
                return new Strength(
                        mgPerMl,
                        Units.DoseUnit.ML,
                        Numbers.format(mgPerMl) + " mg/mL",
                        "the brand " + brand + ", made in one strength only");
            }
        }
        return null;
    }

    private static Strength strength(Ratio ratio) {
        Quantity num = ratio.getNumerator();
        Quantity den = ratio.getDenominator();
        if (num == null
                || !num.hasValue()
                || den == null
                || !den.hasValue()
                || den.getValue().signum() <= 0) {
            return null;
        }
        Units.DoseUnit mass = Units.doseUnit(num);
        Units.DoseUnit per = Units.doseUnit(den);
        if (mass == null || !mass.isMass() || per == null || per.isMass()) {
            return null;
        }
        BigDecimal mg = Numbers.divide(num.getValue().multiply(mass.mgPer()), den.getValue());
        String denText = den.getValue().compareTo(BigDecimal.ONE) == 0
                ? per.label()
                : Numbers.format(den.getValue()) + " " + per.label();
        return new Strength(
                mg,
                per,
                Numbers.format(num.getValue()) + " " + mass.label() + "/" + denText,
                "Medication ingredient strength");
    }
}
