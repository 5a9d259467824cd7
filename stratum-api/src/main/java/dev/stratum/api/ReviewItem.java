package dev.stratum.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An input that needs a person: Stratum abstained on it or found it out of domain. Resolving it with a label makes it
 * a validated example; marking it out of scope teaches the task what it should refuse.
 *
 * @param predictionId the prediction that abstained or was refused, or null for items queued otherwise
 * @param reason why it is here, in words an application can show
 * @param candidates the labels Stratum could not choose between, best first (may be empty)
 * @param priority higher is reviewed first; the active-learning strategy of the task sets it
 * @param resolvedLabel the label a reviewer chose, or null
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
        Instant createdAt) {

    public ReviewItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Example.requireText(text);
        candidates = List.copyOf(candidates == null ? List.of() : candidates);
    }

    /** A new, unclaimed item. */
    public static ReviewItem open(String id, String taskId, String predictionId, String text, String reason,
            List<LabelScore> candidates, double priority, Instant createdAt) {
        return new ReviewItem(id, taskId, predictionId, text, reason, candidates, priority, Status.OPEN, null, null,
                null, false, null, null, createdAt);
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
}
