package org.baclofencds.cdshooks;

/** A malformed CDS Hooks request or feedback document (HTTP 400); the message says what is wrong. */
public final class CdsRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CdsRequestException(String message) {
        super(message);
    }
}
