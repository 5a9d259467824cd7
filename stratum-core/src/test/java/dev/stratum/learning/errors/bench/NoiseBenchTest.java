package dev.stratum.learning.errors.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.learning.bench.odd.TinyExpenses;
import dev.stratum.models.general.MiniLmEmbeddingModel;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseBenchTest {
    @TempDir
    static Path dir;
    static Path train;
    static Path test;

    @BeforeAll
    static void writeData() throws IOException {
        train = TinyExpenses.train(dir);
        test = TinyExpenses.test(dir);
    }

    @Test
    void run_reportsPrecisionRecallAndAccuracies_asFractions() throws IOException {
        NoiseBenchReport report = NoiseBench.run(new NoiseBenchConfig(train, test, 0, 0.1, 2, 1, 3, 1, true, null, null,
                null), MiniLmEmbeddingModel.shared(), new SoftmaxRegressionTrainer(), HyperlocalConfig.DEFAULTS,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        for (String key : List.of("precision_at_k", "recall_at_k", "f1_at_k", "accuracy_noisy", "accuracy_removed",
                "accuracy_corrected")) {
            assertThat(json.get(key).asDouble()).as(key).isBetween(0.0, 1.0);
        }
        assertThat(json.get("flipped").asDouble()).isEqualTo(4.0);
        assertThat(json.get("seeds")).hasSize(2);
        assertThat(json.at("/seeds/0/train_size").asInt()).isEqualTo(36);
        assertThat(json.get("precision_at_k").asDouble()).isEqualTo(json.get("recall_at_k").asDouble());
    }

    @Test
    void flip_changesExactlyTheRoundedShare_eachToAnotherLabel() {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 95; i++) {
            labels.add(List.of("a", "b", "c").get(i % 3));
        }
        List<String> original = List.copyOf(labels);

        Set<Integer> flipped = NoiseBench.flip(labels, List.of("a", "b", "c"), 0.1, new Random(4));

        assertThat(flipped).hasSize(10);
        for (int i = 0; i < labels.size(); i++) {
            assertThat(labels.get(i).equals(original.get(i))).isEqualTo(!flipped.contains(i));
        }
    }

    @Test
    void config_rateOutOfRange_saysWhatToGive() {
        assertThatThrownBy(() -> NoiseBenchConfig.of(train, test, 0.6, 1))
                .hasMessage("--rate is 0.6; flip a share of the labels above 0 and below 0.5, e.g. 0.1");
    }
}
