package dev.stratum.orchestration;

import dev.stratum.api.Example;
import dev.stratum.api.Layer;
import dev.stratum.api.Prediction;
import dev.stratum.api.analysis.ConfidentPredictions;
import dev.stratum.api.analysis.ExplainedPrediction;
import dev.stratum.api.analysis.NearExample;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.store.Neighbour;
import dev.stratum.api.store.Store;
import dev.stratum.api.store.VectorIndex;
import dev.stratum.learning.errors.WordOcclusion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Explains a task's most confident recent predictions, to catch a model that is sure for the wrong reason: each with
 * the nearest validated examples in its memory and the words that drive it ({@link WordOcclusion}), measured on the
 * layer that answered as it serves now (the hyperlocal model with its memory, or the local zero-shot general layer).
 * Each explained prediction costs one embedding per distinct word (at most {@link WordOcclusion#MAX_WORDS}).
 */
final class PredictionExplainer {
    /** How many of the newest predictions are searched for the most confident ones. */
    static final int SCANNED = 500;
    /** How many nearest examples are shown with each prediction. */
    static final int SHOWN_NEIGHBOURS = 5;

    private final Store store;
    private final TaskRegistry tasks;
    private final Embeddings embeddings;
    private final VectorIndex index;
    private final int neighbours;
    private final String localGeneralVersion;

    PredictionExplainer(Store store, TaskRegistry tasks, Embeddings embeddings, VectorIndex index, int neighbours) {
        this.store = store;
        this.tasks = tasks;
        this.embeddings = embeddings;
        this.index = index;
        this.neighbours = neighbours;
        this.localGeneralVersion = embeddings.modelId();
    }

    ConfidentPredictions mostConfident(String taskId, int limit) {
        List<Prediction> recent = store.predictions().recent(taskId, SCANNED);
        List<Prediction> answered = recent.stream()
                .filter(p -> p.label() != null)
                .sorted(Comparator.comparingDouble(Prediction::confidence).reversed()
                        .thenComparing(Prediction::createdAt, Comparator.reverseOrder()))
                .limit(limit)
                .toList();
        TaskRuntime runtime = tasks.get(taskId);
        List<ExplainedPrediction> explained = new ArrayList<>(answered.size());
        for (Prediction p : answered) {
            explained.add(explain(runtime, p));
        }
        return new ConfidentPredictions(recent.size(), explained);
    }

    private ExplainedPrediction explain(TaskRuntime runtime, Prediction p) {
        String taskId = runtime.task().id();
        float[] vector = embeddings.forPrediction(p.text());
        List<NearExample> near = new ArrayList<>();
        for (Neighbour n : index.nearest(taskId, vector, SHOWN_NEIGHBOURS)) {
            store.examples().find(taskId, n.exampleId()).map(Example::text)
                    .ifPresent(text -> near.add(new NearExample(n.exampleId(), text, n.label(), n.similarity())));
        }
        Function<float[], Distribution> layer = layer(runtime, p);
        if (layer == null) {
            return new ExplainedPrediction(p.id(), p.text(), p.label(), p.confidence(), p.source(), p.modelVersion(),
                    p.createdAt(), p.confidence(), near, List.of());
        }
        WordOcclusion.Explanation why = WordOcclusion.explain(p.text(), p.label(),
                texts -> embeddings.model().embedAll(texts).stream().map(layer).toList(), WordOcclusion.MAX_WORDS);
        return new ExplainedPrediction(p.id(), p.text(), p.label(), p.confidence(), p.source(), p.modelVersion(),
                p.createdAt(), why.probability(), near, why.words());
    }

    /**
     * The layer that answered, as it serves now, or null when it cannot be asked again here: a language model (asking
     * it once per word would cost money and time), or a model version no longer serving.
     */
    private Function<float[], Distribution> layer(TaskRuntime runtime, Prediction p) {
        String taskId = runtime.task().id();
        if (p.source() == Layer.HYPERLOCAL && runtime.hyperlocal() != null) {
            return v -> runtime.hyperlocal().predict(v, index.nearest(taskId, v, neighbours));
        }
        if (p.source() == Layer.GENERAL && localGeneralVersion.equals(p.modelVersion()) && runtime.general() != null) {
            return v -> runtime.general().predict(v);
        }
        return null;
    }
}
