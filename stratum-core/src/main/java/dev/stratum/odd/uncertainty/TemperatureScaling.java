package dev.stratum.odd.uncertainty;

import dev.stratum.api.LabelScore;
import dev.stratum.api.models.Distribution;
import java.util.ArrayList;
import java.util.List;

/**
 * Temperature scaling (Guo et al. 2017): divides a distribution's log-probabilities by one number {@code T} and
 * renormalises. {@code T > 1} softens an over-confident model, {@code T < 1} sharpens an under-confident one; the
 * order of the labels never changes, so neither does accuracy.
 *
 * <p>{@link #fit} picks the {@code T} with the lowest negative log-likelihood on held-out examples, by golden-section
 * search over {@code ln T} in [ln 0.05, ln 20] (the likelihood is unimodal in {@code T}). Working on probabilities
 * rather than logits makes it apply to any model, blends included: a log-probability is a logit up to a constant per
 * input, which the renormalisation removes.
 */
public record TemperatureScaling(double temperature) {
    /** Leaves distributions as they are. */
    public static final TemperatureScaling IDENTITY = new TemperatureScaling(1);

    static final double MIN = 0.05;
    static final double MAX = 20;
    private static final double FLOOR = 1e-12;

    public TemperatureScaling {
        if (!(temperature >= MIN && temperature <= MAX)) {
            throw new IllegalArgumentException("temperature must be between " + MIN + " and " + MAX + ", got "
                    + temperature);
        }
    }

    /**
     * The temperature with the lowest negative log-likelihood of {@code truth} under {@code probabilities}.
     *
     * @param probabilities one row per held-out example, one column per label, rows summing to 1
     * @param truth the column of each example's true label
     */
    public static TemperatureScaling fit(double[][] probabilities, int[] truth) {
        if (probabilities.length != truth.length) {
            throw new IllegalArgumentException(probabilities.length + " predictions but " + truth.length + " labels");
        }
        if (probabilities.length == 0) {
            return IDENTITY;
        }
        double lo = Math.log(MIN);
        double hi = Math.log(MAX);
        double ratio = (Math.sqrt(5) - 1) / 2;
        double a = hi - ratio * (hi - lo);
        double b = lo + ratio * (hi - lo);
        double fa = nll(probabilities, truth, Math.exp(a));
        double fb = nll(probabilities, truth, Math.exp(b));
        while (hi - lo > 1e-4) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - ratio * (hi - lo);
                fa = nll(probabilities, truth, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + ratio * (hi - lo);
                fb = nll(probabilities, truth, Math.exp(b));
            }
        }
        return new TemperatureScaling(Math.min(MAX, Math.max(MIN, Math.exp((lo + hi) / 2))));
    }

    /** The mean negative log-likelihood of {@code truth} after scaling by {@code temperature}. */
    public static double nll(double[][] probabilities, int[] truth, double temperature) {
        double sum = 0;
        double[] scaled = new double[probabilities.length == 0 ? 0 : probabilities[0].length];
        for (int i = 0; i < probabilities.length; i++) {
            scale(probabilities[i], temperature, scaled);
            sum -= Math.log(Math.max(scaled[truth[i]], FLOOR));
        }
        return probabilities.length == 0 ? 0 : sum / probabilities.length;
    }

    /** The scaled copy of {@code probabilities}. */
    public double[] apply(double[] probabilities) {
        double[] out = new double[probabilities.length];
        scale(probabilities, temperature, out);
        return out;
    }

    /** The scaled copy of {@code distribution}, over the same labels. */
    public Distribution apply(Distribution distribution) {
        List<LabelScore> scores = distribution.scores();
        double[] p = new double[scores.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = scores.get(i).score();
        }
        scale(p, temperature, p);
        List<LabelScore> scaled = new ArrayList<>(p.length);
        for (int i = 0; i < p.length; i++) {
            scaled.add(new LabelScore(scores.get(i).label(), p[i]));
        }
        return new Distribution(scaled);
    }

    /** Writes {@code softmax(ln p / t)} into {@code out} (which may be {@code p}); labels at 0 stay at 0. */
    static void scale(double[] p, double t, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : p) {
            if (v > 0) {
                max = Math.max(max, Math.log(v));
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            System.arraycopy(p, 0, out, 0, p.length);
            return;
        }
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            double e = p[c] > 0 ? Math.exp((Math.log(p[c]) - max) / t) : 0;
            out[c] = e;
            sum += e;
        }
        for (int c = 0; c < p.length; c++) {
            out[c] /= sum;
        }
    }
}
