package dev.stratum.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The share of a version's predictions refused as out of domain, watched for a rise: its baseline is the share over
 * its first {@code window} predictions (just after it started serving, when its calibration is freshest), and the
 * current share is over its newest {@code window}. A rise means inputs are arriving that the version's training data
 * does not cover, which new validated examples can fix. Thread-safe.
 */
public final class OutOfDomainRate {
    private final int window;
    private final Deque<Boolean> recent = new ArrayDeque<>();
    private int recentRefused;
    private int baselineSeen;
    private int baselineRefused;
    private Double baseline;

    /** @param window how many predictions the baseline and the current share are each measured over */
    public OutOfDomainRate(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window is " + window + "; use at least one prediction");
        }
        this.window = window;
    }

    public int window() {
        return window;
    }

    /** Records one prediction: whether it was refused as out of domain. */
    public synchronized void record(boolean outOfDomain) {
        if (baseline == null) {
            baselineSeen++;
            baselineRefused += outOfDomain ? 1 : 0;
            if (baselineSeen == window) {
                baseline = (double) baselineRefused / window;
            }
            return;
        }
        recent.addLast(outOfDomain);
        recentRefused += outOfDomain ? 1 : 0;
        if (recent.size() > window) {
            recentRefused -= recent.removeFirst() ? 1 : 0;
        }
    }

    /**
     * Whether the current share is more than {@code risePoints} percentage points above the baseline; null while
     * either window is still filling.
     */
    public synchronized Rise rise(double risePoints) {
        if (baseline == null || recent.size() < window) {
            return null;
        }
        double current = (double) recentRefused / window;
        double points = 100 * (current - baseline);
        return new Rise(points > risePoints, baseline, current, window, points, risePoints);
    }

    /**
     * The comparison of the two shares.
     *
     * @param risen whether the rise is above the limit
     * @param points the rise in percentage points (negative for a fall)
     */
    public record Rise(boolean risen, double baseline, double current, int window, double points, double limit) {
        /** Says what happened, for a version's provenance and the logs. */
        public String describe() {
            return String.format(Locale.ROOT, "the out-of-domain share of the last %d predictions rose from %.3f just"
                    + " after the production version started serving to %.3f (%.1f points, limit %s)", window,
                    baseline, current, points, limit == Math.rint(limit) ? String.valueOf((long) limit)
                            : String.valueOf(limit));
        }
    }
}
