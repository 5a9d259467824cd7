package dev.stratum.models.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One text's token ids as the model takes them: a single window with its special tokens, or, for a text longer than
 * the model's limit, consecutive windows of it, each wrapped in {@code [CLS] ... [SEP]}.
 */
record TokenizedText(List<long[]> windows) {
    TokenizedText {
        windows = List.copyOf(windows);
    }

    /** Cuts {@code inner} (ids without special tokens) into windows of at most {@code maxTokens} ids each. */
    static TokenizedText windows(long[] inner, long cls, long sep, int maxTokens) {
        int room = maxTokens - 2;
        List<long[]> windows = new ArrayList<>();
        for (int from = 0; from < inner.length; from += room) {
            int to = Math.min(inner.length, from + room);
            long[] window = new long[to - from + 2];
            window[0] = cls;
            System.arraycopy(inner, from, window, 1, to - from);
            window[window.length - 1] = sep;
            windows.add(window);
        }
        return new TokenizedText(windows);
    }

    /**
     * The text's unit vector from its windows' pooled vectors at {@code pooled[offset...]}: their average weighted by
     * token count (for one window, that window's vector), normalised.
     */
    float[] combine(float[][] pooled, int offset, int dimension) {
        float[] sum;
        if (windows.size() == 1) {
            sum = pooled[offset];
        } else {
            sum = new float[dimension];
            for (int w = 0; w < windows.size(); w++) {
                float weight = windows.get(w).length;
                float[] v = pooled[offset + w];
                for (int d = 0; d < dimension; d++) {
                    sum[d] += weight * v[d];
                }
            }
        }
        double norm = 0;
        for (float x : sum) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] unit = Arrays.copyOf(sum, dimension);
        if (norm > 0) {
            for (int d = 0; d < dimension; d++) {
                unit[d] = (float) (sum[d] / norm);
            }
        }
        return unit;
    }
}
