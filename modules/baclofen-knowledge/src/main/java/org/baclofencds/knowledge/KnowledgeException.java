package org.baclofencds.knowledge;

/** The published knowledge is missing, malformed or asked for something it does not hold. */
public class KnowledgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KnowledgeException(String message) {
        super(message);
    }

    public KnowledgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
