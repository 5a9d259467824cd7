package dev.stratum.models.encoder;

import java.util.Objects;

/**
 * Where a BERT-style ONNX sentence encoder's files are and how to pool its output.
 *
 * @param id the stable identifier of the exact weights, used as the embedding-cache key and in model provenance
 * @param modelResource the ONNX model, a classpath resource
 * @param tokenizerResource the HuggingFace {@code tokenizer.json}, a classpath resource
 * @param dimension the length of the sentence vector
 * @param maxTokens the longest token sequence the model takes, special tokens included; longer texts are embedded
 *     in windows of this length whose vectors are averaged, weighted by their token counts
 */
public record EncoderSpec(String id, String modelResource, String tokenizerResource, Pooling pooling, int dimension,
        int maxTokens) {
    public EncoderSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modelResource, "modelResource");
        Objects.requireNonNull(tokenizerResource, "tokenizerResource");
        Objects.requireNonNull(pooling, "pooling");
        if (dimension < 1) {
            throw new IllegalArgumentException("encoder " + id + ": dimension must be positive, got " + dimension);
        }
        if (maxTokens < 3) {
            throw new IllegalArgumentException("encoder " + id + ": max tokens must be at least 3 ([CLS], one token, "
                    + "[SEP]), got " + maxTokens);
        }
    }
}
