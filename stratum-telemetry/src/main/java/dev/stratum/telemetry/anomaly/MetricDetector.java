package dev.stratum.telemetry.anomaly;

import java.time.Instant;
import java.util.Optional;

/** A streaming detector over one metric series: fed each observation once, in time order. Not thread-safe. */
public interface MetricDetector {
    /** Takes the next observation and returns the anomaly it completes, if any. */
    Optional<Anomaly> observe(Instant at, double value);
}
