package org.baclofencds.server.remote;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.apache.ApacheHttpRequest;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.InterruptedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.http.client.config.RequestConfig;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.server.auth.EhrCredentials;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.store.PatientRecord;
import org.baclofencds.server.store.SearchCriteria;
import org.baclofencds.server.store.WriteOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Patient data from a remote EHR's FHIR R4 API through hapi-fhir-client: every {@link PatientDataSource}
 * interaction is one (or, for searches, one per page) EHR request.
 *
 * <p>Failures become what a client of this server can act on: the EHR unreachable or answering 5xx (or 401/403:
 * our credentials) is a 502, no answer within the timeout a 504, both {@link EhrRequestException}s naming the
 * EHR request; a 404/410 stays a 404/410; 400, 409, 412 and 422 of a client-driven request keep their status.
 */
public final class RemotePatientDataSource implements PatientDataSource {

    /** The Observation value sets the checks read: the only Observations a check fetches. */
    static final List<String> OBSERVATION_VALUE_SETS = List.of(
            KnowledgeUrls.VS_CREATININE_CLEARANCE,
            KnowledgeUrls.VS_SERUM_CREATININE_MASS,
            KnowledgeUrls.VS_SERUM_CREATININE_MOLAR,
            KnowledgeUrls.VS_EGFR,
            KnowledgeUrls.VS_BODY_WEIGHT,
            KnowledgeUrls.VS_PREGNANCY_STATUS,
            KnowledgeUrls.VS_BREASTFEEDING_STATUS,
            KnowledgeUrls.VS_ALCOHOL_USE);

    // The longest look-back of any Observation check (labs, alcohol and breastfeeding 365 d; pregnancy 300 d),
    // plus two days so that timezones and date-only results at the edge are never cut off. // POL
    private static final int OBSERVATION_LOOKBACK_DAYS =
            Math.max(ClinicalThresholds.LAB_LOOKBACK_DAYS, ClinicalThresholds.PREGNANCY_LOOKBACK_DAYS) + 2;

    private static final int PAGE_SIZE = 100;

    private final FhirContext ctx;
    private final EhrConfig config;
    private final IGenericClient client;
    private final List<String> observationCodes;

