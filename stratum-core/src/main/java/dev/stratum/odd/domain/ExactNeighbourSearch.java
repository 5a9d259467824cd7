package dev.stratum.odd.domain;

import dev.stratum.api.store.Neighbour;
import dev.stratum.models.hyperlocal.NeighbourLookup;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact nearest neighbours by cosine similarity over a fixed list of unit-length vectors: a full scan, for calibration
 * and benchmarks, where an approximate index would add its own errors to what is measured. Immutable, so thread-safe.
 */
public final class ExactNeighbourSearch implements NeighbourLookup {
    private static final int BLOCK = 16;

    private final float[][] vectors;
    private final String[] labels;
    private final long[] ids;

    private ExactNeighbourSearch(float[][] vectors, String[] labels, long[] ids) {
        this.vectors = vectors;
        this.labels = labels;
        this.ids = ids;
    }

    /** A search over {@code vectors} with their {@code labels}; a neighbour's id is its index in the lists. */
    public static ExactNeighbourSearch of(List<float[]> vectors, List<String> labels) {
        if (vectors.size() != labels.size()) {
            throw new IllegalArgumentException(vectors.size() + " vectors but " + labels.size() + " labels");
        }
        long[] ids = new long[vectors.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return new ExactNeighbourSearch(vectors.toArray(float[][]::new), labels.toArray(String[]::new), ids);
    }

    public int size() {
        return vectors.length;
    }

    @Override
    public List<Neighbour> nearest(float[] query, int k) {
        TopK top = new TopK(Math.min(k, vectors.length));
        for (int i = 0; i < vectors.length; i++) {
            top.offer(i, dot(vectors[i], query));
        }
        return top.neighbours(this);
    }

    /**
     * The {@code k} nearest of each query, as {@link #nearest} would find them, but faster for many queries: queries
     * go in blocks against each stored vector, so a vector is read from memory once per block rather than once per
     * query (a scan of thousands of vectors does not fit in the CPU caches).
     */
    public List<List<Neighbour>> nearestAll(List<float[]> queries, int k) {
        int keep = Math.min(k, vectors.length);
        List<List<Neighbour>> out = new ArrayList<>(queries.size());
        float[] similarity = new float[BLOCK];
        for (int from = 0; from < queries.size(); from += BLOCK) {
            int size = Math.min(BLOCK, queries.size() - from);
            TopK[] tops = new TopK[size];
            for (int q = 0; q < size; q++) {
                tops[q] = new TopK(keep);
            }
            List<float[]> block = queries.subList(from, from + size);
            for (int i = 0; i < vectors.length; i++) {
                float[] v = vectors[i];
                for (int q = 0; q < size; q++) {
                    similarity[q] = dot(v, block.get(q));
                }
                for (int q = 0; q < size; q++) {
                    tops[q].offer(i, similarity[q]);
                }
            }
            for (TopK top : tops) {
                out.add(top.neighbours(this));
            }
        }
        return out;
    }

    /** The highest similarity of {@code query} to any vector, or -1 when there are none. */
    public float nearestSimilarity(float[] query) {
        float best = -1;
        for (float[] v : vectors) {
            best = Math.max(best, dot(v, query));
        }
        return best;
    }

    /** A dot product with four running sums, so that each addition need not wait for the one before. */
    static float dot(float[] a, float[] b) {
        int n = Math.min(a.length, b.length);
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The best {@code k} indexes seen so far, most similar first; insertion keeps them sorted (k is small). */
    private static final class TopK {
        private final int[] index;
        private final float[] similarity;
        private int filled;

        TopK(int k) {
            index = new int[Math.max(0, k)];
            similarity = new float[Math.max(0, k)];
        }

        void offer(int i, float s) {
            int k = index.length;
            if (k == 0 || (filled == k && s <= similarity[k - 1])) {
                return;
            }
            int at = filled < k ? filled++ : k - 1;
            while (at > 0 && similarity[at - 1] < s) {
                similarity[at] = similarity[at - 1];
                index[at] = index[at - 1];
                at--;
            }
            similarity[at] = s;
            index[at] = i;
        }

        List<Neighbour> neighbours(ExactNeighbourSearch search) {
            List<Neighbour> out = new ArrayList<>(filled);
            for (int j = 0; j < filled; j++) {
                out.add(new Neighbour(search.ids[index[j]], search.labels[index[j]], similarity[j]));
            }
            return out;
        }
    }
}
