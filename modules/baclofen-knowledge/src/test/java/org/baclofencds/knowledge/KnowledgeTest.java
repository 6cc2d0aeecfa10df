package org.baclofencds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.baclofencds.knowledge.BaclofenProduct.Route;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationKnowledge;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

class KnowledgeTest {

    static final Knowledge KNOWLEDGE = Knowledge.loadFromClasspath(FhirContext.forR4Cached());

    /** The 26 codes of API.md §4, in its order. */
    static final List<String> API_ALERT_CODES = List.of(
            "max-daily-dose",
            "starting-dose",
            "titration-too-fast",
            "renal-dose-adjustment",
            "renal-function-unknown",
            "interaction-opioid",
            "interaction-benzodiazepine",
            "interaction-cns-depressant",
            "interaction-alcohol",
            "interaction-tca",
            "interaction-nsaid",
            "interaction-levodopa",
            "interaction-lithium",
            "interaction-maoi",
            "abrupt-discontinuation",
            "intrathecal-discontinuation",
            "intrathecal-dose-high",
            "route-dose-mismatch",
            "duplicate-therapy",
            "pregnancy",
            "breastfeeding",
            "pediatric-use",
            "condition-seizure-disorder",
            "condition-psychiatric",
            "dose-not-computable",
            "patient-education");

