package org.baclofencds.server.store;

import ca.uhn.fhir.rest.param.ParameterUtil;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.regex.Pattern;

/** Reads the version out of an ETag or If-Match value. */
public final class ETags {
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private ETags() {}

    /**
     * {@code W/"3"}, {@code "3"} or {@code 3} → {@code 3} (HAPI's own reading of an ETag); null or blank → null;
     * anything that does not then read as a FHIR version id is 400.
     */
    public static String versionOf(String etag) {
        if (etag == null || etag.isBlank()) {
            return null;
        }
        String v = ParameterUtil.parseETagValue(etag);
        if (!VERSION.matcher(v).matches()) {
            throw new InvalidRequestException("Malformed If-Match value; expected W/\"<version>\"");
        }
        return v;
    }
}
