package dev.stratum.api.models;

/** A classifier over embeddings: given a text's vector, a distribution over labels. Thread-safe once built. */
public interface EmbeddingClassifier {
    Distribution predict(float[] embedding);
}
