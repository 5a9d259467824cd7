package dev.stratum.store.postgres;

import dev.stratum.api.Example;
import dev.stratum.api.ExamplePage;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.store.ExampleStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Validated examples in the {@code examples} table; ids come from its identity sequence and are never reused. */
final class PostgresExampleStore implements ExampleStore {
    private final PostgresDatabase db;
    private final Clock clock;

    PostgresExampleStore(PostgresDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public List<Example> insertAll(List<Example> examples) {
        if (examples.isEmpty()) {
            return List.of();
        }
        return db.write("store " + examples.size() + " examples of task '" + examples.getFirst().taskId() + "'",
                c -> ExampleRows.insert(c, examples, clock));
    }

    @Override
    public Optional<Example> find(String taskId, long id) {
        return db.read("read example " + id + " of task '" + taskId + "'",
                c -> ExampleRows.select(c, "where task_id = ? and id = ?", taskId, id).stream().findFirst());
    }

    @Override
    public ExamplePage page(String taskId, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new InvalidRequestException("invalid_page",
                    "offset and limit must not be negative, got offset=" + offset + " and limit=" + limit);
        }
        return db.read("read examples of task '" + taskId + "'", c -> {
            List<Example> items =
                    ExampleRows.select(c, "where task_id = ? order by id limit ? offset ?", taskId, limit, offset);
            return new ExamplePage(items, offset, limit, count(c, taskId, 0));
        });
    }

    @Override
    public List<Example> all(String taskId) {
        return db.read("read examples of task '" + taskId + "'",
                c -> ExampleRows.select(c, "where task_id = ? order by id", taskId));
    }

    @Override
    public boolean delete(String taskId, long id) {
        return db.write("delete example " + id + " of task '" + taskId + "'", c -> {
            ExampleRows.lockChanges(c);
            try (PreparedStatement delete = c.prepareStatement("delete from examples where task_id = ? and id = ?")) {
                delete.setString(1, taskId);
                delete.setLong(2, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public long count(String taskId) {
        return db.read("count examples of task '" + taskId + "'", c -> count(c, taskId, 0));
    }

    @Override
    public long countAfter(String taskId, long exampleId) {
        return db.read("count examples of task '" + taskId + "'", c -> count(c, taskId, exampleId));
    }

    @Override
    public long maxId(String taskId) {
        return db.read("read the newest example of task '" + taskId + "'", c -> {
            try (PreparedStatement max =
                    c.prepareStatement("select coalesce(max(id), 0) from examples where task_id = ?")) {
                max.setString(1, taskId);
                try (ResultSet rows = max.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public List<String> labelsInUse(String taskId) {
        return db.read("read the labels of task '" + taskId + "'", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "select label from examples where task_id = ? group by label order by label collate \"C\"")) {
                select.setString(1, taskId);
                List<String> labels = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        labels.add(rows.getString(1));
                    }
                }
                return labels;
            }
        });
    }

    @Override
    public Optional<Example> relabel(String taskId, long id, String label, String reviewer, Instant at) {
        return db.write("relabel example " + id + " of task '" + taskId + "'", c -> {
            ExampleRows.lockChanges(c);
            Optional<Example> found = ExampleRows.select(c, "where task_id = ? and id = ?", taskId, id).stream()
                    .findFirst();
            if (found.isEmpty()) {
                return Optional.<Example>empty();
            }
            try (PreparedStatement delete = c.prepareStatement("delete from examples where task_id = ? and id = ?")) {
                delete.setString(1, taskId);
                delete.setLong(2, id);
                delete.executeUpdate();
            }
            Example old = found.get();
            Example stored = ExampleRows.insert(c, List.of(new Example(0, taskId, old.text(), label, old.source(),
                    old.predictionId(), at)), clock).getFirst();
            markConfirmed(c, taskId, stored.id(), reviewer, at);
            return Optional.of(stored);
        });
    }

    @Override
    public boolean confirm(String taskId, long id, String reviewer, Instant at) {
        return db.write("confirm example " + id + " of task '" + taskId + "'",
                c -> markConfirmed(c, taskId, id, reviewer, at));
    }

    @Override
    public Set<Long> confirmedIds(String taskId) {
        return db.read("read the confirmed examples of task '" + taskId + "'", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "select id from examples where task_id = ? and confirmed_at is not null")) {
                select.setString(1, taskId);
                Set<Long> ids = new HashSet<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    private static boolean markConfirmed(Connection c, String taskId, long id, String reviewer, Instant at)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update examples set confirmed_at = ?, confirmed_by = ? where task_id = ? and id = ?")) {
            PostgresColumns.setInstant(update, 1, at);
            update.setString(2, reviewer);
            update.setString(3, taskId);
            update.setLong(4, id);
            return update.executeUpdate() > 0;
        }
    }

    /** Examples of the task with an id above {@code afterId} (all of them for 0: ids start at 1). */
    private static long count(Connection c, String taskId, long afterId) throws SQLException {
        try (PreparedStatement count =
                c.prepareStatement("select count(*) from examples where task_id = ? and id > ?")) {
            count.setString(1, taskId);
            count.setLong(2, afterId);
            try (ResultSet rows = count.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        }
    }
}
