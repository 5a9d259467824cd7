package dev.stratum.api;

import java.time.Instant;

/**
 * A validated (text, label) pair of a task: training data for the hyperlocal model and an entry of its
 * nearest-neighbour memory.
 *
 * @param id assigned by the store, increasing in insertion order; 0 before it is stored
 * @param predictionId the prediction whose feedback produced it, or null
 */
public record Example(
        long id, String taskId, String text, String label, ExampleSource source, String predictionId, Instant createdAt) {

    public static final int MAX_TEXT_LENGTH = 10_000;

    public Example {
        requireText(text);
        if (label == null || label.isBlank()) {
            throw new InvalidRequestException("missing_label", "an example needs a label");
        }
    }

    /** Throws a helpful error unless {@code text} is usable as model input. */
    public static void requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("empty_text", "text is empty; send the text to classify in the 'text' field");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidRequestException("text_too_long", "text is " + text.length()
                    + " characters long; the limit is " + MAX_TEXT_LENGTH + ". Shorten or split it.");
        }
    }

    public Example withId(long newId) {
        return new Example(newId, taskId, text, label, source, predictionId, createdAt);
    }
}
