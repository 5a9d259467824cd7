package dev.stratum.api.store;

import java.util.Collection;
import java.util.Map;

/**
 * Embeddings keyed by (encoder id, SHA-256 of the text), so that training and re-indexing never embed a text twice.
 * Treated as sensitive data: vectors can be inverted back into text.
 */
public interface EmbeddingCache {
    /** The cached vectors of those {@code texts} that have one, keyed by text. */
    Map<String, float[]> getAll(String modelId, Collection<String> texts);

    void putAll(String modelId, Map<String, float[]> vectorsByText);
}
