package dev.stratum.cli;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.learning.bench.odd.OddBench;
import dev.stratum.learning.bench.odd.OddBenchConfig;
import dev.stratum.learning.bench.odd.OddBenchReport;
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
 * {@code stratum bench odd}: how well the operational design domain checks keep answers inside the domain, against a
 * file of out-of-domain inputs or by holding a share of the labels out of training. Progress goes to stderr, the
 * results table to stdout.
 */
@Command(name = "odd", mixinStandardHelpOptions = true,
        description = {"Benchmark the operational design domain checks: calibrate on the training file only, train the",
            "hyperlocal model on it, and score the in-domain test file and out-of-domain inputs: accuracy when",
            "abstaining counts as an error, in-domain acceptance, out-of-domain recall, AUROC, FPR at 95% TPR,",
            "conformal coverage and set size, and calibration error. Out-of-domain inputs come from --ood FILE,",
            "or with --holdout-labels SHARE from the test items of labels held out of training (open set)."})
final class BenchOddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Labelled training file.")
    Path trainFile;

    @Option(names = "--test", paramLabel = "FILE", description = "Labelled in-domain test file.")
    Path testFile;

    @Option(names = "--validation-share", paramLabel = "SHARE", defaultValue = "0",
            description = "Instead of --test: test on this share of the training file, drawn per seed, to choose"
                    + " settings on training data only, e.g. 0.2.")
    double validationShare;

    @Option(names = "--ood", paramLabel = "FILE",
            description = "Out-of-domain inputs (only a text column is needed).")
    Path oodFile;

    @Option(names = "--holdout-labels", paramLabel = "SHARE", defaultValue = "0",
            description = "Instead of --ood: hold this share of the labels out of training, e.g. 0.25.")
    double holdoutLabels;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "N",
            description = "How many seeds to run, each drawing its own held-out labels and folds. "
                    + "Default: ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "The first seed. Default: "
            + "${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--coverage", defaultValue = "0.95", paramLabel = "P",
            description = "Conformal coverage target. Default: ${DEFAULT-VALUE}")
    double coverage;

    @Option(names = "--acceptance", defaultValue = "0.95", paramLabel = "P",
            description = "Share of in-domain inputs the out-of-domain check accepts. Default: ${DEFAULT-VALUE}")
    double acceptance;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "N",
            description = "Folds of cross-fitting for the calibration. Default: ${DEFAULT-VALUE}")
    int folds;

    @Option(names = "--ensemble", defaultValue = "5", paramLabel = "N",
            description = "Bootstrap heads whose BALD is reported (0 skips). Default: ${DEFAULT-VALUE}")
    int ensemble;

    @Option(names = "--encoder", paramLabel = "NAME",
            description = "The encoder the hyperlocal layer learns from: general, specific or general+specific. "
                    + "Default: the hyperlocal layer's default")
    String encoder;

    @Option(names = "--latency-samples", defaultValue = "1000", paramLabel = "N",
            description = "Predictions whose check is timed one by one. Default: ${DEFAULT-VALUE}")
    int latencySamples;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to this file.")
    Path out;

    @Mixin
    BenchFileOptions files = new BenchFileOptions();

    @Override
    public Integer call() throws IOException {
        OddBenchConfig config;
        try {
            config = new OddBenchConfig(trainFile, testFile, oodFile, holdoutLabels, seeds, seed, coverage,
                    acceptance, files.textColumn, files.labelColumn, folds, ensemble, latencySamples, encoder,
                    validationShare);
        } catch (InvalidRequestException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        files.configureLogging();
        OddBenchReport report = OddBench.run(config, System.err);
        BenchOutput.report(spec.commandLine().getOut(), report::printTable, out, report::writeJson);
        return 0;
    }
}
