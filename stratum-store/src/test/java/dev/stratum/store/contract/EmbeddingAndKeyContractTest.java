package dev.stratum.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.ConflictException;
import dev.stratum.api.store.ApiKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link dev.stratum.api.store.EmbeddingCache} and {@link dev.stratum.api.store.ApiKeyStore} must do. */
public abstract class EmbeddingAndKeyContractTest extends StoreContract {
    private static final String MODEL = "all-minilm-l6-v2-q";

    private static int[] bits(float[] vector) {
        return IntStream.range(0, vector.length).map(i -> Float.floatToRawIntBits(vector[i])).toArray();
    }

    @Test
    void embeddings_roundTripBitExact_includingUnusualFloats() {
        float[] vector = {0.1f, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, -1e-38f, 1f / 3, Float.NaN, 42f};

        store.embeddings().putAll(MODEL, Map.of("Taxi to the airport", vector));

        float[] back = store.embeddings().getAll(MODEL, List.of("Taxi to the airport")).get("Taxi to the airport");
        assertThat(bits(back)).isEqualTo(bits(vector));
    }

    @Test
    void embeddings_getAll_returnsOnlyCachedTexts_perModel() {
        store.embeddings().putAll(MODEL, Map.of("a", new float[] {1, 2}, "b", new float[] {3, 4}));
        store.embeddings().putAll("other-model", Map.of("c", new float[] {5}));

        Map<String, float[]> found = store.embeddings().getAll(MODEL, List.of("a", "c", "missing", "a"));

        assertThat(found).containsOnlyKeys("a");
        assertThat(store.embeddings().getAll("other-model", List.of("a", "c"))).containsOnlyKeys("c");
        assertThat(store.embeddings().getAll(MODEL, List.of())).isEmpty();
    }

    @Test
    void embeddings_putAll_overwritesAnEarlierVector() {
        store.embeddings().putAll(MODEL, Map.of("a", new float[] {1, 2}));

        store.embeddings().putAll(MODEL, Map.of("a", new float[] {9, 8}));

        assertThat(store.embeddings().getAll(MODEL, List.of("a")).get("a")).containsExactly(9, 8);
    }

    @Test
    void embeddings_manyTextsAtOnce_areAllFound() {
        Map<String, float[]> many = new HashMap<>();
        for (int i = 0; i < 1_500; i++) {
            many.put("expense line " + i + " ünïcødé", new float[] {i, -i});
        }
        store.embeddings().putAll(MODEL, many);

        Map<String, float[]> found = store.embeddings().getAll(MODEL, many.keySet());

        assertThat(found).hasSize(1_500);
        assertThat(found.get("expense line 1234 ünïcødé")).containsExactly(1234f, -1234f);
    }

    @Test
    void apiKeys_insertThenFindByHash_andCount() {
        ApiKey admin = new ApiKey("k1", "admin key", "a".repeat(64), "admin", T0);
        ApiKey reader = new ApiKey("k2", "dashboard", "b".repeat(64), "read", T0.plusSeconds(1));

        store.apiKeys().insert(admin);
        store.apiKeys().insert(reader);

        assertThat(store.apiKeys().findByHash("b".repeat(64))).contains(reader);
        assertThat(store.apiKeys().findByHash("c".repeat(64))).isEmpty();
        assertThat(store.apiKeys().count()).isEqualTo(2);
    }

    @Test
    void apiKeys_duplicateSecret_throwsConflict() {
        store.apiKeys().insert(new ApiKey("k1", "one", "a".repeat(64), "admin", T0));

        assertThatThrownBy(() -> store.apiKeys().insert(new ApiKey("k2", "two", "a".repeat(64), "admin", T0)))
                .isInstanceOf(ConflictException.class);
        assertThat(store.apiKeys().count()).isEqualTo(1);
    }
}
