package org.baclofencds.server.remote;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.util.UrlUtil;
import java.io.InterruptedIOException;
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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.ClinicalThresholds;
import org.baclofencds.rules.PatientRecord;
import org.baclofencds.server.auth.EhrCredentials;
import org.baclofencds.server.store.InMemoryPatientDataSource;
import org.baclofencds.server.store.PatientDataSource;
import org.baclofencds.server.store.SearchCriteria;
import org.baclofencds.server.store.WriteOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
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

    /** The requester and sender of every alert (API.md §3). */
    static final String DEVICE_ID = "baclofen-cds";

    static final String SOFTWARE_DEVICE = "Device/" + DEVICE_ID;
    /** The Device's identifier, by which a conditional create finds it on an EHR that gave it another id. */
    public static final String DEVICE_ID_SYSTEM = KnowledgeUrls.BASE + "/device-id";

    private final FhirContext ctx;
    private final EhrConfig config;
    private final IGenericClient client;
    private final List<String> observationCodes;
    private final Device softwareDevice;
    private volatile Boolean softwareDeviceExists;
    /** The parallel reads of a check; daemon threads, so they never keep the process alive. */
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ehr-read");
        t.setDaemon(true);
        return t;
    });

    public RemotePatientDataSource(FhirContext ctx, Knowledge knowledge, EhrConfig config) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.config = Objects.requireNonNull(config, "config");
        // Our own factory, so the shared FhirContext's settings stay untouched: no /metadata fetch first.
        ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(ctx);
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        this.client = factory.newGenericClient(config.baseUrl());
        // Timeouts, no redirects, no server-side search cache: on each request.
        client.registerInterceptor(new EhrRequestPolicy(config.timeout()));
        // The caller's own token on a pass-through request, ours only for our own checks (API.md §8).
        client.registerInterceptor(new EhrBearerToken(config.bearerToken()));
        this.observationCodes = observationCodes(knowledge);
        this.softwareDevice = softwareDevice(knowledge);
    }

    /** Our published Device, with the identifier a conditional create needs. */
    private static Device softwareDevice(Knowledge knowledge) {
        Device device = knowledge.resources().stream()
                .filter(r -> r instanceof Device d
                        && DEVICE_ID.equals(d.getIdElement().getIdPart()))
                .map(r -> ((Device) r).copy())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The knowledge has no " + SOFTWARE_DEVICE));
        if (device.getIdentifier().stream()
                .noneMatch(i -> DEVICE_ID_SYSTEM.equals(i.getSystem()) && DEVICE_ID.equals(i.getValue()))) {
            device.addIdentifier().setSystem(DEVICE_ID_SYSTEM).setValue(DEVICE_ID);
        }
        return device;
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

    /**
     * The patient, all their MedicationRequests (with referenced Medications by {@code _include}, read one by
     * one when the EHR ignores the include), the Observations the checks use within their look-back from {@code
     * evaluationTime}, all Conditions and, when the EHR offers them, Procedures. Any EHR failure fails the whole record.
     *
     * <p>The patient read and the three searches go out at once, in parallel (each following its own paging), so
     * a check waits for the slowest of them instead of their sum. An unknown patient is still a 404: the patient
     * read's failure is reported before any search's.
     */
    @Override
    public PatientRecord patientRecord(String patientId, Instant evaluationTime) {
        String ref = "Patient/" + new IdType(patientId).getIdPart();
        String byPatient = "patient=" + encode(ref);

        String mrUrl = "MedicationRequest?" + byPatient + "&_include=MedicationRequest:medication&_count=" + PAGE_SIZE;
        // combo-code (R4): the Observation's code or a component's, so a panel carrying a creatinine or an eGFR
        // among its components is read too.
        String obsUrl = "Observation?" + byPatient + "&combo-code=" + encode(String.join(",", observationCodes));
        String obsWhat = "GET Observation?patient=" + ref + "&combo-code=(" + observationCodes.size() + " codes)";
        if (evaluationTime != null) {
            String since = LocalDate.ofInstant(evaluationTime, ZoneOffset.UTC)
                    .minusDays(OBSERVATION_LOOKBACK_DAYS)
                    .toString();
            obsUrl += "&date=ge" + since;
            obsWhat += "&date=ge" + since;
        }
        obsUrl += "&_count=" + PAGE_SIZE;
        String condUrl = "Condition?" + byPatient + "&_count=" + PAGE_SIZE;
        String procUrl = "Procedure?" + byPatient + "&_count=" + PAGE_SIZE;

        String finalObsUrl = obsUrl;
        String finalObsWhat = obsWhat;
        Future<Patient> patientRead = submit(() -> read(Patient.class, patientId));
        Future<List<BundleEntryComponent>> mrSearch = submit(() -> searchAll(mrUrl, "GET " + decode(mrUrl), false));
        Future<List<BundleEntryComponent>> obsSearch = submit(() -> searchAll(finalObsUrl, finalObsWhat, false));
        Future<List<BundleEntryComponent>> condSearch =
                submit(() -> searchAll(condUrl, "GET " + decode(condUrl), false));
        Future<List<BundleEntryComponent>> procSearch =
                submit(() -> searchAll(procUrl, "GET " + decode(procUrl), false));
        Patient patient;
        List<BundleEntryComponent> mrEntries;
        List<BundleEntryComponent> obsEntries;
        List<BundleEntryComponent> condEntries;
        try {
            patient = await(patientRead);
            mrEntries = await(mrSearch);
            obsEntries = await(obsSearch);
            condEntries = await(condSearch);
        } finally {
            for (Future<?> f : List.of(patientRead, mrSearch, obsSearch, condSearch)) {
                f.cancel(true);
            }
        }

        List<MedicationRequest> requests = new ArrayList<>();
        Map<String, Medication> medications = new LinkedHashMap<>();
        for (BundleEntryComponent e : mrEntries) {
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
        List<Observation> observations = new ArrayList<>();
        for (BundleEntryComponent e : obsEntries) {
            if (e.getResource() instanceof Observation o && !isInclude(e)) {
                observations.add(o);
            }
        }
        List<Condition> conditions = new ArrayList<>();
        for (BundleEntryComponent e : condEntries) {
            if (e.getResource() instanceof Condition c && !isInclude(e)) {
                conditions.add(c);
            }
        }
        // Procedures (dialysis) are read when the EHR offers them; an EHR without Procedure search still gets
        // every other check.
        List<Procedure> procedures = new ArrayList<>();
        try {
            for (BundleEntryComponent e : await(procSearch)) {
                if (e.getResource() instanceof Procedure p && !isInclude(e)) {
                    procedures.add(p);
                }
            }
        } catch (RuntimeException e) {
            procedures.clear();
        } finally {
            procSearch.cancel(true);
        }
        return PatientRecord.of(
                patient,
                requests,
                new ArrayList<>(medications.values()),
                observations,
                conditions,
                procedures,
                List.of(),
                evaluationTime);
    }

    /**
     * Runs an EHR request on the pool with the token choice of the calling thread ({@link EhrCredentials} is
     * per thread): a pass-through request keeps the caller's token, our own checks keep ours.
     */
    private <T> Future<T> submit(Callable<T> request) {
        String ownToken = config.bearerToken();
        String token = EhrCredentials.forEhr(ownToken);
        boolean asCaller = !Objects.equals(token, ownToken);
        return readers.submit(() -> {
            if (asCaller) {
                EhrCredentials.beginCallerRequest(token);
            }
            try {
                return request.call();
            } finally {
                if (asCaller) {
                    EhrCredentials.end();
                }
            }
        });
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EhrRequestException.badGateway("Interrupted while waiting for the EHR", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw EhrRequestException.badGateway("The EHR could not be read", e.getCause());
        }
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

    /**
     * Sends the Bundle as it is, except that a transaction whose resources refer to {@code Device/baclofen-cds}
     * (our alerts' requester and sender) on an EHR that has no such Device also creates it: one more entry, a
     * conditional create on the Device's identifier, and those references pointed at it. The EHR then stores
     * the alerts and the Device together or neither, on any server that enforces referential integrity, and
     * never two Devices (the conditional create finds the one an earlier check made). The response has the
     * entries of the Bundle given, in its order.
     */
    @Override
    public Bundle transaction(Bundle bundle) {
        boolean isBatch = bundle.getType() == Bundle.BundleType.BATCH;
        String what = "POST " + (isBatch ? "batch" : "transaction") + " of "
                + bundle.getEntry().size() + " entries";
        if (isBatch || !refersTo(bundle, SOFTWARE_DEVICE) || softwareDeviceExists()) {
            return call(
                    what, true, () -> client.transaction().withBundle(bundle).execute());
        }
        Bundle withDevice = bundle.copy();
        String placeholder = "urn:uuid:" + UUID.randomUUID();
        for (BundleEntryComponent e : withDevice.getEntry()) {
            if (e.getResource() != null) {
                for (Reference r :
                        ctx.newTerser().getAllPopulatedChildElementsOfType(e.getResource(), Reference.class)) {
                    if (SOFTWARE_DEVICE.equals(r.getReference())) {
                        r.setReference(placeholder);
                    }
                }
            }
        }
        Device device = softwareDevice.copy();
        device.setId((String) null);
        withDevice
                .addEntry()
                .setFullUrl(placeholder)
                .setResource(device)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Device")
                .setIfNoneExist("identifier=" + encode(DEVICE_ID_SYSTEM + "|" + DEVICE_ID));
        Bundle response = call(what + " (and Device if none)", true, () -> client.transaction()
                .withBundle(withDevice)
                .execute());
        if (response.getEntry().size() == withDevice.getEntry().size()) {
            response.getEntry().remove(response.getEntry().size() - 1);
        }
        return response;
    }

    /**
     * Our alerts' transaction: as {@link #transaction}, but an EHR refusal (any 4xx but 409 and 412, which the
     * caller retries on fresh data) is a 502 naming the request, not the EHR's 4xx and never its text.
     */
    @Override
    public Bundle transactionOfOurs(Bundle bundle) {
        try {
            return transaction(bundle);
        } catch (EhrRequestException | ResourceVersionConflictException | PreconditionFailedException e) {
            throw e;
        } catch (BaseServerResponseException e) {
            int status = e.getStatusCode();
            throw EhrRequestException.badGateway(
                    "The EHR refused to store the alerts (POST transaction of "
                            + bundle.getEntry().size() + " entries): HTTP " + status,
                    null);
        }
    }

    private boolean refersTo(Bundle bundle, String reference) {
        for (BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() != null) {
                for (Reference r :
                        ctx.newTerser().getAllPopulatedChildElementsOfType(e.getResource(), Reference.class)) {
                    if (reference.equals(r.getReference())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether the EHR has {@code Device/baclofen-cds} under that id (our own server does; a HAPI JPA server
     * gives a created Device its own id, so there it stays false). Asked once per process; then remembered.
     */
    private boolean softwareDeviceExists() {
        Boolean known = softwareDeviceExists;
        if (known == null) {
            try {
                call("GET " + SOFTWARE_DEVICE, false, () -> client.read()
                        .resource(Device.class)
                        .withId(DEVICE_ID)
                        .execute());
                known = true;
            } catch (ResourceNotFoundException | ResourceGoneException e) {
                known = false;
            }
            softwareDeviceExists = known;
        }
        return known;
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
                BaseServerResponseException clean =
                        BaseServerResponseException.newInstance(status, "The EHR answered " + status + " to " + what);
                clean.initCause(e);
                throw clean;
            }
            if (clientDriven && (status == 401 || status == 403) && EhrCredentials.passingThrough()) {
                // The caller's own token was refused by the EHR: the caller's problem, not a gateway failure.
                BaseServerResponseException refused = BaseServerResponseException.newInstance(
                        status, "The EHR answered " + status + " to " + what + " with the caller's credentials");
                if (status == 401) {
                    refused.addResponseHeader("WWW-Authenticate", "Bearer realm=\"baclofen-cds\"");
                }
                refused.initCause(e);
                throw refused;
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
        return UrlUtil.escapeUrlParam(s);
    }

    private static String decode(String s) {
        return UrlUtil.unescape(s);
    }
}
