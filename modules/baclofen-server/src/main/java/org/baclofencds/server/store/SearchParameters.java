package org.baclofencds.server.store;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.QualifiedParamList;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.UrlUtil;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The search parameters this server evaluates in memory, per resource type: which ones are supported is ours; their
 * kind, targets and paths are HAPI's R4 definitions ({@link RuntimeSearchParam}), read by {@link FhirTerser}; the
 * matching rules (token, reference, date with prefixes, string, uri) are FHIR's. One table serves the store, the
 * read-only knowledge providers and the parsing of search URLs inside transaction and batch Bundles.
 */
public final class SearchParameters {

    /** The kinds of parameter FHIR defines that this server supports. */
    public enum Kind {
        TOKEN,
        REFERENCE,
        DATE,
        STRING,
        URI
    }

    /** One parameter: its name, kind, the values it indexes, and for a reference the allowed target types (any if empty). */
    public record Param(String name, Kind kind, Function<Resource, List<? extends Base>> values, Set<String> targets) {}

    /** Parameters that control the result rather than filter it; they are accepted and ignored in URLs. */
    private static final Set<String> RESULT_PARAMS = Set.of("_count", "_format", "_pretty", "_summary", "_total");

    private SearchParameters() {}

    /** The parameters of a resource type (without {@code _id}, which every type has). */
    public static Map<String, Param> of(String resourceType) {
        return PARAMS.getOrDefault(resourceType, Map.of());
    }

