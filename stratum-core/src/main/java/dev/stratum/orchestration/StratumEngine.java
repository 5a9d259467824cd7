package dev.stratum.orchestration;

import dev.stratum.api.Evaluation;
import dev.stratum.api.Example;
import dev.stratum.api.ExampleExport;
import dev.stratum.api.ExamplePage;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.ExportFormat;
import dev.stratum.api.Feedback;
import dev.stratum.api.FeedbackAction;
import dev.stratum.api.GeneralLayer;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.ImportResult;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Label;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.NewTask;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Prediction;
import dev.stratum.api.ReviewItem;
import dev.stratum.api.ReviewRanking;
import dev.stratum.api.StratumService;
import dev.stratum.api.Task;
import dev.stratum.api.TaskHistory;
import dev.stratum.api.TaskKind;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.TaskStats;
import dev.stratum.api.TrainingRun;
import dev.stratum.api.analysis.ErrorAnalysisService;
import dev.stratum.api.audit.AuditEntry;
import dev.stratum.api.audit.AuditVerification;
import dev.stratum.api.lifecycle.ExternalModel;
import dev.stratum.api.lifecycle.ModelDetails;
import dev.stratum.api.lifecycle.ModelPolicy;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.odd.OddAction;
import dev.stratum.api.odd.OddCheck;
import dev.stratum.api.odd.OddPolicy;
import dev.stratum.api.store.ChangeFeed;
import dev.stratum.api.store.FeedbackOutcome;
import dev.stratum.api.store.Neighbour;
import dev.stratum.api.store.Store;
import dev.stratum.api.store.VectorIndex;
import dev.stratum.learning.training.HyperlocalTraining;
import dev.stratum.lifecycle.CanaryRouter;
import dev.stratum.llm.ChatClient;
import dev.stratum.odd.OddVerdict;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stratum's orchestration layer: serves each task's predictions through the cascade of model layers, turns feedback
 * into validated examples that the hyperlocal memory uses at once, and retrains hyperlocal models in the background.
 */
public final class StratumEngine implements StratumService {
    private static final Logger LOG = LoggerFactory.getLogger(StratumEngine.class);
    /** How often the live statistics of model versions are saved: what a crash can lose of them. */
    private static final long STATS_SAVE_SECONDS = 5;
    private final Store store;
    private final VectorIndex index;
    private final Embeddings embeddings;
    private final TaskRegistry tasks;
    private final Cascade cascade;
    private final Indexer indexer;
    private final TrainingLoop training;
    private final ModelLifecycle lifecycle;
    private final RetrainTriggers retrainTriggers;
    private final ExternalModels externals;
    private final ExternalRegistration externalRegistration;
    private final ScheduledExecutorService schedule;
    private final ExampleExports exports;
    private final ExampleIngest ingest;
    private final Evaluations evaluations;
    private final PredictionIds ids;
    private final ReviewQueue reviews;
    private final Generations generations;
    private final AuditTrail audit;
    private final Clock clock;
    private final ExecutorService indexing;
    private final ExecutorService trainingThread;
    private final ExecutorService rankingThread;
    private final ReviewRanker ranker;
    private final TaskHistories histories;
    /** Follows what other processes change in a shared store; null on a store only this process opens. */
    private final ChangeFollower follower;
    private final ExecutorService analysisThread;
    private final OutOfFoldAnalyses analyses;
    private final ErrorAnalysis analysis;
    private volatile EngineTelemetry telemetry = EngineTelemetry.NOOP;

