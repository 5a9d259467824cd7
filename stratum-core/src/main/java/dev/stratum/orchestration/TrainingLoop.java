package dev.stratum.orchestration;

import dev.stratum.api.ConflictException;
import dev.stratum.api.Example;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.TrainingRun;
import dev.stratum.api.TrainingRun.Status;
import dev.stratum.api.lifecycle.GateReport;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.store.Store;
import dev.stratum.api.store.TrainingLocks;
import dev.stratum.learning.training.HyperlocalTraining;
import dev.stratum.learning.training.HyperlocalTraining.OddArtifacts;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs hyperlocal training for tasks: on request, or by itself after {@code retrain_every} new validated examples. Two
 * trainings of one task never overlap; examples that arrive during a training count towards the next one. A finished
 * model is a candidate: the evaluation gate judges it against production on held-out examples ({@link
 * GateEvaluation}) and the {@link ModelLifecycle} promotes or retires it.
 */
final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    /** The most out-of-scope inputs the ODD calibration learns from: the newest. */
    private static final int MAX_REJECTED = 1_000;

    private final Store store;
    private final TaskRegistry tasks;
    private final Indexer indexer;
    private final Embeddings embeddings;
    private final HyperlocalTraining training;
    private final ExecutorService background;
    private final Clock clock;
    private final boolean autoTrain;
    private final int neighbours;
    private final long seed;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, TrainingRun> lastRuns = new ConcurrentHashMap<>();
    private final Map<String, Long> trainedUpTo = new ConcurrentHashMap<>();
    private final Cascade cascade;
    private final ModelLifecycle lifecycle;
    /** Set by the engine before it is used; background runs read it from the training thread. */
    volatile EngineTelemetry telemetry = EngineTelemetry.NOOP;
    /** Told the task's id after every successful training (the review queue is ranked again). */
    volatile Consumer<String> afterTraining = taskId -> {};

    TrainingLoop(Store store, TaskRegistry tasks, Indexer indexer, Embeddings embeddings, HyperlocalTraining training,
            ExecutorService background, Clock clock, EngineConfig config, Cascade cascade, ModelLifecycle lifecycle) {
        this.cascade = cascade;
        this.lifecycle = lifecycle;
        this.store = store;
        this.tasks = tasks;
        this.indexer = indexer;
        this.embeddings = embeddings;
        this.training = training;
        this.background = background;
        this.clock = clock;
        this.autoTrain = config.autoTrain();
        this.neighbours = config.neighbours();
        this.seed = config.trainingSeed();
    }

    /** Starts a training in the background unless one is running, whose state is returned instead. */
    TrainingRun start(String taskId, String trigger) {
        requireExamples(taskId);
        TrainingRun queued = new TrainingRun(taskId, Status.RUNNING, trigger, clock.instant(), null, null, null);
        TrainingRun current = lastRuns.compute(taskId,
                (id, previous) -> previous != null && previous.status() == Status.RUNNING ? previous : queued);
        if (current == queued) {
            background.execute(() -> {
                try {
                    runNow(taskId, trigger);
                } catch (ConflictException e) {
                    LOG.info("task '{}' is not trained here now: {}", taskId, e.getMessage()); // recorded as failed
                } catch (RuntimeException e) {
                    LOG.warn("training of task '{}' could not start: {}", taskId, e.getMessage());
                }
            });
        }
        return current;
    }

    private boolean started(String taskId, String trigger) {
        TrainingRun before = lastRuns.get(taskId);
        TrainingRun now = start(taskId, trigger);
        return now != before && now.status() == Status.RUNNING && now.trigger().equals(trigger);
    }

    /**
     * Trains in the caller's thread, after any training of the task that is under way in this process. Throws a
     * {@code training_in_progress} {@link ConflictException} (and records a failed run) when another process sharing
     * the store trains the task: it does not wait for that one.
     */
    TrainingRun runNow(String taskId, String trigger) {
        requireExamples(taskId);
        ReentrantLock lock = locks.computeIfAbsent(taskId, id -> new ReentrantLock());
        lock.lock();
        TrainingLocks.Lease lease;
        try {
            lease = store.trainingLocks().acquire(taskId);
        } catch (RuntimeException e) {
            lastRuns.put(taskId, new TrainingRun(taskId, Status.FAILED, trigger, clock.instant(), clock.instant(),
                    null, e.getMessage()));
            lock.unlock();
            throw e;
        }
        TrainingRun started = new TrainingRun(taskId, Status.RUNNING, trigger, clock.instant(), null, null, null);
        lastRuns.put(taskId, started);
        EngineTelemetry.Request request = telemetry.request("train", taskId);
        long startNanos = System.nanoTime();
        try {
            ModelVersion version = train(taskId, trigger);
            TrainingRun done = new TrainingRun(taskId, Status.SUCCEEDED, trigger, started.startedAt(), clock.instant(),
                    version.id(), null);
            lastRuns.put(taskId, done);
            afterTraining.accept(taskId);
            telemetry.training(taskId, System.nanoTime() - startNanos, true);
            request.attribute("gen_ai.response.model", version.id());
            return done;
        } catch (RuntimeException e) {
            LOG.error("training task '{}' failed", taskId, e);
            TrainingRun failed = new TrainingRun(taskId, Status.FAILED, trigger, started.startedAt(), clock.instant(),
                    null, e.getClass().getSimpleName() + ": " + e.getMessage());
            lastRuns.put(taskId, failed);
            telemetry.training(taskId, System.nanoTime() - startNanos, false);
            request.failed(e);
            return failed;
        } finally {
            request.close();
            lease.close();
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} while no training of the task runs, and none starts: for registering a version made
     * elsewhere, which must not interleave with a training's version number and gate.
     */
    <T> T exclusively(String taskId, java.util.function.Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(taskId, id -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

        Optional<TrainingRun> last(String taskId) {
        return Optional.ofNullable(lastRuns.get(taskId));
    }

    /**
     * Starts a background training when something was validated since the task's last training and none is running;
     * the trigger, with the count of new examples, goes into the version's provenance. For the triggers that fire
     * on time or on the out-of-domain rate ({@link RetrainTriggers}), where retraining on the same data would only
     * make the same model again.
     *
     * @return whether a training started
     */
    boolean startIfNewExamples(String taskId, String trigger) {
        TrainingRun last = lastRuns.get(taskId);
        if (last != null && last.status() == Status.RUNNING) {
            return false;
        }
        long fresh = store.examples().countAfter(taskId, trainedUpTo(taskId));
        if (fresh == 0) {
            return false;
        }
        LOG.info("task '{}': {}; retraining in the background on {} new validated examples", taskId, trigger, fresh);
        return started(taskId, trigger + "; " + fresh + " new validated examples");
    }

    /** When the task's last training started (this process's, else its newest version's), or null if never. */
    Instant lastTrainingStart(String taskId) {
        TrainingRun last = lastRuns.get(taskId);
        if (last != null) {
            return last.startedAt();
        }
        return store.models().list(taskId).stream().findFirst().map(ModelVersion::createdAt).orElse(null);
    }

    /** Starts a background training when the task has gathered enough new examples since its current model. */
    void onNewExamples(String taskId) {
        if (!autoTrain) {
            return;
        }
        TaskRuntime runtime = tasks.get(taskId);
        int every = runtime.task().settings().retrainEvery();
        if (every == 0 || runtime.task().kind() == TaskKind.GENERATION) {
            return;
        }
        long fresh = store.examples().countAfter(taskId, trainedUpTo(taskId));
        TrainingRun last = lastRuns.get(taskId);
        if (fresh >= every && (last == null || last.status() != Status.RUNNING)) {
            LOG.info("task '{}' has {} new validated examples; retraining in the background", taskId, fresh);
            start(taskId, "auto: " + fresh + " new examples");
        }
    }

    /**
     * Trains a candidate on the task's examples outside the gate's held-out share, stores it with the gate's report
     * on it, and hands it to the lifecycle, which promotes or retires it.
     */
    private ModelVersion train(String taskId, String trigger) {
        indexer.catchUp(taskId);
        TaskRuntime before = tasks.get(taskId);
        Task task = before.task();
        List<Example> examples = store.examples().all(taskId);
        GateEvaluation.Split split = GateEvaluation.split(examples, ModelLifecycle.policyOf(before).gate());
        Map<String, float[]> vectors = embeddings.forExamples(examples.stream().map(Example::text).toList());
        HyperlocalTraining.Result result = training.train(task, split.train(), vectors, embeddings.modelId(),
                trigger);
        Map<String, Double> metrics = new LinkedHashMap<>(result.metrics());
        // Everything up to here was considered: the held-out examples count as used, not as new.
        metrics.put(GateEvaluation.MAX_EXAMPLE_ID, (double) examples.stream().mapToLong(Example::id).max()
                .orElse(0));
        metrics.put(GateEvaluation.HOLDOUT_METRIC, split.share());
        metrics.put("gate_held_out_examples", (double) split.heldOut().size());
        Double threshold = RoutingCalibration.chooseThreshold(before, split.train(), vectors, training, neighbours,
                seed);
        if (threshold != null) {
            metrics.put(TaskRuntime.ROUTING_THRESHOLD, threshold);
        }
        OddArtifacts odd = calibrate(task, split.train(), vectors, metrics);
        int number = store.models().list(taskId).stream().mapToInt(ModelVersion::version).max().orElse(0) + 1;
        ModelVersion version = new ModelVersion(taskId + "-v" + number, taskId, number, result.head().kind(), false,
                clock.instant(), result.provenance(), metrics, ModelState.CANDIDATE);
        TaskRuntime candidate = before.withTrial(null).withHead(result.head(), version, odd);
        TaskRuntime production = before.version() == null || tasks.needsRetraining(taskId)
                ? null
                : before.withTrial(null);
        GateReport report = GateEvaluation.judge(ModelLifecycle.policyOf(before).gate(), cascade, split, candidate,
                production, vectors);
        store.models().insert(version, result.head().toBytes(), odd == null ? null : OddArtifactsJson.write(odd),
                GateReportJson.write(report));
        trainedUpTo.put(taskId, metrics.get(GateEvaluation.MAX_EXAMPLE_ID).longValue());
        LOG.info("task '{}': trained candidate {} ({} examples, {} held out, {} s); gate {}", taskId, version.id(),
                split.train().size(), split.heldOut().size(), result.metrics().get("train_seconds"),
                report.passed() ? "passed" : "refused: " + report.reasons().get(0));
        lifecycle.afterGate(taskId, version, candidate, report);
        return version;
    }

    /**
     * Recalibrates the ODD checks for the new model (and trains its ensemble), with what reviewers marked out of
     * scope, and adds the calibration's own measurements to the version's metrics with an {@code odd_} prefix.
     */
    private OddArtifacts calibrate(Task task, List<Example> examples, Map<String, float[]> vectors,
            Map<String, Double> metrics) {
        long start = System.nanoTime();
        List<String> outOfScope = store.reviews().outOfScopeTexts(task.id(), MAX_REJECTED);
        Map<String, float[]> rejected = embeddings.forExamples(outOfScope);
        OddArtifacts odd = training.calibrate(task, examples, vectors, outOfScope.stream().map(rejected::get).toList());
        if (odd != null) {
            odd.calibration().metrics().forEach((name, value) -> metrics.put("odd_" + name, value));
            metrics.put("odd_calibration_examples", (double) odd.calibration().examples());
            metrics.put("odd_calibration_seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
        }
        return odd;
    }

    /**
     * The newest example id the task's latest training considered, whatever became of its version: a refused
     * candidate's examples are not new any more, or every feedback would start another training on the same data.
     */
    private long trainedUpTo(String taskId) {
        return trainedUpTo.computeIfAbsent(taskId, id -> store.models().list(id).stream().findFirst()
                .map(v -> v.metrics().getOrDefault(GateEvaluation.MAX_EXAMPLE_ID, 0.0).longValue()).orElse(0L));
    }

    private void requireExamples(String taskId) {
        Task task = tasks.get(taskId).task();
        if (task.kind() == TaskKind.GENERATION) {
            throw new ConflictException("nothing_to_train", "task '" + taskId + "' generates: its validated examples"
                    + " are used as few-shot demonstrations the moment they are stored, and there is no model to"
                    + " train");
        }
        if (store.examples().count(taskId) == 0) {
            throw new ConflictException("no_examples", "task '" + taskId + "' has no validated examples to train on; "
                    + "give feedback on predictions or import labelled examples first");
        }
    }
}