    public RemotePatientDataSource(FhirContext ctx, Knowledge knowledge, EhrConfig config) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.config = Objects.requireNonNull(config, "config");
        // Our own factory, so the shared FhirContext's settings stay untouched: no /metadata fetch first.
        ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(ctx);
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        this.client = factory.newGenericClient(config.baseUrl());
        // hapi-fhir-client sends every request through the FhirContext's own factory, whose timeouts are shared
        // by every client of the context; so the timeouts go on each request instead.
        client.registerInterceptor(new RequestTimeouts(config.timeout()));
        // The caller's own token on a pass-through request, ours only for our own checks (API.md §8).
        client.registerInterceptor(new EhrBearerToken(config.bearerToken()));
        this.observationCodes = observationCodes(knowledge);
    }

    private static List<String> observationCodes(Knowledge knowledge) {
        Set<String> codes = new LinkedHashSet<>();
        for (String url : OBSERVATION_VALUE_SETS) {
            ValueSet vs = knowledge
                    .valueSet(url)
                    .orElseThrow(() -> new IllegalStateException("The knowledge has no value set " + url));
            for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
                for (ValueSet.ConceptReferenceComponent c : include.getConcept()) {
                    codes.add(include.getSystem() + "|" + c.getCode());
                }
            }
        }
        return List.copyOf(codes);
    }

    /** {@code Authorization: Bearer} with the token {@link EhrCredentials} chooses for this request, if any. */
    private record EhrBearerToken(String ownToken) implements IClientInterceptor {
        @Override
        public void interceptRequest(IHttpRequest request) {
            String token = EhrCredentials.forEhr(ownToken);
            if (token != null) {
                request.addHeader("Authorization", "Bearer " + token);
            }
        }

        @Override
        public void interceptResponse(IHttpResponse response) {
            // nothing to do
        }
    }

    /** Puts the EHR timeouts on each request (HAPI's Apache transport). */
    private record RequestTimeouts(RequestConfig requestConfig) implements IClientInterceptor {
        RequestTimeouts(Duration timeout) {
            this(timeoutConfig((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        }

        private static RequestConfig timeoutConfig(int ms) {
            return RequestConfig.custom()
                    .setConnectTimeout(ms)
                    .setSocketTimeout(ms)
                    .setConnectionRequestTimeout(ms)
                    .build();
        }

        @Override
        public void interceptRequest(IHttpRequest request) {
            if (request instanceof ApacheHttpRequest apache) {
                apache.getApacheRequest().setConfig(requestConfig);
            }
        }

        @Override
        public void interceptResponse(IHttpResponse response) {
            // nothing to do
        }
    }

    public EhrConfig config() {
        return config;
    }

    @Override
    public Set<String> resourceTypes() {
        return InMemoryPatientDataSource.RESOURCE_TYPES;
    }

    // ---------------------------------------------------------------------------------------- reads

    @Override
    public <T extends Resource> T read(Class<T> type, String id) {
        String what = "GET " + typeName(type) + "/" + id;
        return call(what, true, () -> client.read().resource(type).withId(id).execute());
    }

    @Override
    public <T extends Resource> T vread(Class<T> type, String id, String versionId) {
        String what = "GET " + typeName(type) + "/" + id + "/_history/" + versionId;
        return call(what, true, () -> client.read()
                .resource(type)
                .withIdAndVersion(id, versionId)
                .execute());
    }

    @Override
    public <T extends Resource> List<T> search(Class<T> type, SearchCriteria criteria) {
        String query = query(criteria);
        String url = typeName(type) + (query.isEmpty() ? "" : "?" + query);
        List<T> out = new ArrayList<>();
        for (BundleEntryComponent e : searchAll(url, "GET " + decode(url), true)) {
            if (type.isInstance(e.getResource()) && !isInclude(e)) {
                out.add(type.cast(e.getResource()));
            }
        }
        return out;
    }

    @Override
    public PatientRecord patientRecord(String patientId) {
        return patientRecord(patientId, null);
    }

    /**
     * The patient, all their MedicationRequests (with referenced Medications by {@code _include}, read one by
     * one when the EHR ignores the include), the Observations the checks use within their look-back from {@code
     * evaluationTime}, all Conditions and all Procedures. Any EHR failure fails the whole record.
     */
    @Override
    public PatientRecord patientRecord(String patientId, Instant evaluationTime) {
        Patient patient = read(Patient.class, patientId);
        String ref = "Patient/" + patient.getIdElement().getIdPart();
        String byPatient = "patient=" + encode(ref);

        List<MedicationRequest> requests = new ArrayList<>();
        Map<String, Medication> medications = new LinkedHashMap<>();
        String mrUrl = "MedicationRequest?" + byPatient + "&_include=MedicationRequest:medication&_count=" + PAGE_SIZE;
        for (BundleEntryComponent e : searchAll(mrUrl, "GET " + decode(mrUrl), false)) {
            if (e.getResource() instanceof MedicationRequest mr && !isInclude(e)) {
                requests.add(mr);
            } else if (e.getResource() instanceof Medication m) {
                medications.put(m.getIdElement().getIdPart(), m);
            }
        }
        for (MedicationRequest mr : requests) {
            String id = referencedMedication(mr);
            if (id != null && !medications.containsKey(id)) {
                try {
                    medications.put(id, call("GET Medication/" + id, false, () -> client.read()
                            .resource(Medication.class)
                            .withId(id)
                            .execute()));
                } catch (ResourceNotFoundException | ResourceGoneException e) {
                    // A dangling reference is the EHR's problem; the checks then fall back to text.
                }
            }
        }

        String obsUrl = "Observation?" + byPatient + "&code=" + encode(String.join(",", observationCodes));
        String obsWhat = "GET Observation?patient=" + ref + "&code=(" + observationCodes.size() + " codes)";
        if (evaluationTime != null) {
            String since = LocalDate.ofInstant(evaluationTime, ZoneOffset.UTC)
                    .minusDays(OBSERVATION_LOOKBACK_DAYS)
                    .toString();
            obsUrl += "&date=ge" + since;
            obsWhat += "&date=ge" + since;
        }
        obsUrl += "&_count=" + PAGE_SIZE;
        List<Observation> observations = new ArrayList<>();
        for (BundleEntryComponent e : searchAll(obsUrl, obsWhat, false)) {
            if (e.getResource() instanceof Observation o && !isInclude(e)) {
                observations.add(o);
            }
        }

        String condUrl = "Condition?" + byPatient + "&_count=" + PAGE_SIZE;
        List<Condition> conditions = new ArrayList<>();
        for (BundleEntryComponent e : searchAll(condUrl, "GET " + decode(condUrl), false)) {
            if (e.getResource() instanceof Condition c && !isInclude(e)) {
                conditions.add(c);
            }
        }
        String procUrl = "Procedure?" + byPatient + "&_count=" + PAGE_SIZE;
        List<Procedure> procedures = new ArrayList<>();
        for (BundleEntryComponent e : searchAll(procUrl, "GET " + decode(procUrl), false)) {
            if (e.getResource() instanceof Procedure p && !isInclude(e)) {
                procedures.add(p);
            }
        }
        return new PatientRecord(
                patient, requests, new ArrayList<>(medications.values()), observations, conditions, procedures);
    }

    private static String referencedMedication(MedicationRequest mr) {
        if (!mr.hasMedicationReference()) {
            return null;
        }
        String reference = mr.getMedicationReference().getReference();
        if (reference == null || reference.startsWith("#")) {
            return null;
        }
        IdType id = new IdType(reference);
        if (id.getIdPart() == null || (id.getResourceType() != null && !"Medication".equals(id.getResourceType()))) {
            return null;
        }
        return id.getIdPart();
    }

    /** Every entry of every page, following {@code next} links. */
    private List<BundleEntryComponent> searchAll(String url, String what, boolean clientDriven) {
        List<BundleEntryComponent> out = new ArrayList<>();
        Bundle page = call(
                what,
                clientDriven,
                () -> client.search().byUrl(url).returnBundle(Bundle.class).execute());
        int pages = 1;
        while (true) {
            out.addAll(page.getEntry());
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return out;
            }
            Bundle current = page;
            page = call(what + " (page " + ++pages + ")", clientDriven, () -> client.loadPage()
                    .next(current)
                    .execute());
        }
    }

    private static boolean isInclude(BundleEntryComponent e) {
        return e.hasSearch() && e.getSearch().getMode() == SearchEntryMode.INCLUDE;
    }

    // ---------------------------------------------------------------------------------------- writes

    @Override
    public WriteOutcome create(Resource resource, String ifNoneExist) {
        String type = resource.fhirType();
        String what = "POST " + type + (ifNoneExist == null ? "" : " (If-None-Exist: " + ifNoneExist + ")");
        Resource body = resource.copy();
        body.setId((String) null);
        MethodOutcome out = call(what, true, () -> {
            var create = client.create().resource(body).prefer(PreferReturnEnum.REPRESENTATION);
            return ifNoneExist == null
                    ? create.execute()
                    : create.conditionalByUrl(type + "?" + ifNoneExist).execute();
        });
        return outcome(type, out, Boolean.TRUE.equals(out.getCreated()) || ifNoneExist == null);
    }

    @Override
    public WriteOutcome update(Resource resource, String ifMatchVersion) {
        String type = resource.fhirType();
        String id = resource.getIdElement().getIdPart();
        String what = "PUT " + type + "/" + id;
        Resource body = resource.copy();
        body.setId(new IdType(type, id));
        MethodOutcome out = call(what, true, () -> {
            var update = client.update().resource(body).prefer(PreferReturnEnum.REPRESENTATION);
            if (ifMatchVersion != null) {
                update.withAdditionalHeader("If-Match", "W/\"" + ifMatchVersion + "\"");
            }
            return update.execute();
        });
        return outcome(type, out, Boolean.TRUE.equals(out.getCreated()));
    }

    @Override
    public WriteOutcome delete(String resourceType, String id, String ifMatchVersion) {
        String what = "DELETE " + resourceType + "/" + id;
        MethodOutcome out = call(what, true, () -> {
            var delete = client.delete().resourceById(resourceType, id);
            if (ifMatchVersion != null) {
                delete.withAdditionalHeader("If-Match", "W/\"" + ifMatchVersion + "\"");
            }
            return delete.execute();
        });
        String version = out.getId() == null ? null : out.getId().getVersionIdPart();
        return new WriteOutcome(resourceType, id, version, Instant.now(), false, null);
    }

    @Override
    public Bundle transaction(Bundle bundle) {
        String what = "POST " + (bundle.getType() == Bundle.BundleType.BATCH ? "batch" : "transaction") + " of "
                + bundle.getEntry().size() + " entries";
        return call(what, true, () -> client.transaction().withBundle(bundle).execute());
    }

    private WriteOutcome outcome(String type, MethodOutcome out, boolean created) {
        Resource stored = out.getResource() instanceof Resource r ? r : null;
        IdType id = out.getId() != null
                ? new IdType(out.getId().getValue())
                : stored == null ? null : stored.getIdElement();
        if (id == null || !id.hasIdPart()) {
            throw EhrRequestException.badGateway("The EHR did not say where it stored the " + type, null);
        }
        if (stored == null) {
            String idPart = id.getIdPart();
            Class<? extends Resource> cls =
                    ctx.getResourceDefinition(type).getImplementingClass().asSubclass(Resource.class);
            stored = read(cls, idPart);
        }
        String version =
                id.hasVersionIdPart() ? id.getVersionIdPart() : stored.getMeta().getVersionId();
        Date lastUpdated = stored.getMeta().getLastUpdated();
        return new WriteOutcome(
                type,
                id.getIdPart(),
                version,
                lastUpdated == null ? Instant.now() : lastUpdated.toInstant(),
                created,
                stored);
    }

    // ---------------------------------------------------------------------------------------- plumbing

    /**
     * One EHR request, its failures mapped (see the class comment).
     *
     * @param what the request as the client may see it: method and relative URL
     * @param clientDriven true when the request mirrors the client's own (read, search, write): then the EHR's
     *     4xx is the client's to see; false for requests we compose (a check's record), where it is a 502
     */
    private <T> T call(String what, boolean clientDriven, Supplier<T> request) {
        try {
            return request.get();
        } catch (FhirClientConnectionException e) {
            if (causedBy(e, InterruptedIOException.class)) { // SocketTimeoutException, ConnectTimeoutException
                throw EhrRequestException.timeout(
                        "The EHR did not answer " + what + " within "
                                + config.timeout().toSeconds() + " s",
                        e);
            }
            throw EhrRequestException.badGateway("The EHR could not be reached for " + what, e);
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            BaseServerResponseException clean = BaseServerResponseException.newInstance(
                    e.getStatusCode(), "The EHR answered " + e.getStatusCode() + " to " + what);
            clean.initCause(e);
            throw clean;
        } catch (BaseServerResponseException e) {
            int status = e.getStatusCode();
            if (clientDriven && (status == 400 || status == 409 || status == 412 || status == 422)) {
                BaseServerResponseException clean = BaseServerResponseException.newInstance(
                        status, "The EHR answered " + status + " to " + what + diagnostics(e));
                clean.initCause(e);
                throw clean;
            }
            if (status >= 200 && status < 300) { // e.g. an HTML login page where FHIR was expected
                throw EhrRequestException.badGateway("The EHR's answer to " + what + " is not FHIR", e);
            }
            String hint = status == 401 || status == 403 ? " (check the EHR token)" : "";
            throw EhrRequestException.badGateway(
                    "The EHR answered " + (status > 0 ? status : "an error") + " to " + what + hint, e);
        } catch (DataFormatException e) {
            throw EhrRequestException.badGateway("The EHR's answer to " + what + " is not valid FHIR", e);
        }
    }

    private static String diagnostics(BaseServerResponseException e) {
        if (e.getOperationOutcome() instanceof OperationOutcome oo && oo.hasIssue()) {
            String d = oo.getIssueFirstRep().getDiagnostics();
            if (d != null && !d.isBlank()) {
                return ": " + d;
            }
        }
        return "";
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private String typeName(Class<? extends Resource> type) {
        return ctx.getResourceType(type);
    }

    /** The criteria as a query string: one {@code name=a,b} pair per AND group. */
    private String query(SearchCriteria criteria) {
        List<String> parts = new ArrayList<>();
        criteria.params().forEach((name, ands) -> {
            for (List<IQueryParameterType> ors : ands) {
                String qualifier = ors.get(0).getQueryParameterQualifier();
                List<String> values = new ArrayList<>();
                for (IQueryParameterType v : ors) {
                    values.add(v.getValueAsQueryToken(ctx));
                }
                parts.add(encode(name + (qualifier == null ? "" : qualifier)) + "=" + encode(String.join(",", values)));
            }
        });
        return String.join("&", parts);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
