package dev.stratum.learning.active;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic embeddings for the tests: unit vectors scattered round a centre per label, with a seeded generator. */
public final class Blobs {
    public static final int DIMENSION = 16;

    private final Random random;

    public Blobs(long seed) {
        random = new Random(seed);
    }

    /** A unit vector near {@code centre}: Gaussian noise of standard deviation {@code spread} added per axis. */
    public float[] near(float[] centre, double spread) {
        float[] v = new float[centre.length];
        double norm = 0;
        for (int d = 0; d < v.length; d++) {
            v[d] = (float) (centre[d] + random.nextGaussian() * spread);
            norm += v[d] * v[d];
        }
        for (int d = 0; d < v.length; d++) {
            v[d] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** {@code n} unit vectors near {@code centre}. */
    public List<float[]> near(float[] centre, double spread, int n) {
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(near(centre, spread));
        }
        return out;
    }

    /** The unit vector along axis {@code axis}. */
    public static float[] axis(int axis) {
        float[] v = new float[DIMENSION];
        v[axis] = 1;
        return v;
    }

    /** The unit vector halfway between two axes: on the boundary between their labels. */
    public static float[] between(int a, int b) {
        float[] v = new float[DIMENSION];
        v[a] = (float) Math.sqrt(0.5);
        v[b] = (float) Math.sqrt(0.5);
        return v;
    }
}
