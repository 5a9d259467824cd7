package dev.stratum.odd.conformal;

import dev.stratum.api.LabelScore;
import dev.stratum.api.models.Distribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Regularised adaptive prediction sets (RAPS; Angelopoulos, Bates, Malik and Jordan 2021), calibrated by split
 * conformal prediction: the set of a new input contains its true label with probability at least the chosen coverage,
 * whatever the model, provided the input is exchangeable with the calibration examples.
 *
 * <p>Labels are taken best first. The score of the label at rank {@code r} (from 1) is the probability mass ranked
 * above it, plus {@code u} times its own probability, plus {@code penalty * max(0, r - freeRanks)}; {@code u} in
 * [0, 1) is the input's own noise (see {@link #noise(float[])}), which makes coverage exact rather than conservative.
 * The set is every label whose score is at most the threshold, the conformal quantile of the true labels' scores on
 * held-out calibration examples. The penalty keeps sets small by charging for each label past the first
 * {@code freeRanks}; a penalty of 0 is plain APS (Romano, Sesia and Candès 2020).
 *
 * <p>Randomisation can leave a set empty when the model is very sure (its top label's own share of the score lands
 * above the threshold); {@link #predictionSet} can put the top label back, which only raises coverage.
 *
 * @param penalty RAPS's lambda, 0 or more
 * @param freeRanks RAPS's k_reg: ranks that carry no penalty, 1 or more
 * @param scores the calibration examples' scores of their true labels, sorted ascending
 */
public record AdaptivePredictionSets(double penalty, int freeRanks, float[] scores) {
    /** The penalties tried by {@link #tune}, after the RAPS paper's grid with 0 (APS) added. */
    static final double[] PENALTIES = {0, 0.001, 0.01, 0.05, 0.1, 0.2, 0.5, 1};
    static final int[] FREE_RANKS = {1, 2};
    /** Below this many calibration examples there is too little to tune on: the defaults apply. */
    static final int MIN_TO_TUNE = 200;
    static final double TUNE_SHARE = 0.3;
    static final double DEFAULT_PENALTY = 0.1;
    static final int DEFAULT_FREE_RANKS = 1;

    public AdaptivePredictionSets {
        if (!(penalty >= 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("penalty must be 0 or a positive number, got " + penalty);
        }
        if (freeRanks < 1) {
            throw new IllegalArgumentException("free ranks must be at least 1, got " + freeRanks);
        }
    }

    /**
     * Calibrates with fixed regularisation on held-out examples.
     *
     * @param probabilities one row per example, one column per label (already temperature-scaled, if at all)
     * @param truth the column of each example's true label
     * @param noise each example's {@code u} in [0, 1)
     */
    public static AdaptivePredictionSets calibrate(double[][] probabilities, int[] truth, double[] noise,
            double penalty, int freeRanks) {
        requireSameLength(probabilities, truth, noise);
        float[] scores = new float[probabilities.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) score(probabilities[i], truth[i], noise[i], penalty, freeRanks);
        }
        Arrays.sort(scores);
        return new AdaptivePredictionSets(penalty, freeRanks, scores);
    }

    /**
     * Chooses the penalty and free ranks that give the smallest sets at {@code coverage}, then calibrates, as the
     * RAPS paper does: a random {@value #TUNE_SHARE} of the examples (drawn with {@code seed}) picks the setting, and
     * only the rest calibrate it, so the coverage guarantee holds. With fewer than {@value #MIN_TO_TUNE} examples,
     * penalty {@value #DEFAULT_PENALTY} and {@value #DEFAULT_FREE_RANKS} free rank calibrate on all of them.
     */
    public static AdaptivePredictionSets tune(double[][] probabilities, int[] truth, double[] noise, double coverage,
            long seed) {
        requireSameLength(probabilities, truth, noise);
        int n = probabilities.length;
        if (n < MIN_TO_TUNE) {
            return calibrate(probabilities, truth, noise, DEFAULT_PENALTY, DEFAULT_FREE_RANKS);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Collections.shuffle(Arrays.asList(order), new Random(seed));
        int tuneSize = (int) Math.round(n * TUNE_SHARE);
        double[][] tuneP = new double[tuneSize][];
        int[] tuneY = new int[tuneSize];
        double[] tuneU = new double[tuneSize];
        double[][] restP = new double[n - tuneSize][];
        int[] restY = new int[n - tuneSize];
        double[] restU = new double[n - tuneSize];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (k < tuneSize) {
                tuneP[k] = probabilities[i];
                tuneY[k] = truth[i];
                tuneU[k] = noise[i];
            } else {
                restP[k - tuneSize] = probabilities[i];
                restY[k - tuneSize] = truth[i];
                restU[k - tuneSize] = noise[i];
            }
        }
        double bestSize = Double.POSITIVE_INFINITY;
        double bestPenalty = DEFAULT_PENALTY;
        int bestFree = DEFAULT_FREE_RANKS;
        for (int free : FREE_RANKS) {
            for (double penalty : PENALTIES) {
                AdaptivePredictionSets candidate = calibrate(tuneP, tuneY, tuneU, penalty, free);
                double threshold = candidate.threshold(coverage);
                double size = 0;
                for (int i = 0; i < tuneSize; i++) {
                    size += candidate.setSize(tuneP[i], threshold, tuneU[i], true);
                }
                if (size < bestSize - 1e-9) {
                    bestSize = size;
                    bestPenalty = penalty;
                    bestFree = free;
                }
            }
        }
        return calibrate(restP, restY, restU, bestPenalty, bestFree);
    }

    /** How many calibration examples back the threshold. */
    public int calibrationSize() {
        return scores.length;
    }

    /**
     * The score threshold for {@code coverage}: the {@code ceil((n + 1) * coverage)}-th smallest calibration score,
     * or infinity (every label in every set) when the {@code n} examples are too few to promise that coverage.
     */
    public double threshold(double coverage) {
        if (!(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("coverage must be between 0 and 1, exclusive, got " + coverage);
        }
        int rank = (int) Math.ceil((scores.length + 1) * coverage);
        return rank > scores.length ? Double.POSITIVE_INFINITY : scores[rank - 1];
    }

    /**
     * The prediction set of {@code calibrated} at {@code threshold}, best label first.
     *
     * @param noise the input's {@code u}, from {@link #noise(float[])}
     * @param keepTop put the top label in a set that would otherwise be empty
     */
    public List<LabelScore> predictionSet(Distribution calibrated, double threshold, double noise, boolean keepTop) {
        List<LabelScore> ranked = calibrated.scores();
        List<LabelScore> set = new ArrayList<>(2);
        double above = 0;
        for (int r = 0; r < ranked.size(); r++) {
            double p = ranked.get(r).score();
            double score = above + noise * p + penalty * Math.max(0, r + 1 - freeRanks);
            if (score > threshold && !(r == 0 && keepTop)) {
                break;
            }
            set.add(ranked.get(r));
            above += p;
        }
        return set;
    }

    /**
     * A number in [0, 1) that stands for one input's randomisation: a hash of its embedding's bits, so that the same
     * input always gets the same set, while over many inputs the numbers spread evenly.
     */
    public static double noise(float[] embedding) {
        long h = 0x9E3779B97F4A7C15L;
        for (float f : embedding) {
            h = mix(h ^ Float.floatToIntBits(f));
        }
        return (mix(h) >>> 11) * 0x1.0p-53;
    }

    /** The score of label {@code label} in {@code p}; ties in probability rank the lower column first. */
    static double score(double[] p, int label, double noise, double penalty, int freeRanks) {
        double own = p[label];
        double above = 0;
        int rank = 1;
        for (int c = 0; c < p.length; c++) {
            if (p[c] > own || (p[c] == own && c < label)) {
                above += p[c];
                rank++;
            }
        }
        return above + noise * own + penalty * Math.max(0, rank - freeRanks);
    }

    /** Whether the prediction set of {@code p} (columns are labels) at {@code threshold} holds column {@code label}. */
    public boolean contains(double[] p, int label, double threshold, double noise, boolean keepTop) {
        return score(p, label, noise, penalty, freeRanks) <= threshold || (keepTop && rank(p, label) == 1);
    }

    /** The size of the prediction set of {@code p} (columns are labels) at {@code threshold}. */
    public int setSize(double[] p, double threshold, double noise, boolean keepTop) {
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        double above = 0;
        int size = 0;
        for (int r = 0; r < sorted.length; r++) {
            double q = sorted[sorted.length - 1 - r];
            if (above + noise * q + penalty * Math.max(0, r + 1 - freeRanks) > threshold) {
                break;
            }
            size++;
            above += q;
        }
        return keepTop ? Math.max(1, size) : size;
    }

    private static int rank(double[] p, int label) {
        int rank = 1;
        for (int c = 0; c < p.length; c++) {
            if (p[c] > p[label] || (p[c] == p[label] && c < label)) {
                rank++;
            }
        }
        return rank;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void requireSameLength(double[][] p, int[] truth, double[] noise) {
        if (p.length != truth.length || p.length != noise.length) {
            throw new IllegalArgumentException(p.length + " predictions, " + truth.length + " labels and "
                    + noise.length + " noise values; they must be as many");
        }
    }
}
