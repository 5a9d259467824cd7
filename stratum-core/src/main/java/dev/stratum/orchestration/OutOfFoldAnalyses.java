package dev.stratum.orchestration;

import dev.stratum.api.Example;
import dev.stratum.api.analysis.AnalysisRun;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.learning.errors.ConflictingDuplicates;
import dev.stratum.learning.errors.LabelErrorFinder;
import dev.stratum.learning.errors.LabelErrors;
import dev.stratum.learning.errors.OutOfFoldConfusion;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the out-of-fold analysis of a task's examples in the background and keeps its latest result: the label-error
 * finder's ranking (one model trained per fold, minutes for 10,000 examples), the confusion matrix it implies, and the
 * near-duplicates with different labels. A run belongs to a model version and a data fingerprint; a new one starts
 * when someone asks after the task has both a new version and other data (a new version on the same data, or new
 * data under the same version, keeps the result it has: examples arriving one by one through feedback must not restart
 * a run of minutes each time). Runs take turns on one background thread.
 */
final class OutOfFoldAnalyses {
    private static final Logger LOG = LoggerFactory.getLogger(OutOfFoldAnalyses.class);
    /** The finder's settings behind the documented precision at k ({@code bench noise}, docs/benchmarks.md). */
    static final int FOLDS = 5;

    private final Embeddings embeddings;
    private final LabelErrorFinder finder;
    private final ExecutorService background;
    private final Clock clock;
    private final long seed;
    private final Map<String, Run> latest = new ConcurrentHashMap<>();
    private final Map<String, Result> ready = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    OutOfFoldAnalyses(Embeddings embeddings, HeadTrainer trainer, ExecutorService background, Clock clock, long seed) {
        this.embeddings = embeddings;
        this.finder = new LabelErrorFinder(trainer, HyperlocalConfig.DEFAULTS, FOLDS, 1, true);
        this.background = background;
        this.clock = clock;
        this.seed = seed;
    }

    /**
     * What one finished run found.
     *
     * @param examples the examples analysed, in the order the finder's indexes refer to
     * @param errors the finder's ranking
     * @param conflicts near-duplicate pairs with different labels, by index into {@code examples}
     */
    record Result(AnalysisRun run, List<Example> examples, List<String> labels, LabelErrors errors,
            OutOfFoldConfusion confusion, List<ConflictingDuplicates.Conflict> conflicts) {}

    /** The latest run's state, and the latest finished result (of that run, or of an earlier one), or null. */
    record View(AnalysisRun run, Result result) {}

    /** The state of one run, updated from the background thread. */
    private static final class Run {
        final String modelVersion;
        final String fingerprint;
        final int examples;
        final int total;
        final Instant startedAt;
        volatile int done;
        volatile AnalysisRun finished;

        Run(String modelVersion, String fingerprint, int examples, int total, Instant startedAt) {
            this.modelVersion = modelVersion;
            this.fingerprint = fingerprint;
            this.examples = examples;
            this.total = total;
            this.startedAt = startedAt;
        }

        AnalysisRun state() {
            AnalysisRun end = finished;
            return end != null ? end : new AnalysisRun(AnalysisRun.Status.COMPUTING, done, total, modelVersion,
                    fingerprint, examples, startedAt, null, null);
        }

        /** The state of this run ended as {@code status}; not yet what {@link #state()} answers. */
        AnalysisRun ended(AnalysisRun.Status status, Instant at, String message) {
            return new AnalysisRun(status, status == AnalysisRun.Status.READY ? total : done, total, modelVersion,
                    fingerprint, examples, startedAt, at, message);
        }

        void end(AnalysisRun.Status status, Instant at, String message) {
            finished = ended(status, at, message);
        }
    }

    /**
     * The analysis of {@code examples} (the task's examples now, oldest first) as far as it has got, starting a run
     * when the latest one belongs to another version and other data, or failed on other data.
     */
    View view(String taskId, String modelVersion, String fingerprint, List<Example> examples) {
        Run run = latest.compute(taskId, (id, previous) -> {
            if (previous != null && covers(previous, modelVersion, fingerprint)) {
                return previous;
            }
            Run fresh = new Run(modelVersion, fingerprint, examples.size(), finder.trainings() + 1, clock.instant());
            background.execute(() -> analyse(taskId, fresh, examples));
            return fresh;
        });
        return new View(run.state(), ready.get(taskId));
    }

    /** The latest finished result, without starting anything. */
    Result lastResult(String taskId) {
        return ready.get(taskId);
    }

    private static boolean covers(Run run, String modelVersion, String fingerprint) {
        AnalysisRun state = run.state();
        boolean sameData = run.fingerprint.equals(fingerprint);
        if (state.status() == AnalysisRun.Status.FAILED) {
            return sameData;
        }
        return sameData || Objects.equals(run.modelVersion, modelVersion);
    }

    private void analyse(String taskId, Run run, List<Example> examples) {
        try {
            Result result = compute(run, examples);
            // The result first: whoever sees the run ready must find its result.
            ready.put(taskId, result);
            run.finished = result.run();
            LOG.info("task '{}': out-of-fold analysis of {} examples done in {} s; {} flagged as label errors, {}"
                            + " conflicting near-duplicate pairs", taskId, examples.size(),
                    (result.run().finishedAt().toEpochMilli() - run.startedAt.toEpochMilli()) / 1000.0,
                    result.errors().flagged().size(), result.conflicts().size());
        } catch (CancellationException e) {
            run.end(AnalysisRun.Status.FAILED, clock.instant(), "the server stopped before the analysis finished");
        } catch (RuntimeException e) {
            LOG.error("task '{}': out-of-fold analysis failed", taskId, e);
            run.end(AnalysisRun.Status.FAILED, clock.instant(), "the analysis failed: " + e.getMessage()
                    + "; it runs again when the task's data or model changes");
        }
    }

    private Result compute(Run run, List<Example> examples) {
        Map<String, float[]> vectors = embeddings.forExamples(examples.stream().map(Example::text).toList());
        List<float[]> x = examples.stream().map(e -> vectors.get(e.text())).toList();
        List<String> y = examples.stream().map(Example::label).toList();
        List<String> labels = List.copyOf(new LinkedHashSet<>(y.stream().sorted().toList()));
        List<ConflictingDuplicates.Conflict> conflicts = ConflictingDuplicates.find(x, y,
                HyperlocalConfig.DEFAULTS.duplicateSimilarity(), rows -> checkStopping());
        run.done = 1;
        LabelErrors errors = finder.find(new TrainingSet(x, y, labels), seed, done -> {
            checkStopping();
            run.done = 1 + done;
        });
        return new Result(run.ended(AnalysisRun.Status.READY, clock.instant(), null), examples, labels, errors,
                OutOfFoldConfusion.of(labels, errors.ranked()), conflicts);
    }

    private void checkStopping() {
        if (stopping) {
            throw new CancellationException("stopping");
        }
    }

    /** Makes a running analysis stop at its next step. */
    void stop() {
        stopping = true;
    }
}
