package dev.stratum.learning.bench;

import dev.stratum.api.models.EmbeddingModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Embeds each distinct text of a run once, in batches, and remembers the vectors, timing the work so the report can
 * show encoder throughput apart from training and prediction.
 */
final class EmbeddingMemo {
    private static final int BATCH = 256;

    private final EmbeddingModel encoder;
    private final Map<String, float[]> vectors = new HashMap<>();
    private long nanos;

    EmbeddingMemo(EmbeddingModel encoder) {
        this.encoder = encoder;
    }

    /** Embeds those {@code texts} not seen yet, reporting progress every few thousand. */
    void embedAll(Collection<String> texts, PrintStream progress) {
        List<String> missing = new ArrayList<>();
        for (String text : new LinkedHashSet<>(texts)) {
            if (!vectors.containsKey(text)) {
                missing.add(text);
            }
        }
        long start = System.nanoTime();
        for (int from = 0; from < missing.size(); from += BATCH) {
            List<String> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
            List<float[]> embedded = encoder.embedAll(batch);
            for (int i = 0; i < batch.size(); i++) {
                vectors.put(batch.get(i), embedded.get(i));
            }
            int done = from + batch.size();
            if (done % 4096 < BATCH || done == missing.size()) {
                progress.printf("  embedded %d of %d distinct texts%n", done, missing.size());
            }
        }
        nanos += System.nanoTime() - start;
    }

    float[] get(String text) {
        float[] v = vectors.get(text);
        if (v == null) {
            throw new IllegalStateException("text was not embedded before use: " + text);
        }
        return v;
    }

    int size() {
        return vectors.size();
    }

    double seconds() {
        return nanos / 1e9;
    }
}
