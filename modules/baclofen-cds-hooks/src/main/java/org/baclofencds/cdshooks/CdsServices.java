package org.baclofencds.cdshooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.ValueSet;

/** The three services of API.md §6 and their prefetch templates. */
public final class CdsServices {
    private CdsServices() {}

    public static final String ORDER_SELECT = "baclofen-order-select";
    public static final String ORDER_SIGN = "baclofen-order-sign";
    public static final String PATIENT_VIEW = "baclofen-patient-view";

    public static final String KEY_PATIENT = "patient";
    public static final String KEY_MEDICATIONS = "medications";
    public static final String KEY_OBSERVATIONS = "observations";
    public static final String KEY_CONDITIONS = "conditions";
    /** Dialysis procedures put a patient in the end-stage renal band; optional, as older EHRs lack it. */
    public static final String KEY_PROCEDURES = "procedures";

    /** The observation value sets the checks read; the observations prefetch asks for their LOINC codes only. */
    static final List<String> OBSERVATION_VALUE_SETS = List.of(
            KnowledgeUrls.VS_CREATININE_CLEARANCE,
            KnowledgeUrls.VS_SERUM_CREATININE_MASS,
            KnowledgeUrls.VS_SERUM_CREATININE_MOLAR,
            KnowledgeUrls.VS_EGFR,
            KnowledgeUrls.VS_BODY_WEIGHT,
            KnowledgeUrls.VS_PREGNANCY_STATUS,
            KnowledgeUrls.VS_BREASTFEEDING_STATUS,
            KnowledgeUrls.VS_ALCOHOL_USE);

    public static List<CdsService> all(Knowledge knowledge) {
        Map<String, String> prefetch = prefetch(knowledge);
        return List.of(
                new CdsService(
                        ORDER_SELECT,
                        Hook.ORDER_SELECT,
                        "Baclofen safety check (order select)",
                        "Checks a selected baclofen draft order, with the patient's other orders, labs and conditions:"
                                + " dose above the maximum for age or renal function, starting dose and titration speed,"
                                + " interactions (opioids, benzodiazepines, other CNS depressants, alcohol), pregnancy,"
                                + " route and unit errors. Cards are about the selected orders only.",
                        prefetch),
                new CdsService(
                        ORDER_SIGN,
                        Hook.ORDER_SIGN,
                        "Baclofen safety check (order sign)",
                        "Checks the patient's record with every draft order about to be signed as current: the"
                                + " baclofen dose, renal, interaction, withdrawal, pregnancy and route checks, one card"
                                + " per alert, with a corrected order where one can be computed.",
                        prefetch),
                new CdsService(
                        PATIENT_VIEW,
                        Hook.PATIENT_VIEW,
                        "Baclofen safety check (chart open)",
                        "Checks the patient's record as it stands when the chart is opened: current baclofen dose"
                                + " and renal function, interactions, recent abrupt discontinuation, pregnancy.",
                        prefetch));
    }

    /** The same four templates for every service. */
    static Map<String, String> prefetch(Knowledge knowledge) {
        TreeSet<String> codes = new TreeSet<>();
        for (String url : OBSERVATION_VALUE_SETS) {
            Optional<ValueSet> vs = knowledge.valueSet(url);
            vs.ifPresent(v -> v.getCompose().getInclude().stream()
                    .filter(i -> KnowledgeUrls.LOINC.equals(i.getSystem()))
                    .forEach(i -> i.getConcept().forEach(c -> codes.add(c.getCode()))));
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put(KEY_PATIENT, "Patient/{{context.patientId}}");
        p.put(KEY_MEDICATIONS, "MedicationRequest?patient={{context.patientId}}&_include=MedicationRequest:medication");
        StringBuilder obs = new StringBuilder("Observation?patient={{context.patientId}}");
        if (!codes.isEmpty()) {
            // combo-code (R4): the code or a component's code, so panels with a renal result are prefetched too.
            obs.append("&combo-code=");
            boolean first = true;
            for (String c : codes) {
                if (!first) {
                    obs.append(',');
                }
                obs.append(KnowledgeUrls.LOINC).append('|').append(c);
                first = false;
            }
        }
        p.put(KEY_OBSERVATIONS, obs.toString());
        p.put(KEY_CONDITIONS, "Condition?patient={{context.patientId}}");
        p.put(KEY_PROCEDURES, "Procedure?patient={{context.patientId}}");
        return p;
    }
}
