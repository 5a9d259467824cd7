package dev.stratum.models.hyperlocal;

import dev.stratum.api.models.TrainingSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Labelled unit vectors around one centre per label, separable by a margin. */
final class ToyData {
    static final int DIMENSION = 16;

    private ToyData() {}

    static float[] centre(int label) {
        float[] v = new float[DIMENSION];
        v[label] = 1;
        return v;
    }

    static float[] noisy(int label, Random random, double noise) {
        float[] v = centre(label);
        for (int d = 0; d < DIMENSION; d++) {
            v[d] += (float) (random.nextGaussian() * noise);
        }
        return unit(v);
    }

    static float[] unit(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(sum));
        }
        return out;
    }

    /** {@code perLabel} examples of each of the first {@code used} labels; the label space is {@code labels}. */
    static TrainingSet blobs(List<String> labels, int used, int perLabel, long seed) {
        Random random = new Random(seed);
        List<float[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int i = 0; i < perLabel; i++) {
            for (int c = 0; c < used; c++) {
                x.add(noisy(c, random, 0.15));
                y.add(labels.get(c));
            }
        }
        return new TrainingSet(x, y, labels);
    }
}
