package org.baclofencds.knowledge;

/** Canonical URLs and code-system URIs of the published knowledge (API.md §2). */
public final class KnowledgeUrls {
    private KnowledgeUrls() {}

    public static final String BASE = "http://baclofen-cds.org/fhir";
    public static final String ALERT_CODE_SYSTEM = BASE + "/CodeSystem/baclofen-alert";
    /** Why a clinician overrode an alert (CDS Hooks overrideReasons, the chart view). */
    public static final String OVERRIDE_REASON_CODE_SYSTEM = BASE + "/CodeSystem/baclofen-override-reason";

    public static final String ALERT_PROFILE = BASE + "/StructureDefinition/baclofen-alert";
    public static final String ALERT_ID_SYSTEM = BASE + "/alert-id";

    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String NDC = "http://hl7.org/fhir/sid/ndc";
    public static final String ATC = "http://www.whocc.no/atc";
    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String UCUM = "http://unitsofmeasure.org";

    private static final String VS = BASE + "/ValueSet/";

    // Drugs
    public static final String VS_BACLOFEN = VS + "baclofen-medications";
    public static final String VS_OPIOIDS = VS + "opioids";
    public static final String VS_BENZODIAZEPINES = VS + "benzodiazepines";
    /** Z-drugs, barbiturates, gabapentinoids and the other centrally acting muscle relaxants. */
    public static final String VS_CNS_DEPRESSANTS = VS + "cns-depressants";

    public static final String VS_TRICYCLICS = VS + "tricyclic-antidepressants";
    public static final String VS_NSAIDS = VS + "nsaids";
    public static final String VS_LEVODOPA = VS + "levodopa";
    public static final String VS_LITHIUM = VS + "lithium";
    public static final String VS_MAO_INHIBITORS = VS + "mao-inhibitors";

    // Labs and observations
    public static final String VS_CREATININE_CLEARANCE = VS + "creatinine-clearance";
    public static final String VS_SERUM_CREATININE_MASS = VS + "serum-creatinine-mass";
    public static final String VS_SERUM_CREATININE_MOLAR = VS + "serum-creatinine-molar";
    public static final String VS_EGFR = VS + "egfr";
    public static final String VS_BODY_WEIGHT = VS + "body-weight";
    public static final String VS_PREGNANCY_STATUS = VS + "pregnancy-status-observations";
    public static final String VS_PREGNANT_ANSWERS = VS + "pregnant-answers";
    public static final String VS_NOT_PREGNANT_ANSWERS = VS + "not-pregnant-answers";
    public static final String VS_BREASTFEEDING_STATUS = VS + "breastfeeding-status-observations";
    public static final String VS_BREASTFEEDING_ANSWERS = VS + "breastfeeding-answers";
    public static final String VS_ALCOHOL_USE = VS + "alcohol-use-observations";

    // Conditions
    public static final String VS_PREGNANCY_CONDITIONS = VS + "pregnancy-conditions";
    public static final String VS_ALCOHOL_USE_DISORDER = VS + "alcohol-use-disorder-conditions";
    public static final String VS_SEIZURE_DISORDERS = VS + "seizure-disorder-conditions";
    public static final String VS_PSYCHIATRIC = VS + "psychiatric-conditions";
    public static final String VS_CHRONIC_KIDNEY_DISEASE = VS + "chronic-kidney-disease-conditions";
    public static final String VS_END_STAGE_RENAL = VS + "end-stage-renal-conditions";
    public static final String VS_DIALYSIS_PROCEDURES = VS + "dialysis-procedures";

    // Routes
    public static final String VS_ORAL_ROUTES = VS + "oral-routes";
    public static final String VS_INTRATHECAL_ROUTES = VS + "intrathecal-routes";
}
