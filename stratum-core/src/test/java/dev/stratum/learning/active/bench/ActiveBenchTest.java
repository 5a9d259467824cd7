package dev.stratum.learning.active.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.InvalidRequestException;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActiveBenchTest {
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
    void run_reportsTheCurveAndTheLabelsToEachTarget_withRandomAsTheBaseline() throws IOException {
        ActiveBenchReport report = run(ActiveBenchConfig.of(train, test, List.of("diverse-margin"), 1, 4, 16, 2));

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        for (String key : List.of("curve", "full_accuracy", "labels_to_full_accuracy", "random_accuracy_at_budget",
                "labels_to_random_accuracy_at_budget", "train_size")) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("strategy").asText()).isEqualTo("diverse-margin");
        assertThat(json.get("train_size").asInt()).isEqualTo(36);
        List<Integer> labels = new ArrayList<>();
        json.get("curve").forEach(p -> {
            labels.add(p.get("labels").asInt());
            assertThat(p.get("accuracy").asDouble()).isBetween(0.0, 1.0);
        });
        assertThat(labels).containsExactly(4, 8, 12, 16);
        assertThat(json.get("full_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.at("/strategies/1/strategy").asText()).isEqualTo("random");
        // Random reaches its own accuracy at the budget by definition, at the latest there.
        assertThat(json.at("/strategies/1/labels_to_random_accuracy_at_budget").asInt()).isLessThanOrEqualTo(16);
        assertThat(json.get("seeds")).hasSize(2);
    }

    @Test
    void run_coldStart_picksTheFirstBatchWithoutLabels_andStopsWhenThePoolIsEmpty() throws IOException {
        ActiveBenchReport report = run(ActiveBenchConfig.of(train, test, List.of("margin"), 0, 10, 100, 1));

        assertThat(report.strategies().getFirst().curve()).extracting(CurvePoint::labels)
                .containsExactly(10, 20, 30, 36);
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        report.printTable(new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8)).contains("labels to random").contains("margin: 10=");
    }

    @Test
    void run_onAValidationShare_testsOnHeldOutTrainingRows() {
        ActiveBenchReport report = run(new ActiveBenchConfig(train, null, 0.25, List.of("random"), 1, 4, 12, 1, 1,
                "general", null, null));

        assertThat(report.trainSize()).isEqualTo(28);
        assertThat(report.testSize()).isEqualTo(8);
        assertThat(report.strategies()).hasSize(1);
    }

    @Test
    void config_unknownStrategy_listsTheKnownOnes() {
        assertThatThrownBy(() -> ActiveBenchConfig.of(train, test, List.of("margin", "coreset"), 2, 200, 3000, 3))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("--strategy 'coreset' is not known; use one of random, margin, entropy");
    }

    @Test
    void config_testFileAndValidationShare_saysToChoose() {
        assertThatThrownBy(() -> new ActiveBenchConfig(train, test, 0.2, List.of("margin"), 2, 200, 3000, 3, 1, null,
                null, null)).hasMessage("give either --test FILE or --validation-share SHARE (a held-out share of the"
                        + " training file), not both");
        assertThatThrownBy(() -> ActiveBenchConfig.of(train, test, List.of("margin"), 2, 0, 3000, 3))
                .hasMessage("--batch must be at least 1, got 0");
    }

    private static ActiveBenchReport run(ActiveBenchConfig config) {
        return ActiveBench.run(config, MiniLmEmbeddingModel.shared(), new SoftmaxRegressionTrainer(),
                HyperlocalConfig.DEFAULTS, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }
}
