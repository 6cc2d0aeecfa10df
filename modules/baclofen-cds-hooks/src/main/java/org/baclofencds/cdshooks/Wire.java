package org.baclofencds.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The CDS Hooks 2.0 JSON shapes we send. Optional fields are omitted when empty, never sent as null, "" or []
 * (spec "JSON rules"); {@code cards} is always present.
 */
public final class Wire {
    private Wire() {}

    /** {@code GET /cds-services}. */
    public record Discovery(@JsonInclude(JsonInclude.Include.ALWAYS) List<Service> services) {}

    /** One service of the discovery document. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Service(
            String hook,
            String title,
            String description,
            String id,
            Map<String, String> prefetch,
            String usageRequirements) {}

    /** {@code 200} answer of a service call. */
    public record Response(@JsonInclude(JsonInclude.Include.ALWAYS) List<Card> cards) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Card(
            String uuid,
            String summary,
            String detail,
            String indicator,
            CardSource source,
            List<Suggestion> suggestions,
            String selectionBehavior,
            List<Coding> overrideReasons,
            List<Link> links) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record CardSource(String label, String url, Coding topic) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Coding(String system, String code, String display) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {}

    /** {@code resource} is the FHIR resource as HAPI encodes it. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Action(String type, String description, JsonNode resource, String resourceId) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Link(String label, String url, String type) {}
}
