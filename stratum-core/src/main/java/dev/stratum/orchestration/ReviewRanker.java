package dev.stratum.orchestration;

import dev.stratum.api.ActiveLearning;
import dev.stratum.api.Example;
import dev.stratum.api.ReviewItem;
import dev.stratum.api.ReviewRanking;
import dev.stratum.api.TaskKind;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.api.store.PoolStore.PoolCandidate;
import dev.stratum.api.store.Store;
import dev.stratum.learning.active.QueueRanking;
import dev.stratum.learning.active.SelectionContext;
import dev.stratum.learning.active.SelectionStrategies;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders each task's review queue by its active-learning strategy, in the background and never on a request's path.
 * A ranking reads the pool (open review items, predictions without feedback, imported unlabelled texts; at most the
 * newest {@value #MAX_POOL} items), drops texts that are validated examples already, ranks the distinct texts by the
 * strategy over the production model's probabilities (a cold start by clustering before the first model), and puts
 * the best {@code batch} at the head of the queue in one store transaction (see
 * {@link dev.stratum.api.store.PoolStore#applyRanking}).
 *
 * <p>A task is ranked again after every training, when its pool has grown by a quarter since its last ranking (at
 * least {@value #MIN_GROWTH} items), when its setting changes, at start-up, and on request. Requests for a task whose
 * ranking is already waiting are merged into it.
 */
final class ReviewRanker {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewRanker.class);
    /** The most unvalidated items one ranking considers, newest first: bounds its time and memory. */
    static final int MAX_POOL = 10_000;
    static final int MIN_GROWTH = 10;
    private static final int CANDIDATES_SHOWN = 5;

    private final Store store;
    private final TaskRegistry tasks;
    private final Embeddings embeddings;
    private final Cascade.NeighbourLookup memory;
    private final HeadTrainer trainer;
    private final ExecutorService background;
    private final Clock clock;
    private final int neighbours;
    private final long seed;
    private final boolean automatic;
    private final Map<String, Boolean> waiting = new ConcurrentHashMap<>();
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> grown = new ConcurrentHashMap<>();
    private final Map<String, ReviewRanking> last = new ConcurrentHashMap<>();

    ReviewRanker(Store store, TaskRegistry tasks, Embeddings embeddings, Cascade.NeighbourLookup memory,
            HeadTrainer trainer, ExecutorService background, Clock clock, EngineConfig config) {
        this.store = store;
        this.tasks = tasks;
        this.embeddings = embeddings;
        this.memory = memory;
        this.trainer = trainer;
        this.background = background;
        this.clock = clock;
        this.neighbours = config.neighbours();
        this.seed = config.trainingSeed();
        this.automatic = config.autoTrain();
    }

    /**
     * Whether rankings start by themselves (after trainings, on growth, at start-up): as trainings do, only in an
     * engine that trains by itself, not in one a script opens for a single command.
     */
    boolean automatic() {
        return automatic;
    }

    /** Where the task's ranking stands. */
    ReviewRanking status(String taskId) {
        ActiveLearning settings = tasks.get(taskId).task().settings().activeLearning();
        boolean pending = waiting.containsKey(taskId) || running.containsKey(taskId);
        ReviewRanking done = last.get(taskId);
        return done == null ? ReviewRanking.none(taskId, settings, pending)
                : new ReviewRanking(taskId, settings, pending, done.rankedAt(), done.strategy(), done.modelVersion(),
                        done.pool(), done.queued(), done.trigger(), done.seconds(), done.error());
    }

    /** Ranks the task in the background, unless a ranking of it is already waiting; generation tasks are skipped. */
    void schedule(String taskId, String trigger) {
        if (tasks.get(taskId).task().kind() != TaskKind.CLASSIFICATION || waiting.putIfAbsent(taskId, true) != null) {
            return;
        }
        grown.computeIfAbsent(taskId, id -> new AtomicLong()).set(0);
        try {
            background.execute(() -> {
                running.put(taskId, true);
                waiting.remove(taskId);
                try {
                    run(taskId, trigger);
                } finally {
                    running.remove(taskId);
                }
            });
        } catch (RejectedExecutionException e) {
            waiting.remove(taskId);
            LOG.debug("not ranking task '{}': the engine is closing", taskId);
        }
    }

    /** Counts {@code added} new unvalidated items, and ranks again once the pool has grown substantially. */
    void onPoolGrowth(String taskId, long added) {
        if (!automatic) {
            return;
        }
        long sum = grown.computeIfAbsent(taskId, id -> new AtomicLong()).addAndGet(added);
        ReviewRanking previous = last.get(taskId);
        long needed = Math.max(MIN_GROWTH, (previous == null ? 0 : previous.pool()) / 4);
        if (sum >= needed) {
            schedule(taskId, "the pool grew by " + sum + " items");
        }
    }

    private void run(String taskId, String trigger) {
        long start = System.nanoTime();
        try {
            ReviewRanking done = rank(taskId, trigger, start);
            last.put(taskId, done);
            LOG.info("task '{}': ranked {} unvalidated texts with {}, {} queued ({} s; {})", taskId, done.pool(),
                    done.strategy(), done.queued(), done.seconds(), trigger);
        } catch (RuntimeException e) {
            LOG.error("ranking the review queue of task '{}' failed", taskId, e);
            ReviewRanking previous = last.getOrDefault(taskId, ReviewRanking.none(taskId, null, false));
            last.put(taskId, new ReviewRanking(taskId, null, false, previous.rankedAt(), previous.strategy(),
                    previous.modelVersion(), previous.pool(), previous.queued(), trigger, seconds(start),
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private ReviewRanking rank(String taskId, String trigger, long start) {
        TaskRuntime runtime = tasks.get(taskId);
        ActiveLearning settings = runtime.task().settings().activeLearning();
        List<Example> examples = store.examples().all(taskId);
        Set<String> validated = new HashSet<>();
        examples.forEach(e -> validated.add(e.text()));
        // One entry per distinct text: the first candidate, so an open review item wins over a prediction of it.
        Map<String, PoolCandidate> byText = new LinkedHashMap<>();
        for (PoolCandidate candidate : store.pool().unvalidated(taskId, MAX_POOL)) {
            if (!validated.contains(candidate.text())) {
                byText.putIfAbsent(candidate.text(), candidate);
            }
        }
        List<PoolCandidate> pool = new ArrayList<>(byText.values());
        List<String> texts = pool.stream().map(PoolCandidate::text).toList();
        Map<String, float[]> vectors = embeddings.forExamples(texts);
        List<float[]> poolVectors = texts.stream().map(vectors::get).toList();
        boolean hasModel = runtime.head() != null && !examples.isEmpty();
        List<Distribution> predictions = new ArrayList<>(pool.size());
        if (hasModel) {
            for (float[] vector : poolVectors) {
                predictions.add(modelScores(runtime, vector));
            }
        }
        SelectionContext context = hasModel
                ? new SelectionContext(poolVectors, predictions, labelled(examples, runtime), trainer, seed)
                : SelectionContext.coldStart(poolVectors, runtime.task().labelNames(), trainer, seed);
        QueueRanking.Result result = pool.isEmpty()
                ? new QueueRanking.Result(settings.strategy(), List.of())
                : QueueRanking.rank(SelectionStrategies.byName(settings.strategy()), context, settings.batch());
        String modelVersion = hasModel ? runtime.version().id() : null;
        List<ReviewItem> ranked = new ArrayList<>(result.picks().size());
        for (int r = 0; r < result.picks().size(); r++) {
            QueueRanking.Pick pick = result.picks().get(r);
            ReviewItem.Ranking ranking = new ReviewItem.Ranking(result.strategy(), pick.score(), r + 1, modelVersion,
                    clock.instant());
            float[] vector = poolVectors.get(pick.index());
            Distribution shown = hasModel ? predictions.get(pick.index()) : runtime.general().predict(vector);
            ranked.add(item(taskId, pool.get(pick.index()), ranking, shown));
        }
        store.pool().applyRanking(taskId, ranked);
        return new ReviewRanking(taskId, settings, false, clock.instant(), result.strategy(), modelVersion,
                pool.size(), ranked.size(), trigger, seconds(start), null);
    }

    /** What a ranking ranks by: the production model's blend of its head and the memory's vote, as the cascade has it. */
    Distribution modelScores(TaskRuntime runtime, float[] vector) {
        return runtime.hyperlocal().predict(vector, memory.nearest(runtime.task().id(), vector, neighbours));
    }

    /** The task's examples as a training set over its label space, for strategies that train heads of their own. */
    private TrainingSet labelled(List<Example> examples, TaskRuntime runtime) {
        Map<String, float[]> vectors = embeddings.forExamples(examples.stream().map(Example::text).toList());
        return new TrainingSet(examples.stream().map(e -> vectors.get(e.text())).toList(),
                examples.stream().map(Example::label).toList(), runtime.task().labelNames());
    }

    /** The queued item a pick is: the open item it already is, or a new one for a prediction or imported text. */
    private ReviewItem item(String taskId, PoolCandidate candidate, ReviewItem.Ranking ranking, Distribution shown) {
        double priority = ranking.score() == null ? 0 : ranking.score();
        if (candidate.reviewItemId() != null) {
            return new ReviewItem(candidate.reviewItemId(), taskId, candidate.predictionId(), candidate.text(), null,
                    List.of(), priority, ReviewItem.Status.OPEN, null, null, null, false, null, null,
                    candidate.createdAt(), null, candidate.poolItemId(), ranking);
        }
        boolean imported = candidate.poolItemId() != null;
        String reason = "chosen by active learning (" + ranking.strategy() + ") from " + (imported
                ? "imported unlabelled texts" : "predictions nobody has given feedback on");
        return new ReviewItem(ReviewQueue.newId(clock), taskId, candidate.predictionId(), candidate.text(), reason,
                shown.top(CANDIDATES_SHOWN), priority, ReviewItem.Status.OPEN, null, null, null, false, null, null,
                clock.instant(), imported ? ReviewItem.Origin.IMPORT : ReviewItem.Origin.PREDICTION,
                candidate.poolItemId(), ranking);
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
    }
}
