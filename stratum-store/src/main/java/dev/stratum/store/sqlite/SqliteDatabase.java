package dev.stratum.store.sqlite;

import dev.stratum.api.UnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The connections to one SQLite file: a single write connection that commits concurrent writes in groups (SQLite
 * admits one writer at a time, so queueing in Java is cheaper than spinning on SQLITE_BUSY) and a small pool of read
 * connections, which in WAL mode never wait for the writer.
 */
final class SqliteDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);
    static final int BUSY_TIMEOUT_MS = 5_000;
    private static final int READERS = 4;

    private final Path file;
    private final Connection writeConnection;
    private final GroupCommitWriter writer;
    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> readers = new ArrayList<>();

    /** A unit of work on a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private SqliteDatabase(Path file, Connection writer) {
        this.file = file;
        this.writeConnection = writer;
        this.writer = new GroupCommitWriter(file, writer);
    }

    /** Opens the write connection (which turns on WAL mode, persistently) and the read pool. */
    static SqliteDatabase open(Path file) {
        String url = url(file);
        Connection writer;
        try {
            writer = config().createConnection(url);
        } catch (SQLException e) {
            throw unavailable(file, "open the database", e);
        }
        SqliteDatabase db = new SqliteDatabase(file, writer);
        try {
            for (int i = 0; i < READERS; i++) {
                Connection reader = config().createConnection(url);
                db.readers.add(reader);
                try (Statement pragma = reader.createStatement()) {
                    pragma.execute("pragma query_only = true");
                }
                db.idleReaders.add(reader);
            }
            return db;
        } catch (SQLException e) {
            db.close();
            throw unavailable(file, "open read connections to the database", e);
        }
    }

    static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** Settings every connection gets; durability comes from WAL with synchronous=FULL (fsync on every commit). */
    static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return config;
    }

    /**
     * Runs {@code work} as one transaction (a savepoint within a group commit) on the write connection and returns
     * once it is durable; rolls it back on any failure. {@code what} completes "could not ..." in error messages.
     */
    <T> T write(String what, SqlWork<T> work) {
        return writer.write(what, work);
    }

    /** Runs {@code work} on a pooled read connection in autocommit mode. */
    <T> T read(String what, SqlWork<T> work) {
        Connection reader = borrowReader(what);
        try {
            return work.apply(reader);
        } catch (SQLException e) {
            throw unavailable(file, what, e);
        } finally {
            idleReaders.add(reader);
        }
    }

    private Connection borrowReader(String what) {
        try {
            Connection reader = idleReaders.poll(BUSY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (reader == null) {
                throw new UnavailableException("store_unavailable", "could not " + what + ": all " + READERS
                        + " read connections to " + file + " stayed busy for " + BUSY_TIMEOUT_MS
                        + " ms; the server is overloaded, retry later", null);
            }
            return reader;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("store_unavailable", "could not " + what
                    + ": interrupted while waiting for a read connection to " + file, e);
        }
    }

    /** Whether {@code e} reports SQLite's (extended) result code {@code code}, for example a foreign key violation. */
    static boolean violates(SQLException e, SQLiteErrorCode code) {
        // A failed JDBC batch reports a BatchUpdateException caused by the driver's SQLiteException.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite && sqlite.getResultCode() == code) {
                return true;
            }
        }
        return false;
    }

    Path file() {
        return file;
    }

    static UnavailableException unavailable(Path file, String what, SQLException e) {
        return new UnavailableException("store_unavailable", "could not " + what + " in the SQLite store " + file
                + ": " + e.getMessage() + ". Check that the disk has free space and that no other process holds a"
                + " lock on the database, then retry.", e);
    }

    @Override
    public void close() {
        for (Connection reader : readers) {
            closeQuietly(reader);
        }
        closeQuietly(writeConnection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Every committed transaction is in the WAL already; a failed close loses nothing but is worth a line.
            LOG.warn("closing a connection to the SQLite store failed: {}", e.getMessage(), e);
        }
    }
}
