package dev.stratum.learning.errors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Near-duplicate examples that carry different labels: pairs at least as similar as the hyperlocal model's duplicate
 * threshold, from which it takes two texts to be the same one. Such a pair makes the memory answer one text two ways,
 * so at least one of its labels is likely wrong, or the taxonomy cannot tell the two apart. Exact: every pair of
 * differently labelled examples is compared, which for 10,000 examples is about 50 million dot products.
 */
public final class ConflictingDuplicates {
    private ConflictingDuplicates() {}

    /** Examples {@code first} and {@code second} (indexes, {@code first < second}) and their cosine similarity. */
    public record Conflict(int first, int second, double similarity) {}

    /**
     * The pairs of {@code vectors} (unit length) at least {@code threshold} similar whose {@code labels} differ, most
     * similar first.
     *
     * @param progress told the number of rows compared so far, every 256 rows and at the end
     */
    public static List<Conflict> find(List<float[]> vectors, List<String> labels, double threshold,
            IntConsumer progress) {
        if (vectors.size() != labels.size()) {
            throw new IllegalArgumentException(vectors.size() + " vectors but " + labels.size() + " labels");
        }
        float[][] x = vectors.toArray(float[][]::new);
        List<Conflict> conflicts = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                if (labels.get(i).equals(labels.get(j))) {
                    continue;
                }
                float s = dot(x[i], x[j]);
                if (s >= threshold) {
                    conflicts.add(new Conflict(i, j, s));
                }
            }
            if ((i + 1) % 256 == 0 || i == x.length - 1) {
                progress.accept(i + 1);
            }
        }
        conflicts.sort(Comparator.comparingDouble(Conflict::similarity).reversed()
                .thenComparingInt(Conflict::first).thenComparingInt(Conflict::second));
        return conflicts;
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
}
