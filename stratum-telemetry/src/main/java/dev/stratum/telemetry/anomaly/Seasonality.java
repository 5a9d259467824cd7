package dev.stratum.telemetry.anomaly;

import java.time.Duration;
import java.util.Arrays;

/**
 * Finds the seasonal period of a series from its first observations: the daily or weekly lag (in observations, from
 * the median spacing of the timestamps) with the highest autocorrelation, if it reaches the minimum. Operational
 * metrics follow the working day and the week; other periods are not looked for.
 */
final class Seasonality {
    static final Duration[] CANDIDATES = {Duration.ofDays(1), Duration.ofDays(7)};
    /** The longest history a seasonal baseline may keep, in observations (bounded memory). */
    static final int MAX_HISTORY = 20_000;

    private Seasonality() {}

    /** The period in observations, or 0 when the series shows none. */
    static int lag(long[] epochMillis, double[] values, int n, int cycles, double minCorrelation) {
        long[] gaps = new long[n - 1];
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = epochMillis[i] - epochMillis[i - 1];
        }
        Arrays.sort(gaps);
        long spacing = gaps[gaps.length / 2];
        if (spacing <= 0) {
            return 0;
        }
        int best = 0;
        double bestCorrelation = minCorrelation;
        for (Duration period : CANDIDATES) {
            long lag = Math.round((double) period.toMillis() / spacing);
            if (lag < 4 || lag * cycles > n || lag * cycles > MAX_HISTORY) {
                continue;
            }
            double r = autocorrelation(values, n, (int) lag);
            if (r > bestCorrelation) {
                bestCorrelation = r;
                best = (int) lag;
            }
        }
        return best;
    }

    static double autocorrelation(double[] x, int n, int lag) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[i];
        }
        mean /= n;
        double variance = 0;
        double covariance = 0;
        for (int i = 0; i < n; i++) {
            variance += (x[i] - mean) * (x[i] - mean);
            if (i + lag < n) {
                covariance += (x[i] - mean) * (x[i + lag] - mean);
            }
        }
        return variance == 0 ? 0 : covariance / variance;
    }
}
