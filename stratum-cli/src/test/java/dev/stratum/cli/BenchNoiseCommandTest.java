package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchNoiseCommandTest {
    @TempDir
    static Path tmp;

    static Path train;
    static Path test;

    @BeforeAll
    static void writeData() throws IOException {
        train = Files.write(tmp.resolve("train.csv"), List.of("text,label",
                "taxi to the airport,travel", "train ticket to Lyon,travel", "hotel for two nights,travel",
                "flight to Berlin,travel", "uber from the station,travel", "car rental,travel",
                "team lunch,meals", "dinner with a client,meals", "coffee and croissants,meals",
                "pizza for the office,meals", "restaurant bill,meals", "breakfast meeting,meals",
                "GitHub subscription,software", "IDE licence,software", "cloud hosting invoice,software",
                "Slack monthly plan,software", "antivirus renewal,software", "design tool seats,software"));
        test = Files.write(tmp.resolve("test.csv"), List.of("text,label", "cab to the hotel,travel",
                "plane ticket to Madrid,travel", "lunch at the Italian place,meals", "team dinner,meals",
                "Jira licence,software", "AWS bill,software"));
    }

    @Test
    void benchNoise_printsTheTableAndWritesJsonWithTheRequiredKeys() throws IOException {
        Path json = tmp.resolve("noise.json");

        CliRun run = CliRun.of("bench", "noise", "--train", train.toString(), "--test", test.toString(), "--rate",
                "0.2", "--seeds", "1", "--folds", "3", "--encoder", "general", "--out", json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("precision_at_k").contains("accuracy_corrected")
                .contains("results written to " + json);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        for (String key : List.of("precision_at_k", "recall_at_k", "f1_at_k", "accuracy_noisy", "accuracy_removed",
                "accuracy_corrected")) {
            assertThat(report.get(key).isNumber()).as(key).isTrue();
        }
        assertThat(report.get("flipped").asDouble()).isEqualTo(4.0);
        assertThat(report.get("prune").asBoolean()).isTrue();
    }

    @Test
    void benchNoise_noPrune_ranksOnce() throws IOException {
        Path json = tmp.resolve("noise-once.json");

        CliRun run = CliRun.of("bench", "noise", "--train", train.toString(), "--test", test.toString(), "--rate",
                "0.2", "--seeds", "1", "--folds", "3", "--no-prune", "--encoder", "general", "--out",
                json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new ObjectMapper().readTree(json.toFile()).get("prune").asBoolean()).isFalse();
    }

    @Test
    void benchNoise_rateOfHalf_namesTheRange_exits2() {
        CliRun run = CliRun.of("bench", "noise", "--train", train.toString(), "--test", test.toString(), "--rate",
                "0.5");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--rate is 0.5; flip a share of the labels above 0 and below 0.5")
                .contains("see: stratum bench noise --help");
    }
}
