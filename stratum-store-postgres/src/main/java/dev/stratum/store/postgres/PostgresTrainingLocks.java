package dev.stratum.store.postgres;

import dev.stratum.api.ConflictException;
import dev.stratum.api.store.TrainingLocks;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training locks as PostgreSQL session advisory locks, keyed by schema and task: a lease holds a connection of its
 * own (outside the pool, which a training of minutes must not hold a place of) whose session owns the lock. When the
 * process dies, its session ends and PostgreSQL releases the lock, so no lock outlives its holder. The session's
 * {@code application_name} says which process trains, so the error a second process gets can say who holds it.
 */
final class PostgresTrainingLocks implements TrainingLocks {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresTrainingLocks.class);
    /** The first key of every Stratum training lock; the second is the hash of schema and task. */
    private static final String KEY = "hashtext('stratum training'), hashtext(current_schema() || '/' || ?)";

    private final PostgresDatabase db;

    PostgresTrainingLocks(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public Lease acquire(String taskId) {
        Connection c = null;
        try {
            c = db.unpooledDataSource().getConnection();
            c.setClientInfo("ApplicationName", holderName(taskId));
            if (db.config().schema() != null) {
                c.setSchema(db.config().schema());
            }
            if (!tryLock(c, taskId)) {
                String holder = holder(c, taskId);
                close(c);
                throw new ConflictException("training_in_progress", "task '" + taskId + "' is being trained by"
                        + " another process" + holder + "; this training does not wait for it. Its new version will"
                        + " be in the task's models when it finishes; train again after that if you still need to.");
            }
            Connection held = c;
            AtomicBoolean released = new AtomicBoolean();
            return () -> {
                if (released.compareAndSet(false, true)) {
                    close(held); // ending the session releases the lock
                }
            };
        } catch (SQLException e) {
            close(c);
            throw db.unavailable("take the training lock of task '" + taskId + "'", e);
        }
    }

    private static boolean tryLock(Connection c, String taskId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_lock(" + KEY + ")")) {
            lock.setString(1, taskId);
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /** ", held by ... since ...", or nothing when the holder cannot be seen (another role's session, say). */
    private static String holder(Connection c, String taskId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select a.pid, a.application_name, a.client_addr,"
                + " a.backend_start from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                + " where l.locktype = 'advisory' and l.granted and l.classid::int = hashtext('stratum training')"
                + " and l.objid::int = hashtext(current_schema() || '/' || ?) and l.objsubid = 2")) {
            select.setString(1, taskId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return "";
                }
                String name = rows.getString("application_name");
                String address = rows.getString("client_addr");
                return " (" + (name == null || name.isBlank() ? "PostgreSQL session " + rows.getInt("pid")
                        : "'" + name + "', PostgreSQL session " + rows.getInt("pid"))
                        + (address == null ? "" : " from " + address)
                        + ", connected since " + rows.getTimestamp("backend_start").toInstant() + ")";
            }
        }
    }

    /** What the lock's session calls itself: the task, and this process's id and host. */
    private static String holderName(String taskId) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown host";
        }
        String name = "stratum training " + taskId + " (pid " + ProcessHandle.current().pid() + " on " + host + ")";
        // PostgreSQL keeps the first 63 bytes of an application name.
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private static void close(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // The session is gone either way, and with it the lock.
            LOG.debug("closing a training lock's connection failed", e);
        }
    }
}
