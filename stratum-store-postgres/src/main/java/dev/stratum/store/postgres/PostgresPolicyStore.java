package dev.stratum.store.postgres;

import static dev.stratum.store.postgres.PostgresColumns.getInstant;
import static dev.stratum.store.postgres.PostgresColumns.setInstant;
import static dev.stratum.store.postgres.PostgresColumns.toJson;

import dev.stratum.api.audit.Actor;
import dev.stratum.api.store.PolicyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Versioned ODD policy documents in the {@code odd_policies} table. Saving locks the task's row, so that two replicas
 * saving at once get consecutive versions instead of colliding on the same one.
 */
final class PostgresPolicyStore implements PolicyStore {
    private final PostgresDatabase db;

    PostgresPolicyStore(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public StoredPolicy save(String taskId, String json, String author, Instant at) {
        return db.write("store the policy of task '" + taskId + "'", c -> {
            if (!PostgresTaskStore.lock(c, taskId)) {
                throw PostgresTaskStore.notFound(taskId);
            }
            try (PreparedStatement insert = c.prepareStatement("insert into odd_policies"
                    + " (task_id, version, policy, author, created_at) select ?,"
                    + " coalesce(max(version), 0) + 1, ?, ?, ? from odd_policies where task_id = ? returning version")) {
                insert.setString(1, taskId);
                insert.setString(2, json);
                insert.setString(3, author);
                setInstant(insert, 4, at);
                insert.setString(5, taskId);
                int version;
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    version = rows.getInt(1);
                }
                PostgresAuditStore.append(c, at == null ? Instant.now() : at, author == null ? Actor.SYSTEM : author, "policy.set", taskId,
                        toJson(Map.of("version", version)));
                Instant stored = at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
                return new StoredPolicy(taskId, version, json, author, stored);
            }
        });
    }

    @Override
    public Optional<StoredPolicy> current(String taskId) {
        return query(taskId, 1).stream().findFirst();
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
