package org.baclofencds.server.store;

import ca.uhn.fhir.context.FhirContext;
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
import ca.uhn.fhir.util.UrlUtil;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationKnowledge;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The search parameters this server evaluates in memory, per resource type, with the R4 names and paths, and
 * their matching rules (token, reference, date with prefixes, string, uri). One table serves the store, the
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

    /** One parameter: its name, kind, the values it indexes, and for a reference the allowed target type. */
    public record Param(String name, Kind kind, Function<Resource, List<? extends Base>> values, String target) {}

    /** Parameters that control the result rather than filter it; they are accepted and ignored in URLs. */
    private static final Set<String> RESULT_PARAMS = Set.of("_count", "_format", "_pretty", "_summary", "_total");

    private static final Map<String, Map<String, Param>> PARAMS = buildTable();

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
        if (param.target() != null) {
            if (actual.getResourceType() != null && !param.target().equals(actual.getResourceType())) {
                return false;
            }
            if (wantedType != null && !param.target().equals(wantedType)) {
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

    private static Map<String, Map<String, Param>> buildTable() {
        Map<String, Map<String, Param>> t = new LinkedHashMap<>();

        Table patient = new Table();
        patient.token("identifier", r -> ((Patient) r).getIdentifier());
        patient.string("name", r -> ((Patient) r).getName());
        patient.string("family", r -> ((Patient) r)
                .getName().stream().map(HumanName::getFamilyElement).toList());
        patient.string("given", r -> ((Patient) r)
                .getName().stream().flatMap(n -> n.getGiven().stream()).toList());
        patient.date("birthdate", r -> List.of(((Patient) r).getBirthDateElement()));
        patient.token("gender", r -> List.of(((Patient) r).getGenderElement()));
        t.put("Patient", patient.params);

        Table practitioner = new Table();
        practitioner.token("identifier", r -> ((Practitioner) r).getIdentifier());
        practitioner.string("name", r -> ((Practitioner) r).getName());
        practitioner.string("family", r -> ((Practitioner) r)
                .getName().stream().map(HumanName::getFamilyElement).toList());
        practitioner.string("given", r -> ((Practitioner) r)
                .getName().stream().flatMap(n -> n.getGiven().stream()).toList());
        t.put("Practitioner", practitioner.params);

        Table medication = new Table();
        medication.token("code", r -> List.of(((Medication) r).getCode()));
        medication.token("identifier", r -> ((Medication) r).getIdentifier());
        medication.token("status", r -> List.of(((Medication) r).getStatusElement()));
        t.put("Medication", medication.params);

        Table request = new Table();
        request.patientAndSubject(r -> ((MedicationRequest) r).getSubject());
        request.token("status", r -> List.of(((MedicationRequest) r).getStatusElement()));
        request.token("intent", r -> List.of(((MedicationRequest) r).getIntentElement()));
        request.token("code", r -> {
            MedicationRequest m = (MedicationRequest) r;
            return m.hasMedicationCodeableConcept() ? List.of(m.getMedicationCodeableConcept()) : List.of();
        });
        request.reference("medication", "Medication", r -> {
            MedicationRequest m = (MedicationRequest) r;
            return m.hasMedicationReference() ? List.of(m.getMedicationReference()) : List.of();
        });
        request.date("authoredon", r -> List.of(((MedicationRequest) r).getAuthoredOnElement()));
        request.token("identifier", r -> ((MedicationRequest) r).getIdentifier());
        request.reference("requester", null, r -> List.of(((MedicationRequest) r).getRequester()));
        t.put("MedicationRequest", request.params);

        Table observation = new Table();
        observation.patientAndSubject(r -> ((Observation) r).getSubject());
        observation.token("code", r -> List.of(((Observation) r).getCode()));
        // R4's combo-code: the code or a component's code, so a panel is found by the result it carries.
        observation.token("combo-code", r -> {
            Observation o = (Observation) r;
            List<CodeableConcept> codes = new ArrayList<>();
            codes.add(o.getCode());
            o.getComponent().forEach(c -> codes.add(c.getCode()));
            return codes;
        });
        observation.token("category", r -> ((Observation) r).getCategory());
        observation.date("date", r -> {
            Observation o = (Observation) r;
            return o.hasEffective() ? List.of(o.getEffective()) : List.of();
        });
        observation.token("status", r -> List.of(((Observation) r).getStatusElement()));
        observation.token("identifier", r -> ((Observation) r).getIdentifier());
        t.put("Observation", observation.params);

        Table condition = new Table();
        condition.patientAndSubject(r -> ((Condition) r).getSubject());
        condition.token("code", r -> List.of(((Condition) r).getCode()));
        condition.token("clinical-status", r -> List.of(((Condition) r).getClinicalStatus()));
        condition.token("verification-status", r -> List.of(((Condition) r).getVerificationStatus()));
        condition.token("category", r -> ((Condition) r).getCategory());
        condition.token("identifier", r -> ((Condition) r).getIdentifier());
        t.put("Condition", condition.params);

        Table procedure = new Table();
        procedure.patientAndSubject(r -> ((Procedure) r).getSubject());
        procedure.token("code", r -> List.of(((Procedure) r).getCode()));
        procedure.token("status", r -> List.of(((Procedure) r).getStatusElement()));
        procedure.date("date", r -> {
            Procedure p = (Procedure) r;
            return p.hasPerformed() ? List.of(p.getPerformed()) : List.of();
        });
        procedure.token("identifier", r -> ((Procedure) r).getIdentifier());
        t.put("Procedure", procedure.params);

        Table communication = new Table();
        communication.patientAndSubject(r -> ((CommunicationRequest) r).getSubject());
        communication.token("status", r -> List.of(((CommunicationRequest) r).getStatusElement()));
        communication.token("category", r -> ((CommunicationRequest) r).getCategory());
        communication.token("priority", r -> List.of(((CommunicationRequest) r).getPriorityElement()));
        communication.token("identifier", r -> ((CommunicationRequest) r).getIdentifier());
        communication.date("authored", r -> List.of(((CommunicationRequest) r).getAuthoredOnElement()));
        communication.token("group-identifier", r -> List.of(((CommunicationRequest) r).getGroupIdentifier()));
        t.put("CommunicationRequest", communication.params);

        Table knowledge = new Table();
        knowledge.token("code", r -> List.of(((MedicationKnowledge) r).getCode()));
        knowledge.token("doseform", r -> List.of(((MedicationKnowledge) r).getDoseForm()));
        knowledge.token("ingredient-code", r -> ((MedicationKnowledge) r)
                .getIngredient().stream()
                        .filter(i -> i.hasItemCodeableConcept())
                        .map(i -> i.getItemCodeableConcept())
                        .toList());
        knowledge.token("classification", r -> ((MedicationKnowledge) r)
                .getMedicineClassification().stream()
                        .flatMap(c -> c.getClassification().stream())
                        .toList());
        knowledge.token("status", r -> List.of(((MedicationKnowledge) r).getStatusElement()));
        t.put("MedicationKnowledge", knowledge.params);

        Table valueSet = new Table();
        valueSet.uri("url", r -> List.of(((ValueSet) r).getUrlElement()));
        valueSet.string("name", r -> List.of(((ValueSet) r).getNameElement()));
        t.put("ValueSet", valueSet.params);

        Table codeSystem = new Table();
        codeSystem.uri("url", r -> List.of(((CodeSystem) r).getUrlElement()));
        codeSystem.string("name", r -> List.of(((CodeSystem) r).getNameElement()));
        t.put("CodeSystem", codeSystem.params);

        Map<String, Map<String, Param>> frozen = new LinkedHashMap<>();
        t.forEach((k, v) -> frozen.put(k, java.util.Collections.unmodifiableMap(v)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    /** Collects one type's parameters. */
    private static final class Table {
        private final Map<String, Param> params = new LinkedHashMap<>();

        void token(String name, Function<Resource, List<? extends Base>> values) {
            params.put(name, new Param(name, Kind.TOKEN, values, null));
        }

        void string(String name, Function<Resource, List<? extends Base>> values) {
            params.put(name, new Param(name, Kind.STRING, values, null));
        }

        void date(String name, Function<Resource, List<? extends Base>> values) {
            params.put(name, new Param(name, Kind.DATE, values, null));
        }

        void uri(String name, Function<Resource, List<? extends Base>> values) {
            params.put(name, new Param(name, Kind.URI, values, null));
        }

        void reference(String name, String target, Function<Resource, List<? extends Base>> values) {
            params.put(name, new Param(name, Kind.REFERENCE, values, target));
        }

        /** {@code patient} is {@code subject} restricted to Patient targets, as in R4. */
        void patientAndSubject(Function<Resource, Reference> subject) {
            reference("patient", "Patient", r -> List.of(subject.apply(r)));
            reference("subject", null, r -> List.of(subject.apply(r)));
        }
    }
}
