package dev.stratum.models.hyperlocal;

import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.TrainedHead;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trained multinomial logistic regression: {@code softmax(W^T x + b)}. Immutable, so thread-safe.
 *
 * <p>The weights are laid out input-major (row d holds the weights of input d for every class), so both the
 * training loop and prediction are sums of scaled rows, which the JIT turns into SIMD code; a class-major layout
 * would need dot products, whose float reductions it does not vectorise.
 */
final class SoftmaxRegressionHead implements TrainedHead {
    static final String KIND = "softmax-regression";

    private final List<String> labels;
    private final Map<String, Object> hyperparameters;
    private final int dimension;
    private final float[] weights;
    private final float[] bias;

    SoftmaxRegressionHead(List<String> labels, Map<String, Object> hyperparameters, int dimension, float[] weights,
            float[] bias) {
        this.labels = List.copyOf(labels);
        this.hyperparameters = Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
        this.dimension = dimension;
        this.weights = weights;
        this.bias = bias;
    }

    static SoftmaxRegressionHead from(HeadArtifact artifact) {
        return new SoftmaxRegressionHead(artifact.labels(), artifact.hyperparameters(), artifact.dimension(),
                artifact.weights(), artifact.bias());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        return hyperparameters;
    }

    List<String> labels() {
        return labels;
    }

    int dimension() {
        return dimension;
    }

    @Override
    public byte[] toBytes() {
        return new HeadArtifact(KIND, labels, hyperparameters, dimension, weights, bias).toBytes();
    }

    @Override
    public Distribution predict(float[] embedding) {
        if (embedding.length != dimension) {
            throw new IllegalArgumentException("the embedding has " + embedding.length + " dimensions but this "
                    + KIND + " head was trained on " + dimension + "; embed with the encoder it was trained with");
        }
        float[] logits = new float[labels.size()];
        probabilities(weights, bias, embedding, logits);
        double[] p = new double[logits.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = logits[c];
        }
        return Distribution.of(labels, p);
    }

    /** Replaces {@code out} (one slot per class) with {@code softmax(W^T x + b)}. Shared with training. */
    static void probabilities(float[] weights, float[] bias, float[] x, float[] out) {
        int classes = out.length;
        System.arraycopy(bias, 0, out, 0, classes);
        for (int d = 0; d < x.length; d++) {
            float xd = x[d];
            if (xd == 0) {
                continue;
            }
            int row = d * classes;
            for (int c = 0; c < classes; c++) {
                out[c] += xd * weights[row + c];
            }
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float z : out) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            // StrictMath: the same bits on every machine, so a saved head predicts the same everywhere.
            double e = StrictMath.exp(out[c] - max);
            out[c] = (float) e;
            sum += e;
        }
        for (int c = 0; c < classes; c++) {
            out[c] = (float) (out[c] / sum);
        }
    }
}
