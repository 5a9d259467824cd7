package dev.stratum.store.vector;

/** Checks and normalisation of the vectors the index takes in. */
final class VectorMath {
    private VectorMath() {}

    /**
     * A unit-length copy of {@code vector}, after checking its dimension and that it is finite and not zero.
     * {@code what} names the vector in error messages.
     */
    static float[] unitLength(float[] vector, int dimension, String what) {
        if (vector == null || vector.length != dimension) {
            throw new IllegalArgumentException(what + " has " + (vector == null ? "no" : vector.length)
                    + " dimensions but this index holds vectors of " + dimension
                    + "; use the index of the encoder that produced the vector");
        }
        double squares = 0;
        for (float x : vector) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException(what + " contains " + x + "; the encoder produced an invalid vector");
            }
            squares += (double) x * x;
        }
        if (squares == 0) {
            throw new IllegalArgumentException(what + " is all zeros and has no direction to compare by cosine");
        }
        double norm = Math.sqrt(squares);
        float[] unit = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }

    /** The dot product of two unit vectors, accumulated in double: their cosine similarity. */
    static float dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return (float) Math.clamp(sum, -1.0, 1.0);
    }
}
