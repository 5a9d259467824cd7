package dev.stratum.cli;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.learning.active.bench.ActiveBench;
import dev.stratum.learning.active.bench.ActiveBenchConfig;
import dev.stratum.learning.active.bench.ActiveBenchReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stratum bench active}: simulates active learning on a labelled training file and compares each strategy's
 * learning curve with random sampling and with the model trained on the whole file. Progress goes to stderr, the
 * results table to stdout.
 */
@Command(name = "active", mixinStandardHelpOptions = true,
        description = {"Benchmark active learning: start from a few labels per class, then let a strategy pick each",
            "batch of training items to label (their labels are revealed only then), retrain the hyperlocal model",
            "and test it, until the budget is spent. Reports the learning curve and the labels each strategy needs",
            "to reach the full-training-set accuracy and random sampling's accuracy at the budget."})
final class BenchActiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Labelled training file (the pool).")
    Path trainFile;

    @Option(names = "--test", paramLabel = "FILE", description = "Labelled test file.")
    Path testFile;

    @Option(names = "--validation-share", paramLabel = "SHARE", defaultValue = "0",
            description = "Instead of --test: test on this share of the training file, drawn per seed, to choose"
                    + " settings on training data only, e.g. 0.2.")
    double validationShare;

    @Option(names = "--strategy", required = true, split = ",", paramLabel = "NAME",
            description = "Selection strategies, comma-separated; random always runs as the baseline. One of: "
                    + "random, margin, entropy, bald, predicted-loss, or diverse- before any but random.")
    List<String> strategies = new ArrayList<>();

    @Option(names = "--seed-per-label", defaultValue = "2", paramLabel = "N",
            description = "Labels per class to start from; 0 starts cold (the strategy clusters the pool)."
                    + " Default: ${DEFAULT-VALUE}")
    int seedPerLabel;

    @Option(names = "--batch", defaultValue = "200", paramLabel = "N",
            description = "Items labelled per round. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--budget", defaultValue = "3000", paramLabel = "N",
            description = "Most labels to spend, the starting ones included. Default: ${DEFAULT-VALUE}")
    int budget;

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "N",
            description = "Runs per strategy, each with its own starting labels. Default: ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "The first seed. Default: "
            + "${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--encoder", paramLabel = "NAME",
            description = "The encoder the hyperlocal layer learns from: general, specific or general+specific. "
                    + "Default: the hyperlocal layer's default")
    String encoder;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to this file.")
    Path out;

    @Mixin
    BenchFileOptions files = new BenchFileOptions();

    @Override
    public Integer call() throws IOException {
        ActiveBenchConfig config;
        try {
            config = new ActiveBenchConfig(trainFile, testFile, validationShare, strategies, seedPerLabel, batch,
                    budget, seeds, seed, encoder, files.textColumn, files.labelColumn);
        } catch (InvalidRequestException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        files.configureLogging();
        ActiveBenchReport report = ActiveBench.run(config, System.err);
        BenchOutput.report(spec.commandLine().getOut(), report::printTable, out, report::writeJson);
        return 0;
    }
}
