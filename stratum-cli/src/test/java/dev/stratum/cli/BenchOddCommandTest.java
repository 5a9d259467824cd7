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

class BenchOddCommandTest {
    @TempDir
    static Path tmp;

    static Path train;
    static Path test;
    static Path ood;

    @BeforeAll
    static void writeData() throws IOException {
        train = Files.write(tmp.resolve("train.csv"), List.of("text,label",
                "taxi to the airport,travel", "train ticket to Lyon,travel", "hotel for two nights,travel",
                "flight to Berlin,travel", "uber from the station,travel", "car rental,travel",
                "team lunch,meals", "dinner with a client,meals", "coffee and croissants,meals",
                "pizza for the office,meals", "restaurant bill,meals", "breakfast meeting,meals",
                "GitHub subscription,software", "IDE licence,software", "cloud hosting invoice,software",
                "Slack monthly plan,software", "antivirus renewal,software", "design tool seats,software",
                "printer paper,office", "box of pens,office", "stapler,office", "desk lamp,office",
                "whiteboard markers,office", "sticky notes,office"));
        test = Files.write(tmp.resolve("test.csv"), List.of("text,label", "cab to the hotel,travel",
                "plane ticket to Madrid,travel", "lunch at the Italian place,meals", "team dinner,meals",
                "Jira licence,software", "AWS bill,software", "envelopes,office", "ink for the printer,office"));
        ood = Files.write(tmp.resolve("ood.csv"), List.of("text", "how long should I boil an egg",
                "will it rain tomorrow", "who won the football match"));
    }

    @Test
    void benchOdd_withAnOutOfDomainFile_printsTheTableAndWritesJsonWithTheHeadlineKeys() throws IOException {
        Path json = tmp.resolve("odd.json");

        CliRun run = CliRun.of("bench", "odd", "--train", train.toString(), "--test", test.toString(), "--ood",
                ood.toString(), "--encoder", "general", "--ensemble", "0", "--latency-samples", "5", "--out",
                json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ood-file: train").contains("accuracy_with_abstention")
                .contains("ODD check latency").contains("results written to " + json);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        for (String key : List.of("accuracy_with_abstention", "acceptance_rate", "ood_recall", "auroc",
                "fpr_at_95tpr", "coverage", "coverage_target", "mean_set_size", "ece")) {
            assertThat(report.has(key)).as(key).isTrue();
        }
    }

    @Test
    void benchOdd_bothOodFileAndHeldOutLabels_saysToChoose_exits2() {
        CliRun run = CliRun.of("bench", "odd", "--train", train.toString(), "--test", test.toString(), "--ood",
                ood.toString(), "--holdout-labels", "0.25");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("give either --ood FILE").contains("see: stratum bench odd --help");
    }

    @Test
    void benchOdd_coverageOfOne_namesTheRange_exits2() {
        CliRun run = CliRun.of("bench", "odd", "--train", train.toString(), "--test", test.toString(),
                "--holdout-labels", "0.25", "--coverage", "1");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--coverage is 1.0; use a probability from 0.5 to 0.999");
    }
}
