package org.baclofencds.cdshooks;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Overrides in memory; expired ones are dropped as they are met. Lost on restart. */
public final class InMemorySuppressionStore implements SuppressionStore {
    private final Map<String, AlertOverride> overrides = new ConcurrentHashMap<>();

    @Override
    public void record(AlertOverride override) {
        overrides.merge(
                override.alertIdentifier(),
                override,
                (old, fresh) -> fresh.until().isAfter(old.until()) ? fresh : old);
    }

    @Override
    public Optional<AlertOverride> active(String alertIdentifier, Instant now) {
        AlertOverride o = overrides.get(alertIdentifier);
        if (o == null) {
            return Optional.empty();
        }
        if (!o.until().isAfter(now)) {
            overrides.remove(alertIdentifier, o);
            return Optional.empty();
        }
        return Optional.of(o);
    }
}