    static List<String> valueSetUrlConstants() throws IllegalAccessException {
        List<String> urls = new ArrayList<>();
        for (Field f : KnowledgeUrls.class.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers()) && f.getName().startsWith("VS_")) {
                urls.add((String) f.get(null));
            }
        }
        return urls;
    }

    @Test
    void publishesExactlyFourteenProducts() {
        assertThat(KNOWLEDGE.products()).hasSize(14);
        assertThat(KNOWLEDGE.products().stream().filter(p -> p.route() == Route.INTRATHECAL))
                .extracting(BaclofenProduct::strength)
                .map(BigDecimal::intValueExact)
                .containsExactlyInAnyOrder(50, 500, 1000, 2000);
    }

    @Test
    void readsAnUndashedTenDigitNdcWhenExactlyOneReadingIsKnown() {
        // 0172-4096-60 written without hyphens: only its 4-4-2 reading (00172409660) is a known code.
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_BACLOFEN, KnowledgeUrls.NDC, "0172409660"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_BACLOFEN, KnowledgeUrls.NDC, "9999999999"))
                .isFalse();
    }

    @Test
    void anIcd10CmCategoryHoldsItsSubcodesWithOrWithoutTheDot() {
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_CHRONIC_KIDNEY_DISEASE, KnowledgeUrls.ICD10CM, "N18.31"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_END_STAGE_RENAL, KnowledgeUrls.ICD10CM, "Z992"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_ALCOHOL_USE_DISORDER, KnowledgeUrls.ICD10CM, "F10.20"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_ALCOHOL_USE_DISORDER, KnowledgeUrls.ICD10CM, "F10.90"))
                .isFalse();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_PSYCHIATRIC, KnowledgeUrls.ICD10CM, "F20.9"))
                .isTrue();
    }

    @Test
    void resolvesEveryValueSetUrlConstant() throws IllegalAccessException {
        List<String> urls = valueSetUrlConstants();
        assertThat(urls).hasSize(29);
        for (String url : urls) {
            assertThat(KNOWLEDGE.valueSet(url)).as(url).isPresent();
            assertThat(KNOWLEDGE.valueSet(url).orElseThrow().getCompose().getInclude())
                    .as(url)
                    .isNotEmpty();
        }
        assertThat(KNOWLEDGE.valueSetUrls()).containsExactlyInAnyOrderElementsOf(urls);
    }

    @Test
    void alertCodeSystemHoldsExactlyTheApiCodes() {
        CodeSystem cs = KNOWLEDGE.alertCodeSystem();
        assertThat(cs.getUrl()).isEqualTo(KnowledgeUrls.ALERT_CODE_SYSTEM);
        assertThat(cs.getConcept())
                .extracting(CodeSystem.ConceptDefinitionComponent::getCode)
                .containsExactlyElementsOf(API_ALERT_CODES);
        assertThat(KNOWLEDGE.alertCodes()).extracting(AlertCodeInfo::code).containsExactlyElementsOf(API_ALERT_CODES);
    }

    @Test
    void alertCodeCarriesSeverityCategoryAndActCode() {
        AlertCodeInfo max = KNOWLEDGE.alertCode("max-daily-dose");
        assertThat(max.severity()).isEqualTo(AlertCodeInfo.Severity.HIGH);
        assertThat(max.category()).isEqualTo(AlertCodeInfo.Category.ALERT);
        assertThat(max.detectedIssueCode()).isEqualTo("MDOSE");
        assertThat(max.definition()).contains("80 mg/day");

        AlertCodeInfo education = KNOWLEDGE.alertCode("patient-education");
        assertThat(education.category()).isEqualTo(AlertCodeInfo.Category.INSTRUCTION);
        assertThat(education.severity()).isEqualTo(AlertCodeInfo.Severity.LOW);

        assertThat(KNOWLEDGE.alertCode("interaction-nsaid").detectedIssueCode()).isEqualTo("DRG");
        assertThat(KNOWLEDGE.alertCode("renal-dose-adjustment").detectedIssueCode())
                .isEqualTo("DOSECOND");
        assertThatThrownBy(() -> KNOWLEDGE.alertCode("no-such-alert")).isInstanceOf(KnowledgeException.class);
    }

    @Test
    void alertCodeSystemIsHandedOutAsACopy() {
        KNOWLEDGE.alertCodeSystem().getConcept().clear();
        assertThat(KNOWLEDGE.alertCodeSystem().getConcept()).hasSize(26);
    }

    @Test
    void findsTheTenMilligramTabletByRxnorm() {
        BaclofenProduct p =
                KNOWLEDGE.productByCode(KnowledgeUrls.RXNORM, "197391").orElseThrow();
        assertThat(p.id()).isEqualTo("baclofen-oral-tablet-10mg");
        assertThat(p.route()).isEqualTo(Route.ORAL);
        assertThat(p.strength()).isEqualByComparingTo("10");
        assertThat(p.strengthUnit()).isEqualTo("mg");
        assertThat(p.unitOfPresentation()).isEqualTo("tablet");
        assertThat(KNOWLEDGE.productByCode(KnowledgeUrls.RXNORM + "/", "197391"))
                .contains(p);
    }

    @Test
    void findsLiquidsAndIntrathecalProductsWithTheirConcentration() {
        BaclofenProduct ozobaxDs =
                KNOWLEDGE.productByCode(KnowledgeUrls.RXNORM, "2667943").orElseThrow();
        assertThat(ozobaxDs.strength()).isEqualByComparingTo("2");
        assertThat(ozobaxDs.unitOfPresentation()).isEqualTo("mL");
        assertThat(ozobaxDs.synonyms()).contains("Ozobax DS");

        BaclofenProduct it =
                KNOWLEDGE.productByCode(KnowledgeUrls.RXNORM, "1666613").orElseThrow();
        assertThat(it.route()).isEqualTo(Route.INTRATHECAL);
        assertThat(it.strength()).isEqualByComparingTo("2000");
        assertThat(it.strengthUnit()).isEqualTo("ug");
        assertThat(it.unitOfPresentation()).isEqualTo("mL");

        assertThat(KNOWLEDGE
                        .productById("baclofen-oral-granules-20mg")
                        .orElseThrow()
                        .unitOfPresentation())
                .isEqualTo("packet");
    }

    @Test
    void findsProductsByNdcInElevenDigitAndDashedForms() {
        // 00028-0023-01: Lioresal 10 mg tablet in the CDC 2018 NDC workbook.
        BaclofenProduct p =
                KNOWLEDGE.productByCode(KnowledgeUrls.NDC, "00028002301").orElseThrow();
        assertThat(p.id()).isEqualTo("baclofen-oral-tablet-10mg");
        assertThat(KNOWLEDGE.productByCode(KnowledgeUrls.NDC, "00028-0023-01")).contains(p);
        assertThat(KNOWLEDGE.productByCode(KnowledgeUrls.NDC, "0028-0023-01")).contains(p);
        // 58281-0561-02: Lioresal Intrathecal refill kit, 2 mg/mL.
        assertThat(KNOWLEDGE.productByCode(KnowledgeUrls.NDC, "58281-561-02"))
                .map(BaclofenProduct::id)
                .contains("baclofen-intrathecal-2000ug-per-ml");
    }

    @Test
    void findsAProductThroughAnyCodingOfAConcept() {
        CodeableConcept concept = new CodeableConcept()
                .addCoding(new Coding(KnowledgeUrls.RXNORM, "1292", "baclofen"))
                .addCoding(new Coding(KnowledgeUrls.NDC, "58281-0561-02", null));
        assertThat(KNOWLEDGE.productByCode(concept))
                .map(BaclofenProduct::id)
                .contains("baclofen-intrathecal-2000ug-per-ml");
        assertThat(KNOWLEDGE.productByCode(new CodeableConcept().setText("baclofen 10 mg")))
                .isEmpty();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_BACLOFEN, concept)).isTrue();
    }

    @Test
    void ingredientAndUnknownCodesIdentifyNoProduct() {
        assertThat(KNOWLEDGE.productByCode(KnowledgeUrls.RXNORM, "1292")).isEmpty();
        assertThat(KNOWLEDGE.productByCode(KnowledgeUrls.ATC, "M03BX01")).isEmpty();
        assertThat(KNOWLEDGE.productByCode(KnowledgeUrls.NDC, "99999999999")).isEmpty();
        assertThat(KNOWLEDGE.productByCode(KnowledgeUrls.SNOMED, "197391")).isEmpty();
        assertThat(KNOWLEDGE.productByCode(null, "197391")).isEmpty();
    }

    @Test
    void recognisesBaclofenByIngredientProductAtcAndNdc() {
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_BACLOFEN, KnowledgeUrls.RXNORM, "1292"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_BACLOFEN, KnowledgeUrls.RXNORM, "430902"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_BACLOFEN, KnowledgeUrls.ATC, "M03BX01"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_BACLOFEN, KnowledgeUrls.NDC, "00028-0023-01"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_BACLOFEN, KnowledgeUrls.ATC, "M03BX02"))
                .isFalse();
    }

    @Test
    void atcGroupCodesContainTheirDescendants() {
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_OPIOIDS, KnowledgeUrls.ATC, "N02AA05"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_BENZODIAZEPINES, KnowledgeUrls.ATC, "N05BA01"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_CNS_DEPRESSANTS, KnowledgeUrls.ATC, "M03BX02"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_CNS_DEPRESSANTS, KnowledgeUrls.ATC, "M03BX01"))
                .as("baclofen is not another CNS depressant")
                .isFalse();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_OPIOIDS, KnowledgeUrls.ATC, "N02B"))
                .isFalse();
    }

    @Test
    void matchesInteractingDrugsByIngredientProductAndNdc() {
        // oxycodone ingredient; an oxycodone/acetaminophen product of the CDC set
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_OPIOIDS, KnowledgeUrls.RXNORM, "7804"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_OPIOIDS, new Coding(KnowledgeUrls.RXNORM, "1049216", null)))
                .isTrue();
        // zolpidem 10 mg tablet [Ambien] from the CDC CNS-depressant set; gabapentin ingredient
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_CNS_DEPRESSANTS, KnowledgeUrls.RXNORM, "854875"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_CNS_DEPRESSANTS, KnowledgeUrls.RXNORM, "25480"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_NSAIDS, KnowledgeUrls.RXNORM, "5640"))
                .isTrue();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_EGFR, KnowledgeUrls.LOINC, "98979-8"))
                .isTrue();
    }

    @Test
    void answersFalseOutsideTheSetAndForOtherSystems() {
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_OPIOIDS, KnowledgeUrls.RXNORM, "197391"))
                .isFalse();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_OPIOIDS, KnowledgeUrls.SNOMED, "7804"))
                .isFalse();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_OPIOIDS, null, "7804")).isFalse();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_OPIOIDS, KnowledgeUrls.RXNORM, null))
                .isFalse();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_OPIOIDS, (Coding) null))
                .isFalse();
        assertThat(KNOWLEDGE.inValueSet(KnowledgeUrls.VS_ORAL_ROUTES, KnowledgeUrls.SNOMED, "72607000"))
                .isFalse();
        assertThatThrownBy(() -> KNOWLEDGE.inValueSet(KnowledgeUrls.BASE + "/ValueSet/nope", KnowledgeUrls.RXNORM, "1"))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void textNamesAreCleanIngredientAndBrandNames() {
        assertThat(KNOWLEDGE.textNames(KnowledgeUrls.VS_OPIOIDS)).contains("oxycodone", "tramadol", "opium");
        assertThat(KNOWLEDGE.textNames(KnowledgeUrls.VS_BACLOFEN)).contains("baclofen", "lioresal", "fleqsuvy");
        assertThat(KNOWLEDGE.textNames(KnowledgeUrls.VS_CNS_DEPRESSANTS)).contains("gabapentin", "butalbital");
        assertThat(KNOWLEDGE.textNames(KnowledgeUrls.VS_NSAIDS)).contains("ibuprofen", "mefenamic acid");
        for (String url : List.of(
                KnowledgeUrls.VS_OPIOIDS,
                KnowledgeUrls.VS_BENZODIAZEPINES,
                KnowledgeUrls.VS_CNS_DEPRESSANTS,
                KnowledgeUrls.VS_NSAIDS,
                KnowledgeUrls.VS_BACLOFEN)) {
            assertThat(KNOWLEDGE.textNames(url)).as(url).isNotEmpty().allSatisfy(n -> assertThat(n)
                    .doesNotContainPattern("[0-9]")
                    .isLowerCase());
        }
        assertThat(KNOWLEDGE.textNames(KnowledgeUrls.VS_EGFR)).isEmpty();
    }

    @Test
    void resourcesAreOrderedByTypeThenId() {
        List<String> keys = KNOWLEDGE.resources().stream()
                .map(r -> r.fhirType() + "/" + r.getIdElement().getIdPart())
                .toList();
        assertThat(keys).isSorted().doesNotHaveDuplicates();
        assertThat(keys).contains("Device/baclofen-cds", "OperationDefinition/baclofen-check");
    }

    @Test
    void loadsOncePerContext() {
        assertThat(Knowledge.loadFromClasspath(FhirContext.forR4Cached())).isSameAs(KNOWLEDGE);
    }

    @Test
    void buildsLookupsFromAGivenSubset() {
        MedicationKnowledge mk = new MedicationKnowledge();
        mk.setId("test-tablet");
        mk.getCode().setText("test tablet").addCoding(new Coding(KnowledgeUrls.RXNORM, "111", null));
        mk.getCode().addCoding(new Coding(KnowledgeUrls.NDC, "12345-6789-01", null));
        mk.addIntendedRoute().addCoding(new Coding(KnowledgeUrls.SNOMED, "26643006", null));
        mk.addIngredient()
                .setIsActive(true)
                .setStrength(new Ratio()
                        .setNumerator(new Quantity()
                                .setValue(7.5)
                                .setSystem(KnowledgeUrls.UCUM)
                                .setCode("mg"))
                        .setDenominator(new Quantity()
                                .setValue(1)
                                .setSystem(KnowledgeUrls.UCUM)
                                .setCode("{tablet}")));
        ValueSet vs = new ValueSet();
        vs.setId("vs");
        vs.setUrl("http://example.org/vs");
        vs.getCompose().addInclude().setSystem(KnowledgeUrls.ATC).addConcept().setCode("A01");

        Knowledge k = Knowledge.of(List.<IBaseResource>of(vs, mk));

        assertThat(k.resources())
                .extracting(IBaseResource::fhirType)
                .containsExactly("MedicationKnowledge", "ValueSet");
        BaclofenProduct p = k.productByCode(KnowledgeUrls.NDC, "12345678901").orElseThrow();
        assertThat(p.strength()).isEqualByComparingTo("7.5");
        assertThat(p.display()).isEqualTo("test tablet");
        assertThat(k.inValueSet("http://example.org/vs", KnowledgeUrls.ATC, "A01BC02"))
                .isTrue();
        assertThatThrownBy(k::alertCodeSystem).isInstanceOf(KnowledgeException.class);
    }

    @Test
    void rejectsAProductWithoutARoute() {
        MedicationKnowledge mk = new MedicationKnowledge();
        mk.setId("no-route");
        assertThatThrownBy(() -> Knowledge.of(List.of(mk)))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("MedicationKnowledge/no-route");
    }
}
