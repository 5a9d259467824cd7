package dev.stratum.telemetry.logs;

import dev.stratum.telemetry.anomaly.Anomaly;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flags bursts of rare or new log templates: lines are counted per template in fixed windows; when a window closes,
 * a template that was not seen during the warm-up and now appears at least {@link Config#minCount()} times, or a
 * known one whose count exceeds {@link Config#factor()} times its usual count per window (an exponentially weighted
 * mean, at least {@code minCount}), is an anomaly on the signal {@code log.template{id=N}}. Templates come from a
 * {@link LogTemplateMiner}; the text of log lines is never kept. Not thread-safe: feed it from one thread.
 *
 * @see <a href="https://doi.org/10.1109/ICWS.2017.13">Drain</a> for the templates
 */
public final class TemplateBursts {
    /**
     * @param window the counting window
     * @param warmUp how long templates are learnt before new ones count as news
     * @param minCount the fewest lines in a window that can be a burst
     * @param factor how many times its usual count a known template must reach
     * @param smoothing the weight of the newest window in a template's usual count
     */
    public record Config(Duration window, Duration warmUp, int minCount, double factor, double smoothing) {
        public static final Config DEFAULTS = new Config(Duration.ofMinutes(1), Duration.ofMinutes(30), 3, 10, 0.1);

        public Config {
            if (window.isNegative() || window.isZero() || warmUp.isNegative()) {
                throw new IllegalArgumentException("window must be positive and warm-up not negative");
            }
            if (minCount < 1 || factor <= 1 || !(smoothing > 0 && smoothing <= 1)) {
                throw new IllegalArgumentException("need minCount >= 1, factor > 1 and smoothing in (0, 1]");
            }
        }
    }

    private final Config config;
    private final Map<Long, Double> usual = new HashMap<>();
    private final Map<Long, Integer> current = new HashMap<>();
    private Instant start;
    private Instant windowStart;

    public TemplateBursts(Config config) {
        this.config = config;
    }

    /**
     * Counts one line of {@code templateId} at {@code at}; returns the anomalies of the windows that closed before
     * it (usually none).
     */
    public List<Anomaly> add(long templateId, Instant at) {
        if (start == null) {
            start = at;
            windowStart = at;
        }
        List<Anomaly> found = new ArrayList<>();
        while (!at.isBefore(windowStart.plus(config.window()))) {
            found.addAll(closeWindow());
        }
        current.merge(templateId, 1, Integer::sum);
        return found;
    }

    private List<Anomaly> closeWindow() {
        Instant end = windowStart.plus(config.window());
        boolean warm = !end.isBefore(start.plus(config.warmUp()));
        List<Anomaly> found = new ArrayList<>();
        for (Map.Entry<Long, Integer> entry : current.entrySet()) {
            Double mean = usual.get(entry.getKey());
            int count = entry.getValue();
            if (warm && count >= config.minCount()
                    && (mean == null || count > Math.max(config.minCount(), config.factor() * mean))) {
                double score = mean == null ? count : count / Math.max(mean, 1e-9);
                found.add(new Anomaly("log.template{id=" + entry.getKey() + "}", Anomaly.Kind.SPIKE, end, count,
                        score, 1));
            }
        }
        // Every known template's usual count moves towards this window's, zero for the silent ones.
        for (Map.Entry<Long, Double> entry : usual.entrySet()) {
            int count = current.getOrDefault(entry.getKey(), 0);
            entry.setValue(entry.getValue() + config.smoothing() * (count - entry.getValue()));
        }
        for (Map.Entry<Long, Integer> entry : current.entrySet()) {
            usual.putIfAbsent(entry.getKey(), (double) entry.getValue());
        }
        current.clear();
        windowStart = end;
        return found;
    }
}
