package dev.stratum.orchestration;

import dev.stratum.api.Evaluation;
import dev.stratum.api.Example;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Task;
import dev.stratum.api.store.Store;
import dev.stratum.learning.data.LabelledFileReader;
import dev.stratum.learning.data.LabelledRow;
import dev.stratum.learning.evaluation.EvaluationBuilder;
import dev.stratum.learning.training.HyperlocalTraining;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Scores a task's cascade on labelled data it did not learn from: a file, or a held-out share of its examples. */
final class Evaluations {
    private static final int BATCH = 256;

    private final Store store;
    private final TaskRegistry tasks;
    private final Cascade cascade;
    private final Embeddings embeddings;
    private final Cascade.NeighbourLookup liveIndex;
    private final HyperlocalTraining training;
    private final int neighbours;

    Evaluations(Store store, TaskRegistry tasks, Cascade cascade, Embeddings embeddings,
            Cascade.NeighbourLookup liveIndex, HyperlocalTraining training, EngineConfig config) {
        this.store = store;
        this.tasks = tasks;
        this.cascade = cascade;
        this.embeddings = embeddings;
        this.liveIndex = liveIndex;
        this.training = training;
        this.neighbours = config.neighbours();
    }

    /** The current cascade, as it serves now, on every usable row of a labelled file. */
    Evaluation onFile(String taskId, InputStream data, ImportOptions options) {
        TaskRuntime runtime = tasks.get(taskId);
        EvaluationBuilder builder = new EvaluationBuilder();
        List<LabelledRow> batch = new ArrayList<>(BATCH);
        try (LabelledFileReader reader = LabelledFileReader.open(data, options)) {
            while (reader.hasNext()) {
                LabelledRow row = reader.next();
                if (row.ok()) {
                    batch.add(row);
                }
                if (batch.size() == BATCH || !reader.hasNext()) {
                    score(runtime, batch, builder);
                    batch.clear();
                }
            }
        } catch (UncheckedIOException e) {
            // A file that breaks off or is malformed (an unclosed quote) is the caller's to fix, as for an import.
            throw new InvalidRequestException("unreadable_file", "reading the file failed ("
                    + e.getCause().getMessage() + "); nothing was evaluated", e);
        }
        if (builder.size() == 0) {
            throw new InvalidRequestException("no_rows", "the file has no usable labelled rows to evaluate on");
        }
        return builder.build(taskId, "file", versionName(runtime));
    }

    private void score(TaskRuntime runtime, List<LabelledRow> rows, EvaluationBuilder builder) {
        if (rows.isEmpty()) {
            return;
        }
        List<float[]> vectors = embeddings.model().embedAll(rows.stream().map(LabelledRow::text).toList());
        for (int i = 0; i < rows.size(); i++) {
            Cascade.Decision decision = cascade.decide(runtime, vectors.get(i), liveIndex);
            builder.add(rows.get(i).label(), decision.distribution().top(), decision.layer());
        }
    }

    /**
     * Trains a temporary hyperlocal model on all but a random {@code share} of the task's examples and scores the
     * cascade on that share, with a memory holding only the training part. The serving model is not touched.
     */
    Evaluation onHoldout(String taskId, double share, long seed) {
        if (!(share > 0 && share < 1)) {
            throw new InvalidRequestException("invalid_share", "share must be between 0 and 1 (exclusive), got "
                    + share);
        }
        TaskRuntime runtime = tasks.get(taskId);
        List<Example> examples = new ArrayList<>(store.examples().all(taskId));
        int held = (int) Math.round(examples.size() * share);
        if (held < 1 || held >= examples.size()) {
            throw new InvalidRequestException("too_few_examples", "task '" + taskId + "' has " + examples.size()
                    + " examples; a held-out share of " + share + " leaves nothing to train or to test on");
        }
        Collections.shuffle(examples, new Random(seed));
        List<Example> test = examples.subList(0, held);
        List<Example> train = new ArrayList<>(examples.subList(held, examples.size()));
        train.sort((a, b) -> Long.compare(a.id(), b.id()));
        Map<String, float[]> vectors = embeddings.forExamples(examples.stream().map(Example::text).toList());
        Task task = runtime.task();
        HyperlocalTraining.Result result = training.train(task, train, vectors, embeddings.modelId(), "holdout");
        Cascade.NeighbourLookup memory = Cascade.NeighbourLookup.over(train, vectors);
        TaskRuntime candidate = runtime.withHead(result.head(), null, null);
        Double threshold = RoutingCalibration.chooseThreshold(runtime, train, vectors, training, neighbours, seed);
        if (threshold != null) {
            candidate = candidate.withRoutingThreshold(threshold);
        }
        EvaluationBuilder builder = new EvaluationBuilder();
        for (Example example : test) {
            Cascade.Decision decision = cascade.decide(candidate, vectors.get(example.text()), memory);
            builder.add(example.label(), decision.distribution().top(), decision.layer());
        }
        return builder.build(taskId, "holdout " + share + " seed " + seed, "holdout-trained");
    }

    private static String versionName(TaskRuntime runtime) {
        return runtime.version() == null ? "none" : runtime.version().id();
    }
}
