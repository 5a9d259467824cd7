package dev.stratum.odd.uncertainty;

/**
 * The expected calibration error (ECE) of top-label confidences: predictions are put in equal-width bins by their
 * confidence, and the gap between each bin's mean confidence and its accuracy is averaged, weighted by the bin's
 * share of predictions. 0 means that of the answers given at 80 % confidence, 80 % are right, at every level.
 */
public final class CalibrationError {
    /** The number of bins usually reported (Guo et al. 2017). */
    public static final int DEFAULT_BINS = 15;

    private CalibrationError() {}

    /** The ECE over {@link #DEFAULT_BINS} bins. */
    public static double expected(double[] confidence, boolean[] correct) {
        return expected(confidence, correct, DEFAULT_BINS);
    }

    /**
     * The ECE of predictions made with {@code confidence} (the top probability, in [0, 1]) that were {@code correct}
     * or not. Bin {@code b} holds confidences in {@code (b / bins, (b + 1) / bins]}, the first bin also 0.
     */
    public static double expected(double[] confidence, boolean[] correct, int bins) {
        if (confidence.length != correct.length) {
            throw new IllegalArgumentException(confidence.length + " confidences but " + correct.length + " outcomes");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        if (confidence.length == 0) {
            return 0;
        }
        double[] confidenceSum = new double[bins];
        double[] rightSum = new double[bins];
        for (int i = 0; i < confidence.length; i++) {
            double c = confidence[i];
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence " + i + " is " + c + "; it must be a probability");
            }
            int bin = Math.max(0, Math.min(bins - 1, (int) Math.ceil(c * bins) - 1));
            confidenceSum[bin] += c;
            rightSum[bin] += correct[i] ? 1 : 0;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            ece += Math.abs(rightSum[b] - confidenceSum[b]);
        }
        return ece / confidence.length;
    }
}
