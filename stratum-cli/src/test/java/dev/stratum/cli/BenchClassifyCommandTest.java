package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.demo.DemoTask;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchClassifyCommandTest {
    @TempDir
    static Path tmp;

    static Path train;
    static Path test;

    /** A small split of the demo data: 3 examples per label to train on, the next 2 to test on. */
    @BeforeAll
    static void splitDemoData() throws IOException {
        List<String> trainLines = new ArrayList<>(List.of("text,label"));
        List<String> testLines = new ArrayList<>(List.of("text,label"));
        Map<String, Integer> seen = new HashMap<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(DemoTask.examplesCsv(), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int n = seen.merge(line.substring(line.lastIndexOf(',') + 1), 1, Integer::sum);
                if (n <= 3) {
                    trainLines.add(line);
                } else if (n <= 5) {
                    testLines.add(line);
                }
            }
        }
        train = Files.write(tmp.resolve("train.csv"), trainLines);
        test = Files.write(tmp.resolve("test.csv"), testLines);
    }

    @Test
    void benchClassify_smallSplit_printsTableAndWritesJson() throws IOException {
        Path json = tmp.resolve("results.json");

        CliRun run = CliRun.of("bench", "classify", "--train", train.toString(), "--test", test.toString(),
                "--shots", "1,all", "--seeds", "2", "--latency-samples", "5", "--out", json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(60 rows, 20 labels)").contains("(40 rows)")
                .contains("results written to " + json);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("settings")).hasSize(2);
        assertThat(report.path("settings").get(1).path("seeds")).hasSize(2);
    }

    @Test
    void benchClassify_zeroShots_saysHowToFix_exits2() {
        CliRun run = CliRun.of("bench", "classify", "--train", train.toString(), "--test", test.toString(),
                "--shots", "0");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("shots value '0' is neither a positive number").contains("10,30,all");
    }

    @Test
    void benchClassify_missingTrainFile_namesIt_exits2() {
        CliRun run = CliRun.of("bench", "classify", "--train", tmp.resolve("nope.csv").toString(), "--test",
                test.toString());

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("nope.csv does not exist");
    }
}
