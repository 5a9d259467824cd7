package dev.stratum.models.general;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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

    @Test
    void embedAll_keepsOrderAndEqualsSingleEmbeddings() {
        List<String> texts = List.of("hotel room in Berlin", "team lunch", "annual IDE licence", "train ticket");

        List<float[]> batch = model.embedAll(texts);

        assertThat(batch).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(batch.get(i)).as(texts.get(i)).containsExactly(model.embed(texts.get(i)));
        }
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
