package dev.stratum.learning.bench;

import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.models.encoder.ConcatenatedEmbeddingModel;
import dev.stratum.models.general.MiniLmEmbeddingModel;
import dev.stratum.models.specific.BgeSmallEmbeddingModel;
import dev.stratum.models.specific.LayeredEncoders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The encoders a bench compares, by {@link LayeredEncoders} name, each base encoder loaded once. {@link #memoised}
 * versions remember every vector, so that a concatenation reuses its parts' vectors instead of embedding again;
 * {@link #real} versions are what a server runs, for timing.
 */
final class BenchEncoders {
    private final Map<String, EmbeddingModel> real = new HashMap<>();
    private final Map<String, EmbeddingModel> memoised = new HashMap<>();

    synchronized EmbeddingModel real(String name) {
        return real.computeIfAbsent(name, n -> switch (n) {
            case LayeredEncoders.GENERAL -> MiniLmEmbeddingModel.shared();
            case LayeredEncoders.SPECIFIC -> BgeSmallEmbeddingModel.create();
            case LayeredEncoders.GENERAL_AND_SPECIFIC -> ConcatenatedEmbeddingModel.of(
                    List.of(real(LayeredEncoders.GENERAL), real(LayeredEncoders.SPECIFIC)));
            default -> LayeredEncoders.byName(n);
        });
    }

    synchronized EmbeddingModel memoised(String name) {
        EmbeddingModel found = memoised.get(name);
        if (found == null) {
            found = name.equals(LayeredEncoders.GENERAL_AND_SPECIFIC)
                    ? ConcatenatedEmbeddingModel.of(
                            List.of(memoised(LayeredEncoders.GENERAL), memoised(LayeredEncoders.SPECIFIC)))
                    : new Memo(real(name));
            memoised.put(name, found);
        }
        return found;
    }

    /** An encoder that embeds each distinct text once. */
    private record Memo(EmbeddingModel encoder, Map<String, float[]> vectors) implements EmbeddingModel {
        Memo(EmbeddingModel encoder) {
            this(encoder, new ConcurrentHashMap<>());
        }

        @Override
        public String id() {
            return encoder.id();
        }

        @Override
        public int dimension() {
            return encoder.dimension();
        }

        @Override
        public float[] embed(String text) {
            return vectors.computeIfAbsent(text, encoder::embed);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            List<String> missing = texts.stream().filter(t -> !vectors.containsKey(t)).distinct().toList();
            if (!missing.isEmpty()) {
                List<float[]> fresh = encoder.embedAll(missing);
                for (int i = 0; i < missing.size(); i++) {
                    vectors.put(missing.get(i), fresh.get(i));
                }
            }
            return texts.stream().map(vectors::get).toList();
        }
    }
}
