package org.baclofencds.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.Alert;
import org.baclofencds.rules.Analysis;
import org.baclofencds.rules.BaclofenEngine;
import org.baclofencds.rules.CommunicationRequests;
import org.baclofencds.rules.InvalidRecordException;
import org.baclofencds.rules.MedicationOrder;
import org.baclofencds.rules.PatientRecord;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * CDS Hooks 2.0 without HTTP: discovery, service calls and feedback as JSON text in, JSON text out. The servlet in
 * the server module only moves bytes and maps this class's exceptions to status codes.
 */
public final class CdsHooksService {
    /**
     * Cards issued recently, so feedback can name the patient and user of an override and store the alert of a card
     * that no check had persisted.
     */
    private static final int ISSUED_CARDS_KEPT = 5_000;

    private final FhirContext ctx;
    private final BaclofenEngine engine;
    private final PrefetchFetcher fetcher;
    private final Suppressions suppressions;
    private final Duration suppressFor;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, CdsService> services = new LinkedHashMap<>();
    private final CdsRequestParser parser;
    private final Cards cards;
    private final Suggestions suggestions;
    private final Map<String, IssuedCard> issued = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, IssuedCard> eldest) {
            return size() > ISSUED_CARDS_KEPT;
        }
    });
    private final List<FeedbackEntry> feedbackLog = Collections.synchronizedList(new ArrayList<>());

    private record IssuedCard(String alertCode, String patientId, String userId, Alert alert, String hookInstance) {}

    /**
     * One piece of feedback as received.
     *
     * @param serviceId the service it was sent to
     * @param card the card's uuid
     * @param outcome {@code accepted} or {@code overridden}
     * @param acceptedSuggestions the uuids of the suggestions taken
     * @param reasonCode the override reason code, or null
     * @param comment the user's comment, or null
     * @param outcomeTimestamp when the user acted
     */
    public record FeedbackEntry(
            String serviceId,
            String card,
            String outcome,
            List<String> acceptedSuggestions,
            String reasonCode,
            String comment,
            Instant outcomeTimestamp) {}

    public CdsHooksService(
            FhirContext ctx,
            Knowledge knowledge,
            BaclofenEngine engine,
            PrefetchFetcher fetcher,
            AlertStore alerts,
            Duration suppressFor,
            Clock clock) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.suppressions = new Suppressions(Objects.requireNonNull(alerts, "alerts"));
        this.suppressFor = Objects.requireNonNull(suppressFor, "suppressFor");
        if (suppressFor.isNegative()) {
            throw new IllegalArgumentException("The override suppression period must not be negative");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        for (CdsService s : CdsServices.all(knowledge)) {
            services.put(s.id(), s);
        }
        this.parser = new CdsRequestParser(ctx, json);
        this.cards = new Cards(knowledge);
        this.suggestions = new Suggestions(ctx, json, knowledge);
    }

    public List<CdsService> services() {
        return List.copyOf(services.values());
    }

    public Suppressions suppressions() {
        return suppressions;
    }

    /** Feedback received so far (in memory), oldest first. */
    public List<FeedbackEntry> feedback() {
        synchronized (feedbackLog) {
            return List.copyOf(feedbackLog);
        }
    }

    public CdsService service(String id) {
        CdsService s = services.get(id);
        if (s == null) {
            throw new UnknownServiceException(id);
        }
        return s;
    }

    /** {@code GET /cds-services}. */
    public String discoveryJson() {
        List<Wire.Service> list = new ArrayList<>();
        for (CdsService s : services.values()) {
            list.add(new Wire.Service(
                    s.hook().code(), s.title(), s.description(), s.id(), s.prefetch(), usageRequirements()));
        }
        return write(new Wire.Discovery(list));
    }

    private static String usageRequirements() {
        return "Send draft orders as R4 MedicationRequests. Prefetch or a fhirServer with read access to the"
                + " patient's MedicationRequests, Medications, Observations and Conditions is required; Procedures"
                + " (dialysis) are read when given.";
    }

    /**
     * {@code POST /cds-services/{id}}.
     *
     * @throws UnknownServiceException for an unknown id
     * @throws CdsRequestException for a malformed request
     * @throws PrefetchUnavailableException when the record cannot be had
     */
    public String callJson(String serviceId, String body) {
        return write(call(serviceId, body));
    }

    public Wire.Response call(String serviceId, String body) {
        CdsService service = service(serviceId);
        CdsRequest request = parser.parse(body, service);
        Instant now = clock.instant();
        Instant at = request.evaluationTime() != null ? request.evaluationTime() : now;
        Bundle data = gather(service, request);
        List<MedicationRequest> drafts = request.hook() == Hook.PATIENT_VIEW ? List.of() : request.draftOrders();
        PatientRecord record;
        try {
            record = PatientRecord.fromBundle(data, drafts, at);
        } catch (InvalidRecordException e) {
            throw new CdsRequestException("The patient's record cannot be checked: " + e.getMessage());
        }
        Analysis analysis = engine.analyse(record);
        Map<String, MedicationRequest> draftsById = new LinkedHashMap<>();
        for (MedicationRequest mr : drafts) {
            if (mr.getIdElement().hasIdPart()) {
                draftsById.put("MedicationRequest/" + mr.getIdElement().getIdPart(), mr);
            }
        }
        Set<String> selected = new HashSet<>(request.selections());
        // Overrides recorded on the stored alerts (by the chart, or feedback to this or another instance).
        Map<String, AlertOverride> overridden = suppressions.inForceOrNone(request.patientId(), now);
        List<Wire.Card> out = new ArrayList<>();
        for (Alert alert : analysis.alerts()) {
            if (request.hook() == Hook.ORDER_SELECT && !about(alert, selected)) {
                continue; // order-select: only what concerns the orders just selected
            }
            if (Suppressions.hiding(alert, overridden).isPresent()) {
                continue;
            }
            Optional<Wire.Suggestion> suggestion = request.hook() == Hook.PATIENT_VIEW || draftsById.isEmpty()
                    ? Optional.empty()
                    : suggestions.suggest(alert, analysis.evaluation(), draftsById);
            Wire.Card card = cards.card(alert, suggestion);
            issued.put(
                    card.uuid(),
                    new IssuedCard(alert.code(), request.patientId(), request.userId(), alert, request.hookInstance()));
            out.add(card);
        }
        return new Wire.Response(out);
    }

    private static boolean about(Alert alert, Set<String> selected) {
        for (MedicationOrder o : alert.implicated()) {
            if (o.reference().hasReference() && selected.contains(o.reference().getReference())) {
                return true;
            }
        }
        return false;
    }

    /** The record from prefetch, fetching every key that is missing or came back as an OperationOutcome. */
    private Bundle gather(CdsService service, CdsRequest request) {
        Bundle data = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> template : service.prefetch().entrySet()) {
            String key = template.getKey();
            Optional<IBaseResource> given = request.prefetch().get(key);
            IBaseResource value;
            if (given != null && given.isPresent() && !(given.get() instanceof OperationOutcome)) {
                value = given.get();
            } else if (given != null && given.isEmpty() && !CdsServices.KEY_PATIENT.equals(key)) {
                continue; // null: the EHR says there is no such data
            } else if (CdsServices.KEY_PROCEDURES.equals(key)) {
                // Optional: without it only the dialysis-procedure rule is blind; never a reason for a 412.
                try {
                    value = request.fhirServer() == null
                            ? null
                            : fetch(key, resolve(template.getValue(), request), request);
                } catch (PrefetchUnavailableException e) {
                    value = null;
                }
                if (value == null) {
                    continue;
                }
            } else {
                value = fetch(key, resolve(template.getValue(), request), request);
            }
            add(data, value, seen, key);
        }
        List<Patient> patients = data.getEntry().stream()
                .filter(e -> e.getResource() instanceof Patient)
                .map(e -> (Patient) e.getResource())
                .toList();
        if (patients.isEmpty()) {
            throw new PrefetchUnavailableException("Prefetch key 'patient' holds no Patient " + request.patientId());
        }
        for (Patient p : patients) {
            if (!request.patientId().equals(p.getIdElement().getIdPart())) {
                throw new CdsRequestException("The prefetched Patient is not context.patientId " + request.patientId());
            }
        }
        return data;
    }

    private IBaseResource fetch(String key, String query, CdsRequest request) {
        if (request.fhirServer() == null) {
            throw new PrefetchUnavailableException("Prefetch key '" + key + "' is missing and the request has no"
                    + " fhirServer to fetch it from (" + query + ")");
        }
        IBaseResource fetched = fetcher.fetch(request.fhirServer(), request.fhirAuthorization(), query);
        if (fetched instanceof OperationOutcome) {
            throw new PrefetchUnavailableException(
                    "fhirServer answered prefetch key '" + key + "' with an OperationOutcome");
        }
        return fetched;
    }

    static String resolve(String template, CdsRequest request) {
        return template.replace("{{context.patientId}}", request.patientId());
    }

    private static void add(Bundle data, IBaseResource value, Set<String> seen, String key) {
        if (value instanceof Bundle b) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                // An OperationOutcome entry of a searchset (search.mode=outcome) carries warnings, not data.
                if (e.getResource() != null && !(e.getResource() instanceof OperationOutcome)) {
                    add(data, e.getResource(), seen, key);
                }
            }
        } else if (value instanceof Patient
                || value instanceof MedicationRequest
                || value instanceof Medication
                || value instanceof Observation
                || value instanceof Condition
                || value instanceof Procedure) {
            Resource r = (Resource) value;
            String id = r.getIdElement().hasIdPart()
                    ? r.fhirType() + "/" + r.getIdElement().getIdPart()
                    : r.fhirType() + "#" + UUID.randomUUID();
            if (seen.add(id)) {
                data.addEntry().setFullUrl(id.contains("#") ? null : id).setResource(r);
            }
        } else if (value instanceof OperationOutcome) {
            throw new PrefetchUnavailableException("Prefetch key '" + key + "' holds an OperationOutcome");
        }
        // Other resource types are not part of the record and are ignored.
    }

    /**
     * {@code POST /cds-services/{id}/feedback}: validated, then each override is recorded on its alert in the data
     * source (stored with the override when no check had persisted it) and suppresses its card for the configured
     * period, counted from now (the server's receipt time; an {@code outcomeTimestamp} in the future is not
     * believed).
     *
     * @throws CdsRequestException for a malformed document, or an override of a card that is neither issued here
     *     recently nor stored
     */
    public void feedback(String serviceId, String body) {
        service(serviceId);
        Instant receivedAt = clock.instant();
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new CdsRequestException("The body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null
                || !root.isObject()
                || !root.has("feedback")
                || !root.get("feedback").isArray()) {
            throw new CdsRequestException("The body must be {\"feedback\": [ ... ]}");
        }
        List<FeedbackEntry> entries = new ArrayList<>();
        List<AlertOverride> overrides = new ArrayList<>();
        for (JsonNode f : root.get("feedback")) {
            if (!f.isObject()) {
                throw new CdsRequestException("Each feedback entry must be an object");
            }
            String card = CdsRequestParser.text(f, "card", true);
            try {
                UUID.fromString(card);
            } catch (IllegalArgumentException e) {
                throw new CdsRequestException("feedback.card must be a card uuid, not '" + card + "'");
            }
            String outcome = CdsRequestParser.text(f, "outcome", true);
            Instant at = timestamp(CdsRequestParser.text(f, "outcomeTimestamp", true));
            List<String> accepted = new ArrayList<>();
            String reasonCode = null;
            String reasonDisplay = null;
            String comment = null;
            switch (outcome) {
                case "accepted" -> {
                    JsonNode list = f.get("acceptedSuggestions");
                    if (list == null || !list.isArray() || list.isEmpty()) {
                        throw new CdsRequestException("acceptedSuggestions is required when the outcome is accepted");
                    }
                    for (JsonNode s : list) {
                        if (!s.isObject()) {
                            throw new CdsRequestException("acceptedSuggestions entries are {\"id\": uuid}");
                        }
                        accepted.add(CdsRequestParser.text(s, "id", true));
                    }
                }
                case "overridden" -> {
                    JsonNode reason = f.get("overrideReason");
                    if (reason != null && !reason.isNull()) {
                        if (!reason.isObject()) {
                            throw new CdsRequestException("overrideReason must be an object");
                        }
                        JsonNode coding = reason.get("reason");
                        if (coding != null && !coding.isNull()) {
                            if (!coding.isObject()) {
                                throw new CdsRequestException("overrideReason.reason must be a Coding");
                            }
                            String system = CdsRequestParser.text(coding, "system", true);
                            reasonCode = CdsRequestParser.text(coding, "code", true);
                            String code = reasonCode;
                            Wire.Coding known = cards.overrideReasons().stream()
                                    .filter(c -> c.system().equals(system)
                                            && c.code().equals(code))
                                    .findFirst()
                                    .orElseThrow(() -> new CdsRequestException("overrideReason.reason " + system + "|"
                                            + code + " is not one of the card's overrideReasons ("
                                            + KnowledgeUrls.OVERRIDE_REASON_CODE_SYSTEM + ")"));
                            reasonDisplay = known.display();
                        }
                        comment = CdsRequestParser.text(reason, "userComment", false);
                    }
                }
                default ->
                    throw new CdsRequestException(
                            "feedback.outcome must be accepted or overridden, not '" + outcome + "'");
            }
            entries.add(new FeedbackEntry(serviceId, card, outcome, accepted, reasonCode, comment, at));
            if ("overridden".equals(outcome)) {
                IssuedCard issuedCard = issued.get(card);
                overrides.add(new AlertOverride(
                        card,
                        issuedCard == null ? null : issuedCard.alertCode(),
                        issuedCard == null ? null : issuedCard.patientId(),
                        issuedCard == null ? null : issuedCard.userId(),
                        reasonCode,
                        reasonDisplay,
                        comment,
                        at.isAfter(receivedAt) ? receivedAt : at,
                        receivedAt.plus(suppressFor),
                        issuedCard == null ? null : Suppressions.priority(issuedCard.alert())));
            }
        }
        // A bad entry stores none of the document.
        for (AlertOverride o : overrides) {
            if (!issued.containsKey(o.alertIdentifier())
                    && suppressions.store().find(o.alertIdentifier()).isEmpty()) {
                throw new CdsRequestException("feedback.card " + o.alertIdentifier() + " is not a card this service"
                        + " issued recently, and no alert with that identifier is stored: the override cannot be"
                        + " recorded");
            }
        }
        feedbackLog.addAll(entries);
        for (AlertOverride o : overrides) {
            IssuedCard issuedCard = issued.get(o.alertIdentifier());
            suppressions.record(
                    o,
                    issuedCard == null
                            ? null
                            : CommunicationRequests.render(
                                    issuedCard.alert(), "urn:uuid:" + issuedCard.hookInstance()));
        }
    }

    private static Instant timestamp(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new CdsRequestException("outcomeTimestamp must be an RFC 3339 date-time, not '" + value + "'");
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write CDS Hooks JSON", e);
        }
    }
}
