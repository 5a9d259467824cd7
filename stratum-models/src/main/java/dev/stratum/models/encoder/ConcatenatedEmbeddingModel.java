package dev.stratum.models.encoder;

import dev.stratum.api.models.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Several encoders as one: a text's vector is its vectors from each part, each scaled by {@code 1 / sqrt(parts)},
 * one after the other. Since every part is a unit vector, so is the whole, and the dot product of two such vectors
 * is the mean of the parts' cosine similarities; a linear head over it can weigh every dimension of every part.
 *
 * <p>The id names the parts in order, {@code concat(a,b)}, so vectors cached under it are never mixed with another
 * combination's.
 */
public final class ConcatenatedEmbeddingModel implements EmbeddingModel {
    private final List<EmbeddingModel> parts;
    private final String id;
    private final int dimension;
    private final float scale;

    private ConcatenatedEmbeddingModel(List<EmbeddingModel> parts) {
        this.parts = List.copyOf(parts);
        this.id = parts.stream().map(EmbeddingModel::id).collect(Collectors.joining(",", "concat(", ")"));
        this.dimension = parts.stream().mapToInt(EmbeddingModel::dimension).sum();
        this.scale = (float) (1 / Math.sqrt(parts.size()));
    }

    /** Joins {@code parts}, in this order; at least two, with distinct ids. */
    public static ConcatenatedEmbeddingModel of(List<? extends EmbeddingModel> parts) {
        if (parts.size() < 2) {
            throw new IllegalArgumentException("a concatenation needs at least two encoders, got " + parts.size()
                    + "; use the encoder itself");
        }
        if (parts.stream().map(EmbeddingModel::id).distinct().count() != parts.size()) {
            throw new IllegalArgumentException("the encoders to concatenate must differ; got "
                    + parts.stream().map(EmbeddingModel::id).toList());
        }
        return new ConcatenatedEmbeddingModel(new ArrayList<>(parts));
    }

    public List<EmbeddingModel> parts() {
        return parts;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] embed(String text) {
        float[] out = new float[dimension];
        int offset = 0;
        for (EmbeddingModel part : parts) {
            offset = append(out, offset, part.embed(text));
        }
        return out;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(new float[dimension]);
        }
        int offset = 0;
        for (EmbeddingModel part : parts) {
            List<float[]> vectors = part.embedAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                append(out.get(i), offset, vectors.get(i));
            }
            offset += part.dimension();
        }
        return out;
    }

    private int append(float[] out, int offset, float[] vector) {
        for (int d = 0; d < vector.length; d++) {
            out[offset + d] = vector[d] * scale;
        }
        return offset + vector.length;
    }
}
