package dev.stratum.learning.active;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * K-means on unit-length vectors by cosine similarity (spherical k-means): each point joins the centroid it is most
 * similar to, each centroid becomes its members' mean scaled to unit length. Seeded by k-means++ (Arthur and
 * Vassilvitskii 2007) with distance {@code 1 - cosine}, so clusters start spread out; deterministic for a seed.
 */
final class SphericalKMeans {
    private static final int ITERATIONS = 10;

    /**
     * The clusters of {@code points}.
     *
     * @param assignment the cluster of each point
     * @param centroids unit-length cluster centres
     */
    record Clusters(int[] assignment, float[][] centroids) {
        /** For each cluster, the member most similar to its centre, or -1 for a cluster left empty. */
        int[] medoids(List<float[]> points) {
            int[] best = new int[centroids.length];
            float[] bestSimilarity = new float[centroids.length];
            Arrays.fill(best, -1);
            for (int i = 0; i < points.size(); i++) {
                int c = assignment[i];
                float s = dot(points.get(i), centroids[c]);
                if (best[c] < 0 || s > bestSimilarity[c]) {
                    best[c] = i;
                    bestSimilarity[c] = s;
                }
            }
            return best;
        }
    }

    private SphericalKMeans() {}

    /** Splits {@code points} into {@code min(k, points)} clusters. */
    static Clusters cluster(List<float[]> points, int k, long seed) {
        if (points.isEmpty() || k < 1) {
            throw new IllegalArgumentException("k-means needs points and k >= 1; got " + points.size()
                    + " points and k = " + k);
        }
        k = Math.min(k, points.size());
        float[][] centroids = seed(points, k, new SplittableRandom(seed));
        int[] assignment = new int[points.size()];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            boolean changed = assign(points, centroids, assignment) || iteration == 0;
            if (!changed) {
                break;
            }
            update(points, centroids, assignment);
        }
        assign(points, centroids, assignment);
        return new Clusters(assignment, centroids);
    }

    /**
     * The most cohesive of {@code restarts} clusterings from different seeds (the largest sum of each point's
     * similarity to its centre). One k-means++ start can put two centres in one tight group and merge two others;
     * keeping the best of several starts is the usual remedy (scikit-learn's {@code n_init}).
     */
    static Clusters bestOf(List<float[]> points, int k, long seed, int restarts) {
        Clusters best = null;
        double bestCohesion = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < Math.max(1, restarts); r++) {
            Clusters clusters = cluster(points, k, seed + r);
            double cohesion = 0;
            for (int i = 0; i < points.size(); i++) {
                cohesion += dot(points.get(i), clusters.centroids()[clusters.assignment()[i]]);
            }
            if (cohesion > bestCohesion) {
                best = clusters;
                bestCohesion = cohesion;
            }
        }
        return best;
    }

    private static float[][] seed(List<float[]> points, int k, SplittableRandom random) {
        int n = points.size();
        float[][] centroids = new float[k][];
        centroids[0] = points.get(random.nextInt(n)).clone();
        double[] distance = new double[n];
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                distance[i] = Math.min(distance[i], Math.max(0, 1 - dot(points.get(i), centroids[c - 1])));
                total += distance[i];
            }
            int pick = n - 1;
            if (total > 0) {
                double target = random.nextDouble() * total;
                for (int i = 0; i < n; i++) {
                    target -= distance[i];
                    if (target < 0) {
                        pick = i;
                        break;
                    }
                }
            } else {
                pick = random.nextInt(n);
            }
            centroids[c] = points.get(pick).clone();
        }
        return centroids;
    }

    private static boolean assign(List<float[]> points, float[][] centroids, int[] assignment) {
        boolean changed = false;
        for (int i = 0; i < points.size(); i++) {
            float[] p = points.get(i);
            int best = 0;
            float bestSimilarity = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < centroids.length; c++) {
                float s = dot(p, centroids[c]);
                if (s > bestSimilarity) {
                    bestSimilarity = s;
                    best = c;
                }
            }
            changed |= assignment[i] != best;
            assignment[i] = best;
        }
        return changed;
    }

    private static void update(List<float[]> points, float[][] centroids, int[] assignment) {
        int dimension = centroids[0].length;
        float[][] sums = new float[centroids.length][dimension];
        int[] counts = new int[centroids.length];
        for (int i = 0; i < points.size(); i++) {
            float[] p = points.get(i);
            float[] sum = sums[assignment[i]];
            counts[assignment[i]]++;
            for (int d = 0; d < dimension; d++) {
                sum[d] += p[d];
            }
        }
        for (int c = 0; c < centroids.length; c++) {
            double norm = Math.sqrt(dot(sums[c], sums[c]));
            if (counts[c] == 0 || norm == 0) {
                continue; // an empty cluster keeps its centre and may win points back next round
            }
            for (int d = 0; d < dimension; d++) {
                sums[c][d] /= (float) norm;
            }
            centroids[c] = sums[c];
        }
    }

    static float dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
