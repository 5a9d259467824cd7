package dev.stratum.api.models;

import java.util.List;

/**
 * A sentence encoder: turns a text into a fixed-size, L2-normalised vector, so that the dot product of two vectors
 * is their cosine similarity. Implementations must be thread-safe.
 */
public interface EmbeddingModel {
    /** A stable identifier of the exact weights, used as the embedding-cache key, for example {@code all-minilm-l6-v2-q}. */
    String id();

    int dimension();

    float[] embed(String text);

    /** Embeds many texts; implementations batch where the runtime benefits. Order is kept. */
    default List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }
}
