package org.baclofencds.server;

/** The server could not start or stop. */
public final class ServerException extends RuntimeException {
    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