    /** True when the resource matches every criterion. */
    public static boolean matches(Resource resource, SearchCriteria criteria) {
        for (Map.Entry<String, List<List<IQueryParameterType>>> e :
                criteria.params().entrySet()) {
            String name = e.getKey();
            Param param = "_id".equals(name) ? null : require(resource.fhirType(), name);
            for (List<IQueryParameterType> anyOf : e.getValue()) {
                boolean any = false;
                for (IQueryParameterType value : anyOf) {
                    if (param == null ? matchesId(resource, value) : matches(resource, param, value)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Fails with 400 when a criterion names a parameter the type does not support. */
    public static void validate(String resourceType, SearchCriteria criteria) {
        for (String name : criteria.params().keySet()) {
            if (!"_id".equals(name)) {
                require(resourceType, name);
            }
        }
    }

    /**
     * Parses the query part of a FHIR search URL ({@code patient=Patient/1&code=http://loinc.org|1234-5}) into
     * typed criteria. A leading {@code Type?} is skipped.
     */
    public static SearchCriteria parse(FhirContext ctx, String resourceType, String query) {
        SearchCriteria.Builder builder = SearchCriteria.builder();
        if (query == null) {
            return builder.build();
        }
        String q = query.contains("?") ? query.substring(query.indexOf('?') + 1) : query;
        Map<String, String[]> pairs;
        try {
            pairs = UrlUtil.parseQueryString(q); // HAPI's own: decodes, and gathers a repeated name (AND)
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Malformed URL encoding in the search '" + q + "'");
        }
        for (Map.Entry<String, String[]> pair : pairs.entrySet()) {
            String key = pair.getKey();
            // "code" and "code=" read alike (one empty value): either way there is nothing to search by
            if (key.isBlank() || Arrays.stream(pair.getValue()).anyMatch(String::isBlank)) {
                throw new InvalidRequestException("Malformed search parameter '" + key + "': expected name=value");
            }
            int colon = key.indexOf(':');
            String name = colon < 0 ? key : key.substring(0, colon);
            String qualifier = colon < 0 ? null : key.substring(colon);
            if (RESULT_PARAMS.contains(name)) {
                continue;
            }
            Kind kind = "_id".equals(name)
                    ? Kind.TOKEN
                    : require(resourceType, name).kind();
            for (String raw : pair.getValue()) {
                List<IQueryParameterType> anyOf = new ArrayList<>();
                // HAPI's own split of a value into its OR alternatives, honouring \, as an escaped comma
                for (String value : QualifiedParamList.splitQueryStringByCommasIgnoreEscape(qualifier, raw)) {
                    IQueryParameterType p = newParam(kind);
                    try {
                        p.setValueAsQueryToken(ctx, name, qualifier, value);
                    } catch (DataFormatException e) {
                        throw new InvalidRequestException(
                                "Invalid value for search parameter '" + name + "': " + value);
                    }
                    anyOf.add(p);
                }
                builder.where(name, anyOf.toArray(IQueryParameterType[]::new));
            }
        }
        return builder.build();
    }

    private static IQueryParameterType newParam(Kind kind) {
        return switch (kind) {
            case TOKEN -> new TokenParam();
            case REFERENCE -> new ReferenceParam();
            case DATE -> new DateParam();
            case STRING -> new StringParam();
            case URI -> new UriParam();
        };
    }

    private static Param require(String resourceType, String name) {
        Param p = of(resourceType).get(name);
        if (p == null) {
            throw new InvalidRequestException(
                    "Unknown search parameter '" + name + "' for resource type " + resourceType + "; supported: "
                            + new java.util.TreeSet<>(of(resourceType).keySet()));
        }
        return p;
    }

    // ---------------------------------------------------------------------------------------- matching

    private static boolean matchesId(Resource resource, IQueryParameterType value) {
        String wanted = value instanceof TokenParam t
                ? t.getValue()
                : value instanceof StringParam s ? s.getValue() : value.getValueAsQueryToken(null);
        if (wanted == null) {
            return false;
        }
        String idPart = new IdType(wanted).getIdPart();
        return idPart != null && idPart.equals(resource.getIdElement().getIdPart());
    }

    private static boolean matches(Resource resource, Param param, IQueryParameterType value) {
        if (value.getMissing() != null) {
            throw new InvalidRequestException("The :missing modifier is not supported");
        }
        List<? extends Base> values = param.values().apply(resource);
        for (Base v : values) {
            if (v == null || v.isEmpty()) {
                continue;
            }
            boolean hit =
                    switch (param.kind()) {
                        case TOKEN -> matchesToken(v, asType(value, TokenParam.class, param));
                        case REFERENCE -> matchesReference(v, asType(value, ReferenceParam.class, param), param);
                        case DATE -> matchesDate(v, asType(value, DateParam.class, param));
                        case STRING -> matchesString(v, asType(value, StringParam.class, param));
                        case URI -> matchesUri(v, asType(value, UriParam.class, param));
                    };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    private static <P> P asType(IQueryParameterType value, Class<P> type, Param param) {
        if (!type.isInstance(value)) {
            throw new InvalidRequestException("Search parameter '" + param.name() + "' takes a "
                    + param.kind().name().toLowerCase(Locale.ROOT) + " value");
        }
        return type.cast(value);
    }

    private static boolean matchesToken(Base v, TokenParam t) {
        if (t.getModifier() != null) {
            throw new InvalidRequestException(
                    "Token modifier :" + t.getModifier().getValue().replace(":", "") + " is not supported");
        }
        String system = t.getSystem();
        String code = t.getValue();
        if (v instanceof CodeableConcept cc) {
            for (Coding c : cc.getCoding()) {
                if (tokenEquals(system, code, c.getSystem(), c.getCode())) {
                    return true;
                }
            }
            return false;
        }
        if (v instanceof Coding c) {
            return tokenEquals(system, code, c.getSystem(), c.getCode());
        }
        if (v instanceof Identifier id) {
            return tokenEquals(system, code, id.getSystem(), id.getValue());
        }
        if (v instanceof Enumeration<?> e) {
            return tokenEquals(system, code, e.getSystem(), e.getValueAsString());
        }
        if (v instanceof PrimitiveType<?> p) {
            return tokenEquals(system, code, null, p.getValueAsString());
        }
        return false;
    }

    /** FHIR token semantics: {@code system|code}, {@code code} (any system), {@code |code} (no system). */
    private static boolean tokenEquals(String wantedSystem, String wantedCode, String system, String code) {
        boolean codeOk = wantedCode == null || wantedCode.isEmpty() || wantedCode.equals(code);
        if (!codeOk) {
            return false;
        }
        if (wantedSystem == null) {
            return true;
        }
        if (wantedSystem.isEmpty()) {
            return system == null || system.isEmpty();
        }
        return wantedSystem.equals(system);
    }

    private static boolean matchesReference(Base v, ReferenceParam r, Param param) {
        if (r.hasChain()) {
            throw new InvalidRequestException("Chained search on '" + param.name() + "' is not supported");
        }
        if (!(v instanceof Reference ref)
                || !ref.hasReference()
                || ref.getReference().startsWith("#")) {
            return false;
        }
        IdType actual = new IdType(ref.getReference());
        String wantedValue = r.getValue();
        if (wantedValue == null || wantedValue.isEmpty()) {
            return false;
        }
        IdType wanted = new IdType(wantedValue);
        String wantedType = r.getResourceType() != null ? r.getResourceType() : wanted.getResourceType();
        if (!param.targets().isEmpty()) {
            if (actual.getResourceType() != null && !param.targets().contains(actual.getResourceType())) {
                return false;
            }
            if (wantedType != null && !param.targets().contains(wantedType)) {
                return false;
            }
        }
        if (wantedType != null && actual.getResourceType() != null && !wantedType.equals(actual.getResourceType())) {
            return false;
        }
        String wantedId = r.getIdPart() != null ? r.getIdPart() : wanted.getIdPart();
        return wantedId != null && wantedId.equals(actual.getIdPart());
    }

    private static boolean matchesString(Base v, StringParam s) {
        String wanted = s.getValue();
        if (wanted == null) {
            return false;
        }
        List<String> candidates = new ArrayList<>();
        if (v instanceof HumanName n) {
            if (n.hasFamily()) {
                candidates.add(n.getFamily());
            }
            n.getGiven().forEach(g -> candidates.add(g.getValue()));
            n.getPrefix().forEach(g -> candidates.add(g.getValue()));
            n.getSuffix().forEach(g -> candidates.add(g.getValue()));
            if (n.hasText()) {
                candidates.add(n.getText());
            }
        } else if (v instanceof PrimitiveType<?> p) {
            candidates.add(p.getValueAsString());
        }
        for (String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            if (s.isExact()) {
                if (candidate.equals(wanted)) {
                    return true;
                }
            } else if (s.isContains()) {
                if (normalize(candidate).contains(normalize(wanted))) {
                    return true;
                }
            } else if (normalize(candidate).startsWith(normalize(wanted))) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }

    private static boolean matchesUri(Base v, UriParam u) {
        return v instanceof PrimitiveType<?> p
                && u.getValue() != null
                && u.getValue().equals(p.getValueAsString());
    }

    /**
     * FHIR date semantics on ranges: each value covers its whole precision (2024 is the year), and the prefix
     * compares the target range with the parameter range.
     */
    private static boolean matchesDate(Base v, DateParam d) {
        long[] target = range(v);
        if (target == null || d.getValue() == null) {
            return false;
        }
        long low = d.getValue().getTime();
        long high = highOf(d.getValue(), d.getPrecision());
        ParamPrefixEnum prefix = d.getPrefix() == null ? ParamPrefixEnum.EQUAL : d.getPrefix();
        return switch (prefix) {
            case EQUAL -> target[0] >= low && target[1] <= high;
            case NOT_EQUAL -> !(target[0] >= low && target[1] <= high);
            case GREATERTHAN -> target[1] > high;
            case LESSTHAN -> target[0] < low;
            case GREATERTHAN_OR_EQUALS -> target[1] >= low;
            case LESSTHAN_OR_EQUALS -> target[0] <= high;
            case STARTS_AFTER -> target[0] > high;
            case ENDS_BEFORE -> target[1] < low;
            case APPROXIMATE -> target[1] >= low && target[0] <= high;
        };
    }

    /** The [first, last] millisecond a date, dateTime, instant or Period covers; null when not a date. */
    public static long[] range(Base v) {
        if (v instanceof BaseDateTimeType dt) {
            if (dt.getValue() == null) {
                return null;
            }
            return new long[] {dt.getValue().getTime(), highOf(dt.getValue(), dt.getPrecision())};
        }
        if (v instanceof Period p) {
            long[] start = p.hasStart() ? range(p.getStartElement()) : null;
            long[] end = p.hasEnd() ? range(p.getEndElement()) : null;
            if (start == null && end == null) {
                return null;
            }
            return new long[] {start == null ? Long.MIN_VALUE : start[0], end == null ? Long.MAX_VALUE : end[1]};
        }
        return null;
    }

    private static long highOf(Date value, TemporalPrecisionEnum precision) {
        TemporalPrecisionEnum p = precision == null ? TemporalPrecisionEnum.MILLI : precision;
        return p.add(value, 1).getTime() - 1;
    }

    // ---------------------------------------------------------------------------------------- the table

    /** The parameters this server supports per type; their kind, targets and paths are HAPI's R4 definitions. */
    private static final Map<String, List<String>> SUPPORTED = supported();

    private static Map<String, List<String>> supported() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("Patient", List.of("identifier", "name", "family", "given", "birthdate", "gender"));
        m.put("Practitioner", List.of("identifier", "name", "family", "given"));
        m.put("Medication", List.of("code", "identifier", "status"));
        m.put(
                "MedicationRequest",
                List.of(
                        "patient",
                        "subject",
                        "status",
                        "intent",
                        "code",
                        "medication",
                        "authoredon",
                        "identifier",
                        "requester"));
        // combo-code: the code or a component's code, so a panel is found by the result it carries
        m.put(
                "Observation",
                List.of("patient", "subject", "code", "combo-code", "category", "date", "status", "identifier"));
        m.put(
                "Condition",
                List.of(
                        "patient",
                        "subject",
                        "code",
                        "clinical-status",
                        "verification-status",
                        "category",
                        "identifier"));
        m.put("Procedure", List.of("patient", "subject", "code", "status", "date", "identifier"));
        m.put(
                "CommunicationRequest",
                List.of(
                        "patient",
                        "subject",
                        "status",
                        "category",
                        "priority",
                        "identifier",
                        "authored",
                        "group-identifier"));
        m.put("MedicationKnowledge", List.of("code", "doseform", "ingredient-code", "classification", "status"));
        m.put("ValueSet", List.of("url", "name"));
        m.put("CodeSystem", List.of("url", "name"));
        return m;
    }

    /** {@code (X as Type)}: the path X, keeping only values of that type. */
    private static final Pattern AS_TYPE = Pattern.compile("^\\((.+) as (\\w+)\\)$");
    /** {@code X.where(resolve() is Type)}: the path X; the type is the parameter's target. */
    private static final Pattern WHERE_RESOLVE = Pattern.compile("\\.where\\(resolve\\(\\) is \\w+\\)$");

    /** Built after the tables above it (static initialisers run in order). */
    private static final Map<String, Map<String, Param>> PARAMS = buildTable();

    private static Map<String, Map<String, Param>> buildTable() {
        FhirContext ctx = FhirContext.forR4Cached();
        Map<String, Map<String, Param>> t = new LinkedHashMap<>();
        SUPPORTED.forEach((type, names) -> {
            RuntimeResourceDefinition def = ctx.getResourceDefinition(type);
            Map<String, Param> params = new LinkedHashMap<>();
            for (String name : names) {
                RuntimeSearchParam sp = def.getSearchParam(name);
                if (sp == null) {
                    throw new IllegalStateException("HAPI defines no R4 search parameter " + type + ":" + name);
                }
                List<ValuePath> paths = sp.getPathsSplitForResourceType(type).stream()
                        .map(path -> ValuePath.of(ctx, def, path))
                        .toList();
                params.put(name, new Param(name, kind(sp), r -> values(ctx, r, paths), Set.copyOf(sp.getTargets())));
            }
            t.put(type, Collections.unmodifiableMap(params));
        });
        return Collections.unmodifiableMap(t);
    }

    private static Kind kind(RuntimeSearchParam sp) {
        return switch (sp.getParamType()) {
            case TOKEN -> Kind.TOKEN;
            case REFERENCE -> Kind.REFERENCE;
            case DATE -> Kind.DATE;
            case STRING -> Kind.STRING;
            case URI -> Kind.URI;
            default -> throw new IllegalStateException("Unsupported search parameter type " + sp.getParamType());
        };
    }

    private static List<Base> values(FhirContext ctx, Resource resource, List<ValuePath> paths) {
        FhirTerser terser = ctx.newTerser();
        List<Base> out = new ArrayList<>();
        for (ValuePath path : paths) {
            for (Base value : terser.getValues(resource, path.terserPath(), Base.class)) {
                if (path.onlyType() == null || path.onlyType().isInstance(value)) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    /**
     * One of a parameter's R4 paths in the simple dotted form HAPI's {@link FhirTerser} reads: a choice element
     * gets its {@code [x]}, {@code (X as Type)} becomes X keeping only that type, and {@code where(resolve() is
     * Type)} is left to the parameter's targets. These are the only FHIRPath forms the supported parameters use;
     * anything else fails at start-up.
     */
    private record ValuePath(String terserPath, Class<?> onlyType) {
        static ValuePath of(FhirContext ctx, RuntimeResourceDefinition def, String fhirPath) {
            String path = fhirPath.trim();
            Class<?> onlyType = null;
            Matcher as = AS_TYPE.matcher(path);
            if (as.matches()) {
                path = as.group(1).trim();
                onlyType = ctx.getElementDefinition(as.group(2)).getImplementingClass();
            }
            path = WHERE_RESOLVE.matcher(path).replaceFirst("");
            if (!path.matches("[A-Za-z]+(\\.[A-Za-z]+)+")) {
                throw new IllegalStateException("Unsupported search parameter path " + fhirPath);
            }
            String[] parts = path.split("\\.");
            StringBuilder terserPath = new StringBuilder(parts[0]);
            BaseRuntimeElementCompositeDefinition<?> current = def;
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i];
                BaseRuntimeChildDefinition child = current == null ? null : current.getChildByName(part);
                if (child == null && current != null && current.getChildByName(part + "[x]") != null) {
                    part = part + "[x]";
                    child = current.getChildByName(part);
                }
                terserPath.append('.').append(part);
                BaseRuntimeElementDefinition<?> next =
                        child == null || part.endsWith("[x]") ? null : child.getChildByName(part);
                current = next instanceof BaseRuntimeElementCompositeDefinition<?> c ? c : null;
            }
            return new ValuePath(terserPath.toString(), onlyType);
        }
    }
}
