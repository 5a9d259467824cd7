package dev.stratum.cli;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.learning.bench.BenchConfig;
import dev.stratum.learning.bench.BenchReport;
import dev.stratum.learning.bench.ClassifyBench;
import dev.stratum.models.specific.LayeredEncoders;
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
 * {@code stratum bench classify}: trains fresh hyperlocal models on k examples per label of a training file, over
 * several seeds, and measures them on a test file. Progress goes to stderr, the results table to stdout.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Benchmark text classification: for each number of training examples per label (shots) and",
            "each seed, train a fresh hyperlocal model on a sample of the training file and measure it on the test",
            "file; then time predict latency and score the zero-shot general layer for comparison."})
final class BenchClassifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Labelled training file.")
    Path trainFile;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "Labelled test file.")
    Path testFile;

    @Option(names = "--shots", split = ",", defaultValue = "10,30,all", paramLabel = "N|all",
            description = "Training examples per label, comma-separated; 'all' uses the whole file. "
                    + "Default: ${DEFAULT-VALUE}")
    List<String> shots = new ArrayList<>();

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "N",
            description = "Seeds (samples) per number of shots. Default: ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--latency-samples", defaultValue = "500", paramLabel = "N",
            description = "Test texts timed one by one for the predict latency. Default: ${DEFAULT-VALUE}")
    int latencySamples;

    @Option(names = "--encoder", paramLabel = "NAME", description = "The encoder the hyperlocal layer learns from: "
            + "general (all-MiniLM-L6-v2), specific (bge-small-en-v1.5) or general+specific (both, concatenated). "
            + "Default: " + LayeredEncoders.DEFAULT)
    String encoder;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to this file.")
    Path out;

    @Mixin
    BenchFileOptions files = new BenchFileOptions();

    @Override
    public Integer call() throws IOException {
        BenchConfig config;
        try {
            config = new BenchConfig(trainFile, testFile, shots, seeds, files.textColumn, files.labelColumn,
                    latencySamples, encoder);
        } catch (InvalidRequestException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        files.configureLogging();
        BenchReport report = ClassifyBench.run(config, System.err);
        BenchOutput.report(spec.commandLine().getOut(), report::printTable, out, report::writeJson);
        return 0;
    }
}
