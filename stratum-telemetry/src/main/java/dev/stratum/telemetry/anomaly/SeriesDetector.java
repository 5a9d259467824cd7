package dev.stratum.telemetry.anomaly;

import java.time.Instant;
import java.util.Optional;

/**
 * The detector for one metric series: a robust seasonal baseline for spikes and bursts, and CUSUM for level shifts,
 * with a cooldown so that one event is reported once.
 *
 * <p>The first {@code warmup} observations are buffered; at their end the seasonal period is estimated (see {@link
 * Seasonality}) and the buffer is replayed to fill the windows, silently. From then on each observation costs
 * O(window) for the sorted windows and O(1) otherwise:
 *
 * <ol>
 *   <li>Deseasonalize: subtract the median of the values one, two and three periods ago (a median, so that last
 *       week's incident does not become this week's baseline); a series without a period is left as it is.
 *   <li>Burst score: the distance of the value from the rolling median of the last {@code levelWindow} values, in
 *       robust standard deviations of the last {@code scaleWindow} such distances, averaged over the last {@code
 *       burstWindow} observations; then standardized against its own mean and deviation over {@code historyWindow}
 *       observations, as an anomaly likelihood. A series that is always spiky thus has to spike more than usual.
 *       Above {@code spikeThreshold}: a {@link Anomaly.Kind#SPIKE}.
 *   <li>Level: the deseasonalized value against the median and robust deviation of the last {@code scaleWindow}
 *       values; the two one-sided CUSUM sums of that z-score less {@code cusumSlack} (each step clipped so a lone
 *       outlier cannot cross the limit alone). Above {@code cusumLimit}: a {@link Anomaly.Kind#LEVEL_SHIFT}.
 * </ol>
 */
public final class SeriesDetector implements MetricDetector {
    /** The most one observation counts in the burst score, in robust standard deviations. */
    static final double OUTLIER_CAP = 10;
    private final String signal;
    private final DetectorConfig config;
    private final long[] warmTimes;
    private final double[] warmValues;
    private int warmed;
    private boolean replaying;
    private int period;
    private RollingWindow seasonal;
    private final RollingWindow level;
    private final RollingWindow residuals;
    private final RollingWindow levelHistory;
    private final double[] burst;
    private double burstSum;
    private long seen;
    private final RollingMoments history;
    private double cusumUp;
    private double cusumDown;
    private long quietUntil;

    public SeriesDetector(String signal, DetectorConfig config) {
        this.signal = signal;
        this.config = config;
        this.warmTimes = new long[config.warmup()];
        this.warmValues = new double[config.warmup()];
        this.level = new RollingWindow(config.levelWindow());
        this.residuals = new RollingWindow(config.scaleWindow());
        this.levelHistory = new RollingWindow(config.scaleWindow());
        this.burst = new double[config.burstWindow()];
        this.history = new RollingMoments(config.historyWindow());
    }

    /** The seasonal period found at the end of the warm-up, in observations; 0 for none or while warming up. */
    public int period() {
        return period;
    }

    @Override
    public Optional<Anomaly> observe(Instant at, double value) {
        if (!Double.isFinite(value)) {
            return Optional.empty();
        }
        if (warmed < warmTimes.length) {
            warmTimes[warmed] = at.toEpochMilli();
            warmValues[warmed++] = value;
            if (warmed == warmTimes.length) {
                replayWarmup();
            }
            return Optional.empty();
        }
        return step(at, value);
    }

    private void replayWarmup() {
        period = Seasonality.lag(warmTimes, warmValues, warmed, config.seasonalCycles(),
                config.minSeasonalCorrelation());
        if (period > 0) {
            seasonal = new RollingWindow(period * config.seasonalCycles());
        }
        replaying = true;
        for (int i = 0; i < warmed; i++) {
            step(Instant.ofEpochMilli(warmTimes[i]), warmValues[i]);
        }
        replaying = false;
    }

    private Optional<Anomaly> step(Instant at, double value) {
        double v = deseasonalize(value);
        if (Double.isNaN(v)) {
            return Optional.empty();
        }
        seen++;
        Optional<Anomaly> spike = burst(at, value, v);
        Optional<Anomaly> shift = levelShift(at, value, v);
        if (replaying || seen < quietUntil) {
            return Optional.empty();
        }
        Optional<Anomaly> found = spike.isPresent() ? spike : shift;
        if (found.isPresent()) {
            quietUntil = seen + config.cooldown();
            cusumUp = 0;
            cusumDown = 0;
        }
        return found;
    }

    /** The value less its seasonal baseline; NaN while the seasonal history is still filling. */
    private double deseasonalize(double value) {
        if (seasonal == null) {
            return value;
        }
        boolean full = seasonal.isFull();
        double baseline = full ? median3(seasonal) : Double.NaN;
        seasonal.add(value);
        return full ? value - baseline : Double.NaN;
    }

    private double median3(RollingWindow history) {
        int cycles = config.seasonalCycles();
        double[] same = new double[cycles];
        for (int c = 1; c <= cycles; c++) {
            same[c - 1] = history.ago(period * c);
        }
        java.util.Arrays.sort(same);
        return cycles % 2 == 1 ? same[cycles / 2] : 0.5 * (same[cycles / 2 - 1] + same[cycles / 2]);
    }

    private Optional<Anomaly> burst(Instant at, double value, double v) {
        double r = seasonal == null ? (level.size() == 0 ? 0 : v - level.median()) : v;
        level.add(v);
        Optional<Anomaly> found = Optional.empty();
        if (residuals.size() >= 100) {
            double scale = residuals.robustSigma() + 1e-9 * (1 + Math.abs(residuals.median()));
            // Capped, so that a lone outlier adds at most OUTLIER_CAP / burstWindow: bursts raise spikes, one wild
            // value in heavy-tailed noise does not.
            double s = Math.min(OUTLIER_CAP, Math.abs(r) / scale);
            int slot = (int) (seen % burst.length);
            burstSum += s - burst[slot];
            burst[slot] = s;
            double mean = burstSum / Math.min(seen, burst.length);
            if (history.size() >= Math.min(500, config.historyWindow())) {
                double z = (mean - history.mean()) / (history.std() + 1e-12);
                if (z > config.spikeThreshold()) {
                    found = Optional.of(new Anomaly(signal, Anomaly.Kind.SPIKE, at, value, z, r >= 0 ? 1 : -1));
                }
            }
            history.add(mean);
        }
        residuals.add(r);
        return found;
    }

    private Optional<Anomaly> levelShift(Instant at, double value, double v) {
        Optional<Anomaly> found = Optional.empty();
        if (levelHistory.size() >= Math.min(500, config.scaleWindow())) {
            double sigma = levelHistory.robustSigma() + 1e-9 * (1 + Math.abs(levelHistory.median()));
            double clip = config.cusumSlack() + 3;
            double z = Math.max(-clip, Math.min(clip, (v - levelHistory.median()) / sigma));
            cusumUp = Math.max(0, cusumUp + z - config.cusumSlack());
            cusumDown = Math.max(0, cusumDown - z - config.cusumSlack());
            if (cusumUp > config.cusumLimit() || cusumDown > config.cusumLimit()) {
                int direction = cusumUp > cusumDown ? 1 : -1;
                found = Optional.of(new Anomaly(signal, Anomaly.Kind.LEVEL_SHIFT, at, value,
                        Math.max(cusumUp, cusumDown), direction));
                cusumUp = 0;
                cusumDown = 0;
            }
        }
        levelHistory.add(v);
        return found;
    }
}
