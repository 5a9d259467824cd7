package dev.stratum.cli;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.learning.bench.TuneBench;
import dev.stratum.learning.bench.TuneConfig;
import dev.stratum.learning.bench.TuneReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stratum bench tune}: cross-validation inside a training file over encoders, the head's L2 penalty and the
 * blend of head and memory; how the shipped defaults were chosen. Never reads a test file.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Choose the encoder and the hyperlocal hyperparameters by cross-validation inside a training",
            "file: k-shot samples validated on other rows of the file, and folds of the whole file. Prints the best",
            "combinations; the shipped defaults are the winner of the default grid on BANKING77's training file."})
final class BenchTuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Labelled training file.")
    Path trainFile;

    @Option(names = "--shots", split = ",", defaultValue = "10,30,all", paramLabel = "N|all",
            description = "Settings scored; the mean over them ranks the combinations. Default: ${DEFAULT-VALUE}")
    List<String> shots;

    @Option(names = "--seeds", defaultValue = "2", paramLabel = "N",
            description = "Samples per k-shot setting. Default: ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--folds", defaultValue = "3", paramLabel = "N",
            description = "Folds of the 'all' setting. Default: ${DEFAULT-VALUE}")
    int folds;

    @Option(names = "--encoders", split = ",", defaultValue = "general,specific,general+specific",
            paramLabel = "NAME", description = "Encoders to compare. Default: ${DEFAULT-VALUE}")
    List<String> encoders;

    @Option(names = "--top", defaultValue = "15", paramLabel = "N",
            description = "Combinations to print. Default: ${DEFAULT-VALUE}")
    int top;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write every combination's scores as JSON.")
    Path out;

    @Mixin
    BenchFileOptions files = new BenchFileOptions();

    @Override
    public Integer call() throws IOException {
        TuneConfig config;
        try {
            TuneConfig grid = TuneConfig.defaults(trainFile, files.textColumn, files.labelColumn);
            config = new TuneConfig(trainFile, shots, seeds, folds, files.textColumn, files.labelColumn, encoders,
                    grid.l2(), grid.neighbours(), grid.voteTemperatures(), grid.headWeights());
        } catch (InvalidRequestException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        files.configureLogging();
        TuneReport report = TuneBench.run(config, System.err);
        BenchOutput.report(spec.commandLine().getOut(), print -> report.printTable(print, top), out,
                report::writeJson);
        return 0;
    }
}
