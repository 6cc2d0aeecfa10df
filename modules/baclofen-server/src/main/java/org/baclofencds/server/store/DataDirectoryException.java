package org.baclofencds.server.store;

/** The data directory cannot be used (damaged file, in use, not writable); the message is one sentence. */
public final class DataDirectoryException extends RuntimeException {
    public DataDirectoryException(String message) {
        super(message);
    }
}
