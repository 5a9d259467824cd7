package dev.stratum.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stratum bench classify}: trains on growing shares of a labelled training file and measures each layer and
 * the cascade on a test file, over several seeds.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Benchmark text classification: for each number of training examples per label (shots) and",
            "each seed, train on a sample of the training file and measure on the test file."})
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
            description = "How many seeds (samples) per number of shots. Default: ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to this file.")
    Path out;

    @Option(names = "--text-col", paramLabel = "NAME", description = "The text column or field. Default: text")
    String textColumn;

    @Option(names = "--label-col", paramLabel = "NAME",
            description = "The label column or field. Default: the first of label, category, intent")
    String labelColumn;

    @Option(names = {"-v", "--verbose"}, description = "Log more, and print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        List<Integer> shotCounts = parseShots();
        if (seeds < 1) {
            throw new ParameterException(spec.commandLine(), "--seeds " + seeds + " is not a count; use 1 or more");
        }
        Logging.configure(verbose ? "info" : "warn");
        throw new UnsupportedOperationException("bench classify is not wired yet; shots " + shotCounts);
    }

    /** The shot counts, with {@link Integer#MAX_VALUE} standing for 'all'. */
    List<Integer> parseShots() {
        List<Integer> counts = new ArrayList<>();
        for (String s : shots) {
            String value = s.strip().toLowerCase(Locale.ROOT);
            if (value.equals("all")) {
                counts.add(Integer.MAX_VALUE);
                continue;
            }
            try {
                int n = Integer.parseInt(value);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                counts.add(n);
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--shots value '" + s
                        + "' is neither a positive number of examples per label nor 'all'; for example --shots 10,30,all");
            }
        }
        return counts;
    }
}
