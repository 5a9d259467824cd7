package dev.stratum.lifecycle;

import java.time.Instant;
import java.util.Objects;

/**
 * What production and a candidate said about one held-out validated example.
 *
 * @param actual the validated label
 * @param production production's label; null when it gave none (it counts as wrong)
 * @param candidate the candidate's label; null when it gave none (it counts as wrong)
 * @param time when the example was validated; the newest ones form the gate's recent window
 */
public record PairedOutcome(String actual, String production, String candidate, Instant time) {
    public PairedOutcome {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(time, "time");
    }

    boolean productionRight() {
        return actual.equals(production);
    }

    boolean candidateRight() {
        return actual.equals(candidate);
    }
}
