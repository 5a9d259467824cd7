package dev.stratum.learning.bench;

import dev.stratum.api.store.Neighbour;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact nearest stored vectors of many queries at once, by computing every dot product: what cross-validation
 * needs (thousands of queries against a fold that changes each time), where building a Lucene index per fold would
 * cost more than it saves.
 */
final class BruteForceNeighbours {
    private BruteForceNeighbours() {}

    /**
     * For each query, the {@code k} most similar of {@code stored}, most similar first; neighbour ids are indexes
     * into {@code stored}.
     */
    static List<List<Neighbour>> nearest(List<float[]> queries, List<float[]> stored, List<String> labels, int k) {
        int n = stored.size();
        int d = stored.getFirst().length;
        // Dimension-major, so the inner loop is a scaled row added to the scores, which the JIT vectorises.
        float[] transposed = new float[d * n];
        for (int j = 0; j < n; j++) {
            float[] v = stored.get(j);
            for (int c = 0; c < d; c++) {
                transposed[c * n + j] = v[c];
            }
        }
        List<List<Neighbour>> result = new ArrayList<>(queries.size());
        float[] scores = new float[n];
        for (float[] q : queries) {
            java.util.Arrays.fill(scores, 0f);
            for (int c = 0; c < d; c++) {
                float qc = q[c];
                int row = c * n;
                for (int j = 0; j < n; j++) {
                    scores[j] += qc * transposed[row + j];
                }
            }
            result.add(top(scores, labels, k));
        }
        return result;
    }

    private static List<Neighbour> top(float[] scores, List<String> labels, int k) {
        int size = Math.min(k, scores.length);
        int[] best = new int[size];
        int filled = 0;
        for (int j = 0; j < scores.length; j++) {
            if (filled < size) {
                best[filled++] = j;
                siftUp(best, filled - 1, scores);
            } else if (scores[j] > scores[best[size - 1]]) {
                best[size - 1] = j;
                siftUp(best, size - 1, scores);
            }
        }
        List<Neighbour> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Neighbour(best[i], labels.get(best[i]), scores[best[i]]));
        }
        return out;
    }

    /** Insertion step of a small sorted array, best first; ties keep the earlier index first. */
    private static void siftUp(int[] best, int at, float[] scores) {
        for (int i = at; i > 0 && scores[best[i]] > scores[best[i - 1]]; i--) {
            int t = best[i];
            best[i] = best[i - 1];
            best[i - 1] = t;
        }
    }
}
