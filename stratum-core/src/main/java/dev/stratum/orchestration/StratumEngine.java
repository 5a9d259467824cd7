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
import dev.stratum.api.StratumService;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.TaskStats;
import dev.stratum.api.TrainingRun;
import dev.stratum.api.analysis.ErrorAnalysisService;
import dev.stratum.api.lifecycle.ModelDetails;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.odd.OddAction;
import dev.stratum.api.odd.OddCheck;
import dev.stratum.api.odd.OddPolicy;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stratum's orchestration layer: serves each task's predictions through the cascade of model layers, turns feedback
 * into validated examples that the hyperlocal memory uses at once, and retrains hyperlocal models in the background.
 */
public final class StratumEngine implements StratumService {
    private final Store store;
    private final VectorIndex index;
    private final Embeddings embeddings;
    private final TaskRegistry tasks;
    private final Cascade cascade;
    private final Indexer indexer;
    private final TrainingLoop training;
    private final ModelLifecycle lifecycle;
    private final ExampleExports exports;
    private final ExampleIngest ingest;
    private final Evaluations evaluations;
    private final PredictionIds ids;
    private final ReviewQueue reviews;
    private final Generations generations;
    private final Clock clock;
    private final ExecutorService indexing;
    private final ExecutorService trainingThread;
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
        this.cascade = new Cascade(config.neighbours(), encoder.id(),
                chat == null ? null : new LlmGeneralLayer(store, chat, "llm:" + config.llm().model()));
        this.indexing = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stratum-indexing").daemon()
                .factory());
        this.trainingThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stratum-training")
                .daemon().factory());
        this.indexer = new Indexer(store, index, embeddings, indexing);
        HyperlocalTraining hyperlocal = new HyperlocalTraining(trainer, config.trainingSeed());
        this.lifecycle = new ModelLifecycle(store, tasks, clock);
        this.training = new TrainingLoop(store, tasks, indexer, embeddings, hyperlocal, trainingThread, clock,
                config, cascade, lifecycle);
        this.exports = new ExampleExports(store, tasks);
        this.ingest = new ExampleIngest(store, tasks, clock);
        this.evaluations = new Evaluations(store, tasks, cascade, embeddings, index::nearest, hyperlocal, config);
        this.ids = new PredictionIds(clock);
        this.generations = new Generations(store, chat, config.llm() == null ? null : "llm:" + config.llm().model(),
                config.neighbours());
        this.reviews = new ReviewQueue(store, tasks, embeddings, indexer, training, clock);
        this.analysisThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stratum-analysis")
                .daemon().factory());
        this.analyses = new OutOfFoldAnalyses(embeddings, trainer, analysisThread, clock, config.trainingSeed());
        this.analysis = new ErrorAnalysis(store, tasks, embeddings, indexer, training, analyses,
                new PredictionExplainer(store, tasks, embeddings, index, config.neighbours()),
                new LabelCandidates(store, embeddings), clock);
        indexer.verifyOnStart(store.tasks().list());
        retrainStaleModels(config);
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
        return tasks.create(spec);
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
        return tasks.updateLabels(taskId, labels);
    }

    @Override
    public Task updateSettings(String taskId, TaskSettings settings) {
        requireGeneralLayer(taskId, settings);
        return tasks.updateSettings(taskId, settings);
    }

    @Override
    public TaskStats stats(String taskId) {
        TaskRuntime runtime = tasks.get(taskId);
        return new TaskStats(taskId, store.examples().count(taskId), indexer.indexed(taskId),
                store.predictions().count(taskId), store.reviews().count(taskId, ReviewItem.Status.OPEN),
                runtime.version() == null ? null : runtime.version().id(), training.last(taskId).orElse(null));
    }

    @Override
    public Prediction predict(String taskId, String text) {
        long start = System.nanoTime();
        EngineTelemetry t = telemetry;
        try (EngineTelemetry.Request request = t.request("predict", taskId)) {
            try {
                t.stage("validation", () -> Example.requireText(text));
                TaskRuntime runtime = tasks.get(taskId);
                Generations.requireKind(runtime.task(), TaskKind.CLASSIFICATION);
                float[] vector = t.stage("embedding", () -> embeddings.forPrediction(text));
                Answer answer = answer(runtime, text, vector, start, t);
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
    public List<Prediction> predictBatch(String taskId, List<String> texts) {
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
                        all.add(answer(runtime, texts.get(i), vectors.get(i), start, perItem));
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
     * a hash of the text). With a shadow, the shadow version decides too, on the same embedding and neighbours, and
     * only its label is recorded: on the request path because that costs one head evaluation (a matrix-vector
     * product), no second embedding or memory lookup, and it keeps the shadow's record in step with the feedback.
     */
    private Answer answer(TaskRuntime runtime, String text, float[] vector, long startNanos, EngineTelemetry t) {
        Trial trial = runtime.trial();
        TaskRuntime answering = trial == null ? runtime : runtime.answering(CanaryRouter.stickyKey(null, text));
        RecordingLookup lookup = new RecordingLookup(index::nearest);
        Answer answer = answer(answering, text, vector, startNanos, t, lookup);
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
    }

    @Override
    public TrainingRun train(String taskId, String trigger) {
        return training.start(taskId, trigger);
    }

    @Override
    public TrainingRun trainAndWait(String taskId, String trigger) {
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
    public ExampleExport exportExamples(String taskId, ExportFormat format, String versionId) {
        return exports.export(taskId, format == null ? ExportFormat.JSONL : format, versionId);
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
        indexer.stop();
        analyses.stop();
        indexing.shutdown();
        trainingThread.shutdown();
        analysisThread.shutdown();
        try {
            indexing.awaitTermination(30, TimeUnit.SECONDS);
            trainingThread.awaitTermination(30, TimeUnit.SECONDS);
            analysisThread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        index.close();
        store.close();
    }
}
