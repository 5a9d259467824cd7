package dev.stratum.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * One question put to the model while answering a request: what came back, and why it was not used.
 *
 * @param number 1, 2, 3... within the request
 * @param candidate which candidate (from 1) the attempt was for
 * @param answer the model's raw text, or null when the provider gave none (it failed or timed out)
 * @param error why the answer was not used, or null when it was
 * @param latency how long the call took
 */
public record Attempt(int number, int candidate, String answer, String error, Duration latency) {
    public Attempt {
        Objects.requireNonNull(latency, "latency");
    }

    public boolean valid() {
        return error == null;
    }
}
