package org.baclofencds.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;

/**
 * Parses a service call strictly: Jackson for the envelope, HAPI for every FHIR part ({@code draftOrders}, prefetch
 * values). Anything the hook requires that is missing or of the wrong shape is a {@link CdsRequestException}.
 */
public final class CdsRequestParser {
    /** The resource types order-select and order-sign allow in {@code context.draftOrders} (FHIR R4). */
    static final java.util.List<String> ORDER_TYPES = java.util.List.of(
            "MedicationRequest", "DeviceRequest", "NutritionOrder", "ServiceRequest", "VisionPrescription");

    /** Request extension that fixes the evaluation instant (as {@code $baclofen-check}'s {@code evaluationTime}). */
    public static final String EVALUATION_TIME_EXTENSION = "org.baclofencds.evaluationTime";

    private static final Pattern REFERENCE = Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final FhirContext ctx;
    private final ObjectMapper json;

    public CdsRequestParser(FhirContext ctx, ObjectMapper json) {
        this.ctx = ctx;
        this.json = json;
    }

    public CdsRequest parse(String body, CdsService service) {
        JsonNode root = tree(body);
        String hookName = text(root, "hook", true);
        if (!service.hook().code().equals(hookName)) {
            throw new CdsRequestException("Service " + service.id() + " answers hook '"
                    + service.hook().code() + "', not '" + hookName + "'");
        }
        Hook hook = service.hook();
        String hookInstance = text(root, "hookInstance", true);
        try {
            UUID.fromString(hookInstance);
        } catch (IllegalArgumentException e) {
            throw new CdsRequestException("hookInstance must be a UUID, not '" + hookInstance + "'");
        }
        String fhirServer = text(root, "fhirServer", false);
        if (fhirServer != null) {
            URI uri;
            try {
                uri = URI.create(fhirServer);
            } catch (IllegalArgumentException e) {
                throw new CdsRequestException("fhirServer is not a URL");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new CdsRequestException("fhirServer must be an absolute http(s) URL");
            }
        }
        FhirAuthorization auth = authorization(root.get("fhirAuthorization"));
        if (auth != null && fhirServer == null) {
            throw new CdsRequestException("fhirAuthorization is given without fhirServer");
        }

        JsonNode context = root.get("context");
        if (context == null || !context.isObject()) {
            throw new CdsRequestException("context is required and must be an object");
        }
        String userId = text(context, "userId", true);
        var user = REFERENCE.matcher(userId);
        if (!user.matches() || !hook.userTypes().contains(user.group(1))) {
            throw new CdsRequestException("context.userId must be " + String.join(", ", hook.userTypes())
                    + " as Type/id, not '" + userId + "'");
        }
        String patientId = text(context, "patientId", true);
        if (patientId.startsWith("Patient/")) {
            patientId = patientId.substring("Patient/".length());
        }
        if (!ID.matcher(patientId).matches()) {
            throw new CdsRequestException("context.patientId is not a FHIR id: '" + patientId + "'");
        }
        String encounterId = text(context, "encounterId", false);

        List<MedicationRequest> drafts = new ArrayList<>();
        List<String> selections = new ArrayList<>();
        if (hook.hasDraftOrders()) {
            JsonNode draftOrders = context.get("draftOrders");
            if (draftOrders == null || draftOrders.isNull()) {
                throw new CdsRequestException("context.draftOrders is required for " + hook.code());
            }
            IBaseResource parsed = fhir(draftOrders, "context.draftOrders");
            if (!(parsed instanceof Bundle bundle)) {
                throw new CdsRequestException("context.draftOrders must be a Bundle");
            }
            Set<String> draftIds = new HashSet<>();
            for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                if (e.getResource() instanceof MedicationRequest mr) {
                    drafts.add(mr);
                    if (mr.getIdElement().hasIdPart()) {
                        draftIds.add("MedicationRequest/" + mr.getIdElement().getIdPart());
                    }
                } else if (e.getResource() != null
                        && !ORDER_TYPES.contains(e.getResource().fhirType())) {
                    // The hooks' draftOrders hold orders only (order-select / order-sign, FHIR R4).
                    throw new CdsRequestException(
                            "context.draftOrders may hold only orders (" + String.join(", ", ORDER_TYPES) + "), not "
                                    + e.getResource().fhirType());
                } else if (e.getResource() != null
                        && e.getResource().getIdElement().hasIdPart()) {
                    draftIds.add(e.getResource().fhirType() + "/"
                            + e.getResource().getIdElement().getIdPart());
                }
            }
            if (hook == Hook.ORDER_SELECT) {
                JsonNode sel = context.get("selections");
                if (sel == null || !sel.isArray() || sel.isEmpty()) {
                    throw new CdsRequestException("context.selections is required for order-select: a non-empty"
                            + " array of Type/id values from draftOrders");
                }
                for (JsonNode s : sel) {
                    if (!s.isTextual() || !draftIds.contains(s.asText())) {
                        throw new CdsRequestException(
                                "context.selections value " + s + " does not name a resource of context.draftOrders");
                    }
                    selections.add(s.asText());
                }
            }
        }

