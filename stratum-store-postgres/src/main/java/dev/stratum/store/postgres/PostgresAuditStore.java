package dev.stratum.store.postgres;

import dev.stratum.api.audit.AuditEntry;
import dev.stratum.api.store.AuditStore;
import dev.stratum.store.jdbc.AuditLogTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audit log ({@link AuditLogTable}). Several processes write one database, so an append first takes the table's
 * EXCLUSIVE lock (readers go on; the next writer waits for the commit) and only then reads the last entry: the chain
 * stays linear, and the primary key on {@code seq} would refuse a fork anyway.
 */
final class PostgresAuditStore implements AuditStore {
    private final PostgresDatabase db;

    PostgresAuditStore(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public AuditEntry append(Instant at, String actor, String action, String subject, String details) {
        return db.write("append '" + action + "' to the audit log", c -> append(c, at, actor, action, subject,
                details));
    }

    /** Appends inside the caller's transaction, so that an audited change and its entry commit together. */
    static AuditEntry append(Connection c, Instant at, String actor, String action, String subject, String details)
            throws SQLException {
        try (Statement lock = c.createStatement()) {
            lock.execute("lock table audit_log in exclusive mode");
        }
        return AuditLogTable.append(c, at, actor, action, subject, details);
    }

    @Override
    public List<AuditEntry> entries(long afterSeq, int limit) {
        return db.read("read the audit log", c -> AuditLogTable.entries(c, afterSeq, limit));
    }

    @Override
    public Optional<AuditEntry> last() {
        return db.read("read the audit log's last entry", AuditLogTable::last);
    }
}
