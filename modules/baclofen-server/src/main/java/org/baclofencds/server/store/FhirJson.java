package org.baclofencds.server.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Telling FHIR JSON from other JSON that sits beside it (expected-result indexes, CDS Hooks requests). */
public final class FhirJson {
    private static final JsonFactory JSON = new JsonFactory();

    private FhirJson() {}

    /**
     * True when the text is a JSON object with a top-level {@code resourceType}: a FHIR resource. A CDS Hooks
     * request carries FHIR resources inside but none at its top level, so it is not one. Malformed JSON counts
     * as FHIR, so that the FHIR parser reports what is wrong with it.
     */
    public static boolean isResource(String text) {
        return resourceType(text) != null;
    }

    /**
     * True when the text is FHIR data to store: a resource other than {@code Parameters}. A Parameters resource
     * is the body of an operation call (e.g. the request bodies of {@code examples/parameters}), not data.
     */
    public static boolean isData(String text) {
        String type = resourceType(text);
        return type != null && !"Parameters".equals(type);
    }

    /** The top-level resourceType; "" for malformed JSON (left for the FHIR parser); null when there is none. */
    private static String resourceType(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                if ("resourceType".equals(p.currentName())) {
                    return p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : "";
                }
                p.nextToken();
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return "";
        }
    }
}
