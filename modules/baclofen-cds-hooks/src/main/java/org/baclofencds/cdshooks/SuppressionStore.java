package org.baclofencds.cdshooks;

import java.time.Instant;
import java.util.Optional;

/**
 * Overrides that silence an alert for a while. The key is the alert identifier, which names the patient, the
 * alert code and the implicated orders, so an override holds for exactly that patient, code and order.
 */
public interface SuppressionStore {

    /** Records an override; a later one for the same alert replaces it (feedback may be sent twice). */
    void record(AlertOverride override);

    /** The override in force for this alert at {@code now}, if any. */
    Optional<AlertOverride> active(String alertIdentifier, Instant now);
}
