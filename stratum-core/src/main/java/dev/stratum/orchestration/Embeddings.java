package dev.stratum.orchestration;

import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.api.store.EmbeddingCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The general encoder behind two caches: the persistent one of the store, so validated examples are embedded once
 * ever, and a small in-memory one of recent prediction texts, so feedback on a fresh prediction does not embed its
 * text again and the predict path never writes the persistent cache.
 */
final class Embeddings {
    private static final int RECENT_CAPACITY = 4096;

    private final EmbeddingModel model;
    private final EmbeddingCache cache;
    private final Map<String, float[]> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > RECENT_CAPACITY;
        }
    };

    Embeddings(EmbeddingModel model, EmbeddingCache cache) {
        this.model = model;
        this.cache = cache;
    }

    String modelId() {
        return model.id();
    }

    int dimension() {
        return model.dimension();
    }

    EmbeddingModel model() {
        return model;
    }

    /** Embeds a text on the predict path: the recent cache, else the model; the result is remembered in memory. */
    float[] forPrediction(String text) {
        float[] hit;
        synchronized (recent) {
            hit = recent.get(text);
        }
        if (hit != null) {
            return hit;
        }
        float[] vector = model.embed(text);
        synchronized (recent) {
            recent.put(text, vector);
        }
        return vector;
    }

    /** Embeds texts that become examples: from either cache when present, else the model; persists the new ones. */
    Map<String, float[]> forExamples(List<String> texts) {
        Map<String, float[]> found = new LinkedHashMap<>(cache.getAll(model.id(), texts));
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        Map<String, float[]> fresh = new LinkedHashMap<>();
        for (String text : texts) {
            if (found.containsKey(text) || fresh.containsKey(text)) {
                continue;
            }
            float[] recentHit;
            synchronized (recent) {
                recentHit = recent.get(text);
            }
            if (recentHit != null) {
                fresh.put(text, recentHit);
            } else {
                missing.add(text);
            }
        }
        if (!missing.isEmpty()) {
            List<String> ordered = new ArrayList<>(missing);
            List<float[]> vectors = model.embedAll(ordered);
            for (int i = 0; i < ordered.size(); i++) {
                fresh.put(ordered.get(i), vectors.get(i));
            }
        }
        if (!fresh.isEmpty()) {
            cache.putAll(model.id(), fresh);
            found.putAll(fresh);
        }
        return found;
    }
}
