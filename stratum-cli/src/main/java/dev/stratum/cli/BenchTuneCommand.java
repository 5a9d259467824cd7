package dev.stratum.cli;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.learning.bench.TuneBench;
import dev.stratum.learning.bench.TuneConfig;
import dev.stratum.learning.bench.TuneReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
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

    @Option(names = "--text-col", paramLabel = "NAME", description = "The text column or field. Default: text")
    String textColumn;

    @Option(names = "--label-col", paramLabel = "NAME",
            description = "The label column or field. Default: the first of label, category, intent")
    String labelColumn;

    @Option(names = {"-v", "--verbose"}, description = "Log more, and print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        TuneConfig config;
        try {
            TuneConfig grid = TuneConfig.defaults(trainFile, textColumn, labelColumn);
            config = new TuneConfig(trainFile, shots, seeds, folds, textColumn, labelColumn, encoders, grid.l2(),
                    grid.neighbours(), grid.voteTemperatures(), grid.headWeights());
        } catch (InvalidRequestException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Logging.configure(verbose ? "info" : "warn");
        TuneReport report = TuneBench.run(config, System.err);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(captured(print -> report.printTable(print, top)));
        if (out != null) {
            report.writeJson(out);
            stdout.println("results written to " + out);
        }
        return 0;
    }

    private static String captured(Consumer<PrintStream> printer) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            printer.accept(print);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
