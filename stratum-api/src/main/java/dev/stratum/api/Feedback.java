package dev.stratum.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's verdict on a prediction.
 *
 * @param label the validated label: the predicted one for ACCEPT, the corrected one for CORRECT, null for REJECT
 */
public record Feedback(FeedbackAction action, String label, String comment, Instant at) {
    public Feedback {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
    }
}
