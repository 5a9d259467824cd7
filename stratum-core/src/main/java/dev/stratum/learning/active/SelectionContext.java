package dev.stratum.learning.active;

import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainingSet;
import java.util.List;

/**
 * What a {@link SelectionStrategy} ranks from: the unlabelled pool and what is known so far.
 *
 * @param pool the embeddings of the unlabelled items, unit length, all of one dimension
 * @param predictions the current model's distribution for each pool item, in pool order; empty before the first
 *     model (then strategies fall back to a {@link ColdStart cold start})
 * @param labelled the examples labelled so far, over the task's label space; may be empty
 * @param trainer trains the heads that strategies needing more than one model fit on {@code labelled} (BALD's
 *     ensemble, the loss predictor's folds); the product's own trainer, so that they learn as the model does
 * @param seed makes random choices, clustering and any training reproducible
 */
public record SelectionContext(List<float[]> pool, List<Distribution> predictions, TrainingSet labelled,
        HeadTrainer trainer, long seed) {
    public SelectionContext {
        pool = List.copyOf(pool);
        predictions = List.copyOf(predictions);
        if (!predictions.isEmpty() && predictions.size() != pool.size()) {
            throw new IllegalArgumentException("the pool has " + pool.size() + " items but " + predictions.size()
                    + " predictions were given; give one per pool item, or none before the first model");
        }
        if (labelled == null || trainer == null) {
            throw new IllegalArgumentException("a selection needs the labelled examples (possibly none) and a trainer");
        }
    }

    /** A context before the first model: only the pool is known. */
    public static SelectionContext coldStart(List<float[]> pool, List<String> labelSpace, HeadTrainer trainer,
            long seed) {
        return new SelectionContext(pool, List.of(), new TrainingSet(List.of(), List.of(), labelSpace), trainer, seed);
    }

    /** Whether there is a model to rank by: some labelled examples and a prediction per pool item. */
    public boolean hasModel() {
        return labelled.size() > 0 && !predictions.isEmpty();
    }
}
