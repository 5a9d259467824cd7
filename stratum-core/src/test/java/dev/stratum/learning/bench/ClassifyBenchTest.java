package dev.stratum.learning.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyBenchTest {
    private static final String[][] TRAIN = {
        {"taxi to the airport", "travel"}, {"train ticket to Lyon", "travel"}, {"hotel room for two nights", "travel"},
        {"flight to Berlin", "travel"}, {"uber from the station", "travel"}, {"car rental for the trip", "travel"},
        {"team lunch", "meals"}, {"dinner with a client", "meals"}, {"coffee and croissants", "meals"},
        {"pizza for the office", "meals"}, {"sandwiches at the airport café", "meals"}, {"restaurant bill", "meals"},
        {"GitHub subscription", "software"}, {"annual IDE licence", "software"}, {"cloud hosting invoice", "software"},
        {"Slack monthly plan", "software"}, {"antivirus renewal", "software"}, {"design tool seats", "software"},
    };
    private static final String[][] TEST = {
        {"cab ride to the hotel", "travel"}, {"plane ticket to Madrid", "travel"}, {"bus fare", "travel"},
        {"breakfast with the team", "meals"}, {"lunch at the Italian place", "meals"},
        {"snacks, \"fresh\" fruit", "meals"},
        {"Jira licence", "software"}, {"AWS bill for March", "software"}, {"password manager subscription", "software"},
    };

    @TempDir
    static Path dir;
    static BenchReport report;
    static String progress;

    @BeforeAll
    static void runSmallBench() throws IOException {
        Path train = write(dir.resolve("train.csv"), TRAIN);
        Path test = write(dir.resolve("test.csv"), TEST);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report = ClassifyBench.run(new BenchConfig(train, test, List.of("2", "all"), 2, null, null, 20, "general"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        progress = out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void run_writesJsonWithOneEntryPerSettingAndTheLatency() throws IOException {
        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertThat(json.at("/settings")).hasSize(2);
        JsonNode twoShot = json.at("/settings/0");
        assertThat(twoShot.at("/shots").asText()).isEqualTo("2");
        assertThat(twoShot.at("/seeds").toString()).isEqualTo("[1,2]");
        assertThat(twoShot.at("/train_size_mean").asDouble()).isEqualTo(6.0);
        assertThat(twoShot.at("/accuracy_mean").asDouble()).isBetween(0.0, 1.0);
        assertThat(twoShot.at("/accuracy_std").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(twoShot.at("/train_seconds_mean").asDouble()).isPositive();
        assertThat(json.at("/settings/1/shots").asText()).isEqualTo("all");
        assertThat(json.at("/settings/1/train_size_mean").asDouble()).isEqualTo(18.0);
        assertThat(json.at("/predict_latency_ms/p50").asDouble()).isPositive();
        assertThat(json.at("/predict_latency_ms/p99").asDouble())
                .isGreaterThanOrEqualTo(json.at("/predict_latency_ms/p50").asDouble());
        assertThat(json.at("/dataset/train_size").asInt()).isEqualTo(18);
        assertThat(json.at("/dataset/test_size").asInt()).isEqualTo(9);
        assertThat(json.at("/encoder").asText()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(json.at("/head_kind").asText()).isEqualTo("softmax-regression");
        assertThat(json.at("/date").asText()).isNotBlank();
        assertThat(json.at("/java_version").asText()).isNotBlank();
        assertThat(json.at("/embedding/texts").asInt()).isEqualTo(27);
    }

    @Test
    void run_onClearlySeparableTexts_learnsFromTheWholeFile() {
        BenchReport.Setting all = report.settings().get(1);

        assertThat(all.accuracyMean()).isGreaterThanOrEqualTo(7 / 9.0);
        assertThat(all.accuracies()).hasSize(2);
    }

    @Test
    void run_reportsProgressPerSeedAndPrintsATable() {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        report.printTable(new PrintStream(table, true, StandardCharsets.UTF_8));

        assertThat(progress).contains("shots=2 seed=1", "shots=all seed=2", "zero-shot");
        assertThat(table.toString(StandardCharsets.UTF_8))
                .contains("shots", "accuracy", "all", "predict latency", "zero-shot");
    }

    @Test
    void writeJson_writesTheSameJsonToAFile() throws IOException {
        Path out = dir.resolve("results.json");

        report.writeJson(out);

        assertThat(Files.readString(out)).startsWith(report.toJson());
    }

    private static Path write(Path file, String[][] rows) throws IOException {
        StringBuilder csv = new StringBuilder("text,category\n");
        for (String[] row : rows) {
            csv.append('"').append(row[0].replace("\"", "\"\"")).append("\",").append(row[1]).append('\n');
        }
        return Files.writeString(file, csv);
    }
}
