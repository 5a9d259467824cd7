package dev.stratum.api;

import dev.stratum.api.odd.OddCheck;
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
 * @param odd the check against the task's operational design domain policy, or null when the task has none. When it
 *     is not inside and the policy abstained, {@code label} is null and {@code confidence} 0: the candidates are in
 *     the check
 * @param attempts for a generation task, every question put to the language model, in order (the prediction's
 *     {@code label} is then the generated output as JSON, and {@code scores} its candidates); empty otherwise
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
        Feedback feedback,
        OddCheck odd,
        List<GenerationAttempt> attempts) {
    public Prediction {
        scores = List.copyOf(scores);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** A prediction of a classification task. */
    public Prediction(String id, String taskId, String text, String label, double confidence, Layer source,
            String modelVersion, List<LabelScore> scores, double latencyMs, Instant createdAt, Feedback feedback,
            OddCheck odd) {
        this(id, taskId, text, label, confidence, source, modelVersion, scores, latencyMs, createdAt, feedback, odd,
                List.of());
    }

    /** A prediction of a task without an ODD policy. */
    public Prediction(String id, String taskId, String text, String label, double confidence, Layer source,
            String modelVersion, List<LabelScore> scores, double latencyMs, Instant createdAt, Feedback feedback) {
        this(id, taskId, text, label, confidence, source, modelVersion, scores, latencyMs, createdAt, feedback, null,
                List.of());
    }

    public Prediction withFeedback(Feedback value) {
        return new Prediction(id, taskId, text, label, confidence, source, modelVersion, scores, latencyMs, createdAt,
                value, odd, attempts);
    }

    public Prediction withOdd(OddCheck value) {
        return new Prediction(id, taskId, text, label, confidence, source, modelVersion, scores, latencyMs, createdAt,
                feedback, value, attempts);
    }
}
