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
        // Every backend must be able to store what one accepts: PostgreSQL cannot store U+0000 in text.
        if (text.indexOf('\0') >= 0) {
            throw new InvalidRequestException("unsupported_character", "text contains a NUL character (U+0000) at "
                    + "position " + text.indexOf('\0') + "; remove it and send the text again");
        }
    }

    public Example withId(long newId) {
        return new Example(newId, taskId, text, label, source, predictionId, createdAt);
    }
}
