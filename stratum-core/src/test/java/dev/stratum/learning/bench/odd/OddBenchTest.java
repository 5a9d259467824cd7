package dev.stratum.learning.bench.odd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.models.general.MiniLmEmbeddingModel;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OddBenchTest {
    @TempDir
    static Path dir;
    static Path train;
    static Path test;
    static Path ood;

    @BeforeAll
    static void writeData() throws IOException {
        train = TinyExpenses.train(dir);
        test = TinyExpenses.test(dir);
        ood = TinyExpenses.outOfDomain(dir);
    }

    @Test
    void run_againstAnOutOfDomainFile_reportsTheHeadlineMetricsAsFractions() throws IOException {
        OddBenchReport report = run(new OddBenchConfig(train, test, ood, 0, 1, 1, 0.95, 0.95, null, null, 5, 2, 5,
                "general", 0));

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        for (String key : OddBenchReport.HEADLINE) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        for (String key : new String[] {"accuracy_with_abstention", "acceptance_rate", "ood_recall", "auroc",
            "fpr_at_95tpr", "coverage", "mean_set_size", "ece"}) {
            assertThat(json.get(key).isNumber()).as(key).isTrue();
        }
        assertThat(json.get("coverage_target").asDouble()).isEqualTo(0.95);
        assertThat(json.get("mode").asText()).isEqualTo("ood-file");
        assertThat(json.get("auroc").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("acceptance_rate").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.at("/seeds/0/in_domain").asInt()).isEqualTo(12);
        assertThat(json.at("/seeds/0/out_of_domain").asInt()).isEqualTo(6);
        assertThat(json.at("/means/auroc_bald").isNumber()).isTrue();
        assertThat(json.at("/odd_check_latency_ms/samples").asInt()).isEqualTo(5);
    }

    @Test
    void run_openSet_holdsOutAShareOfTheLabelsPerSeed() throws IOException {
        OddBenchReport report = run(new OddBenchConfig(train, test, null, 0.25, 2, 7, 0.9, 0.95, null, null, 3, 0, 5,
                "general", 0));

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.get("mode").asText()).isEqualTo("holdout-labels");
        assertThat(json.get("seeds")).hasSize(2);
        assertThat(json.at("/seeds/0/held_out_labels")).hasSize(1);
        assertThat(json.at("/seeds/0/known_labels").asInt()).isEqualTo(3);
        assertThat(json.at("/seeds/0/out_of_domain").asInt()).isEqualTo(3);
        assertThat(json.get("coverage_target").asDouble()).isEqualTo(0.9);
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        report.printTable(new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8)).contains("accuracy_with_abstention")
                .contains("seeds [7, 8]");
    }

    @Test
    void config_bothOrNeitherSourceOfOutOfDomainInputs_saysWhatToGive() {
        assertThatThrownBy(() -> OddBenchConfig.of(train, test, ood, 0.25, 1, 1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("give either --ood FILE (inputs from outside the task) or --holdout-labels SHARE (the"
                        + " open-set protocol), not both");
        assertThatThrownBy(() -> OddBenchConfig.of(train, test, null, 0, 1, 1))
                .hasMessageStartingWith("give --ood FILE with out-of-domain inputs, or --holdout-labels SHARE");
    }

    @Test
    void config_unknownEncoder_listsTheKnownOnes() {
        assertThatThrownBy(() -> new OddBenchConfig(train, test, ood, 0, 1, 1, 0.95, 0.95, null, null, 5, 0, 5,
                "gpt", 0)).hasMessageStartingWith("--encoder 'gpt' is not known; use one of [general, ");
    }

    @Test
    void run_onAValidationShareOfTheTrainingFile_testsOnHeldOutTrainingRows() throws IOException {
        OddBenchReport report = run(new OddBenchConfig(train, null, null, 0.25, 1, 3, 0.95, 0.95, null, null, 3, 0, 5,
                "general", 0.25));

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        // 36 rows, 9 per label: 2 of each label are held out, and the held-out label's 2 become out of domain.
        assertThat(json.at("/seeds/0/train_size").asInt()).isEqualTo(21);
        assertThat(json.at("/seeds/0/in_domain").asInt()).isEqualTo(6);
        assertThat(json.at("/seeds/0/out_of_domain").asInt()).isEqualTo(2);
        assertThat(json.at("/dataset/test").asText()).isEqualTo("validation share of train");
    }

    @Test
    void config_testFileAndValidationShare_saysToChoose() {
        assertThatThrownBy(() -> new OddBenchConfig(train, test, null, 0.25, 1, 1, 0.95, 0.95, null, null, 5, 0, 5,
                null, 0.2)).hasMessage("give either --test FILE or --validation-share SHARE (a held-out share of the"
                        + " training file), not both");
    }

    private static OddBenchReport run(OddBenchConfig config) {
        return OddBench.run(config, MiniLmEmbeddingModel.shared(), new SoftmaxRegressionTrainer(),
                HyperlocalConfig.DEFAULTS, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }
}
