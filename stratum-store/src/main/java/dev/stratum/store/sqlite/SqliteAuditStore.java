package dev.stratum.store.sqlite;

import dev.stratum.api.audit.AuditEntry;
import dev.stratum.api.store.AuditStore;
import dev.stratum.store.jdbc.AuditLogTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audit log ({@link AuditLogTable}). SQLite has one writer at a time, so reading the last entry and writing the
 * next in one write transaction keeps the chain linear.
 */
final class SqliteAuditStore implements AuditStore {
    private final SqliteDatabase db;

    SqliteAuditStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public AuditEntry append(Instant at, String actor, String action, String subject, String details) {
        return db.write("append '" + action + "' to the audit log", c -> append(c, at, actor, action, subject,
                details));
    }

    /** Appends inside the caller's write transaction, so that an audited change and its entry commit together. */
    static AuditEntry append(Connection c, Instant at, String actor, String action, String subject, String details)
            throws SQLException {
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
