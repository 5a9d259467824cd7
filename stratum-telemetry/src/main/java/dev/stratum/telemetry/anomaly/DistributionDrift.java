package dev.stratum.telemetry.anomaly;

import java.time.Instant;
import java.util.Optional;

/**
 * A drift test for a bounded quantity such as prediction confidence: the population stability index (PSI) between a
 * reference window and each following window of {@code window} observations, over {@code bins} equal bins of
 * [{@code min}, {@code max}]. The reference is the first window seen, or the one given with {@link #setReference}
 * (for example the confidences of the training window). A PSI above {@code threshold} is reported as a {@link
 * Anomaly.Kind#DRIFT}; the usual reading is below 0.1 stable, 0.1 to 0.25 a moderate shift, above 0.25 a major one.
 * Memory: two arrays of {@code bins} counts.
 */
public final class DistributionDrift implements MetricDetector {
    /** The conventional limit of a major shift. */
    public static final double MAJOR_SHIFT = 0.25;
    /** Added to each bin's share so that an empty bin does not make the index infinite. */
    private static final double SMOOTHING = 1e-4;

    private final String signal;
    private final double min;
    private final double max;
    private final int window;
    private final double threshold;
    private long[] reference;
    private final long[] current;
    private long referenceCount;
    private long currentCount;

    public DistributionDrift(String signal, double min, double max, int bins, int window, double threshold) {
        if (!(max > min) || bins < 2 || window < bins || !(threshold > 0)) {
            throw new IllegalArgumentException("drift test needs max > min, at least 2 bins, a window of at least as "
                    + "many observations as bins, and a positive threshold; got [" + min + ", " + max + "], " + bins
                    + " bins, window " + window + ", threshold " + threshold);
        }
        this.signal = signal;
        this.min = min;
        this.max = max;
        this.window = window;
        this.threshold = threshold;
        this.current = new long[bins];
    }

    /** Confidence-like values in [0, 1]: 10 bins, windows of 500, major shifts only. */
    public static DistributionDrift forProbabilities(String signal) {
        return new DistributionDrift(signal, 0, 1, 10, 500, MAJOR_SHIFT);
    }

    /** Uses {@code values} as the reference instead of the first window. */
    public void setReference(double[] values) {
        reference = new long[current.length];
        for (double v : values) {
            reference[bin(v)]++;
        }
        referenceCount = values.length;
    }

    @Override
    public Optional<Anomaly> observe(Instant at, double value) {
        if (!Double.isFinite(value)) {
            return Optional.empty();
        }
        current[bin(value)]++;
        if (++currentCount < window) {
            return Optional.empty();
        }
        Optional<Anomaly> found = Optional.empty();
        if (reference == null) {
            reference = current.clone();
            referenceCount = currentCount;
        } else {
            double psi = psi(reference, referenceCount, current, currentCount);
            if (psi > threshold) {
                found = Optional.of(new Anomaly(signal, Anomaly.Kind.DRIFT, at, psi, psi, 0));
            }
        }
        java.util.Arrays.fill(current, 0);
        currentCount = 0;
        return found;
    }

    static double psi(long[] expected, long expectedTotal, long[] actual, long actualTotal) {
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = (double) expected[i] / expectedTotal + SMOOTHING;
            double a = (double) actual[i] / actualTotal + SMOOTHING;
            sum += (a - e) * Math.log(a / e);
        }
        return sum;
    }

    private int bin(double value) {
        int b = (int) Math.floor((value - min) / (max - min) * current.length);
        return Math.max(0, Math.min(current.length - 1, b));
    }
}
