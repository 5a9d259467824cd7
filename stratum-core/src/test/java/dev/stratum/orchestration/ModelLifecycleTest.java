package dev.stratum.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.Example;
import dev.stratum.api.FeedbackAction;
import dev.stratum.api.Layer;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.Prediction;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.TrainingRun;
import dev.stratum.api.lifecycle.ModelPolicy;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.lifecycle.TrialStats;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.demo.DemoTask;
import dev.stratum.learning.training.HyperlocalTraining;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle on the real engine with the demo task: reproducibility from provenance, and atomic swaps. */
class ModelLifecycleTest {
    @TempDir
    Path dir;

    private StratumEngine engine;

    @BeforeEach
    void open() {
        engine = StratumEngine.open(new EngineConfig(dir, Clock.systemUTC(), 10, 42L, false));
        DemoTask.load(engine);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void retrainingFromAVersionsProvenance_givesTheSameDataFingerprintAndIdenticalPredictions() {
        ModelVersion v1 = engine.currentModel(DemoTask.TASK_ID).orElseThrow();
        List<Example> all = engine.store().examples().all(DemoTask.TASK_ID);
        List<Example> used = ExampleExports.trainingExamplesOf(v1, all);
        assertThat(used).hasSize(v1.provenance().exampleCount()).hasSizeLessThan(all.size());

        Map<String, float[]> vectors = engine.embeddings().forExamples(all.stream().map(Example::text).toList());
        SoftmaxRegressionTrainer trainer = new SoftmaxRegressionTrainer();
        HyperlocalTraining.Result again = new HyperlocalTraining(trainer, v1.provenance().seed())
                .train(engine.task(DemoTask.TASK_ID), used, vectors, v1.provenance().encoderIds().get(0), "replay");
        TrainedHead stored = trainer.load(engine.store().models().artifact(v1.id()));

        assertThat(again.provenance().dataFingerprint()).isEqualTo(v1.provenance().dataFingerprint());
        // Compared as text: numbers read back from the stored JSON may come back as another boxed type.
        assertThat(asText(again.provenance().hyperparameters())).isEqualTo(asText(v1.provenance().hyperparameters()));
        for (Example example : all) {
            float[] x = vectors.get(example.text());
            assertThat(again.head().predict(x)).as(example.text()).isEqualTo(stored.predict(x));
        }
    }

    @Test
    void predictionsDuringPromotionsAndRollbacks_neverFail_andEachMatchesTheVersionItNames() throws Exception {
        String task = DemoTask.TASK_ID;
        TrainingRun second = engine.trainAndWait(task, "test");
        String v1 = task + "-v1";
        String v2 = second.modelVersionId();
        assertThat(engine.currentModel(task).orElseThrow().id()).isEqualTo(v2);
        List<String> texts = engine.store().examples().all(task).stream().map(Example::text).limit(60).toList();
        Map<String, Prediction> underV2 = answers(texts);
        engine.rollback(task, v1, "test", "baseline");
        Map<String, Prediction> underV1 = answers(texts);
        Map<String, Map<String, Prediction>> expected = Map.of(v1, underV1, v2, underV2);
        List<String> comparable = texts.stream().filter(text -> underV1.get(text).source() == Layer.HYPERLOCAL
                && underV2.get(text).source() == Layer.HYPERLOCAL).toList();
        assertThat(comparable).hasSizeGreaterThan(30);

        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Prediction> seen = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        CountDownLatch started = new CountDownLatch(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int offset = c;
            futures.add(clients.submit(() -> {
                started.countDown();
                for (int i = offset; running.get(); i++) {
                    seen.add(engine.predict(task, comparable.get(i % comparable.size())));
                }
                return null;
            }));
        }
        started.await();
        for (int swap = 0; swap < 20; swap++) {
            String to = swap % 2 == 0 ? v2 : v1;
            engine.rollback(task, to, "test", "swap " + swap);
            assertThat(engine.currentModel(task).orElseThrow().id()).isEqualTo(to);
        }
        running.set(false);
        for (Future<?> future : futures) {
            future.get(); // rethrows any failed prediction
        }
        clients.shutdown();

        assertThat(seen).hasSizeGreaterThan(20);
        Map<String, Integer> byVersion = new HashMap<>();
        for (Prediction p : seen) {
            Prediction reference = expected.get(p.modelVersion()).get(p.text());
            assertThat(p.label()).isEqualTo(reference.label());
            assertThat(p.confidence()).isEqualTo(reference.confidence());
            byVersion.merge(p.modelVersion(), 1, Integer::sum);
        }
        assertThat(byVersion.keySet()).as("%s", byVersion).containsExactlyInAnyOrder(v1, v2);
        assertThat(engine.model(task, v1).history()).extracting(c -> c.to())
                .containsSubsequence(ModelState.PRODUCTION, ModelState.RETIRED, ModelState.PRODUCTION);
    }

    @Test
    void aCanary_answersItsShareOfTexts_alwaysTheSameOnes_andPredictionsNameIt() {
        String task = DemoTask.TASK_ID;
        engine.updateSettings(task, new TaskSettings(null, 0, new ModelPolicy(null, null, null, 0.5, 100_000, null,
                null, null)));
        String v2 = engine.trainAndWait(task, "test").modelVersionId();
        assertThat(engine.model(task, v2).version().state()).isEqualTo(ModelState.CANARY);
        assertThat(engine.currentModel(task).orElseThrow().id()).isEqualTo(task + "-v1");

        List<String> texts = engine.store().examples().all(task).stream().map(Example::text).limit(200).toList();
        Map<String, String> first = new HashMap<>();
        for (String text : texts) {
            first.put(text, engine.predict(task, text).modelVersion());
        }
        long byCanary = first.values().stream().filter(v2::equals).count();
        assertThat(byCanary).isBetween(60L, 140L);
        for (String text : texts.subList(0, 50)) {
            assertThat(engine.predict(task, text).modelVersion()).isEqualTo(first.get(text));
        }
        assertThat(engine.model(task, v2).trial().predictions()).isGreaterThanOrEqualTo(byCanary);
    }

    @Test
    void aCanaryStickyByKey_givesEachCallerOneVersion_andCallersWithoutAKeyStickByInput() {
        String task = DemoTask.TASK_ID;
        engine.updateSettings(task, new TaskSettings(null, 0, new ModelPolicy(null, null, null, 0.5, 100_000, null,
                null, null, ModelPolicy.CanarySticky.KEY, null, null, null)));
        String v2 = engine.trainAndWait(task, "test").modelVersionId();
        assertThat(engine.model(task, v2).version().state()).isEqualTo(ModelState.CANARY);

        List<String> texts = engine.store().examples().all(task).stream().map(Example::text).limit(40).toList();
        Map<String, java.util.Set<String>> versionsByKey = new TreeMap<>();
        for (int k = 0; k < 20; k++) {
            String key = "key-" + k;
            for (String text : texts) {
                Prediction p = engine.predict(task, text, key);
                if (p.source() == Layer.HYPERLOCAL) {
                    versionsByKey.computeIfAbsent(key, x -> new java.util.TreeSet<>()).add(p.modelVersion());
                }
            }
        }
        assertThat(versionsByKey.values()).as("%s", versionsByKey).allSatisfy(v -> assertThat(v).hasSize(1));
        assertThat(versionsByKey.values().stream().flatMap(java.util.Set::stream).distinct())
                .containsExactlyInAnyOrder(task + "-v1", v2);

        java.util.Set<String> withoutKey = new java.util.TreeSet<>();
        texts.forEach(text -> {
            Prediction p = engine.predict(task, text, null);
            if (p.source() == Layer.HYPERLOCAL) {
                withoutKey.add(p.modelVersion());
            }
        });
        assertThat(withoutKey).as("no key: sticky by input, so both answer").containsExactlyInAnyOrder(
                task + "-v1", v2);
    }

    @Test
    void aRestartInTheMiddleOfAShadowTrial_keepsItsCounts_andScoresFeedbackOnPredictionsFromBefore() {
        String task = DemoTask.TASK_ID;
        engine.updateSettings(task, new TaskSettings(null, 0, new ModelPolicy(null, 100_000, null, null, null, null,
                null, null)));
        String v2 = engine.trainAndWait(task, "test").modelVersionId();
        assertThat(engine.model(task, v2).version().state()).isEqualTo(ModelState.SHADOW);
        List<Example> examples = engine.store().examples().all(task).subList(0, 30);
        List<Prediction> predictions = examples.stream().map(e -> engine.predict(task, e.text())).toList();
        for (int i = 0; i < 5; i++) {
            engine.feedback(predictions.get(i).id(), FeedbackAction.CORRECT, examples.get(i).label(), null);
        }
        TrialStats before = engine.model(task, v2).trial();
        assertThat(before.predictions()).isEqualTo(30);
        assertThat(before.withFeedback()).isEqualTo(5);

        engine.close();
        engine = StratumEngine.open(new EngineConfig(dir, Clock.systemUTC(), 10, 42L, false));

        assertThat(engine.model(task, v2).trial()).isEqualTo(before);
        engine.feedback(predictions.get(5).id(), FeedbackAction.CORRECT, examples.get(5).label(), null);
        engine.predict(task, examples.get(6).text());
        TrialStats after = engine.model(task, v2).trial();
        assertThat(after.withFeedback()).as("a prediction from before the restart is scored").isEqualTo(6);
        assertThat(after.predictions()).isEqualTo(31);
    }

    @Test
    void underManualPromotion_aPassedCandidateWaits_untilAPersonPromotesIt() {
        String task = DemoTask.TASK_ID;
        engine.updateSettings(task, new TaskSettings(null, 0, new ModelPolicy(ModelPolicy.Promotion.MANUAL, null,
                null, null, null, null, null, null)));
        String v2 = engine.trainAndWait(task, "test").modelVersionId();
        assertThat(engine.model(task, v2).version().state()).isEqualTo(ModelState.CANDIDATE);
        assertThat(engine.model(task, v2).gate().passed()).isTrue();
        assertThat(engine.currentModel(task).orElseThrow().id()).isEqualTo(task + "-v1");

        engine.changeModelState(task, v2, ModelState.PRODUCTION, "alice", "reviewed the gate report");

        assertThat(engine.currentModel(task).orElseThrow().id()).isEqualTo(v2);
        assertThat(engine.model(task, v2).history()).singleElement()
                .satisfies(c -> assertThat(c.actor()).isEqualTo("alice"));
    }

    private static Map<String, String> asText(Map<String, Object> values) {
        Map<String, String> text = new TreeMap<>();
        values.forEach((name, value) -> text.put(name, String.valueOf(value)));
        return text;
    }

    private Map<String, Prediction> answers(List<String> texts) {
        Map<String, Prediction> out = new HashMap<>();
        texts.forEach(text -> out.put(text, engine.predict(DemoTask.TASK_ID, text)));
        return out;
    }
}
