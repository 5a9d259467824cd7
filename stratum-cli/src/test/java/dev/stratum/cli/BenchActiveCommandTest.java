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

class BenchActiveCommandTest {
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
    void benchActive_printsTheTableAndWritesJsonWithTheRequiredKeys() throws IOException {
        Path json = tmp.resolve("active.json");

        CliRun run = CliRun.of("bench", "active", "--train", train.toString(), "--test", test.toString(),
                "--strategy", "margin,entropy", "--seed-per-label", "1", "--batch", "3", "--budget", "9", "--seeds",
                "1", "--encoder", "general", "--out", json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("full-training-set accuracy").contains("labels to random")
                .contains("results written to " + json);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        for (String key : List.of("curve", "full_accuracy", "labels_to_full_accuracy", "random_accuracy_at_budget",
                "labels_to_random_accuracy_at_budget", "train_size")) {
            assertThat(report.has(key)).as(key).isTrue();
        }
        assertThat(report.get("strategies")).hasSize(3);
        assertThat(report.get("curve")).hasSize(3);
    }

    @Test
    void benchActive_unknownStrategy_listsTheKnownOnes_exits2() {
        CliRun run = CliRun.of("bench", "active", "--train", train.toString(), "--test", test.toString(),
                "--strategy", "coreset");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--strategy 'coreset' is not known; use one of random, margin")
                .contains("see: stratum bench active --help");
    }

    @Test
    void benchActive_neitherTestFileNorValidationShare_saysWhatToGive_exits2() {
        CliRun run = CliRun.of("bench", "active", "--train", train.toString(), "--strategy", "margin");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("give --test FILE, or --validation-share SHARE");
    }
}
