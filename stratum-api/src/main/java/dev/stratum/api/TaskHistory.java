package dev.stratum.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A task over time, for charts: its traffic per interval, and the learning curve of its model versions.
 *
 * @param bucketSeconds the length of each interval
 * @param buckets the intervals that had predictions, oldest first
 * @param learningCurve one point per model version that measured its accuracy, oldest first
 */
public record TaskHistory(String taskId, Instant from, Instant to, long bucketSeconds, List<Bucket> buckets,
        List<LearningPoint> learningCurve) {
    public TaskHistory {
        buckets = List.copyOf(buckets);
        learningCurve = List.copyOf(learningCurve);
    }

    /**
     * The predictions made in one interval.
     *
     * @param answeredByLayer answered predictions by the layer that answered
     * @param withheld predictions that gave no label (abstained or refused under the ODD policy)
     * @param abstentionRate {@code withheld / predictions}
     * @param judged answered predictions that got feedback naming the right label (accept or correct)
     * @param correct judged predictions whose label was right
     * @param accuracy {@code correct / judged}, or null when none was judged
     */
    public record Bucket(Instant start, long predictions, Map<String, Long> answeredByLayer, long withheld,
            double abstentionRate, long judged, long correct, Double accuracy) {
        public Bucket {
            answeredByLayer = Map.copyOf(answeredByLayer);
        }
    }

    /**
     * One model version on the learning curve.
     *
     * @param examples the validated examples it was trained on
     * @param accuracy its out-of-fold accuracy on them (cross-validated, metric {@code odd_accuracy})
     */
    public record LearningPoint(String modelVersion, int version, long examples, double accuracy, String state,
            Instant trainedAt) {}
}
