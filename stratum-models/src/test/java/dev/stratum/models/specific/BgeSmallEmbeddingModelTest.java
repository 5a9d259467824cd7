package dev.stratum.models.specific;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.models.encoder.ConcatenatedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BgeSmallEmbeddingModelTest {
    private static final BgeSmallEmbeddingModel MODEL = BgeSmallEmbeddingModel.create(2);

    @Test
    void embed_matchesLangChain4jOnTheSameFilesWithClsPooling(@TempDir Path dir) throws IOException {
        Path onnx = copy(BgeSmallEmbeddingModel.SPEC.modelResource(), dir);
        Path tokenizer = copy(BgeSmallEmbeddingModel.SPEC.tokenizerResource(), dir);
        OnnxEmbeddingModel reference = new OnnxEmbeddingModel(onnx, tokenizer, PoolingMode.CLS);
        String text = "Why has my card payment been declined twice today?";

        float[] expected = reference.embed(text).content().vector();

        assertThat(MODEL.id()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(MODEL.embed(text)).hasSize(384);
        assertThat(dot(MODEL.embed(text), expected)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void embed_textLongerThan512Tokens_isEmbeddedInWindows() {
        String longText = "my card was charged twice for the same hotel booking and I want a refund. ".repeat(40);

        float[] v = MODEL.embed(longText);

        assertThat(dot(v, v)).isCloseTo(1.0, within(1e-4));
        assertThat(dot(v, MODEL.embed("refund for a double charge on my card"))).isGreaterThan(0.6);
    }

    @Test
    void generalAndSpecific_is768DimensionalAndNamesBothEncoders() {
        ConcatenatedEmbeddingModel both = LayeredEncoders.generalAndSpecific();

        float[] v = both.embed("top up failed");

        assertThat(both.id()).isEqualTo("concat(all-minilm-l6-v2-q,bge-small-en-v1.5-q)");
        assertThat(v).hasSize(768);
        assertThat(dot(v, v)).isCloseTo(1.0, within(1e-4));
        assertThat(both.parts()).extracting(EmbeddingModel::id).containsExactly("all-minilm-l6-v2-q",
                "bge-small-en-v1.5-q");
        assertThat(LayeredEncoders.byName("general+specific").dimension()).isEqualTo(768);
    }

    @Test
    void embedAll_paraphrasesAreNearestToEachOther() {
        List<float[]> v = MODEL.embedAll(List.of("How do I top up my account?", "I want to add money to my account",
                "My card has not arrived yet"));

        assertThat(dot(v.get(0), v.get(1))).isGreaterThan(dot(v.get(0), v.get(2)) + 0.05);
    }

    private static Path copy(String resource, Path dir) throws IOException {
        try (InputStream in = BgeSmallEmbeddingModel.class.getClassLoader().getResourceAsStream(resource)) {
            Path target = dir.resolve(resource);
            Files.copy(in, target);
            return target;
        }
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
