package dev.stratum.cli;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.learning.errors.bench.NoiseBench;
import dev.stratum.learning.errors.bench.NoiseBenchConfig;
import dev.stratum.learning.errors.bench.NoiseBenchReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stratum bench noise}: flips a share of a training file's labels and measures how well the label-error finder
 * finds them, and the test accuracy before and after acting on what it finds. Progress goes to stderr, the results
 * table to stdout.
 */
@Command(name = "noise", mixinStandardHelpOptions = true,
        description = {"Benchmark the label-error finder: flip a share of the training labels at random, rank every",
            "example by its out-of-fold loss, and score the top k (k = the number flipped): precision, recall and",
            "F1; then test the model trained on the noisy labels, without the top k, and with them corrected."})
final class BenchNoiseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Labelled training file.")
    Path trainFile;

    @Option(names = "--test", paramLabel = "FILE", description = "Labelled test file.")
    Path testFile;

    @Option(names = "--validation-share", paramLabel = "SHARE", defaultValue = "0",
            description = "Instead of --test: test on this share of the training file, drawn per seed, to choose"
                    + " settings on training data only, e.g. 0.2.")
    double validationShare;

    @Option(names = "--rate", defaultValue = "0.1", paramLabel = "SHARE",
            description = "Share of training labels flipped. Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "N",
            description = "Runs, each flipping its own labels. Default: ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "The first seed. Default: "
            + "${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "N",
            description = "Folds of the finder's cross-fitting. Default: ${DEFAULT-VALUE}")
    int folds;

    @Option(names = "--repeats", defaultValue = "1", paramLabel = "N",
            description = "Fold splits the finder averages over. Default: ${DEFAULT-VALUE}")
    int repeats;

    @Option(names = "--no-prune", description = "Rank once only, instead of ranking again with the first ranking's"
            + " flagged examples left out of training.")
    boolean noPrune;

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
        NoiseBenchConfig config;
        try {
            config = new NoiseBenchConfig(trainFile, testFile, validationShare, rate, seeds, seed, folds, repeats,
                    !noPrune, encoder, files.textColumn, files.labelColumn);
        } catch (InvalidRequestException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        files.configureLogging();
        NoiseBenchReport report = NoiseBench.run(config, System.err);
        BenchOutput.report(spec.commandLine().getOut(), report::printTable, out, report::writeJson);
        return 0;
    }
}
