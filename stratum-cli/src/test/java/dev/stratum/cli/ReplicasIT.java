package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.store.postgres.RequiresPostgres;
import dev.stratum.store.postgres.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two serving replicas as real processes on one PostgreSQL, with background training off, and training as a process
 * of its own ({@code stratum train}): versions trained elsewhere, promotions, rollbacks and feedback made through one
 * replica are in force on the other within 2 seconds, while both keep answering traffic.
 */
@RequiresPostgres
class ReplicasIT {
    private static final String ADMIN_KEY = "sk_replicas_test_key_0123456789";
    private static final String TASK = "expenses";
    private static final List<String> LABELS = List.of("travel", "meals", "software");
    private static final String[][] SUBJECTS = {{"taxi to the airport", "train ticket", "hotel night"},
        {"team lunch", "client dinner", "coffee and pastries"},
        {"design tool licence", "cloud hosting bill", "code editor subscription"}};
    private static final Duration PROMISE = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void replicasFollowVersionsTrainedElsewhere_promotionsRollbacksAndFeedback_whileServing() throws Exception {
        try (PostgresSchema db = PostgresSchema.create();
                ServerProcess a = ServerProcess.start(tmp.resolve("a"), ADMIN_KEY, tmp.resolve("a.log"),
                        db.environment(), List.of("--no-train"));
                ServerProcess b = ServerProcess.start(tmp.resolve("b"), ADMIN_KEY, tmp.resolve("b.log"),
                        db.environment(), List.of("--no-train"))) {
            ApiClient first = new ApiClient(a, ADMIN_KEY);
            ApiClient second = new ApiClient(b, ADMIN_KEY);
            createTask(first);
            assertThat(second.get("/v1/tasks/" + TASK).path("id").asText()).isEqualTo(TASK);
            await("the imported examples in the second replica's memory",
                    () -> second.get("/v1/tasks/" + TASK + "/stats").path("indexed").asLong() == 36);

            Traffic traffic = Traffic.start(List.of(first, second));
            try {
                String text = "reimbursement for a conference badge";
                JsonNode predicted = predict(first, text);
                String corrected = LABELS.stream().filter(l -> !l.equals(predicted.path("label").asText()))
                        .findFirst().orElseThrow();
                first.ok("POST", "/v1/predictions/" + predicted.path("id").asText() + "/feedback",
                        json().put("action", "correct").put("label", corrected));
                within("feedback through the first replica, used by the second's memory",
                        () -> predict(second, text).path("label").asText().equals(corrected));

                String v1 = trainElsewhere(db);
                within("a version trained by a job", () -> answersWith(second, v1));
                String v2 = trainElsewhere(db);
                within("the job's second version", () -> answersWith(second, v2));

                first.ok("POST", "/v1/tasks/" + TASK + "/models/" + v1 + "/rollback", json().put("reason", "test"));
                within("a rollback through the first replica", () -> answersWith(second, v1));
                first.ok("POST", "/v1/tasks/" + TASK + "/models/" + v2 + "/rollback", json().put("reason", "test"));
                within("a promotion back through the first replica", () -> answersWith(second, v2));

                first.ok("PUT", "/v1/tasks/" + TASK + "/policy", json());
                within("a policy set through the first replica",
                        () -> second.send("GET", "/v1/tasks/" + TASK + "/policy", null).statusCode() == 200);
            } finally {
                traffic.stop();
            }
            assertThat(traffic.answered.get()).as("predictions answered during the test").isPositive();
            assertThat(traffic.failures).as("failed predictions during the test").isEmpty();
        }
    }

