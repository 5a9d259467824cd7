package dev.stratum.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stratum.api.models.EmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcatenatedEmbeddingModelTest {
    /** A unit vector per text: the text's length in the first slot of {@code dimension}, spread over two axes. */
    private record AxisModel(String id, int dimension, int axis) implements EmbeddingModel {
        @Override
        public float[] embed(String text) {
            float[] v = new float[dimension];
            double angle = text.length() / 10.0;
            v[axis] = (float) Math.cos(angle);
            v[(axis + 1) % dimension] = (float) Math.sin(angle);
            return v;
        }
    }

    private final EmbeddingModel a = new AxisModel("a", 3, 0);
    private final EmbeddingModel b = new AxisModel("b", 2, 1);

    @Test
    void embed_joinsPartsScaledToAUnitVector() {
        ConcatenatedEmbeddingModel both = ConcatenatedEmbeddingModel.of(List.of(a, b));

        float[] v = both.embed("taxi");

        assertThat(both.id()).isEqualTo("concat(a,b)");
        assertThat(both.dimension()).isEqualTo(5);
        float s = (float) Math.sqrt(0.5);
        float[] pa = a.embed("taxi");
        float[] pb = b.embed("taxi");
        assertThat(v).containsExactly(pa[0] * s, pa[1] * s, pa[2] * s, pb[0] * s, pb[1] * s);
        assertThat(dot(v, v)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void dotProduct_isTheMeanOfThePartsCosines() {
        ConcatenatedEmbeddingModel both = ConcatenatedEmbeddingModel.of(List.of(a, b));

        double joint = dot(both.embed("taxi to the airport"), both.embed("cab"));

        double mean = (dot(a.embed("taxi to the airport"), a.embed("cab"))
                + dot(b.embed("taxi to the airport"), b.embed("cab"))) / 2;
        assertThat(joint).isCloseTo(mean, within(1e-6));
    }

    @Test
    void embedAll_keepsOrderAndEqualsSingleEmbeddings() {
        ConcatenatedEmbeddingModel both = ConcatenatedEmbeddingModel.of(List.of(a, b));
        List<String> texts = List.of("hotel", "team lunch", "annual IDE licence");

        List<float[]> all = both.embedAll(texts);

        for (int i = 0; i < texts.size(); i++) {
            assertThat(all.get(i)).containsExactly(both.embed(texts.get(i)));
        }
    }

    @Test
    void of_oneEncoderOrTheSameTwice_throwsNamingTheProblem() {
        assertThatThrownBy(() -> ConcatenatedEmbeddingModel.of(List.of(a)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two encoders, got 1");
        assertThatThrownBy(() -> ConcatenatedEmbeddingModel.of(List.of(a, a)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ; got [a, a]");
    }

    static double dot(float[] x, float[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }
}
