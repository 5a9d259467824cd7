package dev.stratum.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.stratum.api.ConflictException;
import dev.stratum.api.FeedbackAction;
import dev.stratum.api.ImportFormat;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.Label;
import dev.stratum.api.NewTask;
import dev.stratum.api.Prediction;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.TrainingRun;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.odd.OddPolicy;
import dev.stratum.api.store.TrainingLocks;
import dev.stratum.store.postgres.PostgresConfig;
import dev.stratum.store.postgres.PostgresStore;
import dev.stratum.store.postgres.RequiresPostgres;
import dev.stratum.store.postgres.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines on one PostgreSQL schema, each with an index directory of its own, as two serving replicas are: what
 * one changes, the other serves within seconds, through the store's change feed.
 */
@RequiresPostgres
class ReplicasOnPostgresTest {
    private static final String TASK = "expenses";
    private static final List<String> LABELS = List.of("travel", "meals", "software");
    /** The promise to users; the tests wait longer before they fail, and then say how long it took. */
    private static final Duration PROMISE = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static String schema;

    @TempDir
    Path dir;

    private StratumEngine first;
    private StratumEngine second;

    @BeforeAll
    static void createSchema() {
        schema = TestDatabase.newSchemaName();
        TestDatabase.execute("create schema " + schema);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @AfterEach
    void close() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        TestDatabase.execute("delete from " + schema + ".tasks");
    }

    private static String dbUrl() {
        return TestDatabase.url() + "?currentSchema=" + schema + "&user=" + TestDatabase.user() + "&password="
                + TestDatabase.password();
    }

    private StratumEngine open(String name) {
        return StratumEngine.open(new EngineConfig(dir.resolve(name), Clock.systemUTC(), 10, 42L, false)
                .withDbUrl(dbUrl()));
    }

    private void createTaskWithExamples(StratumEngine engine) {
        engine.createTask(new NewTask(TASK, null, LABELS.stream().map(l -> new Label(l, "Expenses for " + l))
                .toList(), TaskSettings.DEFAULTS));
        StringBuilder csv = new StringBuilder("text,label\n");
        String[][] subjects = {{"taxi to the airport", "train ticket", "hotel night"},
            {"team lunch", "client dinner", "coffee and pastries"},
            {"design tool licence", "cloud hosting bill", "code editor subscription"}};
        for (int label = 0; label < LABELS.size(); label++) {
            for (int i = 0; i < 12; i++) {
                csv.append(subjects[label][i % 3]).append(" number ").append(i).append(',')
                        .append(LABELS.get(label)).append('\n');
            }
        }
        engine.importExamples(TASK, new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                ImportOptions.of(ImportFormat.CSV));
    }

    @Test
    void versionsPolicyAndSettings_changedThroughOneReplica_areInForceOnTheOther() {
        first = open("first");
        second = open("second");
        createTaskWithExamples(first);
        assertThat(second.task(TASK).labelNames()).containsExactlyElementsOf(LABELS); // loaded before the changes

        String v1 = first.trainAndWait(TASK, "test").modelVersionId();
        report("a first version", awaitOn(() -> servedBy(second, v1)));
        String v2 = first.trainAndWait(TASK, "test").modelVersionId();
        assertThat(first.model(TASK, v2).version().state()).isEqualTo(ModelState.PRODUCTION);
        report("a promotion", awaitOn(() -> servedBy(second, v2)));

        first.rollback(TASK, v1, "alice", "test");
        report("a rollback", awaitOn(() -> servedBy(second, v1)));
        Prediction answered = second.predict(TASK, "taxi to the airport number 3");
        assertThat(answered.modelVersion()).as("the prediction names the version that answered").isIn(v1, "memory",
                "bge-small-en-v1.5-q");

        first.setPolicy(TASK, OddPolicy.DEFAULT, "alice");
        report("a policy", awaitOn(() -> second.policy(TASK).isPresent()));
        first.updateSettings(TASK, new TaskSettings(0.9, 7));
        report("a settings change", awaitOn(() -> second.task(TASK).settings().retrainEvery() == 7));
        assertThat(second.task(TASK).settings().hyperlocalThreshold()).isEqualTo(0.9);
    }

    @Test
    void feedbackThroughOneReplica_isInTheOthersMemory_andAReplicaRestartedLaterCatchesUp() {
        first = open("first");
        second = open("second");
        createTaskWithExamples(first);
        awaitOn(() -> second.stats(TASK).indexed() == 36);

        String text = "reimbursement for a conference badge";
        Prediction prediction = first.predict(TASK, text);
        String corrected = LABELS.stream().filter(l -> !l.equals(prediction.label())).findFirst().orElseThrow();
        first.feedback(prediction.id(), FeedbackAction.CORRECT, corrected, null);
        report("an example from feedback", awaitOn(() -> second.stats(TASK).indexed() == 37));
        Prediction onSecond = second.predict(TASK, text);
        assertThat(onSecond.label()).as("the corrected label, from the memory").isEqualTo(corrected);

        second.close();
        second = null;
        first.deleteExample(TASK, first.examples(TASK, 0, 1).items().getFirst().id());
        first.addExample(TASK, "parking at the station", "travel");
        first.addExample(TASK, "sandwiches for the workshop", "meals");
        second = open("second");
        assertThat(second.stats(TASK).indexed()).as("caught up from its checkpoint while it opened").isEqualTo(38);

        try (StratumEngine fresh = open("fresh")) {
            awaitOn(() -> fresh.stats(TASK).indexed() == 38); // rebuilt from the store in the background
            assertThat(fresh.predict(TASK, text).label()).isEqualTo(corrected);
        }
    }

    @Test
    void training_whileAnotherProcessHoldsTheTasksLock_isRefused_namingIt() {
        first = open("first");
        createTaskWithExamples(first);
        PostgresConfig config = PostgresConfig.fromUrl(dbUrl(), null, null);
        try (PostgresStore other = PostgresStore.open(config, Clock.systemUTC())) {
            TrainingLocks.Lease held = other.trainingLocks().acquire(TASK);
            assertThatThrownBy(() -> first.trainAndWait(TASK, "test"))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("task 'expenses' is being trained by another process");
            assertThat(first.lastTraining(TASK)).get().extracting(TrainingRun::status)
                    .isEqualTo(TrainingRun.Status.FAILED);
            held.close();
        }
        assertThat(first.trainAndWait(TASK, "test").status()).isEqualTo(TrainingRun.Status.SUCCEEDED);
    }

    private static boolean servedBy(StratumEngine engine, String versionId) {
        return engine.currentModel(TASK).map(v -> v.id().equals(versionId)).orElse(false);
    }

    private static Duration awaitOn(BooleanSupplier condition) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > DEADLINE.toNanos()) {
                fail("the other replica did not follow within " + DEADLINE.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void report(String what, Duration took) {
        System.out.printf("%s reached the other replica in %d ms%n", what, took.toMillis());
        assertThat(took).as("%s reached the other replica", what).isLessThan(PROMISE);
    }
}
