package dev.stratum.store.postgres;

import static dev.stratum.store.postgres.PostgresColumns.fromJson;
import static dev.stratum.store.postgres.PostgresColumns.getInstant;
import static dev.stratum.store.postgres.PostgresColumns.setInstant;
import static dev.stratum.store.postgres.PostgresColumns.toJson;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stratum.api.ConflictException;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Provenance;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.lifecycle.StateChange;
import dev.stratum.api.store.ModelStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Model versions in the {@code model_versions} table, their changes of state in {@code model_state_changes}. Artifacts
 * live in the same row but are read only by {@link #artifact}, so listing versions stays cheap however large the
 * models are. Changes of a task's versions lock the task's row first, so that two replicas promoting at once take
 * turns instead of colliding on the one-current-version index.
 */
final class PostgresModelStore implements ModelStore {
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, task_id, version, kind, is_current, created_at, provenance, metrics, state";

    private final PostgresDatabase db;
    private final Clock clock;

    PostgresModelStore(PostgresDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void insert(ModelVersion version, byte[] artifact, String calibration, String gateReport) {
        db.write("store model version '" + version.id() + "'", c -> {
            if (!PostgresTaskStore.lock(c, version.taskId())) {
                throw PostgresTaskStore.notFound(version.taskId());
            }
            if (version.current()) {
                retireCurrent(c, version.taskId(), "replaced by " + version.id(), version.createdAt());
            }
            try (PreparedStatement insert = c.prepareStatement("insert into model_versions (" + COLUMNS
                    + ", artifact, calibration, gate_report) values (?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?)")) {
                insert.setString(1, version.id());
                insert.setString(2, version.taskId());
                insert.setInt(3, version.version());
                insert.setString(4, version.kind());
                insert.setBoolean(5, version.current());
                setInstant(insert, 6, version.createdAt());
                insert.setString(7, version.provenance() == null ? null : toJson(version.provenance()));
                insert.setString(8, toJson(version.metrics()));
                insert.setString(9, version.state().wireName());
                insert.setBytes(10, artifact);
                insert.setString(11, calibration);
                insert.setString(12, gateReport);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (PostgresDatabase.UNIQUE_VIOLATION.equals(PostgresDatabase.sqlState(e))) {
                    throw new ConflictException("model_version_exists", "model version '" + version.id()
                            + "' (version " + version.version() + " of task '" + version.taskId()
                            + "') is already stored; give the new version the next number");
                }
                throw e;
            }
            if (version.state() != ModelState.CANDIDATE) {
                appendHistory(c, new StateChange(version.id(), ModelState.CANDIDATE, version.state(), STORE_ACTOR,
                        "registered as " + version.state().wireName(), version.createdAt()));
            }
            return null;
        });
    }

    @Override
    public List<ModelVersion> list(String taskId) {
        return db.read("list model versions of task '" + taskId + "'",
                c -> select(c, "where task_id = ? order by version desc", taskId));
    }

    @Override
    public Optional<ModelVersion> find(String versionId) {
        return db.read("read model version '" + versionId + "'",
                c -> select(c, "where id = ?", versionId).stream().findFirst());
    }

    @Override
    public Optional<ModelVersion> current(String taskId) {
        return db.read("read the current model of task '" + taskId + "'",
                c -> select(c, "where task_id = ? and is_current", taskId).stream().findFirst());
    }

    @Override
    public byte[] artifact(String versionId) {
        return db.read("read the artifact of model version '" + versionId + "'", c -> {
            try (PreparedStatement select = c.prepareStatement("select artifact from model_versions where id = ?")) {
                select.setString(1, versionId);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw notFound(versionId);
                    }
                    return rows.getBytes(1);
                }
            }
        });
    }

    @Override
    public Optional<String> calibration(String versionId) {
        return document("calibration", "read the ODD calibration of model version '" + versionId + "'", versionId);
    }

    @Override
    public Optional<String> gateReport(String versionId) {
        return document("gate_report", "read the gate report of model version '" + versionId + "'", versionId);
    }

    private Optional<String> document(String column, String what, String versionId) {
        return db.read(what, c -> {
            try (PreparedStatement select =
                    c.prepareStatement("select " + column + " from model_versions where id = ?")) {
                select.setString(1, versionId);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw notFound(versionId);
                    }
                    return Optional.ofNullable(rows.getString(1));
                }
            }
        });
    }

    @Override
    public void setCurrent(String taskId, String versionId) {
        db.write("make model version '" + versionId + "' current", c -> {
            if (!PostgresTaskStore.lock(c, taskId)) {
                throw PostgresTaskStore.notFound(taskId);
            }
            List<ModelVersion> found = select(c, "where task_id = ? and id = ?", taskId, versionId);
            if (found.isEmpty()) {
                throw new NotFoundException("model_version_not_found", "model version '" + versionId
                        + "' does not exist for task '" + taskId + "'; pick one of the task's listed model versions");
            }
            if (found.get(0).current()) {
                return null;
            }
            Instant now = clock.instant();
            retireCurrent(c, taskId, "replaced by " + versionId, now);
            apply(c, new StateChange(versionId, found.get(0).state(), ModelState.PRODUCTION, STORE_ACTOR,
                    "made current", now));
            return null;
        });
    }

    @Override
    public void changeStates(List<StateChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        db.write("change the state of model versions " + changes.stream().map(StateChange::versionId).distinct()
                .toList(), c -> {
            lockTasksOf(c, changes);
            for (StateChange change : changes) {
                apply(c, change);
            }
            return null;
        });
    }

    @Override
    public List<StateChange> history(String versionId) {
        return db.read("read the history of model version '" + versionId + "'", c -> {
            if (select(c, "where id = ?", versionId).isEmpty()) {
                throw notFound(versionId);
            }
            try (PreparedStatement select = c.prepareStatement("select from_state, to_state, actor, reason,"
                    + " changed_at from model_state_changes where version_id = ? order by id")) {
                select.setString(1, versionId);
                List<StateChange> history = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        history.add(new StateChange(versionId, ModelState.parse(rows.getString(1)),
                                ModelState.parse(rows.getString(2)), rows.getString(3), rows.getString(4),
                                getInstant(rows, "changed_at")));
                    }
                }
                return history;
            }
        });
    }

    /** Locks the rows of the tasks whose versions change, in id order, so that replicas take turns. */
    private static void lockTasksOf(Connection c, List<StateChange> changes) throws SQLException {
        List<String> versionIds = changes.stream().map(StateChange::versionId).distinct().toList();
        SortedSet<String> taskIds = new TreeSet<>();
        for (String versionId : versionIds) {
            select(c, "where id = ?", versionId).forEach(v -> taskIds.add(v.taskId()));
        }
        for (String taskId : taskIds) {
            PostgresTaskStore.lock(c, taskId);
        }
    }

    /** Moves one version, if it is in the change's {@code from} state, and records the move. */
    private static void apply(Connection c, StateChange change) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update model_versions set state = ?, is_current = ? where id = ? and state = ?")) {
            update.setString(1, change.to().wireName());
            update.setBoolean(2, change.to() == ModelState.PRODUCTION);
            update.setString(3, change.versionId());
            update.setString(4, change.from().wireName());
            if (update.executeUpdate() == 0) {
                throw stateMoved(c, change);
            }
        } catch (SQLException e) {
            if (PostgresDatabase.UNIQUE_VIOLATION.equals(PostgresDatabase.sqlState(e))) {
                throw new ConflictException("model_state_conflict", "version " + change.versionId() + " cannot"
                        + " become production while another version of its task still is; retire that one first,"
                        + " in the same call");
            }
            throw e;
        }
        appendHistory(c, change);
    }

    private static RuntimeException stateMoved(Connection c, StateChange change) throws SQLException {
        List<ModelVersion> found = select(c, "where id = ?", change.versionId());
        if (found.isEmpty()) {
            return notFound(change.versionId());
        }
        return new ConflictException("model_state_changed", "version " + change.versionId() + " is "
                + found.get(0).state().wireName() + ", not " + change.from().wireName() + " as the change to "
                + change.to().wireName() + " expected; someone else changed it meanwhile; read it again and retry");
    }

    private static void appendHistory(Connection c, StateChange change) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into model_state_changes (version_id, from_state,"
                + " to_state, actor, reason, changed_at) values (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, change.versionId());
            insert.setString(2, change.from().wireName());
            insert.setString(3, change.to().wireName());
            insert.setString(4, change.actor());
            insert.setString(5, change.reason());
            setInstant(insert, 6, change.time());
            insert.executeUpdate();
        }
        // Every change of state is audited in the transaction that makes it, whoever made it.
        PostgresAuditStore.append(c, change.time(), change.actor(), "model.state", change.versionId(), toJson(new TreeMap<>(
                Map.of("from", change.from().wireName(), "to", change.to().wireName(), "reason", change.reason()))));
    }

    /** Retires the task's current version, if it has one, recording why. */
    private static void retireCurrent(Connection c, String taskId, String reason, Instant time) throws SQLException {
        for (ModelVersion current : select(c, "where task_id = ? and is_current", taskId)) {
            apply(c, new StateChange(current.id(), current.state(), ModelState.RETIRED, STORE_ACTOR, reason, time));
        }
    }

    private static NotFoundException notFound(String versionId) {
        return new NotFoundException("model_version_not_found",
                "model version '" + versionId + "' does not exist; pick one of the task's listed model versions");
    }

    private static List<ModelVersion> select(Connection c, String where, String... params) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from model_versions " + where)) {
            for (int i = 0; i < params.length; i++) {
                select.setString(i + 1, params[i]);
            }
            List<ModelVersion> versions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    versions.add(new ModelVersion(rows.getString("id"), rows.getString("task_id"),
                            rows.getInt("version"), rows.getString("kind"), rows.getBoolean("is_current"),
                            getInstant(rows, "created_at"), fromJson(rows.getString("provenance"), Provenance.class),
                            fromJson(rows.getString("metrics"), METRICS), ModelState.parse(rows.getString("state"))));
                }
            }
            return versions;
        }
    }

    @Override
    public void saveTrialStats(String versionId, String kind, String stats, Instant at) {
        db.write("save the live statistics (" + kind + ") of model version '" + versionId + "'", c -> {
            try (PreparedStatement upsert = c.prepareStatement("insert into model_trial_stats (version_id, kind,"
                    + " stats, updated_at) values (?, ?, ?, ?) on conflict (version_id, kind) do update set stats ="
                    + " excluded.stats, updated_at = excluded.updated_at")) {
                upsert.setString(1, versionId);
                upsert.setString(2, kind);
                upsert.setString(3, stats);
                setInstant(upsert, 4, at);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<String> trialStats(String versionId, String kind) {
        return db.read("read the live statistics (" + kind + ") of model version '" + versionId + "'", c -> {
            try (PreparedStatement select = c.prepareStatement("select stats from model_trial_stats where"
                    + " version_id = ? and kind = ?")) {
                select.setString(1, versionId);
                select.setString(2, kind);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }
}
