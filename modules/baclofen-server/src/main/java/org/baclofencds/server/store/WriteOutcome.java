package org.baclofencds.server.store;

import java.time.Instant;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * The result of a create, update or delete.
 *
 * @param resourceType e.g. {@code Patient}
 * @param id the logical id
 * @param versionId the version now current (for a delete: the version of the deletion)
 * @param lastUpdated when that version was written
 * @param created true when the write created the resource (201), false for an update, a delete or a
 *     conditional create that matched an existing resource
 * @param resource a copy of the stored resource; null for a delete
 */
public record WriteOutcome(
        String resourceType, String id, String versionId, Instant lastUpdated, boolean created, Resource resource) {

    /** {@code Type/id/_history/version}. */
    public IdType versionedId() {
        return new IdType(resourceType, id, versionId);
    }

    /** The weak ETag of the version, {@code W/"n"}. */
    public String etag() {
        return "W/\"" + versionId + "\"";
    }
}
