package dev.stratum.cli;

import dev.stratum.telemetry.anomaly.DetectorConfig;
import dev.stratum.telemetry.anomaly.bench.AnomalyBench;
import dev.stratum.telemetry.anomaly.bench.AnomalyBenchReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stratum bench anomaly}: runs the metric anomaly detectors, in their one default configuration, over labelled
 * series in the Numenta Anomaly Benchmark layout and scores them by window. Progress goes to stderr, the table to
 * stdout.
 */
@Command(name = "anomaly", mixinStandardHelpOptions = true,
        description = {"Benchmark the metric anomaly detectors on series in the NAB format (CSV timestamp,value) with",
            "labelled windows (NAB's combined_windows.json: keys are paths relative to --data). Reports windows",
            "detected, false positives outside windows, precision and recall, and the cost per observation."})
final class AnomalyBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The directory the windows file's keys are relative to (NAB's data/).")
    Path dataDir;

    @Option(names = "--windows", required = true, paramLabel = "FILE", description = "Labelled windows JSON.")
    Path windows;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to this file.")
    Path out;

    @Option(names = {"-v", "--verbose"}, description = "Log more, and print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        Logging.configure(verbose ? "info" : "warn");
        AnomalyBenchReport report;
        try {
            report = AnomalyBench.run(dataDir, windows, DetectorConfig.DEFAULTS, System.err);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            report.printTable(print);
        }
        stdout.print(buffer.toString(StandardCharsets.UTF_8));
        if (out != null) {
            report.writeJson(out);
            stdout.println("results written to " + out);
        }
        return 0;
    }
}
