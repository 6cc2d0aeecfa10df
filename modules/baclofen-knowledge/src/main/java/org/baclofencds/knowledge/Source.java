package org.baclofencds.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * A document an alert or a knowledge resource may cite: the project's own source table. Every entry is an
 * authoritative document (a US label on DailyMed or the FDA site, a regulator-approved prescribing text, a
 * PubMed or DOI record, a terminology's own page), identified by its canonical address; copies, summary
 * sites and advertisements are never cited. The key stays internal: texts show the title, the section and
 * the address. {@link #LOCAL_POLICY} marks a number that is this service's own choice and has no address.
 *
 * @param key internal key (never shown to a reader)
 * @param title what a clinician recognises, e.g. "Baclofen tablets, US label"
 * @param section the part of the document that states the fact, e.g. "Dosage and Administration"
 * @param url the canonical address, or null for local policy
 */
public record Source(String key, String title, String section, String url) {

    public Source {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(section, "section");
    }

    private static final String DAILYMED = "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=";
    private static final String TABLETS_URL = DAILYMED + "b4f2f888-979a-6f54-e053-2a95a90a95a3";
    private static final String TABLETS_OLD_URL = DAILYMED + "2a7e8eb1-6a38-47b1-bc2b-b59f709f8cda";
    private static final String SUSPENSION_URL = DAILYMED + "4585aafe-0af8-4786-a419-6a7e76671ca2";
    private static final String OZOBAX_URL = DAILYMED + "92153f69-bc9b-4bef-9a8e-751effde5c7e";
    private static final String LYVISPAH_URL = DAILYMED + "f8992a56-9010-4c4b-84d5-ddcc3e2c3317";
    private static final String GABLOFEN_URL = DAILYMED + "00d3e846-dd92-448d-9ab8-6a07be823cc1";
    private static final String LIORESAL_IT_URL = DAILYMED + "6f3bdcc0-ffc8-4911-8c35-958c8103a2c5";
    private static final String SWISS_ORAL_URL =
            "https://ch.oddb.org:443/en/gcc/fachinfo/reg/66571/chapter/interactions";
    private static final String SWISS_IT_URL = "https://ch.oddb.org:443/en/gcc/fachinfo/reg/62441/chapter/interactions";

    /** A number or rule chosen by this service; shown as such, never as a label statement. */
    public static final Source LOCAL_POLICY =
            new Source("POL", "Local policy of this service", "not a label statement", null);

    // US labels (DailyMed).
    public static final Source TABLETS_DOSING =
            new Source("TAB-DM-B4F2", "Baclofen tablets, US label", "Dosage and Administration", TABLETS_URL);
    public static final Source TABLETS_RENAL = new Source(
            "TAB-DDI-CHK",
            "Baclofen tablets, US label",
            "Clinical Pharmacology; Precautions (impaired renal function)",
            TABLETS_OLD_URL);
    public static final Source TABLETS_WITHDRAWAL = new Source(
            "TAB-DDI-CHK", "Baclofen tablets, US label", "Warnings (abrupt drug withdrawal)", TABLETS_OLD_URL);
    public static final Source TABLETS_EPILEPSY =
            new Source("MEDPATH-TAB", "Baclofen tablets, US label", "Precautions (epilepsy)", TABLETS_OLD_URL);
    public static final Source OZOBAX_DISCONTINUATION = new Source(
            "OZOBAX-DI",
            "Ozobax oral solution, US label",
            "2.2 Discontinuation; 5.1 Adverse reactions from abrupt withdrawal",
            OZOBAX_URL);
    public static final Source OZOBAX_DOSING =
            new Source("OZOBAX-DI", "Ozobax oral solution, US label", "2.1 Recommended Dosage", OZOBAX_URL);
    public static final Source SUSPENSION_INTERACTIONS = new Source(
            "MEDLIB-8P2", "Baclofen oral suspension 5 mg/mL, US label", "7 Drug Interactions", SUSPENSION_URL);
    public static final Source SUSPENSION_PREGNANCY = new Source(
            "MEDLIB-8P2", "Baclofen oral suspension 5 mg/mL, US label", "8.1 Pregnancy; 8.2 Lactation", SUSPENSION_URL);
    public static final Source SUSPENSION_FORMS = new Source(
            "DM-SUSP-4585",
            "Baclofen oral suspension 5 mg/mL, US label",
            "3 Dosage Forms and Strengths",
            SUSPENSION_URL);
    public static final Source LYVISPAH_PEDIATRIC =
            new Source("LYV-RXLIST", "Lyvispah oral granules, US label", "8.4 Pediatric Use", LYVISPAH_URL);
    public static final Source LYVISPAH_PREGNANCY =
            new Source("LYV-RXLIST", "Lyvispah oral granules, US label", "8.1 Pregnancy; 8.2 Lactation", LYVISPAH_URL);
    public static final Source LYVISPAH_WARNINGS =
            new Source("DRUGS-DZ", "Lyvispah oral granules, US label", "5 Warnings and Precautions", LYVISPAH_URL);
    public static final Source LYVISPAH_DOSING =
            new Source("LYV-DOSE", "Lyvispah oral granules, US label", "2 Dosage and Administration", LYVISPAH_URL);
    public static final Source GABLOFEN_BOXED_WARNING =
            new Source("GAB-ML", "Gablofen (intrathecal baclofen), US label", "Boxed Warning", GABLOFEN_URL);
    public static final Source LIORESAL_IT_DOSING =
            new Source("GH-PROFILE", "Lioresal Intrathecal, US label", "2 Dosage and Administration", LIORESAL_IT_URL);
    public static final Source LIORESAL_IT_FORMS = new Source(
            "LIO-AMP",
            "Lioresal Intrathecal, US label",
            "3 Dosage Forms and Strengths; 16 How Supplied",
            LIORESAL_IT_URL);
    public static final Source LIORESAL_IT_ROUTE = new Source(
            "LIO-DA", "Lioresal Intrathecal, US label", "1 Indications; 2 Dosage and Administration", LIORESAL_IT_URL);
    public static final Source GABAPENTIN_RESPIRATORY = new Source(
            "OPENFDA-GABA-5134",
            "Gabapentin oral solution, US label",
            "5.7 Respiratory Depression",
            DAILYMED + "5134369d-c7f6-4569-a425-d50e5a5d694f");

    // Regulator-approved non-US prescribing texts.
    public static final Source SWISS_INTERACTIONS = new Source(
            "ODDB-DDI",
            "Baclocalm (baclofen), Swissmedic-approved prescribing information",
            "Interactions",
            SWISS_ORAL_URL);
    public static final Source SWISS_IT_INTERACTIONS = new Source(
            "ODDB-IT-DDI",
            "Baclofen Sintetica Intrathecal, Swissmedic-approved prescribing information",
            "Interactions",
            SWISS_IT_URL);

    // Literature.
    public static final Source VLAVONOU = new Source(
            "VLAVONOU",
            "Vlavonou R et al., baclofen in chronic kidney disease, J Clin Pharmacol 2014",
            "Abstract",
            "https://pubmed.ncbi.nlm.nih.gov/24414993/");
    public static final Source WOLF_AJKD = new Source(
            "AJKD-2017",
            "Wolf E et al., Baclofen toxicity in kidney disease, Am J Kidney Dis 2018",
            "Abstract",
            "https://pubmed.ncbi.nlm.nih.gov/28899601/");
    public static final Source MUANDA = new Source(
            "MUANDA-2019",
            "Muanda FT et al., baclofen and encephalopathy in chronic kidney disease, JAMA 2019",
            "Abstract",
            "https://pubmed.ncbi.nlm.nih.gov/31705755/");
    public static final Source KHAZNEH = new Source(
            "KHAZNEH-2018",
            "Khazneh E et al., single-dose baclofen neurotoxicity in end-stage renal disease, BMC Nephrol 2018",
            "Abstract",
            "https://doi.org/10.1186/s12882-018-1167-z");
    public static final Source COCKCROFT_GAULT = new Source(
            "GH-CG-CODE",
            "Cockcroft DW, Gault MH, Prediction of creatinine clearance from serum creatinine, Nephron 1976",
            "the equation",
            "https://pubmed.ncbi.nlm.nih.gov/1244564/");
    public static final Source MOHAMMED = new Source(
            "MOHAMMED-2004",
            "Mohammed I, Hussain A, intrathecal baclofen withdrawal, BMC Clin Pharmacol 2004",
            "Abstract",
            "https://pubmed.ncbi.nlm.nih.gov/15301690/");
    public static final Source IBESON = new Source(
            "IBESON-2021",
            "Ibeson E et al., low-dose baclofen encephalopathy with ibuprofen, Cureus 2021",
            "Case report",
            "https://doi.org/10.7759/cureus.20499");

    // Terminology and practice guidance.
    public static final Source ISMP = new Source(
            "ISMP",
            "ISMP, Different concentrations of oral liquid baclofen",
            "whole article",
            "https://www.ismp.org/resources/different-concentrations-oral-liquid-baclofen");
    public static final Source AUDIT_C =
            new Source("LOINC-75626-2", "LOINC, AUDIT-C total score", "term and scoring", "https://loinc.org/75626-2/");
    public static final Source AUDIT =
            new Source("LOINC-75624-7", "LOINC, AUDIT total score", "term", "https://loinc.org/75624-7/");
    public static final Source DRINKS_PER_DAY = new Source(
            "USCORE-74013",
            "HL7 US Core, alcoholic drinks per day",
            "example Observation",
            "https://hl7.org/fhir/us/core/Observation-alcoholic-drinks-per-day.html");

    /** Every entry of the table. */
    public static final List<Source> ALL = List.of(
            LOCAL_POLICY,
            TABLETS_DOSING,
            TABLETS_RENAL,
            TABLETS_WITHDRAWAL,
            TABLETS_EPILEPSY,
            OZOBAX_DISCONTINUATION,
            OZOBAX_DOSING,
            SUSPENSION_INTERACTIONS,
            SUSPENSION_PREGNANCY,
            SUSPENSION_FORMS,
            LYVISPAH_PEDIATRIC,
            LYVISPAH_PREGNANCY,
            LYVISPAH_WARNINGS,
            LYVISPAH_DOSING,
            GABLOFEN_BOXED_WARNING,
            LIORESAL_IT_DOSING,
            LIORESAL_IT_FORMS,
            LIORESAL_IT_ROUTE,
            GABAPENTIN_RESPIRATORY,
            SWISS_INTERACTIONS,
            SWISS_IT_INTERACTIONS,
            VLAVONOU,
            WOLF_AJKD,
            MUANDA,
            KHAZNEH,
            COCKCROFT_GAULT,
            MOHAMMED,
            IBESON,
            ISMP,
            AUDIT_C,
            AUDIT,
            DRINKS_PER_DAY);

    /** "Baclofen tablets, US label, Dosage and Administration: https://…" or the local-policy wording. */
    public String citation() {
        if (url == null) {
            return title + " (" + section + ")";
        }
        return title + ", " + section + ": " + url;
    }

    /** True when this is the service's own policy rather than a published document. */
    public boolean localPolicy() {
        return url == null;
    }
}
