package dev.stratum.learning.bench.odd;

import java.util.Arrays;

/** Threshold-free measures of how well a score separates out-of-domain inputs (high scores) from in-domain ones. */
final class Roc {
    private Roc() {}

    /**
     * The area under the ROC curve: the probability that a random out-of-domain input scores above a random
     * in-domain one, ties counting half (the Mann-Whitney statistic).
     */
    static double auroc(double[] inDomain, double[] outOfDomain) {
        if (inDomain.length == 0 || outOfDomain.length == 0) {
            return Double.NaN;
        }
        double[] in = inDomain.clone();
        Arrays.sort(in);
        double sum = 0;
        for (double v : outOfDomain) {
            int below = lowerBound(in, v);
            int notAbove = upperBound(in, v);
            sum += below + 0.5 * (notAbove - below);
        }
        return sum / ((double) in.length * outOfDomain.length);
    }

    /**
     * The share of out-of-domain inputs accepted when the threshold accepts {@code tpr} of the in-domain ones
     * (in-domain is the positive class, as is usual for FPR at 95 % TPR in out-of-distribution detection).
     */
    static double fprAtTpr(double[] inDomain, double[] outOfDomain, double tpr) {
        if (inDomain.length == 0 || outOfDomain.length == 0) {
            return Double.NaN;
        }
        double[] in = inDomain.clone();
        Arrays.sort(in);
        double threshold = in[Math.max(0, (int) Math.ceil(tpr * in.length) - 1)];
        int accepted = 0;
        for (double v : outOfDomain) {
            accepted += v <= threshold ? 1 : 0;
        }
        return accepted / (double) outOfDomain.length;
    }

    /** The nearest-rank percentile ({@code p} in 0 to 100). */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
