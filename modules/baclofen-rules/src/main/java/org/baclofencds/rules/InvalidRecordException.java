package org.baclofencds.rules;

/**
 * The patient record cannot be checked as given (no Patient, two Patients, data of another patient).
 * The message says what is wrong without repeating any patient data.
 */
public final class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }
}
