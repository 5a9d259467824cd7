package dev.stratum.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stratum bench}: benchmarks, one subcommand per task kind. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure model quality on public or own data.",
        subcommands = {BenchClassifyCommand.class, HttpLatencyBenchCommand.class, BenchTuneCommand.class,
            BenchEmbedCommand.class, BenchMarkdownCommand.class, AnomalyBenchCommand.class, BenchOddCommand.class,
            BenchActiveCommand.class, BenchNoiseCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a benchmark is missing; use: stratum bench classify ...");
    }
}
