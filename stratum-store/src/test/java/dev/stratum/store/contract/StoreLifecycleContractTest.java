package dev.stratum.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.Example;
import dev.stratum.api.Feedback;
import dev.stratum.api.FeedbackAction;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.Provenance;
import dev.stratum.api.store.ApiKey;
import dev.stratum.api.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Durability across a reopen, health, and many concurrent callers, for every {@link Store}. */
public abstract class StoreLifecycleContractTest extends StoreContract {

    @Test
    void reopen_keepsEverythingThatWasWritten() {
        storedTask("expenses");
        List<Example> examples = store.examples().insertAll(List.of(example("expenses", "Uber", "travel")));
        store.predictions().insertAll(List.of(prediction("p1", "expenses", "Lunch", "meals")));
        Feedback accept = new Feedback(FeedbackAction.ACCEPT, "meals", null, T0);
        store.predictions().recordFeedback("p1", accept, example("expenses", "Lunch", "meals"));
        ModelVersion model = new ModelVersion("expenses-v1", "expenses", 1, "hyperlocal", true, T0,
                new Provenance("fp", 1, List.of("enc"), Map.of(), 7L, "0.1.0", "cli"), Map.of("accuracy", 1.0));
        store.models().insert(model, new byte[] {4, 2});
        store.embeddings().putAll("enc", Map.of("Uber", new float[] {0.5f, 0.25f}));
        ApiKey key = new ApiKey("k1", "admin", "f".repeat(64), "admin", T0);
        store.apiKeys().insert(key);

        Store reopened = reopen();

        assertThat(reopened.tasks().find("expenses")).contains(task("expenses", "travel", "meals", "software"));
        assertThat(reopened.examples().count("expenses")).isEqualTo(2);
        assertThat(reopened.examples().all("expenses").getFirst()).isEqualTo(examples.getFirst());
        assertThat(reopened.predictions().find("p1").orElseThrow().feedback()).isEqualTo(accept);
        assertThat(reopened.models().current("expenses")).contains(model);
        assertThat(reopened.models().artifact("expenses-v1")).containsExactly(4, 2);
        assertThat(reopened.embeddings().getAll("enc", List.of("Uber")).get("Uber")).containsExactly(0.5f, 0.25f);
        assertThat(reopened.apiKeys().findByHash("f".repeat(64))).contains(key);
    }

    @Test
    void trialStats_areReplacedByKind_andSurviveAReopen() {
        storedTask("expenses");
        ModelVersion model = new ModelVersion("expenses-v1", "expenses", 1, "hyperlocal", false, T0,
                new Provenance("fp", 1, List.of("enc"), Map.of(), 7L, "0.1.0", "cli"), Map.of());
        store.models().insert(model, new byte[] {1});
        assertThat(store.models().trialStats("expenses-v1", "shadow")).isEmpty();

        store.models().saveTrialStats("expenses-v1", "shadow", "{\"predictions\":1}", T0);
        store.models().saveTrialStats("expenses-v1", "shadow", "{\"predictions\":2}", T0.plusSeconds(5));
        store.models().saveTrialStats("expenses-v1", "live", "{\"items\":3}", T0);

        Store reopened = reopen();
        assertThat(reopened.models().trialStats("expenses-v1", "shadow")).contains("{\"predictions\":2}");
        assertThat(reopened.models().trialStats("expenses-v1", "live")).contains("{\"items\":3}");
        assertThat(reopened.models().trialStats("expenses-v1", "canary")).isEmpty();
    }

    @Test
    void confirm_marksAnExampleOfTheTask_once_andItsDeletionRemovesTheMark() {
        storedTask("expenses");
        storedTask("other");
        List<Example> stored = store.examples().insertAll(List.of(example("expenses", "Uber", "travel"),
                example("expenses", "Lunch", "meals")));
        long uber = stored.get(0).id();

        assertThat(store.examples().confirm("expenses", uber, "alice", T0)).isTrue();
        assertThat(store.examples().confirm("expenses", uber, "bob", T0.plusSeconds(1))).isTrue();
        assertThat(store.examples().confirm("other", stored.get(1).id(), "alice", T0)).as("another task's").isFalse();
        assertThat(store.examples().confirm("expenses", 999_999, "alice", T0)).isFalse();
        assertThat(store.examples().confirmedIds("expenses")).containsExactly(uber);
        assertThat(store.examples().confirmedIds("other")).isEmpty();

        store.examples().delete("expenses", uber);
        assertThat(store.examples().confirmedIds("expenses")).isEmpty();
    }

    @Test
    void isHealthy_onAnOpenStore_isTrue() {
        assertThat(store.isHealthy()).isTrue();
    }

    @Test
    void concurrentWriters_onVirtualThreads_allSucceed() throws Exception {
        storedTask("busy");
        int threads = 8;
        int insertsEach = 200;
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < insertsEach; i++) {
                        store.examples().insertAll(List.of(example("busy", "t" + thread + " #" + i, "travel")));
                        store.predictions().insertAll(
                                List.of(prediction("p-" + thread + "-" + i, "busy", "text " + i, "meals")));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }

        assertThat(store.examples().count("busy")).isEqualTo(threads * insertsEach);
        assertThat(store.predictions().count("busy")).isEqualTo(threads * insertsEach);
        assertThat(store.examples().all("busy")).extracting(Example::id).doesNotHaveDuplicates();
    }

    @Test
    void concurrentReadersAndWriters_readersSeeEveryCommittedWrite() throws Exception {
        storedTask("mixed");
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                readers.add(executor.submit(() -> {
                    long seen = 0;
                    for (int i = 0; i < 100; i++) {
                        Example mine = store.examples()
                                .insertAll(List.of(example("mixed", "r" + thread + " #" + i, "meals"))).getFirst();
                        // A write that returned is visible to the very next read, on any connection.
                        seen += store.examples().find("mixed", mine.id()).isPresent() ? 1 : 0;
                    }
                    return seen;
                }));
            }
            for (Future<Long> reader : readers) {
                assertThat(reader.get()).isEqualTo(100);
            }
        }
    }
}
