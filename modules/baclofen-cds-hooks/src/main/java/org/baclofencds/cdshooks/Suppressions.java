package org.baclofencds.cdshooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.baclofencds.rules.Alert;

/**
 * Applies overrides to alerts outside CDS Hooks: {@code $baclofen-check} still returns a suppressed alert, and its
 * detail says who overrode it, when, why, and until when. The rules module stays unaware of overrides.
 */
public final class Suppressions {
    private final SuppressionStore store;

    public Suppressions(SuppressionStore store) {
        this.store = store;
    }

    public SuppressionStore store() {
        return store;
    }

    public Optional<AlertOverride> active(Alert alert, Instant now) {
        return store.active(alert.identifier(), now);
    }

    /** Every alert, with the override appended to the detail of each suppressed one. */
    public List<Alert> annotate(List<Alert> alerts, Instant now) {
        return alerts.stream()
                .map(a -> active(a, now).map(o -> a.withNote(o.describe())).orElse(a))
                .toList();
    }
}
