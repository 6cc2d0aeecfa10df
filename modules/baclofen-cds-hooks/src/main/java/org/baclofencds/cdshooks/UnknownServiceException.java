package org.baclofencds.cdshooks;

/** No CDS service has this id (HTTP 404). */
public final class UnknownServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownServiceException(String id) {
        super("No CDS service '" + id + "'; GET /cds-services lists them");
    }
}
