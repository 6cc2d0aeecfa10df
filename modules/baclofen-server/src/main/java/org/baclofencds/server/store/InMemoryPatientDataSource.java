package org.baclofencds.server.store;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.baclofencds.rules.PatientRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded patient-data store: every version of every resource in memory, behind one read-write lock
 * (reads share it; writes, and whole transactions, hold it exclusively, so a transaction is atomic and
 * isolated). Resources go in and come out as copies.
 *
 * <p>With a {@link DataDirectory} ({@code serve --data-dir}) the same store is durable: every write (one
 * interaction, one whole transaction, one batch entry) is appended to the data file and committed there before
 * the lock is released and the write answered; a write the file refuses is undone in memory too. At start-up the
 * versions in the file are read back, so versions, history, ids and search order survive a restart; the search
 * indexes are the in-memory maps, rebuilt from them. Without one ({@code --in-memory}) nothing is kept.
 */
public final class InMemoryPatientDataSource implements PatientDataSource {

    /** The types this store holds. */
    public static final Set<String> RESOURCE_TYPES = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            "Patient",
            "Practitioner",
            "Medication",
            "MedicationRequest",
            "Observation",
            "Condition",
            "Procedure",
            "CommunicationRequest")));

    private static final Logger log = LoggerFactory.getLogger(InMemoryPatientDataSource.class);
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final FhirContext ctx;
    private final Clock clock;
    private final DataDirectory dataDirectory; // null: in memory only
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // type → id → versions, oldest first; guarded by lock. Insertion order gives searches a stable order.
    private final Map<String, Map<String, List<Version>>> data = new LinkedHashMap<>();

    /** One stored version; a null resource marks a deletion. */
    record Version(String versionId, Instant lastUpdated, Resource resource) {
        boolean deleted() {
            return resource == null;
        }
    }

    public InMemoryPatientDataSource(FhirContext ctx) {
        this(ctx, Clock.systemUTC());
    }

    public InMemoryPatientDataSource(FhirContext ctx, Clock clock) {
        this(ctx, clock, null);
    }

    /**
     * A store kept in {@code dataDirectory} (null: in memory only), starting with the versions already there.
     *
     * @throws DataDirectoryException when a stored version cannot be read back
     */
    public InMemoryPatientDataSource(FhirContext ctx, Clock clock, DataDirectory dataDirectory) {
        this.ctx = ctx;
        this.clock = clock;
        this.dataDirectory = dataDirectory;
        for (String type : RESOURCE_TYPES) {
            data.put(type, new LinkedHashMap<>());
        }
        if (dataDirectory != null) {
            restore(dataDirectory);
        }
    }

    /** A durable store in {@code dataDirectory}. */
    public static InMemoryPatientDataSource durable(FhirContext ctx, DataDirectory dataDirectory) {
        return new InMemoryPatientDataSource(ctx, Clock.systemUTC(), java.util.Objects.requireNonNull(dataDirectory));
    }

    /** Whether writes are kept in a data directory. */
    public boolean durable() {
        return dataDirectory != null;
    }

    private void restore(DataDirectory dir) {
        IParser parser = ctx.newJsonParser();
        int[] count = {0};
        dir.forEachVersion(v -> {
            Map<String, List<Version>> byId = data.get(v.type());
            if (byId == null || !FHIR_ID.matcher(v.id()).matches()) {
                throw new DataDirectoryException("The data file in " + dir.path() + " holds " + v.type() + "/" + v.id()
                        + ", which this store does not keep");
            }
            Resource resource = null;
            if (v.json() != null) {
                try {
                    resource = (Resource) parser.parseResource(v.json());
                } catch (DataFormatException | ClassCastException e) {
                    throw new DataDirectoryException("The data file in " + dir.path() + " holds an unreadable version "
                            + v.version() + " of " + v.type() + "/" + v.id());
                }
            }
            List<Version> history = byId.computeIfAbsent(v.id(), k -> new ArrayList<>());
            String expected = nextVersion(history);
            if (!expected.equals(Long.toString(v.version()))) {
                throw new DataDirectoryException("The data file in " + dir.path() + " lacks version " + expected
                        + " of " + v.type() + "/" + v.id());
            }
            history.add(new Version(Long.toString(v.version()), Instant.ofEpochMilli(v.lastUpdatedMillis()), resource));
            count[0]++;
        });
        restoredVersions = count[0];
    }

    private int restoredVersions;

    /** How many versions were read back from the data directory at start-up. */
    public int restoredVersions() {
        return restoredVersions;
    }

    @Override
    public Set<String> resourceTypes() {
        return RESOURCE_TYPES;
    }

    // ---------------------------------------------------------------------------------------- reads

    @Override
    public <T extends Resource> T read(Class<T> type, String id) {
        return underReadLock(() -> type.cast(readLocked(typeName(type), id).copy()));
    }

    @Override
    public <T extends Resource> T vread(Class<T> type, String id, String versionId) {
        return underReadLock(
                () -> type.cast(vreadLocked(typeName(type), id, versionId).copy()));
    }

    @Override
    public <T extends Resource> List<T> search(Class<T> type, SearchCriteria criteria) {
        String typeName = typeName(type);
        SearchParameters.validate(typeName, criteria);
        return underReadLock(() -> {
            List<T> result = new ArrayList<>();
            for (Resource r : searchLocked(typeName, criteria)) {
                result.add(type.cast(r.copy()));
            }
            return result;
        });
    }

    @Override
    public PatientRecord patientRecord(String patientId, Instant evaluationTime) {
        // One read lock around the whole gathering, so the record is a consistent snapshot.
        return underReadLock(() -> PatientDataSource.super.patientRecord(patientId, evaluationTime));
    }

    Resource readLocked(String type, String id) {
        List<Version> history = history(type, id);
        Version current = history.get(history.size() - 1);
        if (current.deleted()) {
            throw new ResourceGoneException(
                    "Resource " + type + "/" + id + " was deleted (version " + current.versionId() + ")");
        }
        return current.resource();
    }

    Resource vreadLocked(String type, String id, String versionId) {
        for (Version v : history(type, id)) {
            if (v.versionId().equals(versionId)) {
                if (v.deleted()) {
                    throw new ResourceGoneException(
                            "Version " + versionId + " of " + type + "/" + id + " is a deletion");
                }
                return v.resource();
            }
        }
        throw new ResourceNotFoundException("Resource " + type + "/" + id + " has no version " + versionId);
    }

    List<Resource> searchLocked(String type, SearchCriteria criteria) {
        requireType(type);
        List<Resource> result = new ArrayList<>();
        for (List<Version> history : data.get(type).values()) {
            Version current = history.get(history.size() - 1);
            if (!current.deleted() && SearchParameters.matches(current.resource(), criteria)) {
                result.add(current.resource());
            }
        }
        return result;
    }

    private List<Version> history(String type, String id) {
        requireType(type);
        requireValidId(type, id);
        List<Version> history = data.get(type).get(id);
        if (history == null) {
            throw new ResourceNotFoundException("Resource " + type + "/" + id + " is not known");
        }
        return history;
    }

    // ---------------------------------------------------------------------------------------- writes

    @Override
    public WriteOutcome create(Resource resource, String ifNoneExist) {
        requireResource(resource);
        return underWriteLock(() -> {
            WriteOutcome existing = conditionalMatchLocked(resource.fhirType(), ifNoneExist);
            return existing != null ? existing : journaled(j -> createLocked(resource, newId(), j));
        });
    }

    @Override
    public WriteOutcome update(Resource resource, String ifMatchVersion) {
        requireResource(resource);
        return underWriteLock(() -> journaled(j -> updateLocked(resource, ifMatchVersion, j)));
    }

    @Override
    public WriteOutcome delete(String resourceType, String id, String ifMatchVersion) {
        return underWriteLock(() -> journaled(j -> deleteLocked(resourceType, id, ifMatchVersion, j)));
    }

    @Override
    public Bundle transaction(Bundle bundle) {
        Transactions processor = new Transactions(ctx, this);
        processor.validateShape(bundle);
        return underWriteLock(() -> processor.process(bundle));
    }

    /** The existing resource a conditional create matches, null when none does; 412 when several do. */
    WriteOutcome conditionalMatchLocked(String type, String ifNoneExist) {
        if (ifNoneExist == null || ifNoneExist.isBlank()) {
            return null;
        }
        requireType(type);
        SearchCriteria criteria = SearchParameters.parse(ctx, type, ifNoneExist);
        if (criteria.isEmpty()) {
            throw new InvalidRequestException("If-None-Exist '" + ifNoneExist + "' has no search criteria");
        }
        List<Resource> matches = searchLocked(type, criteria);
        if (matches.size() > 1) {
            throw new PreconditionFailedException(
                    "If-None-Exist '" + ifNoneExist + "' matches " + matches.size() + " " + type + " resources");
        }
        if (matches.isEmpty()) {
            return null;
        }
        Resource match = matches.get(0);
        String id = match.getIdElement().getIdPart();
        Version current = lastVersion(type, id);
        return new WriteOutcome(type, id, current.versionId(), current.lastUpdated(), false, match.copy());
    }

    WriteOutcome createLocked(Resource resource, String id, Journal journal) {
        String type = resource.fhirType();
        requireType(type);
        if (data.get(type).containsKey(id)) {
            throw new ResourceVersionConflictException("Resource " + type + "/" + id + " already exists");
        }
        return append(type, id, resource, true, journal);
    }

    WriteOutcome updateLocked(Resource resource, String ifMatchVersion, Journal journal) {
        String type = resource.fhirType();
        requireType(type);
        String id = resource.getIdElement().getIdPart();
        if (id == null || id.isEmpty()) {
            throw new InvalidRequestException("An update needs the resource id in the body (" + type + ".id)");
        }
        requireValidId(type, id);
        List<Version> history = data.get(type).get(id);
        checkVersion(type, id, history, ifMatchVersion);
        boolean created = history == null || history.get(history.size() - 1).deleted();
        return append(type, id, resource, created, journal);
    }

    WriteOutcome deleteLocked(String type, String id, String ifMatchVersion, Journal journal) {
        List<Version> history = history(type, id);
        checkVersion(type, id, history, ifMatchVersion);
        Version current = history.get(history.size() - 1);
        if (current.deleted()) {
            return new WriteOutcome(type, id, current.versionId(), current.lastUpdated(), false, null);
        }
        Version deletion = new Version(nextVersion(history), now(), null);
        history.add(deletion);
        if (journal != null) {
            journal.wrote(type, id, deletion);
        }
        return new WriteOutcome(type, id, deletion.versionId(), deletion.lastUpdated(), false, null);
    }

    private static void checkVersion(String type, String id, List<Version> history, String ifMatchVersion) {
        if (ifMatchVersion == null || ifMatchVersion.isBlank()) {
            return;
        }
        if (history == null) {
            throw new ResourceVersionConflictException(
                    "If-Match version " + ifMatchVersion + " given but " + type + "/" + id + " does not exist");
        }
        String current = history.get(history.size() - 1).versionId();
        if (!current.equals(ifMatchVersion.trim())) {
            throw new ResourceVersionConflictException("Version conflict on " + type + "/" + id + ": If-Match "
                    + ifMatchVersion + " but the current version is " + current);
        }
    }

    private WriteOutcome append(String type, String id, Resource input, boolean created, Journal journal) {
        List<Version> history = data.get(type).computeIfAbsent(id, k -> new ArrayList<>());
        if (!history.isEmpty()) {
            Version current = history.get(history.size() - 1);
            if (!current.deleted() && sameContent(current.resource(), input)) {
                // A no-op update keeps the version, as FHIR servers commonly do: loading the same files again
                // changes nothing.
                return new WriteOutcome(
                        type,
                        id,
                        current.versionId(),
                        current.lastUpdated(),
                        false,
                        current.resource().copy());
            }
        }
        String versionId = nextVersion(history);
        Instant now = now();
        Resource stored = input.copy();
        stored.setId(new IdType(type, id, versionId));
        stored.getMeta().setVersionId(versionId).setLastUpdated(Date.from(now));
        Version version = new Version(versionId, now, stored);
        history.add(version);
        if (journal != null) {
            journal.wrote(type, id, version);
        }
        return new WriteOutcome(type, id, versionId, now, created, stored.copy());
    }

    /** Equal apart from id, versionId and lastUpdated. */
    private static boolean sameContent(Resource stored, Resource input) {
        return withoutVersion(stored).equalsDeep(withoutVersion(input));
    }

    private static Resource withoutVersion(Resource r) {
        Resource copy = r.copy();
        copy.setId((String) null);
        if (copy.hasMeta()) {
            copy.getMeta().setVersionId(null).setLastUpdated(null);
            if (copy.getMeta().isEmpty()) {
                copy.setMeta(null);
            }
        }
        return copy;
    }

    Version lastVersion(String type, String id) {
        List<Version> history = history(type, id);
        return history.get(history.size() - 1);
    }

    /** One write under the write lock, committed to the data directory before it is answered. */
    private WriteOutcome journaled(java.util.function.Function<Journal, WriteOutcome> write) {
        Journal journal = new Journal();
        WriteOutcome outcome;
        try {
            outcome = write.apply(journal);
        } catch (RuntimeException e) {
            rollback(journal);
            throw e;
        }
        commitLocked(journal);
        return outcome;
    }

    /**
     * Makes the journal's versions durable (one commit of the data file, fsynced); when the file refuses them they
     * are undone in memory too and the write fails. Caller holds the write lock.
     */
    void commitLocked(Journal journal) {
        if (dataDirectory == null || journal.writes().isEmpty()) {
            return;
        }
        List<DataDirectory.StoredVersion> versions = new ArrayList<>();
        IParser parser = ctx.newJsonParser();
        for (Journal.Write w : journal.writes()) {
            Version v = w.version();
            versions.add(new DataDirectory.StoredVersion(
                    w.type(),
                    w.id(),
                    Long.parseLong(v.versionId()),
                    v.lastUpdated().toEpochMilli(),
                    v.deleted() ? null : parser.encodeResourceToString(v.resource())));
        }
        try {
            dataDirectory.append(versions);
        } catch (RuntimeException e) {
            rollback(journal);
            log.error("Write refused by the data directory, undone: {}", e.getMessage());
            throw new InternalErrorException("The change could not be saved in the data directory, so it was not made");
        }
    }

    /** Undoes the versions a journal recorded, newest first. Caller holds the write lock. */
    void rollback(Journal journal) {
        List<Journal.Write> writes = journal.writes();
        for (int i = writes.size() - 1; i >= 0; i--) {
            String type = writes.get(i).type();
            String id = writes.get(i).id();
            List<Version> history = data.get(type).get(id);
            history.remove(history.size() - 1);
            if (history.isEmpty()) {
                data.get(type).remove(id);
            }
        }
        writes.clear(); // undone once: a second rollback of the same journal changes nothing
    }

    private static String nextVersion(List<Version> history) {
        return history.isEmpty()
                ? "1"
                : Long.toString(Long.parseLong(history.get(history.size() - 1).versionId()) + 1);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    // ---------------------------------------------------------------------------------------- checks, locks

    private String typeName(Class<? extends Resource> type) {
        return ctx.getResourceType(type);
    }

    void requireType(String type) {
        if (!data.containsKey(type)) {
            throw new InvalidRequestException(
                    "Resource type " + type + " is not stored by this server; it stores " + RESOURCE_TYPES);
        }
    }

    static void requireValidId(String type, String id) {
        if (id == null || !FHIR_ID.matcher(id).matches()) {
            throw new InvalidRequestException(
                    "Invalid id for " + type + ": ids are 1-64 characters of" + " A-Z, a-z, 0-9, '-' and '.'");
        }
    }

    private void requireResource(Resource resource) {
        if (resource == null) {
            throw new InvalidRequestException("No resource given");
        }
        requireType(resource.fhirType());
    }

    private <T> T underReadLock(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T underWriteLock(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The versions one write or transaction added, so that a failure can undo them and a success keep them. */
    static final class Journal {
        record Write(String type, String id, Version version) {}

        private final List<Write> writes = new ArrayList<>();

        void wrote(String type, String id, Version version) {
            writes.add(new Write(type, id, version));
        }

        List<Write> writes() {
            return writes;
        }
    }
}
