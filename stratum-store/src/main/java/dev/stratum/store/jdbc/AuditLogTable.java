package dev.stratum.store.jdbc;

import dev.stratum.api.audit.AuditEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code audit_log} table (migration V10 of both backends), on the caller's connection. The caller makes appends
 * exclusive: one writer at a time reads the last entry and writes the next in one transaction.
 */
public final class AuditLogTable {
    private static final String COLUMNS = "seq, at, actor, action, subject, details, previous_hash, hash";

    private AuditLogTable() {}

    /** Appends the entry that follows the last one, inside the caller's (exclusive) transaction. */
    public static AuditEntry append(Connection c, Instant at, String actor, String action, String subject,
            String details) throws SQLException {
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

    /** Up to {@code limit} entries with a sequence number above {@code afterSeq}, in order. */
    public static List<AuditEntry> entries(Connection c, long afterSeq, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from audit_log where seq > ?"
                + " order by seq limit ?")) {
            select.setLong(1, afterSeq);
            select.setInt(2, limit);
            return rows(select);
        }
    }

    public static Optional<AuditEntry> last(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from audit_log"
                + " order by seq desc limit 1")) {
            return rows(select).stream().findFirst();
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
