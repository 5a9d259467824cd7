package dev.stratum.api.store;

import dev.stratum.api.Example;
import dev.stratum.api.Feedback;
import dev.stratum.api.Prediction;
import java.util.List;
import java.util.Optional;

/** Persists predictions and the feedback on them. */
public interface PredictionStore {
    void insertAll(List<Prediction> predictions);

    Optional<Prediction> find(String id);

    /**
     * In one transaction: stores {@code feedback} on the prediction, deletes the example that earlier feedback on it
     * created (if any), and inserts {@code example} (if not null). Durable when it returns.
     */
    FeedbackOutcome recordFeedback(String predictionId, Feedback feedback, Example example);

    long count(String taskId);

    /** The task's newest predictions, newest first, at most {@code limit}. */
    List<Prediction> recent(String taskId, int limit);
}
