package org.baclofencds.server.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code serve --data-dir DIR}: one SQLite database file ({@value #DATABASE_FILE}) that keeps every version of
 * every resource of the embedded store and the CDS Hooks JWT replay cache. SQLite runs in WAL mode with
 * {@code synchronous=FULL}: a commit returns only after its WAL frames are fsynced, so whatever this class
 * acknowledged survives {@code kill -9} and power loss. One process at a time: a lock file ({@value #LOCK_FILE})
 * refuses a second one.
 *
 * <p>Opening checks the file ({@code PRAGMA quick_check} and the schema's format mark); a damaged or truncated
 * file is a {@link DataDirectoryException} with one clear sentence, never a silently emptier store.
 */
public final class DataDirectory implements AutoCloseable {

    public static final String DATABASE_FILE = "baclofen.db";
    public static final String LOCK_FILE = "baclofen.lock";
    /** The schema version this code writes and reads. */
    static final String FORMAT = "1";
    /** The replay cache's bound: beyond it the entries closest to expiry are dropped first. */
    static final int REPLAY_CACHE_MAX = 100_000;

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Connection db;
    private final PreparedStatement insertVersion;
    private final PreparedStatement insertJti;
    private final PreparedStatement pruneJti;
    private long jtiInserts;
    private boolean closed;

    /** One stored version: {@code json} is null for a deletion. */
    public record StoredVersion(String type, String id, long version, long lastUpdatedMillis, String json) {}

    private DataDirectory(Path dir, FileChannel lockChannel, FileLock lock, Connection db) throws SQLException {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.db = db;
        this.insertVersion = db.prepareStatement(
                "INSERT INTO resource_version(type, id, version, last_updated, body) VALUES (?, ?, ?, ?, ?)");
        this.insertJti = db.prepareStatement("INSERT OR IGNORE INTO jwt_replay(key, forget_after) VALUES (?, ?)");
        this.pruneJti = db.prepareStatement("DELETE FROM jwt_replay WHERE forget_after <= ?");
    }

    /**
     * Opens (creating when needed) the data directory.
     *
     * @throws DataDirectoryException when the directory cannot be used: not writable, in use by another
     *     process, or its database damaged
     */
    public static DataDirectory open(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new DataDirectoryException("Cannot create the data directory " + absolute + ": " + e.getMessage());
        }
        FileChannel channel;
        FileLock lock;
        try {
            channel =
                    FileChannel.open(absolute.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new DataDirectoryException("Cannot write in the data directory " + absolute + ": " + e.getMessage());
        }
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new DataDirectoryException("The data directory " + absolute
                    + " is in use by another baclofen-cds process (one process per data directory)");
        }
        Path file = absolute.resolve(DATABASE_FILE);
        boolean existed = Files.exists(file);
        Connection db = null;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
            }
            if (existed) {
                verify(db, file);
            } else {
                createSchema(db);
            }
            db.setAutoCommit(false);
            return new DataDirectory(absolute, channel, lock, db);
        } catch (SQLException e) {
            closeQuietly(db);
            releaseQuietly(lock, channel);
            throw new DataDirectoryException("The data file " + file + " cannot be read (" + firstLine(e.getMessage())
                    + "); it is damaged or not a baclofen-cds data file. Restore it from a backup, or move it away"
                    + " to start empty");
        } catch (DataDirectoryException e) {
            closeQuietly(db);
            releaseQuietly(lock, channel);
            throw e;
        }
    }

    private static void createSchema(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            // seq keeps the order resources were first written, so searches keep their order across restarts.
            s.execute("CREATE TABLE resource_version(seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL,"
                    + " id TEXT NOT NULL, version INTEGER NOT NULL, last_updated INTEGER NOT NULL, body TEXT,"
                    + " UNIQUE(type, id, version))");
            s.execute("CREATE TABLE jwt_replay(key TEXT PRIMARY KEY, forget_after INTEGER NOT NULL)");
            s.execute("CREATE INDEX jwt_replay_forget ON jwt_replay(forget_after)");
            s.execute("INSERT INTO meta(key, value) VALUES ('format', '" + FORMAT + "')");
            s.execute("COMMIT");
        }
    }

    private static void verify(Connection db, Path file) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            String result = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(result)) {
                throw new DataDirectoryException("The data file " + file + " is damaged (" + firstLine(result)
                        + "). Restore it from a backup, or move it away to start empty");
            }
        }
        String format = null;
        try (Statement s = db.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'")) {
            if (rs.next() && rs.getInt(1) == 1) {
                try (ResultSet f = s.executeQuery("SELECT value FROM meta WHERE key='format'")) {
                    format = f.next() ? f.getString(1) : null;
                }
            }
        }
        if (format == null) {
            throw new DataDirectoryException("The data file " + file + " holds no baclofen-cds data (truncated or"
                    + " not ours). Restore it from a backup, or move it away to start empty");
        }
        if (!FORMAT.equals(format)) {
            throw new DataDirectoryException("The data file " + file + " has format " + format + "; this version of"
                    + " baclofen-cds reads format " + FORMAT);
        }
    }

    public Path path() {
        return dir;
    }

    /** Every stored version, in the order they were written. */
    public synchronized void forEachVersion(Consumer<StoredVersion> action) {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT type, id, version, last_updated, body FROM resource_version ORDER BY seq")) {
            while (rs.next()) {
                action.accept(new StoredVersion(
                        rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5)));
            }
            db.commit();
        } catch (SQLException e) {
            throw new DataDirectoryException(
                    "The data file in " + dir + " cannot be read: " + firstLine(e.getMessage()));
        }
    }

    /**
     * Writes the versions in one SQLite transaction and returns once it is committed and fsynced: all of them or,
     * on an exception, none.
     */
    public synchronized void append(List<StoredVersion> versions) {
        if (versions.isEmpty()) {
            return;
        }
        try {
            for (StoredVersion v : versions) {
                insertVersion.setString(1, v.type());
                insertVersion.setString(2, v.id());
                insertVersion.setLong(3, v.version());
                insertVersion.setLong(4, v.lastUpdatedMillis());
                insertVersion.setString(5, v.json());
                insertVersion.addBatch();
            }
            insertVersion.executeBatch();
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new DataDirectoryException(
                    "The data file in " + dir + " could not record the change: " + firstLine(e.getMessage()));
        }
    }

    /**
     * Records a JWT id until {@code forgetAfter}; false when it is already recorded (a replay). Committed and
     * fsynced before it answers. Expired entries are pruned as new ones come in.
     */
    public synchronized boolean firstUse(String key, Instant forgetAfter, Instant now) {
        try {
            if (++jtiInserts % 100 == 1) {
                pruneJti.setLong(1, now.toEpochMilli());
                pruneJti.executeUpdate();
                try (Statement s = db.createStatement()) {
                    // Bounded: past the limit the entries that expire first go (their tokens die soonest anyway).
                    s.executeUpdate("DELETE FROM jwt_replay WHERE key IN (SELECT key FROM jwt_replay ORDER BY"
                            + " forget_after LIMIT max(0, (SELECT count(*) FROM jwt_replay) - " + REPLAY_CACHE_MAX
                            + "))");
                }
            }
            try (PreparedStatement seen =
                    db.prepareStatement("SELECT forget_after FROM jwt_replay WHERE key = ? AND forget_after > ?")) {
                seen.setString(1, key);
                seen.setLong(2, now.toEpochMilli());
                try (ResultSet rs = seen.executeQuery()) {
                    if (rs.next()) {
                        db.commit();
                        return false;
                    }
                }
            }
            insertJti.setString(1, key);
            insertJti.setLong(2, forgetAfter.toEpochMilli());
            if (insertJti.executeUpdate() == 0) {
                // An expired entry with the same key: replace it.
                try (PreparedStatement update =
                        db.prepareStatement("UPDATE jwt_replay SET forget_after = ? WHERE key = ?")) {
                    update.setLong(1, forgetAfter.toEpochMilli());
                    update.setString(2, key);
                    update.executeUpdate();
                }
            }
            db.commit();
            return true;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new DataDirectoryException(
                    "The data file in " + dir + " could not record a JWT id: " + firstLine(e.getMessage()));
        }
    }

    /** How many JWT ids are remembered (for tests and the log). */
    public synchronized int replayCacheSize() {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM jwt_replay")) {
            int n = rs.next() ? rs.getInt(1) : 0;
            db.commit();
            return n;
        } catch (SQLException e) {
            throw new DataDirectoryException(
                    "The data file in " + dir + " cannot be read: " + firstLine(e.getMessage()));
        }
    }

    /** Checkpoints the WAL into the database file, closes it and releases the directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.commit();
            db.setAutoCommit(true);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        } catch (SQLException e) {
            // Closing still releases everything; the WAL is replayed at the next start.
        }
        closeQuietly(db);
        releaseQuietly(lock, lockChannel);
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // The connection is unusable; the next call reports it.
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing more to do
        }
    }

    private static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
