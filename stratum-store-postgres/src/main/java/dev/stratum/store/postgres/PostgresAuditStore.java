package dev.stratum.store.postgres;

import dev.stratum.api.audit.AuditEntry;
import dev.stratum.api.store.AuditStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit log in the {@code audit_log} table. Several processes write one database, so an append first takes the
 * table's EXCLUSIVE lock (readers go on; the next writer waits for the commit) and only then reads the last entry:
 * the chain stays linear, and the primary key on {@code seq} would refuse a fork anyway.
 */
final class PostgresAuditStore implements AuditStore {
    private static final String COLUMNS = "seq, at, actor, action, subject, details, previous_hash, hash";

    private final PostgresDatabase db;

    PostgresAuditStore(PostgresDatabase db) {
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
        try (Statement lock = c.createStatement()) {
            lock.execute("lock table audit_log in exclusive mode");
        }
        AuditEntry entry = AuditEntry.next(last(c).orElse(null), at, actor, action, subject, details);
        try (PreparedStatement insert = c.prepareStatement("insert into audit_log (" + COLUMNS + ")"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, entry.seq());
            insert.setLong(2, entry.at().toEpochMilli());
            insert.setString(3, entry.actor());
            insert.setString(4, entry.action());
            insert.setString(5, entry.subject());
            insert.setString(6, entry.details());
            insert.setString(7, entry.previousHash());
            insert.setString(8, entry.hash());
            insert.executeUpdate();
        }
        return entry;
    }

    @Override
    public List<AuditEntry> entries(long afterSeq, int limit) {
        return db.read("read the audit log", c -> {
            try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from audit_log where seq > ?"
                    + " order by seq limit ?")) {
                select.setLong(1, afterSeq);
                select.setInt(2, limit);
                return rows(select);
            }
        });
    }

    @Override
    public Optional<AuditEntry> last() {
        return db.read("read the audit log's last entry", PostgresAuditStore::last);
    }

    private static Optional<AuditEntry> last(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from audit_log"
                + " order by seq desc limit 1")) {
            List<AuditEntry> last = rows(select);
            return last.isEmpty() ? Optional.empty() : Optional.of(last.getFirst());
        }
    }

    private static List<AuditEntry> rows(PreparedStatement select) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                entries.add(new AuditEntry(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                        rows.getString(8)));
            }
        }
        return entries;
    }
}