    StratumEngine(EngineConfig config, Store store, VectorIndex index, EmbeddingModel encoder, HeadTrainer trainer,
            ChatClient chat) {
        this.store = store;
        this.index = index;
        // Instants are stored with millisecond precision; keep them so in memory too, so what is returned is what is
        // read back.
        this.clock = Clock.tick(config.clock(), Duration.ofMillis(1));
        this.embeddings = new Embeddings(encoder, store.embeddings());
        this.tasks = new TaskRegistry(store, encoder, trainer, clock);
        this.externals = new ExternalModels(store, System.getenv());
        this.cascade = new Cascade(config.neighbours(), encoder.id(),
                chat == null ? null : new LlmGeneralLayer(store, chat, "llm:" + config.llm().model()), externals);
        this.indexing = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stratum-indexing").daemon()
                .factory());
        this.trainingThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stratum-training")
                .daemon().factory());
        this.indexer = new Indexer(store, index, embeddings, indexing);
        HyperlocalTraining hyperlocal = new HyperlocalTraining(trainer, config.trainingSeed());
        this.lifecycle = new ModelLifecycle(store, tasks, clock);
        this.training = new TrainingLoop(store, tasks, indexer, embeddings, hyperlocal, trainingThread, clock,
                config, cascade, lifecycle);
        this.retrainTriggers = new RetrainTriggers(tasks, training, clock, config.autoTrain());
        this.externalRegistration = new ExternalRegistration(store, tasks, training, embeddings, cascade, lifecycle,
                externals, clock);
        this.schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("stratum-schedule")
                .daemon().factory());
        this.exports = new ExampleExports(store, tasks, embeddings, trainer, config.trainingSeed());
        this.ingest = new ExampleIngest(store, tasks, clock);
        this.evaluations = new Evaluations(store, tasks, cascade, embeddings, index::nearest, hyperlocal, config);
        this.ids = new PredictionIds(clock);
        this.generations = new Generations(store, chat, config.llm() == null ? null : "llm:" + config.llm().model(),
                config.neighbours());
        this.reviews = new ReviewQueue(store, tasks, embeddings, indexer, training, clock);
        this.rankingThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stratum-ranking").daemon()
                .factory());
        this.ranker = new ReviewRanker(store, tasks, embeddings, index::nearest, trainer, rankingThread, clock, config);
        this.histories = new TaskHistories(store, tasks);
        training.afterTraining = taskId -> {
            if (ranker.automatic()) {
                ranker.schedule(taskId, "after training");
            }
        };
        this.audit = new AuditTrail(store, clock);
        audit.logHead();
        this.analysisThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stratum-analysis")
                .daemon().factory());
        this.analyses = new OutOfFoldAnalyses(embeddings, trainer, analysisThread, clock, config.trainingSeed());
        this.analysis = new ErrorAnalysis(store, tasks, embeddings, indexer, training, analyses,
                new PredictionExplainer(store, tasks, embeddings, index, config.neighbours()),
                new LabelCandidates(store, embeddings), clock);
        this.follower = followChanges(store, index);
        retrainStaleModels(config);
        if (ranker.automatic()) {
            store.tasks().list().forEach(task -> ranker.schedule(task.id(), "start-up"));
        }
        schedule.scheduleWithFixedDelay(this::onSchedule, 1, 1, TimeUnit.MINUTES);
        schedule.scheduleWithFixedDelay(this::saveLiveStats, STATS_SAVE_SECONDS, STATS_SAVE_SECONDS,
                TimeUnit.SECONDS);
    }

    /**
     * Brings the index up to date with the store and, on a store that other processes share, follows their changes;
     * returns the follower, or null when there is nothing to follow.
     */
    private ChangeFollower followChanges(Store store, VectorIndex index) {
        Optional<ChangeFeed> feed = store.openChangeFeed();
        if (feed.isEmpty()) {
            indexer.verifyOnStart(store.tasks().list());
            return null;
        }
        try {
            return ChangeFollower.start(feed.get(), tasks, indexer, index, store.tasks().list(), ChangeFollower.POLL);
        } catch (RuntimeException e) {
            feed.get().close();
            throw e;
        }
    }

    /**
     * Saves the live statistics of versions on trial and of production that changed (see {@link TrialRecords}); a
     * failure is logged and the next round tries again.
     */
    void saveLiveStats() {
        try {
            lifecycle.saveStats();
        } catch (RuntimeException e) {
            LOG.warn("the live statistics of model versions could not be saved; trying again in {} s",
                    STATS_SAVE_SECONDS, e);
        }
    }

    /** The schedule's minute: retrainings that are due. A failure is logged and the next minute tries again. */
    void onSchedule() {
        try {
            retrainTriggers.onSchedule();
        } catch (RuntimeException e) {
            LOG.warn("the retraining schedule could not be checked; it is checked again in a minute", e);
        }
    }

    /** Retrains, in the background, each task whose current model learnt from another encoder than this engine's. */
    private void retrainStaleModels(EngineConfig config) {
        if (!config.autoTrain()) {
            return;
        }
        for (Task task : store.tasks().list()) {
            if (tasks.needsRetraining(task.id()) && store.examples().count(task.id()) > 0) {
                training.start(task.id(), "auto: the encoder changed to " + embeddings.modelId());
            }
        }
    }

    /** Opens the embedded store and index in {@code config.dataDir()} with the bundled local models. */
    public static StratumEngine open(EngineConfig config) {
        return EngineFactory.open(config);
    }

    /** Opens as {@link #open(EngineConfig)} does, recording spans and metrics through {@code telemetry}. */
    public static StratumEngine open(EngineConfig config, EngineTelemetry telemetry) {
        StratumEngine engine = EngineFactory.open(config);
        engine.telemetry = telemetry;
        engine.training.telemetry = telemetry;
        telemetry.gauge("stratum.indexing.backlog", "Validated examples stored but not yet in the nearest-neighbour "
                + "memory, over all tasks", engine, StratumEngine::indexingBacklog);
        return engine;
    }

    /** Examples stored but not yet indexed; read when metrics are scraped, NaN once the store is closed. */
    private double indexingBacklog() {
        try {
            return tasks.list().stream()
                    .mapToLong(t -> Math.max(0, store.examples().count(t.id()) - indexer.indexed(t.id())))
                    .sum();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The embeddings of this engine's encoder, through its cache; for tests that retrain outside the loop. */
    Embeddings embeddings() {
        return embeddings;
    }

    /** The production model's distribution for a text, as a ranking of the review queue sees it; for tests. */
    Distribution modelScores(String taskId, String text) {
        return ranker.modelScores(tasks.get(taskId), embeddings.forExamples(List.of(text)).get(text));
    }

    /** The store behind this engine, for the parts of the server that keep their own data (API keys). */
    public Store store() {
        return store;
    }

    @Override
    public Task createTask(NewTask spec) {
        if (spec.kind() == TaskKind.GENERATION) {
            generations.requireModel(spec.id());
        }
        requireGeneralLayer(spec.id(), spec.settings());
        Task created = tasks.create(spec);
        audit.record("task.create", created.id(), Map.of("kind", created.kind().wireName(), "labels",
                created.labels().size()));
        return created;
    }

    @Override
    public Task task(String taskId) {
        return tasks.get(taskId).task();
    }

    @Override
    public List<Task> tasks() {
        return tasks.list();
    }

    /** Refuses a language model as the general layer when none is configured. */
    private void requireGeneralLayer(String taskId, TaskSettings settings) {
        if (settings != null && settings.generalLayer() == GeneralLayer.LLM) {
            generations.requireModel(taskId);
        }
    }

    @Override
    public Task updateLabels(String taskId, List<Label> labels) {
        Task updated = tasks.updateLabels(taskId, labels);
        audit.record("task.labels", taskId, Map.of("labels", updated.labels().stream().map(Label::name).toList()));
        return updated;
    }

    @Override
    public Task updateSettings(String taskId, TaskSettings settings) {
        requireGeneralLayer(taskId, settings);
        TaskSettings before = tasks.get(taskId).task().settings();
        Task updated = tasks.updateSettings(taskId, settings);
        if (!before.activeLearning().equals(updated.settings().activeLearning())) {
            ranker.schedule(taskId, "the active-learning setting changed");
        }
        audit.record("task.settings", taskId, Map.of("settings", updated.settings()));
        return updated;
    }

    @Override
    public TaskStats stats(String taskId) {
        TaskRuntime runtime = tasks.get(taskId);
        return new TaskStats(taskId, store.examples().count(taskId), indexer.indexed(taskId),
                store.predictions().count(taskId), store.reviews().count(taskId, ReviewItem.Status.OPEN),
                runtime.version() == null ? null : runtime.version().id(), training.last(taskId).orElse(null));
    }

    @Override
    public Prediction predict(String taskId, String text, String callerKeyId) {
        long start = System.nanoTime();
        EngineTelemetry t = telemetry;
        try (EngineTelemetry.Request request = t.request("predict", taskId)) {
            try {
                t.stage("validation", () -> Example.requireText(text));
                TaskRuntime runtime = tasks.get(taskId);
                Generations.requireKind(runtime.task(), TaskKind.CLASSIFICATION);
                float[] vector = t.stage("embedding", () -> embeddings.forPrediction(text));
                Answer answer = answer(runtime, text, callerKeyId, vector, start, t);
                store(List.of(answer), t);
                Prediction prediction = answer.prediction();
                t.answered(prediction);
                request.answered(prediction);
                return prediction;
            } catch (RuntimeException e) {
                throw request.failed(e);
            }
        }
    }

    @Override
    public List<Prediction> predictBatch(String taskId, List<String> texts, String callerKeyId) {
        long start = System.nanoTime();
        EngineTelemetry t = telemetry;
        try (EngineTelemetry.Request request = t.request("predict_batch", taskId)) {
            try {
                request.attribute("stratum.batch.size", texts == null ? 0 : texts.size());
                t.stage("validation", () -> validateBatch(texts));
                TaskRuntime runtime = tasks.get(taskId);
                Generations.requireKind(runtime.task(), TaskKind.CLASSIFICATION);
                List<float[]> vectors = t.stage("embedding", () -> embeddings.model().embedAll(texts));
                // One span for the cascade of the whole batch; per-item stages are timed but not traced.
                EngineTelemetry perItem = t.withoutStageSpans();
                List<Answer> answers = t.stage("cascade", () -> {
                    List<Answer> all = new ArrayList<>(texts.size());
                    for (int i = 0; i < texts.size(); i++) {
                        all.add(answer(runtime, texts.get(i), callerKeyId, vectors.get(i), start, perItem));
                    }
                    return all;
                });
                store(answers, t);
                List<Prediction> predictions = answers.stream().map(Answer::prediction).toList();
                predictions.forEach(t::answered);
                request.attribute(EngineTelemetry.OUTCOME, "answered");
                return predictions;
            } catch (RuntimeException e) {
                throw request.failed(e);
            }
        }
    }

    @Override
    public Prediction generate(String taskId, String input, int candidates) {
        long start = System.nanoTime();
        EngineTelemetry t = telemetry;
        try (EngineTelemetry.Request request = t.request("generate", taskId)) {
            try {
                t.stage("validation", () -> Example.requireText(input));
                TaskRuntime runtime = tasks.get(taskId);
                Generations.requireKind(runtime.task(), TaskKind.GENERATION);
                float[] vector = t.stage("embedding", () -> embeddings.forPrediction(input));
                Generations.Outcome outcome = t.stage("general", () -> generations.generate(runtime, ids.next(),
                        input, vector, candidates, index::nearest, clock.instant(), start));
                Prediction prediction = outcome.prediction();
                ReviewItem item = null;
                if (outcome.check().action() == OddAction.REVIEW) {
                    item = reviews.draft(prediction, outcome.check().reason(), List.of(), 1);
                    prediction = prediction.withOdd(outcome.check().withReviewItem(item.id()));
                }
                store(List.of(new Answer(prediction, item)), t);
                t.answered(prediction);
                request.answered(prediction);
                return prediction;
            } catch (RuntimeException e) {
                throw request.failed(e);
            }
        }
    }

    /** A prediction, and the review item it opens when its task's policy routes it to a person. */
    private record Answer(Prediction prediction, ReviewItem review) {}

    /** Stores the predictions, then the review items that point at them. */
    private void store(List<Answer> answers, EngineTelemetry t) {
        t.stage("storage", () -> {
            store.predictions().insertAll(answers.stream().map(Answer::prediction).toList());
            answers.stream().map(Answer::review).filter(Objects::nonNull).forEach(reviews::insert);
        });
        // Counting only: a ranking, when due, runs in the background.
        ranker.onPoolGrowth(answers.getFirst().prediction().taskId(), answers.size());
    }

    private static void validateBatch(List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            throw new InvalidRequestException("empty_batch", "the batch has no texts; send {\"texts\": [\"...\"]}");
        }
        for (int i = 0; i < texts.size(); i++) {
            try {
                Example.requireText(texts.get(i));
            } catch (InvalidRequestException e) {
                throw new InvalidRequestException(e.code(), "texts[" + i + "]: " + e.getMessage());
            }
        }
    }

    /**
     * Answers one input. With a canary, the canary's runtime answers the share of inputs its router picks (sticky by
     * a hash of the text, or by the caller's key when the policy says so and there is one). With a shadow, the shadow version decides too, on the same embedding and neighbours, and
     * only its label is recorded: on the request path because that costs one head evaluation (a matrix-vector
     * product), no second embedding or memory lookup, and it keeps the shadow's record in step with the feedback.
     */
    private Answer answer(TaskRuntime runtime, String text, String callerKeyId, float[] vector, long startNanos,
            EngineTelemetry t) {
        Trial trial = runtime.trial();
        boolean byKey = ModelLifecycle.policyOf(runtime).canarySticky() == ModelPolicy.CanarySticky.KEY;
        TaskRuntime answering = trial == null
                ? runtime
                : runtime.answering(CanaryRouter.stickyKey(byKey ? callerKeyId : null, text));
        RecordingLookup lookup = new RecordingLookup(index::nearest);
        Answer answer = answer(answering, text, vector, startNanos, t, lookup);
        if (answering == runtime) {
            retrainTriggers.onPrediction(runtime, answer.prediction());
        }
        if (trial != null) {
            String shadowLabel = null;
            if (trial.shadow() != null) {
                Cascade.Decision shadow = cascade.decideLocally(trial.runtime(), text, vector, lookup.replay());
                shadowLabel = shadow.answers() ? shadow.distribution().top() : null;
            }
            lifecycle.observe(runtime, answering, answer.prediction(), shadowLabel);
        }
        return answer;
    }

    /** A memory lookup that keeps what it found, so that a shadow version can decide on the same neighbours. */
    private static final class RecordingLookup implements Cascade.NeighbourLookup {
        private final Cascade.NeighbourLookup delegate;
        private List<Neighbour> found = List.of();

        RecordingLookup(Cascade.NeighbourLookup delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Neighbour> nearest(String taskId, float[] query, int k) {
            found = delegate.nearest(taskId, query, k);
            return found;
        }

        Cascade.NeighbourLookup replay() {
            List<Neighbour> neighbours = found;
            return (taskId, query, k) -> neighbours;
        }
    }

    private Answer answer(TaskRuntime runtime, String text, float[] vector, long startNanos, EngineTelemetry t,
            Cascade.NeighbourLookup lookup) {
        Cascade.Decision decision = cascade.decide(runtime, text, vector, lookup, t);
        double latencyMs = Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
        Distribution distribution = decision.distribution();
        Prediction prediction = new Prediction(ids.next(), runtime.task().id(), text, distribution.top(),
                distribution.confidence(), decision.layer(), decision.modelVersion(), distribution.top(5), latencyMs,
                clock.instant(), null, null, decision.attempts());
        if (decision.verdict() == null) {
            return new Answer(prediction, null);
        }
        OddCheck check = decision.verdict().check();
        if (decision.verdict() instanceof OddVerdict.Answered answered) {
            // The guard's confidence is the calibrated one: the probability an application should trust.
            return new Answer(new Prediction(prediction.id(), prediction.taskId(), text, answered.label(),
                    answered.confidence(), decision.layer(), decision.modelVersion(), prediction.scores(), latencyMs,
                    prediction.createdAt(), null, check, decision.attempts()), null);
        }
        if (decision.answers()) {
            return new Answer(prediction.withOdd(check), null);
        }
        Prediction withheld = new Prediction(prediction.id(), prediction.taskId(), text, null, 0,
                decision.layer(), decision.modelVersion(), prediction.scores(), latencyMs, prediction.createdAt(),
                null, check, decision.attempts());
        if (check.action() != OddAction.REVIEW) {
            return new Answer(withheld, null);
        }
        ReviewItem item = reviews.draft(withheld, check.reason(), check.candidates(), 1 - distribution.confidence());
        return new Answer(withheld.withOdd(check.withReviewItem(item.id())), item);
    }

    @Override
    public Prediction prediction(String predictionId) {
        return store.predictions().find(predictionId).orElseThrow(() -> new NotFoundException("prediction_not_found",
                "prediction '" + predictionId + "' does not exist; use the id returned by predict"));
    }

    @Override
    public Prediction feedback(String predictionId, FeedbackAction action, String label, String comment) {
        EngineTelemetry t = telemetry;
        try (EngineTelemetry.Request request = t.request("feedback", null)) {
            try {
                Prediction result = recordFeedback(predictionId, action, label, comment, t);
                request.attribute(EngineTelemetry.TASK, result.taskId())
                        .attribute("stratum.feedback.action", action.wireName())
                        .attribute(EngineTelemetry.LAYER, result.source().wireName())
                        .attribute(EngineTelemetry.OUTCOME, "recorded");
                t.feedback(result.taskId(), action, result.source());
                return result;
            } catch (RuntimeException e) {
                throw request.failed(e);
            }
        }
    }

    private Prediction recordFeedback(String predictionId, FeedbackAction action, String label, String comment,
            EngineTelemetry t) {
        if (action == null) {
            throw new InvalidRequestException("missing_action", "feedback needs an action: accept, correct or reject");
        }
        Prediction prediction = prediction(predictionId);
        Task task = tasks.get(prediction.taskId()).task();
        String validated = switch (action) {
            case ACCEPT -> {
                if (prediction.label() == null) {
                    throw new InvalidRequestException("nothing_to_accept", "prediction '" + predictionId
                            + "' gave no label (" + prediction.odd().reason() + "); use action 'correct' with the"
                            + " right label, or 'reject' if the input is out of scope");
                }
                if (label != null && !label.equals(prediction.label())) {
                    throw new InvalidRequestException("label_mismatch", "accept confirms the predicted label '"
                            + prediction.label() + "' but the request names '" + label
                            + "'; use action 'correct' to give a different label");
                }
                yield prediction.label();
            }
            case CORRECT -> {
                if (task.kind() == TaskKind.GENERATION) {
                    yield Generations.validatedOutput(task, policyOf(task.id()), label);
                }
                task.requireLabel(label);
                yield label;
            }
            case REJECT -> null;
        };
        Feedback feedback = new Feedback(action, validated, comment, clock.instant());
        Example example = validated == null ? null : new Example(0, task.id(), prediction.text(), validated,
                ExampleSource.FEEDBACK, prediction.id(), clock.instant());
        float[] vector = example == null ? null
                : t.stage("embedding", () -> embeddings.forExamples(List.of(example.text())).get(example.text()));
        FeedbackOutcome outcome = t.stage("storage",
                () -> store.predictions().recordFeedback(predictionId, feedback, example));
        if (outcome.replacedExampleId() != null) {
            indexer.remove(task.id(), outcome.replacedExampleId());
        }
        if (outcome.added() != null) {
            indexer.indexNow(outcome.added(), vector);
        }
        if (validated != null && task.kind() == TaskKind.CLASSIFICATION) {
            lifecycle.onFeedback(prediction, validated);
        }
        training.onNewExamples(task.id());
        return prediction.withFeedback(feedback);
    }

    @Override
    public Example addExample(String taskId, String text, String label) {
        Example.requireText(text);
        Task task = tasks.get(taskId).task();
        String validated = label;
        if (task.kind() == TaskKind.GENERATION) {
            validated = Generations.validatedOutput(task, policyOf(taskId), label);
        } else {
            task.requireLabel(label);
        }
        Example example = new Example(0, taskId, text.strip(), validated, ExampleSource.API, null, clock.instant());
        float[] vector = embeddings.forExamples(List.of(example.text())).get(example.text());
        Example stored = store.examples().insertAll(List.of(example)).get(0);
        indexer.indexNow(stored, vector);
        training.onNewExamples(taskId);
        return stored;
    }

    @Override
    public ImportResult importExamples(String taskId, InputStream data, ImportOptions options) {
        ImportResult result = ingest.importExamples(taskId, data, options);
        if (result.imported() > 0) {
            indexer.schedule(taskId);
            training.onNewExamples(taskId);
        }
        return result;
    }

    @Override
    public ImportResult importUnlabelled(String taskId, InputStream data, ImportOptions options) {
        requireClassification(taskId);
        ImportResult result = ingest.importUnlabelled(taskId, data, options);
        if (result.imported() > 0) {
            ranker.onPoolGrowth(taskId, result.imported());
        }
        return result;
    }

    @Override
    public ExamplePage examples(String taskId, int offset, int limit) {
        tasks.get(taskId);
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new InvalidRequestException("invalid_page", "offset must be >= 0 and limit between 1 and 1000, got "
                    + "offset " + offset + " and limit " + limit);
        }
        return store.examples().page(taskId, offset, limit);
    }

    @Override
    public void deleteExample(String taskId, long exampleId) {
        tasks.get(taskId);
        if (!store.examples().delete(taskId, exampleId)) {
            throw new NotFoundException("example_not_found", "task '" + taskId + "' has no example " + exampleId);
        }
        indexer.remove(taskId, exampleId);
        audit.record("example.delete", taskId, Map.of("example", exampleId));
    }

    @Override
    public TrainingRun train(String taskId, String trigger) {
        TrainingRun run = training.start(taskId, trigger);
        audit.record("model.train", taskId, Map.of("trigger", String.valueOf(trigger)));
        return run;
    }

    @Override
    public TrainingRun trainAndWait(String taskId, String trigger) {
        audit.record("model.train", taskId, Map.of("trigger", String.valueOf(trigger)));
        return training.runNow(taskId, trigger);
    }

    @Override
    public Optional<TrainingRun> lastTraining(String taskId) {
        tasks.get(taskId);
        return training.last(taskId);
    }

    @Override
    public List<ModelVersion> models(String taskId) {
        tasks.get(taskId);
        return store.models().list(taskId);
    }

    @Override
    public Optional<ModelVersion> currentModel(String taskId) {
        return Optional.ofNullable(tasks.get(taskId).version());
    }

    @Override
    public ModelDetails model(String taskId, String versionId) {
        return lifecycle.details(taskId, versionId);
    }

    @Override
    public ModelDetails changeModelState(String taskId, String versionId, ModelState to, String actor,
            String reason) {
        return lifecycle.change(taskId, versionId, to, actorOf(actor), reasonOf(reason, to));
    }

    @Override
    public ModelDetails rollback(String taskId, String versionId, String actor, String reason) {
        return lifecycle.rollback(taskId, versionId, actorOf(actor), reason == null || reason.isBlank()
                ? "rollback" : reason.strip());
    }

    private static String actorOf(String actor) {
        return actor == null || actor.isBlank() ? "unknown" : actor.strip();
    }

    private static String reasonOf(String reason, ModelState to) {
        return reason == null || reason.isBlank() ? "moved to " + (to == null ? "?" : to.wireName()) + " by hand"
                : reason.strip();
    }

    @Override
    public ModelDetails registerExternalModel(String taskId, ExternalModel model, String actor) {
        if (model == null) {
            throw new InvalidRequestException("invalid_external_model", "send the external model as {\"base_url\","
                    + " \"model\", \"api_key_env\"}");
        }
        ModelDetails registered = externalRegistration.register(taskId, model, actorOf(actor));
        audit.record("model.register", taskId, Map.of("version", registered.version().id(), "base_url",
                model.baseUrl(), "model", model.model()));
        return registered;
    }

    @Override
    public ExampleExport exportExamples(String taskId, ExportFormat format, String versionId, boolean curated) {
        ExampleExport export = exports.export(taskId, format == null ? ExportFormat.JSONL : format, versionId,
                curated);
        Map<String, Object> details = new TreeMap<>(Map.of("format", export.format().wireName(), "examples",
                export.count(), "fingerprint", export.dataFingerprint(), "curated", curated));
        if (export.modelVersion() != null) {
            details.put("model_version", export.modelVersion());
        }
        audit.record("examples.export", taskId, details);
        return export;
    }

    @Override
    public void confirmExample(String taskId, long exampleId, String actor) {
        exports.confirm(taskId, exampleId, actorOf(actor), clock.instant());
        audit.record("example.confirm", taskId, Map.of("example", exampleId));
    }

    @Override
    public List<AuditEntry> auditLog(long afterSeq, int limit) {
        return audit.entries(afterSeq, limit);
    }

    @Override
    public AuditVerification verifyAuditLog() {
        return audit.verify();
    }

    @Override
    public Evaluation evaluate(String taskId, InputStream data, ImportOptions options) {
        return evaluations.onFile(taskId, data, options);
    }

    @Override
    public Evaluation evaluateHoldout(String taskId, double share, long seed) {
        return evaluations.onHoldout(taskId, share, seed);
    }

    @Override
    public List<ReviewItem> reviewQueue(String taskId, ReviewItem.Status status, int offset, int limit) {
        return reviews.list(taskId, status, offset, limit);
    }

    @Override
    public ReviewItem reviewItem(String itemId) {
        return reviews.find(itemId);
    }

    @Override
    public ReviewRanking reviewRanking(String taskId) {
        return ranker.status(taskId);
    }

    @Override
    public ReviewRanking rankReviewQueue(String taskId) {
        requireClassification(taskId);
        ranker.schedule(taskId, "on request");
        return ranker.status(taskId);
    }

    /** Refuses a generation task where the review pool is meant: active learning ranks labels to choose. */
    private void requireClassification(String taskId) {
        if (tasks.get(taskId).task().kind() != TaskKind.CLASSIFICATION) {
            throw new InvalidRequestException("wrong_task_kind", "task '" + taskId + "' generates; unlabelled"
                    + " texts and the active-learning ranking of the review queue are for classification tasks");
        }
    }

    @Override
    public TaskHistory history(String taskId, Instant from, Instant to, Duration bucket) {
        return histories.history(taskId, from, to, bucket);
    }

    @Override
    public ReviewItem claimReview(String itemId, String reviewer) {
        return reviews.claim(itemId, reviewer);
    }

    @Override
    public ReviewItem resolveReview(String itemId, String label, boolean outOfScope, String reviewer) {
        return reviews.resolve(itemId, label, outOfScope, reviewer);
    }

    /** The task's policy, or the defaults when it has none: what generated outputs are checked against. */
    private OddPolicy policyOf(String taskId) {
        OddPolicy policy = tasks.get(taskId).policy();
        return policy == null ? OddPolicy.DEFAULT : policy;
    }

    @Override
    public Optional<OddPolicy> policy(String taskId) {
        return Optional.ofNullable(tasks.get(taskId).policy());
    }

    @Override
    public OddPolicy setPolicy(String taskId, OddPolicy policy, String author) {
        if (policy == null) {
            throw new InvalidRequestException("missing_policy", "send the ODD policy as a JSON object; {} puts every"
                    + " default in force");
        }
        return tasks.setPolicy(taskId, policy, author == null || author.isBlank() ? "unknown" : author.strip());
    }

    @Override
    public List<OddPolicy> policyHistory(String taskId) {
        return tasks.policyHistory(taskId);
    }

    @Override
    public ErrorAnalysisService analysis() {
        return analysis;
    }

    @Override
    public boolean isReady() {
        return store.isHealthy();
    }

    @Override
    public void close() {
        // No interrupts: an interrupted Lucene write closes the index's file channels. The indexer stops between
        // batches instead, and a training finishes its one transaction.
        if (follower != null) {
            follower.close();
        }
        indexer.stop();
        schedule.shutdown();
        analyses.stop();
        indexing.shutdown();
        trainingThread.shutdown();
        rankingThread.shutdown();
        analysisThread.shutdown();
        try {
            schedule.awaitTermination(30, TimeUnit.SECONDS);
            indexing.awaitTermination(30, TimeUnit.SECONDS);
            trainingThread.awaitTermination(30, TimeUnit.SECONDS);
            rankingThread.awaitTermination(30, TimeUnit.SECONDS);
            analysisThread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        saveLiveStats();
        externals.close();
        index.close();
        store.close();
    }
}
