package org.baclofencds.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.regex.Pattern;
import org.baclofencds.server.remote.EhrRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become what a client sees. Client errors (4xx) keep their message, minus any Java
 * class names a parser put in it; anything else becomes a generic 500 whose details go to the log only, so no
 * internals, stack traces or data leak into a response.
 */
@Interceptor
public final class ErrorSanitizingInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorSanitizingInterceptor.class);

    static final String GENERIC_MESSAGE = "An unexpected error occurred while processing the request";

    // e.g. "com.fasterxml.jackson.core.JsonParseException: " or "java.lang.IllegalStateException"
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException sanitize(RequestDetails request, Throwable error) {
        if (error instanceof EhrRequestException e) {
            // 502/504 whose message was written for the client (names the EHR request, nothing internal).
            // One line, our own words: no stack trace, nothing of the EHR's answer (it may carry secrets).
            LOG.warn("EHR request failed: {}", e.getMessage());
            return e;
        }
        if (error instanceof BaseServerResponseException e && e.getStatusCode() < 500) {
            String message = e.getMessage();
            if (message != null && CLASS_NAME.matcher(message).find()) {
                BaseServerResponseException clean = BaseServerResponseException.newInstance(
                        e.getStatusCode(), CLASS_NAME.matcher(message).replaceAll(""));
                clean.initCause(e);
                return clean;
            }
            return e;
        }
        DataFormatException badInput = findCause(error, DataFormatException.class);
        if (badInput != null) {
            // HAPI's parsers throw this for client input (a malformed date in a search, say): a 400, not a 500.
            InvalidRequestException clean = new InvalidRequestException(
                    CLASS_NAME.matcher(String.valueOf(badInput.getMessage())).replaceAll(""));
            clean.initCause(error);
            return clean;
        }
        LOG.error(
                "Unexpected error on {} {}",
                request == null ? "?" : request.getRequestType(),
                request == null ? "?" : request.getRequestPath(),
                error);
        return new InternalErrorException(GENERIC_MESSAGE);
    }

    private static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
