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
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return true;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                if ("resourceType".equals(p.currentName())) {
                    return true;
                }
                p.nextToken();
                p.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
