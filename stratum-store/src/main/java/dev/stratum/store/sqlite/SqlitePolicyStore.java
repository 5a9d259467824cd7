package dev.stratum.store.sqlite;

import static dev.stratum.store.sqlite.ColumnCodec.getInstant;
import static dev.stratum.store.sqlite.ColumnCodec.setInstant;
import static dev.stratum.store.sqlite.ColumnCodec.toJson;

import dev.stratum.api.NotFoundException;
import dev.stratum.api.audit.Actor;
import dev.stratum.api.store.PolicyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Versioned ODD policy documents in the {@code odd_policies} table. */
final class SqlitePolicyStore implements PolicyStore {
    private final SqliteDatabase db;

    SqlitePolicyStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public StoredPolicy save(String taskId, String json, String author, Instant at) {
        return db.write("store the policy of task '" + taskId + "'", c -> {
            int version;
            try (PreparedStatement max = c.prepareStatement(
                    "select coalesce(max(version), 0) from odd_policies where task_id = ?")) {
                max.setString(1, taskId);
                try (ResultSet rows = max.executeQuery()) {
                    version = (rows.next() ? rows.getInt(1) : 0) + 1;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into odd_policies (task_id, version, policy, author, created_at) values (?, ?, ?, ?, ?)")) {
                insert.setString(1, taskId);
                insert.setInt(2, version);
                insert.setString(3, json);
                insert.setString(4, author);
                setInstant(insert, 5, at);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqliteDatabase.violates(e, org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY)) {
                    throw new NotFoundException("task_not_found", "task '" + taskId + "' does not exist");
                }
                throw e;
            }
            SqliteAuditStore.append(c, at, author == null ? Actor.SYSTEM : author, "policy.set", taskId,
                    toJson(Map.of("version", version)));
            return new StoredPolicy(taskId, version, json, author, at);
        });
    }

    @Override
    public Optional<StoredPolicy> current(String taskId) {
        List<StoredPolicy> versions = query(taskId, 1);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getFirst());
    }

    @Override
    public List<StoredPolicy> history(String taskId) {
        return query(taskId, Integer.MAX_VALUE);
    }

    private List<StoredPolicy> query(String taskId, int limit) {
        return db.read("read the policy of task '" + taskId + "'", c -> {
            try (PreparedStatement select = c.prepareStatement("select task_id, version, policy, author, created_at"
                    + " from odd_policies where task_id = ? order by version desc limit ?")) {
                select.setString(1, taskId);
                select.setInt(2, limit);
                List<StoredPolicy> policies = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        policies.add(new StoredPolicy(rows.getString(1), rows.getInt(2), rows.getString(3),
                                rows.getString(4), getInstant(rows, "created_at")));
                    }
                }
                return policies;
            }
        });
    }
}
