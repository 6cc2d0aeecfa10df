// Titles and addresses of the sources the published products cite by key (e.g. [L TAB-DM-B4F2]), so the
// knowledge page shows what a clinician can look up rather than a key. Keys not listed here are not shown.
export const SOURCES = {
  "AJKD-2017": {
    "title": "Wolf E, Kothari NR, Roberts JK, Sparks MA. Baclofen Toxicity in Kidney Disease. Am J Kidney Dis 2018;71(2):275-280 (Epub 2017 Sep 9). doi:10.1053/j.ajkd.2017.07.005. PMID 28899601",
    "url": "https://pubmed.ncbi.nlm.nih.gov/28899601/"
  },
  "DM-SUSP-4585": {
    "title": "Baclofen oral suspension 25 mg/5 mL (5 mg/mL, 'concentrated formulation'; generic, Fleqsuvy-type formulation; labeler not identified), US FDA SPL on DailyMed",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=4585aafe-0af8-4786-a419-6a7e76671ca2"
  },
  "DRUGS-DOSE": {
    "title": "LIORESAL INTRATHECAL (baclofen injection) (Amneal; NDC 70121-2504 refill kit), US FDA SPL on DailyMed",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=6f3bdcc0-ffc8-4911-8c35-958c8103a2c5"
  },
  "FDA-DRUGSFDA-215602": {
    "title": "FLEQSUVY (baclofen) oral suspension 25 mg/5 mL, NDA 215602 (Drugs@FDA: ORIG-1 approved 2022-02-04), FDA-approved label PDF dated 2022-02-08",
    "url": "https://www.accessdata.fda.gov/drugsatfda_docs/label/2022/215602s000lbl.pdf"
  },
  "FDA-NDC-0172-4097": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 0172-4097",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%220172-4097%22"
  },
  "FDA-NDC-0615-8518": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 0615-8518: NCS HealthCare of KY (Vangard), baclofen 5 mg tablet, rxcui 430902",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%220615-8518%22"
  },
  "FDA-NDC-16714-072": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 16714-072",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2216714-072%22"
  },
  "FDA-NDC-25021-679": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 25021-679: Sagent, baclofen 2000 mcg/mL 20 mL vial, rxcui 308517/1666613, set 077aaf3b-1ca3-4599-a51a-6bbe39810ca8",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2225021-679%22"
  },
  "FDA-NDC-62559-204": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 62559-204: ANI Pharmaceuticals, baclofen 5 mg/mL oral suspension (120/300 mL), rxcui 2593376",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2262559-204%22"
  },
  "FDA-NDC-66794-151": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 66794-151: Piramal, Gablofen 50 mcg/mL syringe, rxcui list incl. 1047437",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2266794-151%22"
  },
  "FDA-NDC-66794-157": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 66794-157: Piramal, Gablofen 2000 mcg/mL syringe/vial",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2266794-157%22"
  },
  "FDA-NDC-68134-403": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 68134-403: Palmetto, baclofen 10 mg/5 mL oral solution, rxcui 2667941, set 2422746c-afec-ad30-e063-6394a90a0403",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2268134-403%22"
  },
  "FDA-NDC-69528-302": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 69528-302: Rosemont, OZOBAX DS 10 mg/5 mL (237/473 mL, start 2023-10-12), rxcui 2667941+2667943",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2269528-302%22"
  },
  "FDA-NDC-70511-121": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 70511-121: MAIA, baclofen 50 mcg/mL intrathecal syringe, rxcui 1047437, set e05080ef",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2270511-121%22"
  },
  "FDA-NDC-70710-1666": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 70710-1666",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2270710-1666%22"
  },
  "FDA-NDC-71335-3050": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 71335-3050",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2271335-3050%22"
  },
  "FDA-NDC-72162-2449": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 72162-2449",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2272162-2449%22"
  },
  "FDA-NDC-72888-146": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 72888-146: Advagen, baclofen 1000 mcg/mL 20 mL vial, rxcui 308517/1300890/1666613, set d63af5f0-c275-480b-89b5-6cf1ad55ab63",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2272888-146%22"
  },
  "FDA-NDC-73352-103": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 73352-103: Trifluent, baclofen 5 mg/5 mL oral solution, rxcui 250976, set 890df151-f4eb-4244-97c4-f1f10912e753",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2273352-103%22"
  },
  "FDA-NDC-80425-0080": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 80425-0080",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2280425-0080%22"
  },
  "FDA-NDC-87519-003": {
    "title": "FDA NDC Directory listing (openFDA drug/ndc) for product NDC 87519-003: Anvi, LYVISPAH 10 mg granule packet, marketing start 2026-09-01, NDA; openfda block empty",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2287519-003%22"
  },
  "GAB-ML": {
    "title": "GABLOFEN (baclofen injection) for intrathecal use (Piramal Critical Care), US FDA SPL on DailyMed (v39, 'Updated March 28, 2025')",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=00d3e846-dd92-448d-9ab8-6a07be823cc1"
  },
  "GAB-RXLIST": {
    "title": "GABLOFEN (baclofen injection) for intrathecal use (Piramal Critical Care), US FDA SPL on DailyMed (v39, 'Updated March 28, 2025')",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=00d3e846-dd92-448d-9ab8-6a07be823cc1"
  },
  "GH-PROFILE": {
    "title": "LIORESAL INTRATHECAL (baclofen injection) (Amneal; NDC 70121-2504 refill kit), US FDA SPL on DailyMed (IT facts); FLEQSUVY (baclofen) oral suspension 25 mg/5 mL, NDA 215602 (Drugs@FDA: ORIG-1 approved 2022-02-04), FDA-approved label PDF dated 2022-02-08 (Fleqsuvy PK)",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=6f3bdcc0-ffc8-4911-8c35-958c8103a2c5"
  },
  "ISMP": {
    "title": "ISMP, 'Different concentrations of oral liquid baclofen' (Featured Articles)",
    "url": "https://www.ismp.org/resources/different-concentrations-oral-liquid-baclofen"
  },
  "KHAZNEH-2018": {
    "title": "Khazneh E, Shamlawi A, Jebrin K, Hamdan Z, Sawalmeh O. Single-dose baclofen-induced neurotoxicity in a patient with end stage renal disease: case report. BMC Nephrol 2018;19:352. doi:10.1186/s12882-018-1167-z",
    "url": "https://doi.org/10.1186/s12882-018-1167-z"
  },
  "LIO-AMP": {
    "title": "LIORESAL INTRATHECAL (baclofen injection) (Amneal; NDC 70121-2504 refill kit), US FDA SPL on DailyMed",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=6f3bdcc0-ffc8-4911-8c35-958c8103a2c5"
  },
  "LYV-DOSE": {
    "title": "LYVISPAH (baclofen) oral granules 5/10/20 mg, US FDA SPL on DailyMed",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=f8992a56-9010-4c4b-84d5-ddcc3e2c3317"
  },
  "LYV-RXLIST": {
    "title": "LYVISPAH (baclofen) oral granules 5/10/20 mg, US FDA SPL on DailyMed",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=f8992a56-9010-4c4b-84d5-ddcc3e2c3317"
  },
  "MEDSCAPE": {
    "title": "LIORESAL INTRATHECAL (baclofen injection) (Amneal; NDC 70121-2504 refill kit), US FDA SPL on DailyMed / GABLOFEN (baclofen injection) for intrathecal use (Piramal Critical Care), US FDA SPL on DailyMed (v39, 'Updated March 28, 2025')",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=6f3bdcc0-ffc8-4911-8c35-958c8103a2c5"
  },
  "MOHAMMED-2004": {
    "title": "Mohammed I, Hussain A. Intrathecal baclofen withdrawal syndrome - a life-threatening complication of baclofen pump: a case report. BMC Clin Pharmacol 2004;4:6. doi:10.1186/1472-6904-4-6. PMID 15301690; PMCID PMC514562",
    "url": "https://pubmed.ncbi.nlm.nih.gov/15301690/"
  },
  "MUANDA-2019": {
    "title": "Muanda FT et al. Association of Baclofen With Encephalopathy in Patients With Chronic Kidney Disease. JAMA 2019;322(20):1987-1995. doi:10.1001/jama.2019.17725. PMID 31705755",
    "url": "https://pubmed.ncbi.nlm.nih.gov/31705755/"
  },
  "NDCLIST-72888-145": {
    "title": "FDA NDC Directory listing for product NDC 72888-145 (Advagen baclofen injection 500 mcg/mL); RxCUI names to be confirmed in RxNav (NLM)",
    "url": "https://api.fda.gov/drug/ndc.json?search=product_ndc%3A%2272888-145%22"
  },
  "OPENFDA-LBL-BAC": {
    "title": "Baclofen tablets USP 10 mg/20 mg (Dispensing Solutions, Inc.), old-format US FDA SPL on DailyMed (NLM)",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=2a7e8eb1-6a38-47b1-bc2b-b59f709f8cda"
  },
  "OPENFDA-LBL-E050": {
    "title": "Baclofen injection for intrathecal use 50 mcg/mL (MAIA Pharmaceuticals; NDC 70511-121), US FDA SPL on DailyMed",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=e05080ef-53d9-4060-aaa4-86a6935467de"
  },
  "OZOBAX-DI": {
    "title": "OZOBAX (baclofen) oral solution 5 mg/5 mL (Metacel Pharmaceuticals), US FDA SPL on DailyMed (SPL v3, effective 2021-07-01)",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=92153f69-bc9b-4bef-9a8e-751effde5c7e"
  },
  "OZOBAX-PT": {
    "title": "OZOBAX (baclofen) oral solution 5 mg/5 mL (Metacel Pharmaceuticals), US FDA SPL on DailyMed (SPL v3, effective 2021-07-01)",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=92153f69-bc9b-4bef-9a8e-751effde5c7e"
  },
  "PHARMACYTIMES-FLEQ": {
    "title": "FLEQSUVY (baclofen) oral suspension 25 mg/5 mL, NDA 215602 (Drugs@FDA: ORIG-1 approved 2022-02-04), FDA-approved label PDF dated 2022-02-08",
    "url": "https://www.accessdata.fda.gov/drugsatfda_docs/label/2022/215602s000lbl.pdf"
  },
  "SARRAS": {
    "title": "Baclofen oral solution 10 mg/5 mL (2 mg/mL), US FDA SPL on DailyMed (set id from the fda.report copy URL)",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=81a539b3-e547-4a62-ad1b-2eedb30be927"
  },
  "TAB-DDI-CHK": {
    "title": "Baclofen tablets USP 10 mg/20 mg (Dispensing Solutions, Inc.), old-format US FDA SPL on DailyMed (NLM)",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=2a7e8eb1-6a38-47b1-bc2b-b59f709f8cda"
  },
  "TAB-DM-B4F2": {
    "title": "Baclofen tablets USP (BACLOFEN- baclofen 20mg tablet), US FDA SPL on DailyMed (NLM), 'Updated February 8, 2021'",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=b4f2f888-979a-6f54-e053-2a95a90a95a3"
  },
  "VLAVONOU": {
    "title": "Vlavonou R et al. Pharmacokinetic characterization of baclofen in patients with chronic kidney disease: dose adjustment recommendations. J Clin Pharmacol 2014;54(5):584-92. doi:10.1002/jcph.247. PMID 24414993",
    "url": "https://pubmed.ncbi.nlm.nih.gov/24414993/"
  },
  "WUIS-1989": {
    "title": "Wuis EW, Dirks MJM, Vree TB, Van der Kleijn E. Plasma and urinary excretion kinetics of oral baclofen in healthy subjects. Eur J Clin Pharmacol 1989;37:181-4. doi:10.1007/BF00558228",
    "url": "https://doi.org/10.1007/BF00558228"
  }
};