    @Test
    void trainingJob_whileAnotherHoldsTheTasksLock_failsAtOnce_sayingSo() throws Exception {
        try (PostgresSchema db = PostgresSchema.create();
                ServerProcess a = ServerProcess.start(tmp.resolve("a"), ADMIN_KEY, tmp.resolve("a.log"),
                        db.environment(), List.of("--no-train"))) {
            createTask(new ApiClient(a, ADMIN_KEY));
            try (Connection holder = TestDatabase.connect(); Statement lock = holder.createStatement()) {
                lock.execute("set search_path to " + db.name());
                lock.execute("select pg_advisory_lock(hashtext('stratum training'), hashtext(current_schema() || '/"
                        + TASK + "'))");
                ServerProcess.Finished job = ServerProcess.run(db.environment(), DEADLINE, "train", "--task", TASK,
                        "--data", tmp.resolve("job").toString());
                assertThat(job.exitStatus()).as(job.output()).isEqualTo(Main.EXIT_FAILED);
                assertThat(job.output()).contains("task 'expenses' is being trained by another process")
                        .contains("this training does not wait for it");
            }
        }
    }

    private static void createTask(ApiClient api) throws Exception {
        ObjectNode task = json().put("id", TASK);
        for (String label : LABELS) {
            task.withArray("labels").addObject().put("name", label).put("description", "Expenses for " + label + ".");
        }
        api.ok("POST", "/v1/tasks", task);
        StringBuilder csv = new StringBuilder("text,label\n");
        for (int label = 0; label < LABELS.size(); label++) {
            for (int i = 0; i < 12; i++) {
                csv.append(SUBJECTS[label][i % 3]).append(" number ").append(i).append(',')
                        .append(LABELS.get(label)).append('\n');
            }
        }
        HttpResponse<String> imported = api.send("POST", "/v1/tasks/" + TASK + "/examples/import", "text/csv",
                csv.toString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    }

    /** Runs {@code stratum train} as its own process on the database and returns the version it made. */
    private String trainElsewhere(PostgresSchema db) throws Exception {
        ServerProcess.Finished job = ServerProcess.run(db.environment(), Duration.ofMinutes(5), "train", "--task",
                TASK, "--data", tmp.resolve("job").toString());
        assertThat(job.exitStatus()).as(job.output()).isZero();
        assertThat(job.output()).contains("it is production");
        return job.output().replaceFirst("(?s).*trained (\\S+) in .*", "$1");
    }

    /** Whether the replica's prediction of a training example comes from that version's model. */
    private static boolean answersWith(ApiClient api, String versionId) throws Exception {
        return predict(api, SUBJECTS[0][0] + " number 0").path("model_version").asText().equals(versionId);
    }

    private static JsonNode predict(ApiClient api, String text) throws Exception {
        return api.ok("POST", "/v1/tasks/" + TASK + "/predict", json().put("text", text));
    }

    private static ObjectNode json() {
        return ApiClient.JSON.createObjectNode();
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    /** Waits until {@code check} holds and asserts that it took less than the 2 seconds promised. */
    private static void within(String what, Check check) throws Exception {
        Duration took = await(what, check);
        System.out.printf("%s: %d ms%n", what, took.toMillis());
        assertThat(took).as(what).isLessThan(PROMISE);
    }

    private static Duration await(String what, Check check) throws Exception {
        long start = System.nanoTime();
        while (!check.holds()) {
            if (System.nanoTime() - start > DEADLINE.toNanos()) {
                fail(what + ": not within " + DEADLINE.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Predictions sent to the replicas in turn, one at a time, until stopped; every one must succeed. */
    private static final class Traffic {
        final AtomicInteger answered = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private Thread thread;

        static Traffic start(List<ApiClient> replicas) {
            Traffic traffic = new Traffic();
            traffic.thread = Thread.ofPlatform().name("traffic").start(() -> {
                for (int i = 0; !traffic.stopping.get(); i++) {
                    ApiClient api = replicas.get(i % replicas.size());
                    try {
                        HttpResponse<String> response = api.send("POST", "/v1/tasks/" + TASK + "/predict",
                                json().put("text", SUBJECTS[i % 3][i % 2] + " traffic " + i));
                        if (response.statusCode() == 200) {
                            traffic.answered.incrementAndGet();
                        } else {
                            traffic.failures.add(response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        traffic.failures.add(e.toString());
                    }
                }
            });
            return traffic;
        }

        void stop() throws InterruptedException {
            stopping.set(true);
            thread.join(Duration.ofSeconds(60));
        }
    }
}
