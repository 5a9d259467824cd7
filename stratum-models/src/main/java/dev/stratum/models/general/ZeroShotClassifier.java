package dev.stratum.models.general;

import dev.stratum.api.Label;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.EmbeddingClassifier;
import dev.stratum.api.models.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The general layer's classifier: scores a text by the cosine similarity of its vector to each label's
 * {@link Label#promptText() prompt text}, and turns the similarities into probabilities with a softmax at a
 * temperature.
 *
 * <p>The temperature is a calibration knob, not a tuned parameter: cosine similarities of this encoder between a
 * sentence and a short label text mostly fall between 0.0 and 0.6, and at the default of
 * {@value #DEFAULT_TEMPERATURE} a lead of 0.05 in similarity makes a label e (2.7) times as likely, so a clear
 * winner gets a high probability and a near-tie stays a near-tie (which lets the cascade see that the general
 * model is unsure). It was not fitted on any test set.
 */
public final class ZeroShotClassifier implements EmbeddingClassifier {
    /** The default softmax temperature over cosine similarities. */
    public static final double DEFAULT_TEMPERATURE = 0.05;

    private final List<String> labels;
    private final float[][] labelVectors;
    private final double temperature;

    private ZeroShotClassifier(List<String> labels, float[][] labelVectors, double temperature) {
        this.labels = labels;
        this.labelVectors = labelVectors;
        this.temperature = temperature;
    }

    /** Embeds each label's prompt text once, with the default temperature. */
    public static ZeroShotClassifier create(List<Label> labels, EmbeddingModel model) {
        return create(labels, model, DEFAULT_TEMPERATURE);
    }

    /** Embeds each label's prompt text once; {@code temperature} must be positive. */
    public static ZeroShotClassifier create(List<Label> labels, EmbeddingModel model, double temperature) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a zero-shot classifier needs at least one label");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("the softmax temperature must be a positive number, got " + temperature
                    + "; the default is " + DEFAULT_TEMPERATURE);
        }
        List<String> names = new ArrayList<>(labels.size());
        List<String> prompts = new ArrayList<>(labels.size());
        for (Label label : labels) {
            names.add(label.name());
            prompts.add(label.promptText());
        }
        List<float[]> vectors = model.embedAll(prompts);
        return new ZeroShotClassifier(List.copyOf(names), vectors.toArray(float[][]::new), temperature);
    }

    public List<String> labels() {
        return labels;
    }

    public double temperature() {
        return temperature;
    }

    @Override
    public Distribution predict(float[] embedding) {
        int dimension = labelVectors[0].length;
        if (embedding.length != dimension) {
            throw new IllegalArgumentException("the text's embedding has " + embedding.length
                    + " dimensions but the label embeddings have " + dimension
                    + "; embed the text with the same encoder as the labels");
        }
        double[] scores = new double[labelVectors.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < labelVectors.length; c++) {
            scores[c] = dot(embedding, labelVectors[c]) / temperature;
            max = Math.max(max, scores[c]);
        }
        double sum = 0;
        for (int c = 0; c < scores.length; c++) {
            scores[c] = Math.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < scores.length; c++) {
            scores[c] /= sum;
        }
        return Distribution.of(labels, scores);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
