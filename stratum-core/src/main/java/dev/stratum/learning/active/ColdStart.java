package dev.stratum.learning.active;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The first items to label when nothing is labelled yet: the pool split into as many clusters as items wanted, and
 * from each the member nearest its centre, larger clusters first. A seed set that covers the pool's regions teaches
 * more than a random one, which over-samples what is common and may miss whole labels.
 */
public final class ColdStart {
    /**
     * Clusterings tried, the most cohesive kept: a seed set is chosen once per task, so a few more passes over the
     * pool are cheap next to a reviewer's time on a seed that repeats a topic.
     */
    static final int RESTARTS = 5;

    private ColdStart() {}

    /** Up to {@code count} pool indexes, one per cluster of {@code pool}; see the class comment. */
    public static List<Integer> select(List<float[]> pool, int count, long seed) {
        return select(pool, count, seed, null);
    }

    /**
     * As {@link #select(List, int, long)}, and puts in {@code shares} (when not null) each pick's weight: the share of
     * the pool in its cluster, or 0 for a point added because clusters came out empty.
     */
    static List<Integer> select(List<float[]> pool, int count, long seed, List<Double> shares) {
        if (pool.isEmpty() || count < 1) {
            return List.of();
        }
        SphericalKMeans.Clusters clusters = SphericalKMeans.bestOf(pool, count, seed, RESTARTS);
        int[] sizes = new int[clusters.centroids().length];
        for (int c : clusters.assignment()) {
            sizes[c]++;
        }
        int[] medoids = clusters.medoids(pool);
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < medoids.length; c++) {
            if (medoids[c] >= 0) {
                order.add(c);
            }
        }
        order.sort(Comparator.comparingInt((Integer c) -> -sizes[c]).thenComparingInt(c -> medoids[c]));
        List<Integer> picked = new ArrayList<>(order.size());
        for (int c : order) {
            picked.add(medoids[c]);
            if (shares != null) {
                shares.add((double) sizes[c] / pool.size());
            }
        }
        // Empty clusters leave the set short of count: fill it with the points least like anything picked.
        fillFarthestFirst(pool, picked, Math.min(count, pool.size()));
        while (shares != null && shares.size() < picked.size()) {
            shares.add(0.0);
        }
        return picked;
    }

    /** Adds, one at a time, the point least similar to everything picked so far (k-center greedy). */
    private static void fillFarthestFirst(List<float[]> pool, List<Integer> picked, int count) {
        if (picked.size() >= count) {
            return;
        }
        float[] closest = new float[pool.size()];
        Arrays.fill(closest, Float.NEGATIVE_INFINITY);
        boolean[] taken = new boolean[pool.size()];
        for (int p : picked) {
            taken[p] = true;
            for (int i = 0; i < pool.size(); i++) {
                closest[i] = Math.max(closest[i], SphericalKMeans.dot(pool.get(i), pool.get(p)));
            }
        }
        while (picked.size() < count) {
            int next = -1;
            for (int i = 0; i < pool.size(); i++) {
                if (!taken[i] && (next < 0 || closest[i] < closest[next])) {
                    next = i;
                }
            }
            taken[next] = true;
            picked.add(next);
            for (int i = 0; i < pool.size(); i++) {
                closest[i] = Math.max(closest[i], SphericalKMeans.dot(pool.get(i), pool.get(next)));
            }
        }
    }
}
