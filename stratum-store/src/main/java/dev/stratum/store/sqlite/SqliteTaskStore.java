package dev.stratum.store.sqlite;

import static dev.stratum.store.sqlite.ColumnCodec.fromJson;
import static dev.stratum.store.sqlite.ColumnCodec.getInstant;
import static dev.stratum.store.sqlite.ColumnCodec.setInstant;
import static dev.stratum.store.sqlite.ColumnCodec.toJson;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stratum.api.ConflictException;
import dev.stratum.api.Label;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.store.TaskStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tasks in the {@code tasks} table; labels and settings are JSON documents. */
final class SqliteTaskStore implements TaskStore {
    private static final TypeReference<List<Label>> LABELS = new TypeReference<>() {};
    private static final String COLUMNS = "id, name, kind, labels, settings, created_at, updated_at, instructions";

    private final SqliteDatabase db;

    SqliteTaskStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public void insert(Task task) {
        db.write("store task '" + task.id() + "'", c -> {
            try (PreparedStatement exists = c.prepareStatement("select 1 from tasks where id = ?")) {
                exists.setString(1, task.id());
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        throw new ConflictException("task_exists", "task '" + task.id() + "' already exists; choose"
                                + " another id or update it with PUT /v1/tasks/" + task.id() + "/labels");
                    }
                }
            }
            try (PreparedStatement insert =
                    c.prepareStatement("insert into tasks (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, task.id());
                insert.setString(2, task.name());
                insert.setString(3, task.kind().name());
                insert.setString(4, toJson(task.labels()));
                insert.setString(5, toJson(task.settings()));
                setInstant(insert, 6, task.createdAt());
                setInstant(insert, 7, task.updatedAt());
                insert.setString(8, task.instructions());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Task> find(String id) {
        return db.read("read task '" + id + "'", c -> {
            try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from tasks where id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(task(rows)) : Optional.<Task>empty();
                }
            }
        });
    }

    @Override
    public List<Task> list() {
        return db.read("list tasks", c -> {
            try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from tasks order by id");
                    ResultSet rows = select.executeQuery()) {
                List<Task> tasks = new ArrayList<>();
                while (rows.next()) {
                    tasks.add(task(rows));
                }
                return tasks;
            }
        });
    }

    @Override
    public void update(Task task) {
        db.write("update task '" + task.id() + "'", c -> {
            try (PreparedStatement update = c.prepareStatement("update tasks set name = ?, labels = ?, settings = ?,"
                    + " updated_at = ?, instructions = ? where id = ?")) {
                update.setString(1, task.name());
                update.setString(2, toJson(task.labels()));
                update.setString(3, toJson(task.settings()));
                setInstant(update, 4, task.updatedAt());
                update.setString(5, task.instructions());
                update.setString(6, task.id());
                if (update.executeUpdate() == 0) {
                    throw notFound(task.id());
                }
            }
            return null;
        });
    }

    /** Throws {@link #notFound} unless the task exists, as seen by {@code c}. */
    static void requireExists(Connection c, String taskId) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("select 1 from tasks where id = ?")) {
            exists.setString(1, taskId);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    throw notFound(taskId);
                }
            }
        }
    }

    static NotFoundException notFound(String taskId) {
        return new NotFoundException("task_not_found",
                "task '" + taskId + "' does not exist; list the tasks with GET /v1/tasks or create it with POST /v1/tasks");
    }

    private static Task task(ResultSet rows) throws SQLException {
        return new Task(
                rows.getString("id"),
                rows.getString("name"),
                TaskKind.valueOf(rows.getString("kind")),
                fromJson(rows.getString("labels"), LABELS),
                fromJson(rows.getString("settings"), TaskSettings.class),
                getInstant(rows, "created_at"),
                getInstant(rows, "updated_at"),
                rows.getString("instructions"));
    }
}
