package dev.stratum.store.postgres;

import dev.stratum.api.store.ChangeFeed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed of a PostgreSQL store: the logs {@code task_changes} and {@code example_changes} (migrations V6 and
 * V1), read through the pool, and their signal, LISTEN on {@value #CHANNEL} over a connection of the feed's own that
 * is not in the pool (it stays open for the life of the process and must not take a pooled connection's place).
 *
 * <p>The triggers notify with the schema's name as payload, since several schemas may share one database; other
 * schemas' notifications are ignored. When the listening connection fails, the feed opens a new one at the next call
 * and reports a change, since notifications sent meanwhile are lost: the caller then reads the logs, which lose
 * nothing. Reads and waits come from one thread; {@link #close()} may come from another.
 */
final class PostgresChangeFeed implements ChangeFeed {
    static final String CHANNEL = "stratum_changes";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);
    /** How long a check that a quiet listening connection still works may take. */
    private static final int VALIDATION_SECONDS = 2;

    private final PostgresDatabase db;
    private volatile Connection listener;
    private String schema;
    private boolean failing;
    private volatile boolean closed;
    private final CountDownLatch closing = new CountDownLatch(1);

    PostgresChangeFeed(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public long lastTaskChange() {
        return db.read("read the task change log", c -> single(c, "select coalesce(max(seq), 0) from task_changes"));
    }

    @Override
    public List<TaskChange> taskChangesAfter(long seq, int limit) {
        return db.read("read the task change log", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "select seq, task_id from task_changes where seq > ? order by seq limit ?")) {
                select.setLong(1, seq);
                select.setInt(2, limit);
                List<TaskChange> changes = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        changes.add(new TaskChange(rows.getLong(1), rows.getString(2)));
                    }
                }
                return changes;
            }
        });
    }

    @Override
    public long lastExampleChange() {
        return db.read("read the example change log",
                c -> single(c, "select coalesce(max(seq), 0) from example_changes"));
    }

    @Override
    public List<ExampleChange> exampleChangesAfter(long seq, int limit) {
        return db.read("read the example change log", c -> {
            // The example's columns keep their names, so ExampleRows reads them; an insert whose example is gone
            // finds no row (ids are never reused).
            try (PreparedStatement select = c.prepareStatement("select l.seq, l.change, l.task_id as change_task,"
                    + " l.example_id, e.id, e.task_id, e.text, e.label, e.source, e.prediction_id, e.created_at"
                    + " from example_changes l left join examples e on l.change = 'insert' and e.id = l.example_id"
                    + " where l.seq > ? order by l.seq limit ?")) {
                select.setLong(1, seq);
                select.setInt(2, limit);
                List<ExampleChange> changes = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        boolean deleted = rows.getString("change").equals("delete");
                        rows.getLong("id");
                        boolean exists = !rows.wasNull();
                        changes.add(new ExampleChange(rows.getLong("seq"), rows.getString("change_task"),
                                rows.getLong("example_id"), deleted, exists ? ExampleRows.read(rows) : null));
                    }
                }
                return changes;
            }
        });
    }

    @Override
    public boolean awaitChange(Duration timeout) throws InterruptedException {
        long millis = Math.max(1, timeout.toMillis());
        if (closed) {
            throw new IllegalStateException("the change feed of the PostgreSQL store at " + db.config().target()
                    + " is closed");
        }
        Connection c = listener; // close() from another thread may clear the field meanwhile
        if (c == null) {
            if (listen()) {
                return true;
            }
            // The database is away: wait as long as a notification would have been waited for, then try again.
            closing.await(millis, TimeUnit.MILLISECONDS);
            return false;
        }
        try {
            PGNotification[] notifications = c.unwrap(PGConnection.class).getNotifications((int) Math.min(
                    Integer.MAX_VALUE, millis));
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for notifications");
            }
            if (notifications != null && notifications.length > 0) {
                for (PGNotification notification : notifications) {
                    if (schema.equals(notification.getParameter())) {
                        return true;
                    }
                }
                return false;
            }
            // Nothing came: make sure that is because nothing happened, not because the connection died quietly.
            if (!c.isValid(VALIDATION_SECONDS)) {
                lost(null);
                return true;
            }
            return false;
        } catch (SQLException e) {
            lost(e);
            return true;
        }
    }

    /** Opens the listening connection; false when the database cannot be reached now. */
    private boolean listen() {
        Connection c = null;
        try {
            c = db.unpooledDataSource().getConnection();
            if (db.config().schema() != null) {
                c.setSchema(db.config().schema());
            }
            try (Statement statement = c.createStatement()) {
                statement.execute("listen " + CHANNEL);
                try (ResultSet rows = statement.executeQuery("select current_schema()")) {
                    rows.next();
                    schema = rows.getString(1);
                }
            }
            listener = c;
            if (closed) {
                close();
                return false;
            }
            if (failing) {
                LOG.info("listening for changes in the PostgreSQL store at {} again", db.config().target());
                failing = false;
            }
            return true;
        } catch (SQLException e) {
            closeQuietly(c);
            if (!failing) {
                LOG.warn("cannot listen for changes in the PostgreSQL store at {}: {}; retrying, and reading the"
                        + " change logs when it is back", db.config().target(), e.getMessage());
                failing = true;
            }
            return false;
        }
    }

    private void lost(SQLException e) {
        if (closed) {
            return; // close() shut the connection under a waiting call
        }
        LOG.warn("lost the connection that listens for changes in the PostgreSQL store at {}{}; reconnecting",
                db.config().target(), e == null ? "" : ": " + e.getMessage());
        failing = true;
        closeQuietly(listener);
        listener = null;
    }

    @Override
    public boolean isListening() {
        return listener != null;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement select = c.createStatement(); ResultSet rows = select.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // A broken connection may fail to close; the server drops its session when the socket goes.
            LOG.debug("closing a broken listening connection failed", e);
        }
    }

    /** Closes the listening connection; a call waiting on it returns. Safe from any thread. */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        closeQuietly(listener);
        listener = null;
    }
}
