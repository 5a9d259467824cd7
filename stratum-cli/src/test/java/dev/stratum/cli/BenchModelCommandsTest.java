package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors of bench tune, bench embed and bench markdown; their engines are tested in stratum-core. */
class BenchModelCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void benchTune_unknownEncoder_listsTheKnownOnes_exits2() throws IOException {
        Path train = Files.writeString(tmp.resolve("train.csv"), "text,label\ntaxi,travel\nlunch,meals\n");

        CliRun run = CliRun.of("bench", "tune", "--train", train.toString(), "--encoders", "gpt");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("encoder 'gpt' is not known; use general, specific, general+specific");
    }

    @Test
    void benchEmbed_zeroRounds_saysTheRange_exits2() throws IOException {
        Path file = Files.writeString(tmp.resolve("texts.csv"), "text,label\ntaxi,travel\n");

        CliRun run = CliRun.of("bench", "embed", "--file", file.toString(), "--rounds", "0");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("rounds must be between 1 and 100, got 0");
    }

    @Test
    void benchEmbed_zeroNearDuplicates_saysTheMinimum_exits2() throws IOException {
        Path file = Files.writeString(tmp.resolve("texts.csv"), "text,label\ntaxi,travel\n");

        CliRun run = CliRun.of("bench", "embed", "--file", file.toString(), "--near-duplicates", "0");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--near-duplicates needs at least 1 text, got 0");
    }

    @Test
    void benchEmbed_batchOfZeroTokens_saysTheRange_exits2() throws IOException {
        Path file = Files.writeString(tmp.resolve("texts.csv"), "text,label\ntaxi,travel\n");

        CliRun run = CliRun.of("bench", "embed", "--file", file.toString(), "--batch-tokens", "512,0");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("batch limits must be between 1 and 65536 tokens, got 0");
    }

    @Test
    void benchMarkdown_nothingToRender_saysWhatToGive_exits2() {
        CliRun run = CliRun.of("bench", "markdown");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("give --classify, --tune or --embed");
    }

    @Test
    void benchMarkdown_tuneReport_printsTheBestPerEncoder() throws IOException {
        Path tune = Files.writeString(tmp.resolve("tune.json"), """
                {"shots": ["10", "all"], "best_per_encoder": [{"encoder": "specific", "l2": 1.0E-6, "k": 10,
                 "vote_temperature": 0.02, "head_weight": 0.5, "mean_accuracy": 0.9061,
                 "accuracy_by_shots": {"10": 0.8685, "all": 0.9338}}]}
                """);

        CliRun run = CliRun.of("bench", "markdown", "--tune", tune.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("| specific | 1.0E-6 | 10 | 0.02 | 0.5 | 0.9061 | 0.8685 | 0.9338 |");
    }
}
