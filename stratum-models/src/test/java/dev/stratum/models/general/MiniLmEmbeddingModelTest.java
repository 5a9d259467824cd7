package dev.stratum.models.general;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.stratum.api.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiniLmEmbeddingModelTest {
    private final MiniLmEmbeddingModel model = MiniLmEmbeddingModel.shared();

    @Test
    void embed_returnsUnitVectorOf384Dimensions() {
        float[] v = model.embed("taxi to the airport");

        assertThat(model.id()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(v).hasSize(384).hasSize(model.dimension());
        assertThat(dot(v, v)).isCloseTo(1.0, within(1e-4));
    }

    /**
     * Batches are padded and the int8 model quantizes each batch with one scale, so a batched vector is close to,
     * not bit-equal to, the single one; order must be kept exactly.
     */
    @Test
    void embedAll_keepsOrderAndMatchesSingleEmbeddings() {
        List<String> texts = List.of("hotel room in Berlin", "team lunch with the new hires in the canteen",
                "annual IDE licence", "train ticket");

        List<float[]> batch = model.embedAll(texts);

        assertThat(batch).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            for (int j = 0; j < texts.size(); j++) {
                double cosine = dot(batch.get(i), model.embed(texts.get(j)));
                if (i == j) {
                    assertThat(cosine).as(texts.get(i)).isGreaterThan(0.98);
                } else {
                    assertThat(cosine).as(texts.get(i) + " vs " + texts.get(j)).isLessThan(0.9);
                }
            }
        }
    }

    @Test
    void embed_sameTextAsLangChain4jStockModel_givesTheSameVector() {
        var stock = new AllMiniLmL6V2QuantizedEmbeddingModel();
        String text = "I still have not received my new card, I ordered over a week ago.";

        float[] reference = stock.embed(text).content().vector();

        assertThat(dot(model.embed(text), reference)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void embed_paraphrasesAreCloserThanUnrelatedTexts() {
        float[] cab = model.embed("cab ride to the airport");
        float[] taxi = model.embed("taxi to the airport");
        float[] licence = model.embed("software licence renewal");

        assertThat(dot(cab, taxi)).isGreaterThan(dot(cab, licence) + 0.2);
    }

    @Test
    void embed_blankText_throwsInvalidRequest() {
        assertThatThrownBy(() -> model.embed("  "))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("text is empty");
    }

    @Test
    void embedAll_emptyList_returnsEmptyList() {
        assertThat(model.embedAll(List.of())).isEmpty();
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
