package dev.stratum.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.Feedback;
import dev.stratum.api.FeedbackAction;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Label;
import dev.stratum.api.LabelScore;
import dev.stratum.api.Layer;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.Prediction;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.UnavailableException;
import dev.stratum.api.store.ApiKey;
import dev.stratum.api.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to the PostgreSQL backend: its schema, its change log, concurrency across processes, failures. */
class PostgresStoreSpecificsTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private final String schema = TestDatabase.newSchemaName();
    private final List<Store> opened = new ArrayList<>();

    @AfterEach
    void closeAndDrop() {
        opened.forEach(Store::close);
        if (System.getenv(TestDatabase.URL_VARIABLE) != null) {
            TestDatabase.dropSchema(schema);
        }
    }

    private Store open(PostgresConfig config) {
        Store store = PostgresStore.open(config, CLOCK);
        opened.add(store);
        return store;
    }

    private Store open() {
        return open(TestDatabase.config(schema));
    }

    private static Task task(String id) {
        return new Task(id, null, TaskKind.CLASSIFICATION, List.of(new Label("travel", null), new Label("meals", null)),
                TaskSettings.DEFAULTS, T0, T0);
    }

    private static Example example(String taskId, String text) {
        return new Example(0, taskId, text, "travel", ExampleSource.IMPORT, null, T0);
    }

    private <T> List<T> query(String sql, SqlRow<T> row) throws SQLException {
        try (Connection c = TestDatabase.connect();
                PreparedStatement select = c.prepareStatement(sql.replace("{schema}", schema));
                ResultSet rows = select.executeQuery()) {
            List<T> found = new ArrayList<>();
            while (rows.next()) {
                found.add(row.read(rows));
            }
            return found;
        }
    }

    @FunctionalInterface
    private interface SqlRow<T> {
        T read(ResultSet rows) throws SQLException;
    }

    @Test
    void open_unreachableServer_throwsStoreUnavailable_namingTheTargetButNotThePassword() {
        PostgresConfig nowhere = new PostgresConfig("jdbc:postgresql://127.0.0.1:1/stratum?password=hunter2", "app",
                "s3cret", null, 2, Duration.ofSeconds(1));

        assertThatThrownBy(() -> PostgresStore.open(nowhere, CLOCK))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("could not connect to the PostgreSQL store at 127.0.0.1:1/stratum as 'app'")
                .hasMessageContaining("Check that PostgreSQL is running")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("s3cret")
                .extracting(e -> ((UnavailableException) e).code())
                .isEqualTo("store_unavailable");
    }

    /** The versions and descriptions of the migrations at {@code location}, as Flyway resolves them. */
    private static List<String> migrations(String location, Path dir) {
        return Arrays.stream(Flyway.configure()
                        .dataSource("jdbc:sqlite:" + dir.resolve("empty.db"), null, null)
                        .locations(location)
                        .loggers("slf4j")
                        .load()
                        .info()
                        .all())
                .map(m -> m.getVersion() + " " + m.getDescription())
                .toList();
    }

    @Test
    void migrations_followTheSqliteOnes_versionByVersion(@TempDir Path dir) {
        List<String> sqlite = migrations("classpath:db/migration/sqlite", dir);

        assertThat(sqlite).isNotEmpty();
        assertThat(migrations(PostgresStore.MIGRATIONS, dir)).isEqualTo(sqlite);
    }

    @Test
    @RequiresPostgres
    void open_createsTheSchemaAndMigratesIt_once() throws SQLException {
        open().close();
        open();

        assertThat(query("select version from {schema}.flyway_schema_history where success and version is not null",
                        rows -> rows.getString(1)))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(query("select tablename from pg_tables where schemaname = '{schema}' order by 1",
                        rows -> rows.getString(1)))
                .containsExactly("api_keys", "audit_log", "embeddings", "example_changes", "examples",
                        "flyway_schema_history", "model_state_changes", "model_trial_stats",
                        "model_versions", "odd_policies", "pool_items", "predictions", "review_items", "task_changes",
                        "tasks");
    }

    @Test
    @RequiresPostgres
    void closedStore_failsWithStoreUnavailable_chainingTheSqlCause_andIsNotHealthy() {
        Store store = open();
        store.close();

        assertThat(store.isHealthy()).isFalse();
        assertThatThrownBy(() -> store.tasks().list())
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("could not list tasks in the PostgreSQL store at ")
                .hasMessageContaining("may be down or unreachable")
                .hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> store.apiKeys().insert(new ApiKey("k", "n", "h", "admin", null)))
                .isInstanceOf(UnavailableException.class)
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    @RequiresPostgres
    void connectionsKilledByTheServer_failAtMostOneCallWith503_thenTheStoreRecoversByItself() throws SQLException {
        Store store = open(TestDatabase.config(schema).withPool(1, Duration.ofSeconds(5)));
        store.tasks().insert(task("expenses"));

        // What a PostgreSQL restart does to every open connection.
        assertThat(query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database()"
                        + " and usename = current_user and application_name = 'stratum'", rows -> rows.getBoolean(1)))
                .containsOnly(true);

        try {
            store.tasks().find("expenses");
        } catch (UnavailableException e) {
            assertThat(e.code()).isEqualTo("store_unavailable");
            assertThat(e).hasMessageContaining("may be down or unreachable");
        }
        assertThat(store.tasks().find("expenses")).isPresent();
        assertThat(store.isHealthy()).isTrue();
    }

    @Test
    @RequiresPostgres
    void textWithANulCharacter_isRefusedAsInvalid_andNothingIsStored() {
        Store store = open();
        store.tasks().insert(task("expenses"));

        // Examples refuse NUL when they are built (Example.requireText); a prediction's text reaches the store as
        // given, so this is where PostgreSQL's own refusal must still become a client error.
        Prediction withNul = new Prediction("pr_nul", "expenses", "taxi\u0000fare", "travel", 0.9, Layer.GENERAL,
                "all-minilm-l6-v2-q", List.of(new LabelScore("travel", 0.9)), 1.0, Instant.now(), null);
        assertThatThrownBy(() -> store.predictions().insertAll(List.of(withNul)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("NUL, U+0000")
                .extracting(e -> ((InvalidRequestException) e).code())
                .isEqualTo("unsupported_character");
        assertThat(store.predictions().count("expenses")).isZero();
    }

    @Test
    @RequiresPostgres
    void changeLog_recordsEveryInsertAndDeleteOfExamples_inOrder() throws SQLException {
        Store store = open();
        store.tasks().insert(task("expenses"));
        List<Example> three = store.examples().insertAll(
                List.of(example("expenses", "taxi"), example("expenses", "train"), example("expenses", "lunch")));
        store.examples().delete("expenses", three.get(1).id());
        store.predictions().insertAll(List.of(new Prediction("p1", "expenses", "Uber", "travel", 0.9, Layer.GENERAL,
                "enc", List.of(new LabelScore("travel", 0.9)), 1.0, T0, null)));
        long accepted = store.predictions().recordFeedback("p1",
                new Feedback(FeedbackAction.ACCEPT, "travel", null, T0), example("expenses", "Uber")).added().id();
        long corrected = store.predictions().recordFeedback("p1", new Feedback(FeedbackAction.CORRECT, "meals", null,
                T0), new Example(0, "expenses", "Uber", "meals", null, null, T0)).added().id();

        List<String> changes = query("select example_id, change, task_id from {schema}.example_changes order by seq",
                rows -> rows.getString(3) + ":" + rows.getString(2) + " " + rows.getLong(1));

        assertThat(changes).containsExactly(
                "expenses:insert " + three.get(0).id(), "expenses:insert " + three.get(1).id(),
                "expenses:insert " + three.get(2).id(), "expenses:delete " + three.get(1).id(),
                "expenses:insert " + accepted, "expenses:delete " + accepted, "expenses:insert " + corrected);
    }

    @Test
    @RequiresPostgres
    void changeLog_underConcurrentWriters_followsIdOrder() throws Exception {
        Store store = open();
        store.tasks().insert(task("busy"));
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(executor.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        store.examples().insertAll(List.of(example("busy", thread + "/" + i)));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        }

        // A replica that has applied everything up to some seq has then seen every smaller example id.
        List<Long> idsInLogOrder = query("select example_id from {schema}.example_changes order by seq",
                rows -> rows.getLong(1));
        assertThat(idsInLogOrder).hasSize(100).isSorted();
    }

    @Test
    @RequiresPostgres
    void concurrentPromotions_ofOneTask_takeTurns_leavingExactlyOneCurrentVersion() throws Exception {
        Store first = open();
        Store second = open();
        first.tasks().insert(task("expenses"));
        for (int v = 1; v <= 3; v++) {
            first.models().insert(new ModelVersion("expenses-v" + v, "expenses", v, "hyperlocal", v == 1, T0, null,
                    Map.of()), new byte[] {(byte) v});
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> promoters = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Store replica = t % 2 == 0 ? first : second;
                int thread = t;
                promoters.add(executor.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        replica.models().setCurrent("expenses", "expenses-v" + (1 + (thread + i) % 3));
                    }
                    return null;
                }));
            }
            for (Future<?> promoter : promoters) {
                promoter.get();
            }
        }

        assertThat(second.models().list("expenses")).filteredOn(ModelVersion::current).hasSize(1);
    }
}
