package org.baclofencds.server.cdshooks;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.baclofencds.server.store.DataDirectory;

/**
 * The JWT ids ({@code iss} + {@code jti}) already accepted, so a captured CDS Hooks call cannot be replayed while
 * its token is still valid. Entries are forgotten once the token has expired (it is refused as expired then).
 */
public interface ReplayCache {

    /**
     * Records the id; false when it is already recorded and not yet forgotten (a replay).
     *
     * @param forgetAfter when the entry may go: the token's expiry plus the accepted clock skew
     */
    boolean firstUse(String key, Instant forgetAfter, Instant now);

    /** In memory: lost on restart ({@code serve --in-memory}, tests). */
    static ReplayCache inMemory() {
        Map<String, Instant> seen = new ConcurrentHashMap<>();
        return (key, forgetAfter, now) -> {
            if (seen.size() > 1000) {
                seen.values().removeIf(until -> !until.isAfter(now));
            }
            Instant[] previous = {null};
            seen.compute(key, (k, old) -> {
                if (old != null && old.isAfter(now)) {
                    previous[0] = old;
                    return old;
                }
                return forgetAfter;
            });
            return previous[0] == null;
        };
    }

    /** In the data directory, committed before the call is accepted: a restart does not reopen a replay. */
    static ReplayCache in(DataDirectory dataDirectory) {
        return dataDirectory::firstUse;
    }
}
