package org.baclofencds.server.store;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/** Reads the version out of an ETag or If-Match value. */
public final class ETags {
    private ETags() {}

    /** {@code W/"3"}, {@code "3"} or {@code 3} → {@code 3}; null or blank → null; anything else is 400. */
    public static String versionOf(String etag) {
        if (etag == null || etag.isBlank()) {
            return null;
        }
        String v = etag.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        if (!v.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new InvalidRequestException("Malformed If-Match value; expected W/\"<version>\"");
        }
        return v;
    }
}
