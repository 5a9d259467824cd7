package dev.stratum.store.postgres;

import static dev.stratum.store.postgres.PostgresColumns.fromJson;
import static dev.stratum.store.postgres.PostgresColumns.getInstant;
import static dev.stratum.store.postgres.PostgresColumns.setInstant;
import static dev.stratum.store.postgres.PostgresColumns.toJson;

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

/** Tasks in the {@code tasks} table; labels and settings are jsonb documents. */
final class PostgresTaskStore implements TaskStore {
    private static final TypeReference<List<Label>> LABELS = new TypeReference<>() {};
    private static final String COLUMNS = "id, name, kind, labels, settings, created_at, updated_at, instructions";

    private final PostgresDatabase db;

    PostgresTaskStore(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public void insert(Task task) {
        db.write("store task '" + task.id() + "'", c -> {
            // "on conflict do nothing" rather than a check first: two replicas may create the same task at once.
            try (PreparedStatement insert = c.prepareStatement("insert into tasks (" + COLUMNS + ")"
                    + " values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?) on conflict (id) do nothing")) {
                insert.setString(1, task.id());
                insert.setString(2, task.name());
                insert.setString(3, task.kind().name());
                insert.setString(4, toJson(task.labels()));
                insert.setString(5, toJson(task.settings()));
                setInstant(insert, 6, task.createdAt());
                setInstant(insert, 7, task.updatedAt());
                insert.setString(8, task.instructions());
                if (insert.executeUpdate() == 0) {
                    throw new ConflictException("task_exists", "task '" + task.id() + "' already exists; choose"
                            + " another id or update it with PUT /v1/tasks/" + task.id() + "/labels");
                }
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
            // collate "C": ordered by code point, as SQLite orders, whatever the database's collation.
            try (PreparedStatement select =
                            c.prepareStatement("select " + COLUMNS + " from tasks order by id collate \"C\"");
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
            try (PreparedStatement update = c.prepareStatement("update tasks set name = ?, labels = cast(? as jsonb),"
                    + " settings = cast(? as jsonb), updated_at = ?, instructions = ? where id = ?")) {
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

    /**
     * Locks the task's row against concurrent changes of the same kind until the transaction ends; returns false
     * when there is no such task. The lock ({@code for no key update}) does not block inserts that merely reference
     * the task.
     */
    static boolean lock(Connection c, String taskId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select 1 from tasks where id = ? for no key update")) {
            select.setString(1, taskId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    static NotFoundException notFound(String taskId) {
        return new NotFoundException("task_not_found", "task '" + taskId
                + "' does not exist; list the tasks with GET /v1/tasks or create it with POST /v1/tasks");
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
