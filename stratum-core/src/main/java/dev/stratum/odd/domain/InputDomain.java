package dev.stratum.odd.domain;

import java.util.Arrays;
import java.util.List;

/**
 * What a task's inputs look like, learnt from its validated examples, and how far a new input falls outside: the
 * out-of-domain score and the threshold that accepts a chosen share of in-domain inputs.
 *
 * <p>The score adds two signals, each standardised by its mean and standard deviation over in-domain examples scored
 * out of fold at calibration: the distance {@code 1 - similarity} to the nearest validated example (an input unlike
 * anything seen), and the entropy of the model's distribution (an input the model cannot place among the labels).
 * The score is their mean, so 0 is a typical in-domain input and 2 is two standard deviations out on both. On
 * fine-grained intents, where unknown intents sit close to known ones, the two together separated unknown from known
 * intents better than either alone, and better than Mahalanobis distances, in cross-validation on training data only
 * (see docs/benchmarks.md).
 *
 * <p>The threshold is the conformal quantile of the in-domain scores at the target acceptance, so in-domain inputs
 * are accepted at least that often. Inputs that people rejected as out of scope, when there are some, add a second
 * rule: an input is refused when it is closer to one of them than to any validated example by more than
 * {@code rejectedMargin}, a margin calibrated so that this rule refuses at most a small share of in-domain inputs; the
 * threshold then accounts for the in-domain inputs that rule refused.
 *
 * @param distanceMean mean in-domain distance to the nearest validated example
 * @param distanceStd its standard deviation (floored, so a tiny task cannot divide by 0)
 * @param entropyMean mean in-domain entropy of the model's distribution, in nats
 * @param entropyStd its standard deviation (floored)
 * @param scores the in-domain examples' scores, sorted ascending, without those the rejected-input rule refused
 * @param refusedByRejected how many in-domain examples the rejected-input rule refused
 * @param rejected unit-length embeddings of inputs people rejected as out of scope; may be empty
 * @param rejectedMargin see above; unused when {@code rejected} is empty
 */
public record InputDomain(double distanceMean, double distanceStd, double entropyMean, double entropyStd,
        float[] scores, int refusedByRejected, float[][] rejected, double rejectedMargin) {
    /** The share of in-domain inputs the rejected-input rule may refuse, by default. */
    public static final double DEFAULT_REJECTED_BUDGET = 0.01;
    private static final double MIN_STD = 1e-3;

    public InputDomain {
        distanceStd = Math.max(MIN_STD, distanceStd);
        entropyStd = Math.max(MIN_STD, entropyStd);
        rejected = rejected == null ? new float[0][] : rejected;
    }

    /**
     * Calibrates on in-domain examples, each scored by a model that did not see it.
     *
     * @param nearestSimilarity each example's similarity to its nearest validated example (-1 when there was none)
     * @param entropy the entropy of the model's distribution for each example
     * @param rejected embeddings of inputs people rejected as out of scope (may be empty)
     * @param nearestRejected each example's similarity to its nearest rejected input; ignored when there are none
     * @param rejectedBudget the share of in-domain examples the rejected-input rule may refuse
     */
    public static InputDomain calibrate(double[] nearestSimilarity, double[] entropy, List<float[]> rejected,
            double[] nearestRejected, double rejectedBudget) {
        int n = nearestSimilarity.length;
        if (entropy.length != n || (!rejected.isEmpty() && nearestRejected.length != n)) {
            throw new IllegalArgumentException("every in-domain example needs a similarity, an entropy and, when "
                    + "there are rejected inputs, a similarity to them");
        }
        if (!(rejectedBudget >= 0 && rejectedBudget < 1)) {
            throw new IllegalArgumentException("the rejected-input budget must be in [0, 1), got " + rejectedBudget);
        }
        double[] distance = new double[n];
        for (int i = 0; i < n; i++) {
            distance[i] = 1 - nearestSimilarity[i];
        }
        double margin = 0;
        boolean[] refused = new boolean[n];
        int refusedCount = 0;
        if (!rejected.isEmpty() && n > 0) {
            double[] lead = new double[n];
            for (int i = 0; i < n; i++) {
                lead[i] = nearestRejected[i] - nearestSimilarity[i];
            }
            double[] sorted = lead.clone();
            Arrays.sort(sorted);
            // Refuse only inputs closer to a rejected one than to any validated one, and few in-domain ones.
            margin = Math.max(0, sorted[Math.min(n - 1, (int) Math.ceil((1 - rejectedBudget) * n) - 1)]);
            for (int i = 0; i < n; i++) {
                refused[i] = lead[i] > margin;
                refusedCount += refused[i] ? 1 : 0;
            }
        }
        InputDomain moments = new InputDomain(mean(distance), std(distance), mean(entropy), std(entropy),
                new float[0], 0, null, 0);
        float[] scores = new float[n - refusedCount];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!refused[i]) {
                scores[k++] = (float) moments.score(nearestSimilarity[i], entropy[i]);
            }
        }
        Arrays.sort(scores);
        return new InputDomain(moments.distanceMean, moments.distanceStd, moments.entropyMean, moments.entropyStd,
                scores, refusedCount, rejected.toArray(float[][]::new), margin);
    }

    /** The out-of-domain score of an input: higher is further out; about 0 for a typical in-domain input. */
    public double score(double nearestSimilarity, double entropy) {
        return ((1 - nearestSimilarity - distanceMean) / distanceStd + (entropy - entropyMean) / entropyStd) / 2;
    }

    /**
     * The score above which an input is refused so that in-domain inputs are accepted with probability at least
     * {@code acceptance}: the {@code ceil((n + 1) * acceptance)}-th smallest of the {@code n} in-domain scores
     * (counting those the rejected-input rule refused as above every threshold), or infinity when there are too few
     * to promise it. An acceptance of 1 accepts everything.
     */
    public double threshold(double acceptance) {
        if (!(acceptance > 0 && acceptance <= 1)) {
            throw new IllegalArgumentException("acceptance must be in (0, 1], got " + acceptance);
        }
        int rank = (int) Math.ceil((scores.length + refusedByRejected + 1) * acceptance);
        return acceptance == 1 || rank > scores.length ? Double.POSITIVE_INFINITY : scores[rank - 1];
    }

    /**
     * The similarity to the nearest validated example that an input with this {@code entropy} needs to score at
     * {@code threshold}: what an explanation can quote.
     */
    public double requiredSimilarity(double entropy, double threshold) {
        double distanceZ = 2 * threshold - (entropy - entropyMean) / entropyStd;
        return 1 - (distanceMean + distanceStd * distanceZ);
    }

    /** The similarity of {@code embedding} to the nearest rejected input, or -1 when there are none. */
    public double nearestRejected(float[] embedding) {
        double best = -1;
        for (float[] r : rejected) {
            best = Math.max(best, ExactNeighbourSearch.dot(r, embedding));
        }
        return best;
    }

    /** Whether the rejected-input rule refuses an input with these similarities. */
    public boolean resemblesRejected(double nearestRejected, double nearestSimilarity) {
        return rejected.length > 0 && nearestRejected - nearestSimilarity > rejectedMargin;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    private static double std(double[] values) {
        double m = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - m) * (v - m);
        }
        return values.length < 2 ? 0 : Math.sqrt(sum / (values.length - 1));
    }
}
