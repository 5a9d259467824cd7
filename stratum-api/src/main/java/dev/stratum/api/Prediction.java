package dev.stratum.api;

import java.time.Instant;
import java.util.List;

/**
 * One stored answer of a task to one input.
 *
 * @param source the layer that answered
 * @param modelVersion the model version of that layer (for the general layer, the encoder id)
 * @param scores the top labels with their probabilities, best first
 * @param latencyMs time spent inside Stratum producing the answer
 * @param feedback what a person said about it, or null while nobody has
 */
public record Prediction(
        String id,
        String taskId,
        String text,
        String label,
        double confidence,
        Layer source,
        String modelVersion,
        List<LabelScore> scores,
        double latencyMs,
        Instant createdAt,
        Feedback feedback) {
    public Prediction {
        scores = List.copyOf(scores);
    }

    public Prediction withFeedback(Feedback value) {
        return new Prediction(id, taskId, text, label, confidence, source, modelVersion, scores, latencyMs, createdAt,
                value);
    }
}
