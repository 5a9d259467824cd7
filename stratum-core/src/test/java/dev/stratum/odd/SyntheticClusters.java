package dev.stratum.odd;

import dev.stratum.api.models.TrainingSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Labelled unit vectors for tests: class {@code c} (label {@code "c" + c}) scatters around a random unit centre with
 * Gaussian noise of the given spread, then is normalised, as sentence embeddings are. Out-of-domain points come from
 * centres of their own.
 */
public final class SyntheticClusters {
    private final int dimension;
    private final double spread;
    private final float[][] centres;
    private final List<String> labels = new ArrayList<>();

    public SyntheticClusters(int classes, int dimension, double spread, long seed) {
        this(classes, dimension, spread, seed, false);
    }

    private SyntheticClusters(int classes, int dimension, double spread, long seed, boolean twins) {
        this.dimension = dimension;
        this.spread = spread;
        Random random = new Random(seed);
        centres = new float[classes][];
        for (int c = 0; c < classes; c++) {
            centres[c] = unit(gaussian(random, 1));
            labels.add("c" + c);
        }
        if (twins) {
            float[] nudge = gaussian(random, 0.05);
            for (int j = 0; j < dimension; j++) {
                centres[1][j] = centres[0][j] + nudge[j];
            }
            centres[1] = unit(centres[1]);
        }
    }

    /** Clusters where classes c0 and c1 share almost the same centre: inputs there are in domain yet ambiguous. */
    public static SyntheticClusters withTwins(int classes, int dimension, double spread, long seed) {
        return new SyntheticClusters(classes, dimension, spread, seed, true);
    }

    public List<String> labels() {
        return labels;
    }

    public float[] centre(int c) {
        return centres[c].clone();
    }

    /** The normalised midpoint of two centres. */
    public float[] between(int a, int b) {
        float[] v = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            v[j] = centres[a][j] + centres[b][j];
        }
        return unit(v);
    }

    /** A point of class {@code c}. */
    public float[] sample(int c, Random random) {
        float[] noise = gaussian(random, spread);
        float[] v = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            v[j] = centres[c][j] + noise[j];
        }
        return unit(v);
    }

    /** {@code perClass} points of every class, classes interleaved. */
    public TrainingSet trainingSet(int perClass, long seed) {
        Random random = new Random(seed);
        List<float[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < centres.length; c++) {
                x.add(sample(c, random));
                y.add(labels.get(c));
            }
        }
        return new TrainingSet(x, y, labels);
    }

    /** Points around {@code count} fresh centres: inputs from outside the domain. */
    public List<float[]> outOfDomain(int count, long seed) {
        Random random = new Random(seed);
        List<float[]> out = new ArrayList<>();
        float[] centre = null;
        for (int i = 0; i < count; i++) {
            if (i % 10 == 0) {
                centre = unit(gaussian(random, 1));
            }
            float[] noise = gaussian(random, spread);
            float[] v = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                v[j] = centre[j] + noise[j];
            }
            out.add(unit(v));
        }
        return out;
    }

    private float[] gaussian(Random random, double scale) {
        float[] v = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            v[j] = (float) (random.nextGaussian() * scale / Math.sqrt(dimension));
        }
        return v;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int j = 0; j < v.length; j++) {
            v[j] *= scale;
        }
        return v;
    }
}
