package dev.stratum.store.sqlite;

import static dev.stratum.store.sqlite.ColumnCodec.fromJson;
import static dev.stratum.store.sqlite.ColumnCodec.getInstant;
import static dev.stratum.store.sqlite.ColumnCodec.setInstant;
import static dev.stratum.store.sqlite.ColumnCodec.toJson;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stratum.api.ConflictException;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Provenance;
import dev.stratum.api.store.ModelStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;

/**
 * Model versions in the {@code model_versions} table. Artifacts live in the same row but are read only by
 * {@link #artifact}, so listing versions stays cheap however large the models are.
 */
final class SqliteModelStore implements ModelStore {
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {};
    private static final String COLUMNS = "id, task_id, version, kind, is_current, created_at, provenance, metrics";

    private final SqliteDatabase db;

    SqliteModelStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public void insert(ModelVersion version, byte[] artifact, String calibration) {
        db.write("store model version '" + version.id() + "'", c -> {
            if (version.current()) {
                clearCurrent(c, version.taskId());
            }
            try (PreparedStatement insert = c.prepareStatement("insert into model_versions (" + COLUMNS
                    + ", artifact, calibration) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, version.id());
                insert.setString(2, version.taskId());
                insert.setInt(3, version.version());
                insert.setString(4, version.kind());
                insert.setInt(5, version.current() ? 1 : 0);
                setInstant(insert, 6, version.createdAt());
                insert.setString(7, version.provenance() == null ? null : toJson(version.provenance()));
                insert.setString(8, toJson(version.metrics()));
                insert.setBytes(9, artifact);
                insert.setString(10, calibration);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqliteDatabase.violates(e, SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY)) {
                    throw SqliteTaskStore.notFound(version.taskId());
                }
                if (SqliteDatabase.violates(e, SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)
                        || SqliteDatabase.violates(e, SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)) {
                    throw new ConflictException("model_version_exists", "model version '" + version.id()
                            + "' (version " + version.version() + " of task '" + version.taskId()
                            + "') is already stored; give the new version the next number");
                }
                throw e;
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
                c -> select(c, "where task_id = ? and is_current = 1", taskId).stream().findFirst());
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
        return db.read("read the ODD calibration of model version '" + versionId + "'", c -> {
            try (PreparedStatement select =
                    c.prepareStatement("select calibration from model_versions where id = ?")) {
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
            if (select(c, "where task_id = ? and id = ?", taskId, versionId).isEmpty()) {
                throw new NotFoundException("model_version_not_found", "model version '" + versionId
                        + "' does not exist for task '" + taskId + "'; pick one of the task's listed model versions");
            }
            clearCurrent(c, taskId);
            try (PreparedStatement update =
                    c.prepareStatement("update model_versions set is_current = 1 where id = ?")) {
                update.setString(1, versionId);
                update.executeUpdate();
            }
            return null;
        });
    }

    private static void clearCurrent(Connection c, String taskId) throws SQLException {
        try (PreparedStatement clear = c.prepareStatement(
                "update model_versions set is_current = 0 where task_id = ? and is_current = 1")) {
            clear.setString(1, taskId);
            clear.executeUpdate();
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
                            rows.getInt("version"), rows.getString("kind"), rows.getInt("is_current") == 1,
                            getInstant(rows, "created_at"), fromJson(rows.getString("provenance"), Provenance.class),
                            fromJson(rows.getString("metrics"), METRICS)));
                }
            }
            return versions;
        }
    }
}
