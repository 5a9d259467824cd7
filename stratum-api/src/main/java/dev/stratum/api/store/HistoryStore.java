package dev.stratum.api.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Each task's predictions and feedback counted per interval of time, by the database (SQL grouping). */
public interface HistoryStore {
    /**
     * The task's predictions made in {@code [from, to)}, counted per interval of {@code bucket} starting at
     * {@code from}; intervals without predictions are left out.
     */
    List<Bucket> history(String taskId, Instant from, Instant to, Duration bucket);

    /**
     * The counts of one interval.
     *
     * @param answeredByLayer answered predictions by the wire name of the layer that answered
     * @param withheld predictions that gave no label (abstained or refused under the task's ODD policy)
     * @param judged answered predictions whose feedback named the right label (accept or correct)
     * @param correct judged predictions whose label was the right one
     */
    record Bucket(Instant start, long predictions, Map<String, Long> answeredByLayer, long withheld, long judged,
            long correct) {
        public Bucket {
            answeredByLayer = Map.copyOf(answeredByLayer);
        }
    }
}
