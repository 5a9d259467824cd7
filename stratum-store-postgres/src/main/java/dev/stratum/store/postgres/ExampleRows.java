package dev.stratum.store.postgres;

import static dev.stratum.store.postgres.PostgresColumns.getInstant;
import static dev.stratum.store.postgres.PostgresColumns.setInstant;

import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Writing and reading rows of the {@code examples} table, shared by the example and prediction stores. */
final class ExampleRows {
    static final String COLUMNS = "id, task_id, text, label, source, prediction_id, created_at";
    /** Rows bound per JDBC batch: large enough to amortise the round trips, small enough to bound memory. */
    private static final int BATCH = 1_000;

    private ExampleRows() {}

    /**
     * Takes the change log's lock, which every transaction that inserts or deletes examples holds until it commits:
     * example ids and change-log entries then follow commit order, so "everything after N" never misses a row that
     * a slower transaction commits later. Plain reads do not wait for it.
     */
    static void lockChanges(Connection c) throws SQLException {
        try (Statement lock = c.createStatement()) {
            lock.execute("lock table example_changes in exclusive mode");
        }
    }

    /**
     * Inserts within the caller's transaction and returns the examples with their ids. An example without a creation
     * time gets the clock's; one without a source counts as {@link ExampleSource#API}. Takes {@link #lockChanges}
     * first, so ids follow commit order too. A single example (feedback, the API) costs one round trip; more are
     * given ids drawn from the sequence in one round trip and sent in batches.
     */
    static List<Example> insert(Connection c, List<Example> examples, Clock clock) throws SQLException {
        lockChanges(c);
        List<Example> rows = examples.stream().map(e -> withDefaults(e, clock)).toList();
        try {
            return rows.size() == 1 ? List.of(insertOne(c, rows.getFirst())) : insertMany(c, rows);
        } catch (SQLException e) {
            if (PostgresDatabase.FOREIGN_KEY_VIOLATION.equals(PostgresDatabase.sqlState(e))) {
                throw missingTask(c, rows);
            }
            throw e;
        }
    }

    private static Example insertOne(Connection c, Example row) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into examples (task_id, text, label, source,"
                + " prediction_id, created_at) values (?, ?, ?, ?, ?, ?) returning id")) {
            insert.setString(1, row.taskId());
            insert.setString(2, row.text());
            insert.setString(3, row.label());
            insert.setString(4, row.source().name());
            insert.setString(5, row.predictionId());
            setInstant(insert, 6, row.createdAt());
            try (ResultSet ids = insert.executeQuery()) {
                ids.next();
                return row.withId(ids.getLong(1));
            }
        }
    }

    private static List<Example> insertMany(Connection c, List<Example> rows) throws SQLException {
        long[] ids = nextIds(c, rows.size());
        List<Example> stored = new ArrayList<>(rows.size());
        try (PreparedStatement insert = c.prepareStatement("insert into examples (" + COLUMNS + ")"
                + " values (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < rows.size(); i++) {
                Example row = rows.get(i).withId(ids[i]);
                insert.setLong(1, row.id());
                insert.setString(2, row.taskId());
                insert.setString(3, row.text());
                insert.setString(4, row.label());
                insert.setString(5, row.source().name());
                insert.setString(6, row.predictionId());
                setInstant(insert, 7, row.createdAt());
                insert.addBatch();
                stored.add(row);
                if (stored.size() % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return stored;
    }

    /**
     * The error for the first of the rows' tasks that does not exist. The foreign key found it; asking which one
     * needs a working transaction, so the failed one is rolled back first (it was lost anyway).
     */
    private static RuntimeException missingTask(Connection c, List<Example> rows) throws SQLException {
        c.rollback();
        Set<String> taskIds = new LinkedHashSet<>(rows.stream().map(Example::taskId).toList());
        Set<String> found = new HashSet<>();
        try (PreparedStatement select = c.prepareStatement("select id from tasks where id = any(?)")) {
            select.setArray(1, c.createArrayOf("varchar", taskIds.toArray()));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    found.add(result.getString(1));
                }
            }
        }
        String missing = taskIds.stream().filter(id -> !found.contains(id)).findFirst()
                .orElse(rows.getFirst().taskId());
        return PostgresTaskStore.notFound(missing);
    }

    private static long[] nextIds(Connection c, int count) throws SQLException {
        long[] ids = new long[count];
        try (PreparedStatement select = c.prepareStatement("select nextval(pg_get_serial_sequence('examples', 'id'))"
                + " from generate_series(1, ?)")) {
            select.setInt(1, count);
            try (ResultSet rows = select.executeQuery()) {
                for (int i = 0; i < count && rows.next(); i++) {
                    ids[i] = rows.getLong(1);
                }
            }
        }
        // The values come in the order nextval drew them; sorting guards against a planner that reorders rows.
        Arrays.sort(ids);
        return ids;
    }

    /** Fills in the defaults, and keeps the creation time to the millisecond as the column does. */
    private static Example withDefaults(Example e, Clock clock) {
        Instant createdAt = (e.createdAt() == null ? clock.instant() : e.createdAt()).truncatedTo(ChronoUnit.MILLIS);
        return new Example(0, e.taskId(), e.text(), e.label(), e.source() == null ? ExampleSource.API : e.source(),
                e.predictionId(), createdAt);
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
                    examples.add(read(rows));
                }
            }
            return examples;
        }
    }

    /** The example in the current row, whose columns are named as in {@link #COLUMNS}. */
    static Example read(ResultSet rows) throws SQLException {
        return new Example(rows.getLong("id"), rows.getString("task_id"), rows.getString("text"),
                rows.getString("label"), ExampleSource.valueOf(rows.getString("source")),
                rows.getString("prediction_id"), getInstant(rows, "created_at"));
    }
}
