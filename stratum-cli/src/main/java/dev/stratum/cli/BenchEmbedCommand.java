package dev.stratum.cli;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.learning.bench.EmbedBench;
import dev.stratum.learning.bench.EmbedConfig;
import dev.stratum.learning.bench.EmbedNearDuplicates;
import dev.stratum.learning.bench.EmbedReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stratum bench embed}: encoder throughput, Stratum's against LangChain4j's, side by side in one run. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Measure embedding throughput on the texts of a labelled file: LangChain4j's",
            "AllMiniLmL6V2QuantizedEmbeddingModel.embedAll and Stratum's general encoder in alternating rounds,",
            "Stratum's general encoder at several batch limits, batched against single-text vectors, the memory of",
            "the specific encoder, and the distance to the cores' peak arithmetic."})
final class BenchEmbedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "Labelled file whose texts to embed.")
    Path file;

    @Option(names = "--rounds", defaultValue = "5", paramLabel = "N",
            description = "Alternating rounds of both encoders. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--batch-tokens", split = ",", defaultValue = "1,256,512,1024,2048", paramLabel = "N",
            description = "Batch limits in padded tokens of Stratum's general encoder to time (1: one text per run)."
                    + " Default: ${DEFAULT-VALUE}")
    List<Integer> batchTokens;

    @Option(names = "--peak-gops-per-core", defaultValue = "" + EmbedConfig.DEFAULT_PEAK_GOPS_PER_CORE,
            paramLabel = "GOPS", description = "Peak int8 operations per second of one core, in billions, for the "
                    + "physical-limit estimate. Default: ${DEFAULT-VALUE} (2.1 GHz, AVX-512 VNNI)")
    double peakGopsPerCore;

    @Option(names = "--near-duplicates", paramLabel = "N",
            description = "Instead of throughput: how similar each encoder keeps N texts of the file and the same texts"
                    + " with small edits (case, end punctuation, a greeting, one word dropped).")
    Integer nearDuplicates;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to this file.")
    Path out;

    @Option(names = "--text-col", paramLabel = "NAME", description = "The text column or field. Default: text")
    String textColumn;

    @Option(names = {"-v", "--verbose"}, description = "Log more, and print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        EmbedConfig config;
        try {
            config = new EmbedConfig(file, textColumn, null, rounds, batchTokens, peakGopsPerCore);
        } catch (InvalidRequestException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (nearDuplicates != null && nearDuplicates < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--near-duplicates needs at least 1 text, got " + nearDuplicates);
        }
        Logging.configure(verbose ? "info" : "warn");
        if (nearDuplicates != null) {
            String[] json = new String[1];
            spec.commandLine().getOut().print(captured(print -> json[0] =
                    EmbedNearDuplicates.run(config, nearDuplicates, print)));
            if (out != null) {
                Files.writeString(out, json[0] + System.lineSeparator());
                spec.commandLine().getOut().println("results written to " + out);
            }
            return 0;
        }
        EmbedReport report = EmbedBench.run(config, System.err);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(captured(report::printTable));
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
