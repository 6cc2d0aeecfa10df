package org.baclofencds.server.remote;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/**
 * A request to the remote EHR failed: 502 (unreachable, refused, or an error answer) or 504 (no answer in time).
 * The message names the EHR request (method and relative URL, never the token or the EHR's internals) and is
 * written for the client: {@code ErrorSanitizingInterceptor} passes it through as it is.
 */
public final class EhrRequestException extends BaseServerResponseException {

    public static final int BAD_GATEWAY = 502;
    public static final int GATEWAY_TIMEOUT = 504;

    private EhrRequestException(int statusCode, String message, Throwable cause) {
        super(statusCode, message, cause);
    }

    static EhrRequestException badGateway(String message, Throwable cause) {
        return new EhrRequestException(BAD_GATEWAY, message, cause);
    }

    static EhrRequestException timeout(String message, Throwable cause) {
        return new EhrRequestException(GATEWAY_TIMEOUT, message, cause);
    }
}
