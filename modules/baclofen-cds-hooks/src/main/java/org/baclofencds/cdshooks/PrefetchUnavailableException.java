package org.baclofencds.cdshooks;

/**
 * Data the check needs is neither prefetched nor obtainable from {@code fhirServer} (CDS Hooks 2.0: HTTP 412).
 * The message says which key and why, never the access token.
 */
public final class PrefetchUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PrefetchUnavailableException(String message) {
        super(message);
    }

    public PrefetchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
