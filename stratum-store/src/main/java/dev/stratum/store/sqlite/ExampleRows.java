package dev.stratum.store.sqlite;

import static dev.stratum.store.sqlite.ColumnCodec.getInstant;
import static dev.stratum.store.sqlite.ColumnCodec.setInstant;

import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Writing and reading rows of the {@code examples} table, shared by the example and prediction stores. */
final class ExampleRows {
    static final String COLUMNS = "id, task_id, text, label, source, prediction_id, created_at";
    /** Rows bound per JDBC batch: large enough to amortise the round trips, small enough to bound memory. */
    private static final int BATCH = 1_000;

    private ExampleRows() {}

    /**
     * Inserts within the caller's transaction and returns the examples with their ids. An example without a creation
     * time gets the clock's; one without a source counts as {@link ExampleSource#API}.
     *
     * <p>Ids are read from SQLite's AUTOINCREMENT counter rather than row by row: inside one write transaction the
     * rows get consecutive ids, which this checks after the insert.
     */
    static List<Example> insert(Connection c, List<Example> examples, Clock clock) throws SQLException {
        for (String taskId : new LinkedHashSet<>(examples.stream().map(Example::taskId).toList())) {
            SqliteTaskStore.requireExists(c, taskId);
        }
        long before = lastId(c);
        List<Example> rows = new ArrayList<>(examples.size());
        try (PreparedStatement insert = c.prepareStatement("insert into examples"
                + " (task_id, text, label, source, prediction_id, created_at) values (?, ?, ?, ?, ?, ?)")) {
            for (Example given : examples) {
                Example row = withDefaults(given, clock);
                insert.setString(1, row.taskId());
                insert.setString(2, row.text());
                insert.setString(3, row.label());
                insert.setString(4, row.source().name());
                insert.setString(5, row.predictionId());
                setInstant(insert, 6, row.createdAt());
                insert.addBatch();
                rows.add(row);
                if (rows.size() % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        long after = lastId(c);
        if (after - before != rows.size()) {
            throw new IllegalStateException("inserting " + rows.size() + " examples moved the id counter from "
                    + before + " to " + after + "; another writer changed the examples table inside this transaction");
        }
        List<Example> stored = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            stored.add(rows.get(i).withId(before + 1 + i));
        }
        return stored;
    }

    private static long lastId(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select seq from sqlite_sequence where name = 'examples'");
                ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0L;
        }
    }

    private static Example withDefaults(Example e, Clock clock) {
        if (e.createdAt() != null && e.source() != null) {
            return e;
        }
        return new Example(0, e.taskId(), e.text(), e.label(), e.source() == null ? ExampleSource.API : e.source(),
                e.predictionId(), e.createdAt() == null ? clock.instant() : e.createdAt());
    }

    /** Runs a select of {@link #COLUMNS} from examples with the given tail ("where ...") and parameters. */
    static List<Example> select(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from examples " + where)) {
            for (int i = 0; i < params.length; i++) {
                select.setObject(i + 1, params[i]);
            }
            List<Example> examples = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    examples.add(new Example(rows.getLong("id"), rows.getString("task_id"), rows.getString("text"),
                            rows.getString("label"), ExampleSource.valueOf(rows.getString("source")),
                            rows.getString("prediction_id"), getInstant(rows, "created_at")));
                }
            }
            return examples;
        }
    }
}
