package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void noCommand_namesTheCommands_exits2() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("a command is missing").contains("serve").contains("predict");
    }

    @Test
    void help_listsEverySubcommand_exits0() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("serve", "import", "predict", "train", "eval", "bench");
    }

    @Test
    void unknownOption_namesIt_exits2() {
        CliRun run = CliRun.of("train", "--task", "expenses", "--colour", "blue");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--colour");
    }

    @Test
    void predictWithoutTask_saysTaskIsRequired_exits2() {
        CliRun run = CliRun.of("predict", "some text");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--task");
    }

    @Test
    void evalWithNeitherFileNorHoldout_exits2() {
        CliRun run = CliRun.of("eval", "--task", "expenses");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("FILE").contains("--holdout");
    }

    @Test
    void evalWithFileAndHoldout_exits2() {
        CliRun run = CliRun.of("eval", "--task", "expenses", "test.csv", "--holdout", "0.2");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void evalHoldoutOutsideZeroToOne_saysHowToFix_exits2() {
        CliRun run = CliRun.of("eval", "--task", "expenses", "--holdout", "20");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--holdout 20.0 is not a share; use a number between 0 and 1");
    }

    @Test
    void benchWithoutBenchmark_exits2() {
        CliRun run = CliRun.of("bench");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("stratum bench classify");
    }

    @Test
    void version_namesJava_exits0() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("stratum").contains("Java " + Runtime.version().feature());
    }
}
