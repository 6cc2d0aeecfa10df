package org.baclofencds.rules;

/**
 * A source an alert cites: its key in KNOWLEDGE.md §14, what kind of source it is, and its address.
 *
 * @param key the source key, e.g. {@code TAB-DM-B4F2}
 * @param kind "US label", "US label (copy)", "non-US label", "literature", "third party"
 * @param url the address KNOWLEDGE.md §14 gives
 */
public record Source(String key, String kind, String url) {

    private static final String US = "US label";
    private static final String US_COPY = "US label (copy)";
    private static final String NON_US = "non-US label";
    private static final String LIT = "literature";
    private static final String THIRD = "third party";

    public static final Source TAB_DM_B4F2 = new Source(
            "TAB-DM-B4F2",
            US,
            "https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid=b4f2f888-979a-6f54-e053-2a95a90a95a3");
    public static final Source OZOBAX_DI =
            new Source("OZOBAX-DI", US_COPY, "https://druginserts.com/lib/rx/meds/ozobax/");
    public static final Source LYV_RXLIST =
            new Source("LYV-RXLIST", US_COPY, "https://www.rxlist.com/lyvispah-side-effects-drug-center.htm");
    public static final Source LYV_ISI =
            new Source("LYV-ISI", US_COPY, "https://dev.aapmr.org/banner-ads/hcp-animated-300x250/index.html");
    public static final Source MEDLIB_8P2 =
            new Source("MEDLIB-8P2", US_COPY, "https://medlibrary.org/lib/rx/meds/baclofen-8/page/2/");
    public static final Source RXR_PED =
            new Source("RXR-PED", NON_US, "https://www.rxreasoner.com/indications/I-722229");
    public static final Source RXR_PREC =
            new Source("RXR-PREC", NON_US, "https://rxreasoner.com/substances/baclofen/precautions");
    public static final Source MIMS_SG_DOSE = new Source(
            "MIMS-SG-DOSE", NON_US, "https://prdmimsweb.azurewebsites.net/singapore/drug/info/pms-baclofen/dosage");
    public static final Source MIMS_SG_DDI = new Source(
            "MIMS-SG-DDI",
            NON_US,
            "https://prdmimsweb.azurewebsites.net/singapore/drug/info/pms-baclofen/drug-interactions");
    public static final Source MIMS_HK =
            new Source("MIMS-HK", NON_US, "https://www.mims.com/hongkong/drug/info/pms-baclofen");
    public static final Source VLAVONOU =
            new Source("VLAVONOU", LIT, "http://onlinelibrary.wiley.com/doi/10.1002/jcph.247/abstract");
    public static final Source AJKD_2017 = new Source("AJKD-2017", LIT, "https://pubmed.ncbi.nlm.nih.gov/28899601/");
    public static final Source MUANDA_2019 =
            new Source("MUANDA-2019", LIT, "https://pubmed.ncbi.nlm.nih.gov/31705755/");
    public static final Source GAB_MPR = new Source("GAB-MPR", US_COPY, "http://butalbitalapap.org/index-3327.html");
    public static final Source LIO_AMP =
            new Source("LIO-AMP", US_COPY, "https://lioresal.com/hcp/dosing-and-administration/ampules-refill-kit/");
    public static final Source OPENFDA_LBL_E050 = new Source(
            "OPENFDA-LBL-E050",
            US,
            "https://api.fda.gov/drug/label.json?search=set_id%3A%22e05080ef-53d9-4060-aaa4-86a6935467de%22");
    public static final Source LOINC_75626_2 = new Source("LOINC-75626-2", US, "https://loinc.org/75626-2");
    public static final Source IBESON_2021 =
            new Source("IBESON-2021", LIT, "https://distantreader.org/stacks/cord/cord-0973014-zuavf9zb.txt");
    public static final Source OPENFDA_GABA_5134 = new Source(
            "OPENFDA-GABA-5134",
            US,
            "https://api.fda.gov/drug/label.json?search=set_id%3A5134369d-c7f6-4569-a425-d50e5a5d694f");
    public static final Source ODDB_DDI =
            new Source("ODDB-DDI", NON_US, "https://ch.oddb.org:443/en/gcc/fachinfo/reg/66571/chapter/interactions");
    public static final Source COMPENDIUM_LI =
            new Source("COMPENDIUM-LI", NON_US, "https://compendium.ch/de/news/8265");
    public static final Source HELLOPHARM_TCA = new Source(
            "HELLOPHARM-TCA",
            THIRD,
            "https://hellopharmacist.com/drug-interactions/drugs/baclofen/baclofen-with-trimipramine");

    public static final Source TAB_DDI_CHK =
            new Source("TAB-DDI-CHK", US_COPY, "http://www.druginteractionchecker.com/baclofen-10-mg-oral-tablet/");
    public static final Source ISMP =
            new Source("ISMP", US_COPY, "https://www.ismp.org/resources/different-concentrations-oral-liquid-baclofen");
    public static final Source DM_SUSP_4585 = new Source(
            "DM-SUSP-4585",
            US,
            "https://dailymed.nlm.nih.gov/dailymed/fda/fdaDrugXsl.cfm?setid=4585aafe-0af8-4786-a419-6a7e76671ca2&type=display");
    public static final Source ODDB_IT_DDI =
            new Source("ODDB-IT-DDI", NON_US, "https://ch.oddb.org:443/en/gcc/fachinfo/reg/62441/chapter/interactions");

    /** "Source: US label (TAB-DM-B4F2)". */
    public String citation() {
        return kind + " (" + key + ")";
    }
}
