package org.baclofencds.cdshooks;

import java.util.Map;

/**
 * One service of API.md §6.
 *
 * @param id the {@code {id}} in {@code /cds-services/{id}}
 * @param hook the hook it answers
 * @param title display name
 * @param description what it does
 * @param prefetch key → template ({@code patient}, {@code medications}, {@code observations}, {@code conditions}, {@code procedures})
 */
public record CdsService(String id, Hook hook, String title, String description, Map<String, String> prefetch) {

    public CdsService {
        prefetch = Map.copyOf(prefetch);
    }
}