        Map<String, Optional<IBaseResource>> prefetch = new HashMap<>();
        JsonNode pf = root.get("prefetch");
        if (pf != null && !pf.isNull()) {
            if (!pf.isObject()) {
                throw new CdsRequestException("prefetch must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = pf.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) {
                    prefetch.put(e.getKey(), Optional.empty());
                } else {
                    prefetch.put(e.getKey(), Optional.of(fhir(e.getValue(), "prefetch." + e.getKey())));
                }
            }
        }
        return new CdsRequest(
                hook,
                hookInstance,
                fhirServer,
                auth,
                userId,
                patientId,
                encounterId,
                drafts,
                selections,
                prefetch,
                evaluationTime(root.get("extension")));
    }

    private JsonNode tree(String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new CdsRequestException("The body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CdsRequestException("The body must be a JSON object");
        }
        return root;
    }

    /** Parses one FHIR part; HAPI's lenient parser is told to fail on errors so bad FHIR is a 400. */
    private IBaseResource fhir(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new CdsRequestException(where + " must be a FHIR resource");
        }
        IParser parser = ctx.newJsonParser();
        try {
            IBaseResource r = parser.parseResource(node.toString());
            if (!(r instanceof Resource)) {
                throw new CdsRequestException(where + " is not an R4 resource");
            }
            return r;
        } catch (DataFormatException e) {
            throw new CdsRequestException(where + " is not a valid FHIR resource: " + e.getMessage());
        }
    }

    private static FhirAuthorization authorization(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new CdsRequestException("fhirAuthorization must be an object");
        }
        String token = text(node, "access_token", true);
        String type = text(node, "token_type", true);
        if (!"Bearer".equalsIgnoreCase(type)) {
            throw new CdsRequestException("fhirAuthorization.token_type must be Bearer");
        }
        JsonNode expires = node.get("expires_in");
        if (expires == null || !expires.canConvertToLong()) {
            throw new CdsRequestException("fhirAuthorization.expires_in is required and must be a number");
        }
        return new FhirAuthorization(
                token,
                "Bearer",
                expires.asLong(),
                text(node, "scope", true),
                text(node, "subject", true),
                text(node, "patient", false));
    }

    private static Instant evaluationTime(JsonNode extension) {
        if (extension == null || extension.isNull()) {
            return null;
        }
        if (!extension.isObject()) {
            throw new CdsRequestException("extension must be an object");
        }
        JsonNode t = extension.get(EVALUATION_TIME_EXTENSION);
        if (t == null || t.isNull()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new CdsRequestException("extension " + EVALUATION_TIME_EXTENSION
                    + " must be a dateTime with seconds and a timezone, e.g. 2026-06-15T09:00:00Z");
        }
    }

    static String text(JsonNode node, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new CdsRequestException(field + " is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new CdsRequestException(field + " must be a non-empty string");
        }
        return v.asText();
    }
}
