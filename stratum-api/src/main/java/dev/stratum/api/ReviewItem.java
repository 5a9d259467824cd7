package dev.stratum.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An input that needs a person: Stratum abstained on it, or the task's active-learning strategy chose it from the
 * pool of unvalidated items as one whose label would teach the model most. Resolving it with a label makes it a
 * validated example; marking it out of scope teaches the task what it should refuse.
 *
 * @param predictionId the prediction it is about, or null for an imported unlabelled text
 * @param reason why it is here, in words an application can show
 * @param candidates the labels Stratum could not choose between, best first (may be empty)
 * @param priority higher is reviewed first among items the strategy has not ranked
 * @param resolvedLabel the label a reviewer chose, or null
 * @param origin how the item came into the queue
 * @param poolItemId the imported unlabelled text it is about, or null
 * @param ranking where the task's active-learning strategy put it at its latest ranking, or null when it has not
 *     ranked it (ranked items come first, in rank order)
 */
public record ReviewItem(
        String id,
        String taskId,
        String predictionId,
        String text,
        String reason,
        List<LabelScore> candidates,
        double priority,
        Status status,
        String claimedBy,
        Instant claimedAt,
        String resolvedLabel,
        boolean outOfScope,
        String resolvedBy,
        Instant resolvedAt,
        Instant createdAt,
        Origin origin,
        String poolItemId,
        Ranking ranking) {

    public ReviewItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Example.requireText(text);
        candidates = List.copyOf(candidates == null ? List.of() : candidates);
        origin = origin == null ? Origin.ODD : origin;
    }

    /** An item the ODD guard queued, as items were before active learning ranked the queue. */
    public ReviewItem(String id, String taskId, String predictionId, String text, String reason,
            List<LabelScore> candidates, double priority, Status status, String claimedBy, Instant claimedAt,
            String resolvedLabel, boolean outOfScope, String resolvedBy, Instant resolvedAt, Instant createdAt) {
        this(id, taskId, predictionId, text, reason, candidates, priority, status, claimedBy, claimedAt,
                resolvedLabel, outOfScope, resolvedBy, resolvedAt, createdAt, Origin.ODD, null, null);
    }

    /** A new, unclaimed item that the ODD guard queued. */
    public static ReviewItem open(String id, String taskId, String predictionId, String text, String reason,
            List<LabelScore> candidates, double priority, Instant createdAt) {
        return new ReviewItem(id, taskId, predictionId, text, reason, candidates, priority, Status.OPEN, null, null,
                null, false, null, null, createdAt);
    }

    /** This item with another ranking (null: not ranked). */
    public ReviewItem withRanking(Ranking value) {
        return new ReviewItem(id, taskId, predictionId, text, reason, candidates, priority, status, claimedBy,
                claimedAt, resolvedLabel, outOfScope, resolvedBy, resolvedAt, createdAt, origin, poolItemId, value);
    }

    /** Where an item is in its review. */
    public enum Status {
        OPEN,
        CLAIMED,
        RESOLVED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How an item came into the queue. */
    public enum Origin {
        /** The ODD guard withheld the prediction and its policy routes such items to review. */
        ODD,
        /** Active learning chose a prediction nobody has given feedback on. */
        PREDICTION,
        /** Active learning chose an imported unlabelled text. */
        IMPORT;

        @JsonValue
        public String wireName() {
            return WireNames.of(this);
        }
    }

    /**
     * The place an active-learning strategy gave an item.
     *
     * @param strategy the strategy's name, or {@code cold-start} when the task had no model to rank by yet
     * @param score what the strategy ranked by, higher first (for margin: 1 minus the gap between the two likeliest
     *     labels); for a cold start the share of the pool in the item's cluster; null for random
     * @param rank 1 for the item to review first
     * @param modelVersion the model version whose probabilities were ranked, or null for a cold start
     */
    public record Ranking(String strategy, Double score, int rank, String modelVersion, Instant rankedAt) {
        public static final String COLD_START = "cold-start";

        public Ranking {
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(rankedAt, "rankedAt");
            if (rank < 1) {
                throw new IllegalArgumentException("rank starts at 1, got " + rank);
            }
        }
    }
}
