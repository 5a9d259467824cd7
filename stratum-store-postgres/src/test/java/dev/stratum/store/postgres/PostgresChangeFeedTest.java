package dev.stratum.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.ConflictException;
import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.Label;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.Provenance;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.lifecycle.StateChange;
import dev.stratum.api.store.ChangeFeed;
import dev.stratum.api.store.ChangeFeed.ExampleChange;
import dev.stratum.api.store.ChangeFeed.TaskChange;
import dev.stratum.api.store.Store;
import dev.stratum.api.store.TrainingLocks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The change feed and training locks that let several processes share one PostgreSQL store. */
@RequiresPostgres
class PostgresChangeFeedTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    /** Far longer than a notification takes on a loaded machine; a test that waits this long has failed. */
    private static final Duration SIGNAL_DEADLINE = Duration.ofSeconds(20);

    @RegisterExtension
    static final SchemaPerClass SCHEMA = new SchemaPerClass();

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private Store store() {
        return opened(SCHEMA.open(CLOCK));
    }

    private ChangeFeed feed(Store store) {
        return opened(store.openChangeFeed().orElseThrow());
    }

    private static Task task(String id) {
        return new Task(id, null, TaskKind.CLASSIFICATION, List.of(new Label("travel", null), new Label("meals", null)),
                TaskSettings.DEFAULTS, T0, T0);
    }

    private static Example example(String taskId, String text) {
        return new Example(0, taskId, text, "travel", ExampleSource.IMPORT, null, T0);
    }

    private static ModelVersion version(String taskId, int n) {
        Provenance provenance = new Provenance("sha256:" + n, 10, List.of("enc"), Map.of(), 42L, "0.1.0", "test");
        return new ModelVersion(taskId + "-v" + n, taskId, n, "hyperlocal", false, T0, provenance, Map.of())
                .withState(ModelState.CANDIDATE);
    }

    @Test
    void taskChanges_logEveryCommitThatChangesWhatServesATask_inCommitOrder() {
        Store store = store();
        ChangeFeed feed = feed(store);
        long start = feed.lastTaskChange();

        store.tasks().insert(task("expenses"));
        store.tasks().insert(task("tickets"));
        store.policies().save("expenses", "{}", "alice", T0);
        store.models().insert(version("expenses", 1), new byte[] {1});
        store.models().changeStates(List.of(new StateChange("expenses-v1", ModelState.CANDIDATE,
                ModelState.PRODUCTION, "alice", "test", T0)));
        store.tasks().update(task("tickets"));
        store.examples().insertAll(List.of(example("expenses", "taxi")));

        List<TaskChange> changes = feed.taskChangesAfter(start, 100);
        assertThat(changes).extracting(TaskChange::taskId)
                .containsExactly("expenses", "tickets", "expenses", "expenses", "expenses", "tickets");
        assertThat(changes).extracting(TaskChange::seq).isSorted().doesNotHaveDuplicates();
        assertThat(feed.lastTaskChange()).isEqualTo(changes.getLast().seq());
        assertThat(feed.taskChangesAfter(changes.get(3).seq(), 1)).containsExactly(changes.get(4));
    }

    @Test
    void exampleChanges_carryTheInsertedExample_untilItIsDeleted() {
        Store store = store();
        store.tasks().insert(task("expenses"));
        ChangeFeed feed = feed(store);
        long start = feed.lastExampleChange();

        List<Example> stored = store.examples().insertAll(List.of(example("expenses", "taxi"),
                example("expenses", "lunch")));
        store.examples().delete("expenses", stored.get(1).id());

        List<ExampleChange> changes = feed.exampleChangesAfter(start, 100);
        assertThat(changes).hasSize(3);
        assertThat(changes.get(0)).satisfies(c -> {
            assertThat(c.deleted()).isFalse();
            assertThat(c.example()).isEqualTo(stored.get(0));
        });
        assertThat(changes.get(1)).satisfies(c -> {
            assertThat(c.deleted()).isFalse();
            assertThat(c.exampleId()).isEqualTo(stored.get(1).id());
            assertThat(c.example()).as("inserted, then deleted").isNull();
        });
        assertThat(changes.get(2)).satisfies(c -> {
            assertThat(c.deleted()).isTrue();
            assertThat(c.taskId()).isEqualTo("expenses");
            assertThat(c.exampleId()).isEqualTo(stored.get(1).id());
        });
        assertThat(feed.lastExampleChange()).isEqualTo(changes.getLast().seq());
    }

    @Test
    void awaitChange_isSignalledByACommitOfAnotherProcessesStore_andNotByOtherSchemas() throws Exception {
        Store replica = store();
        ChangeFeed feed = feed(replica);
        assertThat(feed.awaitChange(Duration.ofMillis(1))).as("first call: connected").isTrue();
        assertThat(feed.isListening()).isTrue();

        TestDatabase.execute("select pg_notify('" + PostgresChangeFeed.CHANNEL + "', 'some_other_schema')");
        assertThat(feed.awaitChange(Duration.ofMillis(300))).as("another schema's change").isFalse();

        Store other = store();
        long before = System.nanoTime();
        other.tasks().insert(task("expenses"));
        assertThat(feed.awaitChange(SIGNAL_DEADLINE)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(SIGNAL_DEADLINE);

        other.examples().insertAll(List.of(example("expenses", "taxi")));
        assertThat(feed.awaitChange(SIGNAL_DEADLINE)).isTrue();
    }

    @Test
    void awaitChange_afterTheLineIsCut_reportsAChange_andListensAgainOnceItIsBack() throws Exception {
        try (TcpProxy proxy = TcpProxy.start("127.0.0.1", port(TestDatabase.url()))) {
            PostgresConfig config = SCHEMA.config();
            Store replica = opened(PostgresStore.open(new PostgresConfig(proxy.route(config.jdbcUrl()),
                    config.user(), config.password(), config.schema(), 2, Duration.ofSeconds(1)), CLOCK));
            ChangeFeed feed = feed(replica);
            assertThat(feed.awaitChange(Duration.ofMillis(1))).isTrue();

            proxy.cut();
            assertThat(feed.awaitChange(SIGNAL_DEADLINE)).as("the lost connection is a possible change").isTrue();
            assertThat(feed.isListening()).isFalse();
            assertThat(feed.awaitChange(Duration.ofMillis(50))).as("still cut").isFalse();

            proxy.restore();
            store().tasks().insert(task("expenses")); // while the feed was away: only the log knows
            assertThat(feed.awaitChange(Duration.ofMillis(50))).as("reconnected").isTrue();
            assertThat(feed.isListening()).isTrue();
            assertThat(feed.taskChangesAfter(0, 10)).extracting(TaskChange::taskId).contains("expenses");

            store().tasks().update(task("expenses"));
            assertThat(feed.awaitChange(SIGNAL_DEADLINE)).as("notified again").isTrue();
        }
    }

    @Test
    void trainingLock_heldByOneProcess_refusesAnother_namingTheHolder_untilReleased() {
        TrainingLocks first = store().trainingLocks();
        TrainingLocks second = store().trainingLocks();

        TrainingLocks.Lease lease = first.acquire("expenses");
        try (TrainingLocks.Lease other = second.acquire("tickets")) {
            assertThat(other).as("another task's lock is free").isNotNull();
        }
        assertThatThrownBy(() -> second.acquire("expenses"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("task 'expenses' is being trained by another process")
                .hasMessageContaining("'stratum training expenses (pid " + ProcessHandle.current().pid())
                .extracting(e -> ((ConflictException) e).code()).isEqualTo("training_in_progress");

        lease.close();
        lease.close();
        second.acquire("expenses").close();
    }

    private static int port(String jdbcUrl) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)/").matcher(jdbcUrl);
        return m.find() ? Integer.parseInt(m.group(1)) : 5432;
    }
}
