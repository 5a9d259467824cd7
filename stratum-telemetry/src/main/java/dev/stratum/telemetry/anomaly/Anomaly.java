package dev.stratum.telemetry.anomaly;

import java.time.Instant;
import java.util.Objects;

/**
 * One departure of a signal from its baseline, as a detector reports it: the evidence an incident is built from.
 *
 * @param signal the name of the series, for example {@code latency.p99{task=expenses}}
 * @param at the time of the observation that raised it
 * @param value that observation (for a drift, the population stability index)
 * @param score how far outside the baseline, in the detector's own unit (standard deviations, CUSUM units or PSI)
 * @param direction +1 when the signal rose, -1 when it fell, 0 for a change of shape
 */
public record Anomaly(String signal, Kind kind, Instant at, double value, double score, int direction) {
    public Anomaly {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }

    /** What kind of departure. */
    public enum Kind {
        /** A burst of values far from the seasonal baseline, lasting from one observation to a few dozen. */
        SPIKE,
        /** The level moved and stayed: the cumulative sum of deviations crossed its limit. */
        LEVEL_SHIFT,
        /** The distribution of values differs from the reference window. */
        DRIFT
    }
}
