package org.baclofencds.knowledge;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationKnowledge;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The published knowledge ({@code fhir-resources/}) loaded once into typed, hash-based lookups.
 *
 * <p>Build it once per JVM with {@link #loadFromClasspath(FhirContext)} and share it: it is immutable and
 * thread-safe. Everything is computed when it is built; the lookups are hash look-ups. The FHIR resources
 * it hands out ({@link #resources()}, {@link #valueSet(String)}) are the shared instances: callers must
 * treat them as read-only (copy before changing).
 */
public final class Knowledge {

    /** The classpath folder that holds the published resources, one JSON resource per file. */
    public static final String CLASSPATH_FOLDER = "fhir-resources";

    static final String SNOMED_ORAL = "26643006";
    static final String SNOMED_INTRATHECAL = "72607000";
    static final String RXNORM_SLASH = KnowledgeUrls.RXNORM + "/";

    static final String PROP_SEVERITY = "severity";
    static final String PROP_CATEGORY = "category";
    static final String PROP_DETECTED_ISSUE_CODE = "detectedIssueCode";

    // Parsing ~100 resources costs seconds; every caller in a JVM shares the one result per context.
    private static final Map<FhirContext, Knowledge> LOADED = Collections.synchronizedMap(new WeakHashMap<>());

    private final List<IBaseResource> resources;
    private final List<BaclofenProduct> products;
    private final Map<String, BaclofenProduct> productsById;
    private final Map<String, BaclofenProduct> productsByRxnorm;
    private final Map<String, BaclofenProduct> productsByNdc;
    private final Map<String, ValueSetIndex> valueSets;
    private final CodeSystem alertCodeSystem;
    private final Map<String, AlertCodeInfo> alertCodes;

    private Knowledge(List<IBaseResource> input) {
        List<IBaseResource> sorted = new ArrayList<>(input);
        for (IBaseResource r : sorted) {
            if (r.getIdElement() == null || r.getIdElement().getIdPart() == null) {
                throw new KnowledgeException("A " + r.fhirType() + " resource has no id");
            }
        }
        sorted.sort(Comparator.comparing(IBaseResource::fhirType)
                .thenComparing(r -> r.getIdElement().getIdPart()));
        Set<String> keys = new HashSet<>();
        for (IBaseResource r : sorted) {
            String key = r.fhirType() + "/" + r.getIdElement().getIdPart();
            if (!keys.add(key)) {
                throw new KnowledgeException("Duplicate resource " + key);
            }
        }
        this.resources = List.copyOf(sorted);

        List<BaclofenProduct> productList = new ArrayList<>();
        Map<String, BaclofenProduct> byId = new LinkedHashMap<>();
        Map<String, BaclofenProduct> byRxnorm = new HashMap<>();
        Map<String, BaclofenProduct> byNdc = new HashMap<>();
        Map<String, ValueSetIndex> vs = new HashMap<>();
        CodeSystem alerts = null;
        for (IBaseResource r : resources) {
            if (r instanceof MedicationKnowledge mk) {
                BaclofenProduct p = toProduct(mk);
                productList.add(p);
                byId.put(p.id(), p);
                for (String rx : p.rxnormCodes()) {
                    putUnique(byRxnorm, rx, p, "RxNorm");
                }
                for (Coding c : mk.getCode().getCoding()) {
                    if (KnowledgeUrls.NDC.equals(c.getSystem())) {
                        String ndc = Ndcs.normalize(c.getCode());
                        if (ndc == null) {
                            throw new KnowledgeException(
                                    "MedicationKnowledge/" + p.id() + " has a malformed NDC " + c.getCode());
                        }
                        putUnique(byNdc, ndc, p, "NDC");
                    }
                }
            } else if (r instanceof ValueSet v) {
                if (!v.hasUrl()) {
                    throw new KnowledgeException("ValueSet/" + v.getIdElement().getIdPart() + " has no url");
                }
                if (vs.put(v.getUrl(), new ValueSetIndex(v)) != null) {
                    throw new KnowledgeException("Two ValueSets have the url " + v.getUrl());
                }
            } else if (r instanceof CodeSystem cs && KnowledgeUrls.ALERT_CODE_SYSTEM.equals(cs.getUrl())) {
                alerts = cs;
            }
        }
        this.products = List.copyOf(productList);
        this.productsById = Collections.unmodifiableMap(byId);
        this.productsByRxnorm = Map.copyOf(byRxnorm);
        this.productsByNdc = Map.copyOf(byNdc);
        this.valueSets = Map.copyOf(vs);
        this.alertCodeSystem = alerts;
        this.alertCodes = alerts == null ? Map.of() : readAlertCodes(alerts);
    }

    /**
     * Loads every resource under {@code fhir-resources/} on the classpath (directory or jar, shaded jars
     * included). The result is cached per context, so repeated calls are cheap.
     *
     * @throws KnowledgeException naming the file when a file does not parse
     */
    public static Knowledge loadFromClasspath(FhirContext ctx) {
        synchronized (LOADED) {
            return LOADED.computeIfAbsent(ctx, Knowledge::parseClasspath);
        }
    }

    private static Knowledge parseClasspath(FhirContext ctx) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Knowledge.class.getClassLoader();
        }
        List<ClasspathResources.Entry> files = ClasspathResources.list(loader, CLASSPATH_FOLDER, ".json");
        if (files.isEmpty()) {
            throw new KnowledgeException("No " + CLASSPATH_FOLDER + "/*.json on the classpath");
        }
        // Parsing is most of start-up (a few large value sets): files are parsed in parallel, each worker with
        // its own parser. Strict: an unknown element or bad value in published knowledge is a defect.
        List<IBaseResource> parsed = files.parallelStream()
                .map(file -> {
                    IParser parser = ctx.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
                    try {
                        return parser.parseResource(file.text());
                    } catch (RuntimeException e) {
                        throw new KnowledgeException("Cannot parse " + file.name() + ": " + e.getMessage(), e);
                    }
                })
                .toList();
        try {
            return of(parsed);
        } catch (KnowledgeException e) {
            throw new KnowledgeException("Bad knowledge in " + CLASSPATH_FOLDER + ": " + e.getMessage(), e);
        }
    }

    /** Builds the lookups from the given resources (tests may pass a subset). */
    public static Knowledge of(List<? extends IBaseResource> resources) {
        return new Knowledge(List.copyOf(resources));
    }

    /** Every published resource, in a stable order (resource type, then id), with its logical id set. */
    public List<IBaseResource> resources() {
        return resources;
    }

    /** The baclofen products (one per MedicationKnowledge), ordered by id. */
    public List<BaclofenProduct> products() {
        return products;
    }

    /** The product with this MedicationKnowledge id. */
    public Optional<BaclofenProduct> productById(String id) {
        return Optional.ofNullable(productsById.get(id));
    }

    /**
     * The product a code identifies: RxNorm SCD/SBD or NDC (any of the 10-digit dashed forms or the
     * 11-digit form). Ingredient-level codes (RxNorm 1292, ATC M03BX01) identify no product.
     */
    public Optional<BaclofenProduct> productByCode(String system, String code) {
        if (system == null || code == null) {
            return Optional.empty();
        }
        if (isRxnorm(system)) {
            return Optional.ofNullable(productsByRxnorm.get(code.trim()));
        }
        if (KnowledgeUrls.NDC.equals(system)) {
            String ndc = Ndcs.normalize(code);
            if (ndc != null) {
                return Optional.ofNullable(productsByNdc.get(ndc));
            }
            // An undashed 10-digit NDC: accepted only when exactly one of its readings is a known product.
            BaclofenProduct found = null;
            for (String candidate : Ndcs.tenDigitCandidates(code)) {
                BaclofenProduct p = productsByNdc.get(candidate);
                if (p != null) {
                    if (found != null && found != p) {
                        return Optional.empty();
                    }
                    found = p;
                }
            }
            return Optional.ofNullable(found);
        }
        return Optional.empty();
    }

    public Optional<BaclofenProduct> productByCode(Coding coding) {
        return coding == null ? Optional.empty() : productByCode(coding.getSystem(), coding.getCode());
    }

    /** The product identified by the first coding of the concept that identifies one. */
    public Optional<BaclofenProduct> productByCode(CodeableConcept concept) {
        if (concept == null) {
            return Optional.empty();
        }
        for (Coding c : concept.getCoding()) {
            Optional<BaclofenProduct> p = productByCode(c);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /**
     * True when the coding is in the value set (ATC codes match their group's descendants).
     *
     * @throws KnowledgeException when no value set has this url
     */
    public boolean inValueSet(String valueSetUrl, String system, String code) {
        return index(valueSetUrl).contains(system, code);
    }

    public boolean inValueSet(String valueSetUrl, Coding coding) {
        return coding != null && inValueSet(valueSetUrl, coding.getSystem(), coding.getCode());
    }

    /** True when any coding of the concept is in the value set. */
    public boolean inValueSet(String valueSetUrl, CodeableConcept concept) {
        if (concept == null) {
            return false;
        }
        ValueSetIndex index = index(valueSetUrl);
        for (Coding c : concept.getCoding()) {
            if (index.contains(c.getSystem(), c.getCode())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lower-case ingredient names (and brand names) that identify a member of the value set in free
     * text, for the name-matching fallback when no code matches.
     */
    public Set<String> textNames(String valueSetUrl) {
        return index(valueSetUrl).textNames;
    }

    /** The ValueSet with this canonical url. */
    public Optional<ValueSet> valueSet(String valueSetUrl) {
        ValueSetIndex index = valueSets.get(valueSetUrl);
        return index == null ? Optional.empty() : Optional.of(index.valueSet);
    }

    /** The canonical urls of every loaded ValueSet. */
    public Set<String> valueSetUrls() {
        return valueSets.keySet();
    }

    /**
     * The alert-code CodeSystem ({@link KnowledgeUrls#ALERT_CODE_SYSTEM}); a copy, so callers may change
     * it.
     *
     * @throws KnowledgeException when the knowledge holds no such CodeSystem
     */
    public CodeSystem alertCodeSystem() {
        if (alertCodeSystem == null) {
            throw new KnowledgeException("No CodeSystem " + KnowledgeUrls.ALERT_CODE_SYSTEM + " loaded");
        }
        return alertCodeSystem.copy();
    }

    /**
     * The facts the alert CodeSystem publishes for one alert code.
     *
     * @throws KnowledgeException when the code is not in the CodeSystem
     */
    public AlertCodeInfo alertCode(String code) {
        AlertCodeInfo info = alertCodes.get(code);
        if (info == null) {
            throw new KnowledgeException("Unknown alert code '" + code + "' in " + KnowledgeUrls.ALERT_CODE_SYSTEM);
        }
        return info;
    }

    /** Every alert code, in CodeSystem order. */
    public List<AlertCodeInfo> alertCodes() {
        return List.copyOf(alertCodes.values());
    }

    private ValueSetIndex index(String valueSetUrl) {
        ValueSetIndex index = valueSets.get(valueSetUrl);
        if (index == null) {
            throw new KnowledgeException("Unknown value set " + valueSetUrl);
        }
        return index;
    }

    static boolean isRxnorm(String system) {
        return KnowledgeUrls.RXNORM.equals(system) || RXNORM_SLASH.equals(system);
    }

    private static void putUnique(Map<String, BaclofenProduct> map, String key, BaclofenProduct product, String kind) {
        BaclofenProduct old = map.put(key, product);
        if (old != null && !old.id().equals(product.id())) {
            throw new KnowledgeException(
                    kind + " code " + key + " is on two products: " + old.id() + " and " + product.id());
        }
    }

    private static BaclofenProduct toProduct(MedicationKnowledge mk) {
        String id = mk.getIdElement().getIdPart();
        String where = "MedicationKnowledge/" + id;
        BaclofenProduct.Route route = null;
        for (CodeableConcept cc : mk.getIntendedRoute()) {
            for (Coding c : cc.getCoding()) {
                if (KnowledgeUrls.SNOMED.equals(c.getSystem())) {
                    if (SNOMED_ORAL.equals(c.getCode())) {
                        route = BaclofenProduct.Route.ORAL;
                    } else if (SNOMED_INTRATHECAL.equals(c.getCode())) {
                        route = BaclofenProduct.Route.INTRATHECAL;
                    }
                }
            }
        }
        if (route == null) {
            throw new KnowledgeException(where + " has no intendedRoute SNOMED 26643006 or 72607000");
        }
        Ratio strength = null;
        for (MedicationKnowledge.MedicationKnowledgeIngredientComponent ing : mk.getIngredient()) {
            if (ing.hasStrength() && (!ing.hasIsActive() || ing.getIsActive())) {
                strength = ing.getStrength();
                break;
            }
        }
        if (strength == null) {
            throw new KnowledgeException(where + " has no active ingredient strength");
        }
        Quantity numerator = strength.getNumerator();
        Quantity denominator = strength.getDenominator();
        String unit = numerator.getCode();
        if (!"mg".equals(unit) && !"ug".equals(unit)) {
            throw new KnowledgeException(where + " strength numerator unit must be UCUM mg or ug, not " + unit);
        }
        if (!denominator.hasValue() || denominator.getValue().compareTo(BigDecimal.ONE) != 0) {
            throw new KnowledgeException(where + " strength denominator must be 1");
        }
        String presentation = presentation(denominator);
        if (presentation == null) {
            throw new KnowledgeException(where + " strength denominator must be 1 tablet, packet or mL");
        }
        List<String> rxnorm = new ArrayList<>();
        for (Coding c : mk.getCode().getCoding()) {
            if (isRxnorm(c.getSystem()) && c.hasCode()) {
                rxnorm.add(c.getCode());
            }
        }
        String display = mk.getCode().hasText() ? mk.getCode().getText() : id;
        List<String> synonyms =
                mk.getSynonym().stream().map(StringType::getValue).toList();
        return new BaclofenProduct(
                id,
                display,
                route,
                numerator.getValue().stripTrailingZeros(),
                unit,
                presentation,
                List.copyOf(rxnorm),
                List.copyOf(synonyms));
    }

    private static String presentation(Quantity denominator) {
        String code = denominator.hasCode() ? denominator.getCode() : denominator.getUnit();
        if (code == null) {
            return null;
        }
        String bare = code.startsWith("{") && code.endsWith("}") ? code.substring(1, code.length() - 1) : code;
        return switch (bare) {
            case "mL" -> "mL";
            case "tablet", "tbl", "TAB" -> "tablet";
            case "packet" -> "packet";
            default -> null;
        };
    }

    private static Map<String, AlertCodeInfo> readAlertCodes(CodeSystem cs) {
        Map<String, AlertCodeInfo> map = new LinkedHashMap<>();
        for (CodeSystem.ConceptDefinitionComponent c : cs.getConcept()) {
            String where = "CodeSystem baclofen-alert code " + c.getCode();
            String severity = property(c, PROP_SEVERITY, where);
            String category = property(c, PROP_CATEGORY, where);
            String actCode = property(c, PROP_DETECTED_ISSUE_CODE, where);
            map.put(
                    c.getCode(),
                    new AlertCodeInfo(
                            c.getCode(),
                            c.getDisplay(),
                            c.getDefinition(),
                            AlertCodeInfo.Severity.fromCode(severity),
                            AlertCodeInfo.Category.fromCode(category),
                            actCode));
        }
        return Collections.unmodifiableMap(map);
    }

    private static String property(CodeSystem.ConceptDefinitionComponent c, String name, String where) {
        for (CodeSystem.ConceptPropertyComponent p : c.getProperty()) {
            if (name.equals(p.getCode())) {
                Type value = p.getValue();
                if (value instanceof CodeType code) {
                    return code.getValue();
                }
                if (value instanceof Coding coding) {
                    return coding.getCode();
                }
                if (value != null && value.isPrimitive()) {
                    return value.primitiveValue();
                }
            }
        }
        throw new KnowledgeException(where + " lacks property " + name);
    }

    /** The compose of one ValueSet as hash sets. */
    private static final class ValueSetIndex {
        private final ValueSet valueSet;
        private final Map<String, Set<String>> codesBySystem;
        private final Set<String> textNames;

        ValueSetIndex(ValueSet vs) {
            this.valueSet = vs;
            Map<String, Set<String>> codes = new HashMap<>();
            Set<String> names = new LinkedHashSet<>();
            for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
                String system = normalizeSystem(include.getSystem());
                if (system == null) {
                    continue;
                }
                Set<String> set = codes.computeIfAbsent(system, s -> new HashSet<>());
                for (ValueSet.ConceptReferenceComponent concept : include.getConcept()) {
                    String code = normalizeCode(system, concept.getCode());
                    if (code == null) {
                        throw new KnowledgeException("ValueSet " + vs.getUrl() + " has a malformed code "
                                + concept.getCode() + " in " + system);
                    }
                    set.add(code);
                    // Designations are the names to match in free text (ingredient, brand and condition
                    // names); displays are not used, so no product strings like "5 MG Oral Tablet".
                    for (ValueSet.ConceptReferenceDesignationComponent d : concept.getDesignation()) {
                        if (d.hasValue()) {
                            names.add(d.getValue().trim().toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
            Map<String, Set<String>> frozen = new HashMap<>();
            codes.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
            this.codesBySystem = Map.copyOf(frozen);
            this.textNames = Collections.unmodifiableSet(names);
        }

        boolean contains(String system, String code) {
            String s = normalizeSystem(system);
            if (s == null || code == null) {
                return false;
            }
            Set<String> codes = codesBySystem.get(s);
            if (codes == null) {
                return false;
            }
            String c = normalizeCode(s, code);
            if (c == null) {
                if (KnowledgeUrls.NDC.equals(s)) {
                    // An undashed 10-digit NDC: a member only when exactly one of its readings is.
                    int hits = 0;
                    for (String candidate : Ndcs.tenDigitCandidates(code)) {
                        hits += codes.contains(candidate) ? 1 : 0;
                    }
                    return hits == 1;
                }
                return false;
            }
            if (codes.contains(c)) {
                return true;
            }
            if (KnowledgeUrls.ATC.equals(s) || KnowledgeUrls.ICD10CM.equals(s)) {
                // An included ATC group or ICD-10-CM category holds every code below it: M03BX holds
                // M03BX01, N18.3 holds N18.31.
                for (int len = c.length() - 1; len >= 1; len--) {
                    if (codes.contains(c.substring(0, len))) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static String normalizeSystem(String system) {
            if (system == null) {
                return null;
            }
            return RXNORM_SLASH.equals(system) ? KnowledgeUrls.RXNORM : system;
        }

        private static String normalizeCode(String system, String code) {
            if (code == null) {
                return null;
            }
            return switch (system) {
                case KnowledgeUrls.NDC -> Ndcs.normalize(code);
                case KnowledgeUrls.ATC -> code.trim().toUpperCase(Locale.ROOT);
                case KnowledgeUrls.ICD10CM -> code.trim().replace(".", "").toUpperCase(Locale.ROOT);
                default -> code.trim();
            };
        }
    }
}
