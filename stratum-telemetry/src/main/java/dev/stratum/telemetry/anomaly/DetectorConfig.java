package dev.stratum.telemetry.anomaly;

/**
 * The settings of a {@link SeriesDetector}, in observations rather than time units so that one configuration serves
 * series sampled every second or every hour. {@link #DEFAULTS} is the one configuration Stratum uses for every
 * series; docs/benchmarks.md says how it was chosen.
 *
 * @param warmup observations buffered before anything is reported; the seasonal period is estimated on them
 * @param seasonalCycles how many past cycles the seasonal baseline takes the median of
 * @param minSeasonalCorrelation the autocorrelation at a daily or weekly lag from which the series counts as seasonal
 * @param levelWindow observations in the rolling median that a non-seasonal series is compared with
 * @param scaleWindow observations of residuals whose interquartile range sets the scale of a deviation
 * @param burstWindow observations averaged into the burst score (a lone outlier counts for 1/burstWindow)
 * @param historyWindow observations of burst scores whose mean and deviation normalize the current one
 * @param spikeThreshold standard deviations of the normalized burst score above which a spike is reported
 * @param cusumSlack the CUSUM reference value k, in robust standard deviations: drifts smaller than this are ignored
 * @param cusumLimit the CUSUM decision limit h: a level shift is reported when the cumulative sum crosses it
 * @param cooldown observations after a report during which the detector stays silent (one incident, not fifty)
 */
public record DetectorConfig(
        int warmup,
        int seasonalCycles,
        double minSeasonalCorrelation,
        int levelWindow,
        int scaleWindow,
        int burstWindow,
        int historyWindow,
        double spikeThreshold,
        double cusumSlack,
        double cusumLimit,
        int cooldown) {

    public static final DetectorConfig DEFAULTS = new DetectorConfig(1000, 3, 0.3, 24, 2000, 30, 4000, 6.0, 3.0,
            150.0, 500);

    public DetectorConfig {
        positive("warmup", warmup);
        positive("seasonal cycles", seasonalCycles);
        positive("level window", levelWindow);
        positive("scale window", scaleWindow);
        positive("burst window", burstWindow);
        positive("history window", historyWindow);
        if (warmup < 100) {
            throw new IllegalArgumentException("warm-up of " + warmup + " observations is too short to estimate a "
                    + "baseline; use at least 100 (default " + DEFAULTS_WARMUP + ")");
        }
        if (!(spikeThreshold > 0) || !(cusumSlack >= 0) || !(cusumLimit > 0)) {
            throw new IllegalArgumentException("spike threshold and CUSUM limit must be positive and the CUSUM slack "
                    + "non-negative, got " + spikeThreshold + ", " + cusumLimit + " and " + cusumSlack);
        }
        if (cooldown < 0) {
            throw new IllegalArgumentException("cooldown must be 0 or more observations, got " + cooldown);
        }
    }

    private static final int DEFAULTS_WARMUP = 1000;

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 observation, got " + value);
        }
    }

    public DetectorConfig withSpikeThreshold(double value) {
        return new DetectorConfig(warmup, seasonalCycles, minSeasonalCorrelation, levelWindow, scaleWindow,
                burstWindow, historyWindow, value, cusumSlack, cusumLimit, cooldown);
    }

    public DetectorConfig withCusum(double slack, double limit) {
        return new DetectorConfig(warmup, seasonalCycles, minSeasonalCorrelation, levelWindow, scaleWindow,
                burstWindow, historyWindow, spikeThreshold, slack, limit, cooldown);
    }

    public DetectorConfig withWarmup(int value) {
        return new DetectorConfig(value, seasonalCycles, minSeasonalCorrelation, levelWindow, scaleWindow,
                burstWindow, historyWindow, spikeThreshold, cusumSlack, cusumLimit, cooldown);
    }

    public DetectorConfig withCooldown(int value) {
        return new DetectorConfig(warmup, seasonalCycles, minSeasonalCorrelation, levelWindow, scaleWindow,
                burstWindow, historyWindow, spikeThreshold, cusumSlack, cusumLimit, value);
    }
}
