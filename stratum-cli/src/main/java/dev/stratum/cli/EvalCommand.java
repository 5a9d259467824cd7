package dev.stratum.cli;

import dev.stratum.api.Evaluation;
import dev.stratum.api.ImportFormat;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.StratumService;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratum eval}: measures a task's cascade on a labelled file, or on a held-out share of its examples. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate the task's cascade on a labelled file, or on a held-out share of its own examples",
            "(a temporary model is trained on the rest; the current model is not touched).",
            "Prints accuracy, a per-class precision/recall table and the most frequent confusions."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--task", required = true, paramLabel = "ID", description = "The task to evaluate.")
    String taskId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Exactly one of: a labelled file, or a held-out share. */
    static final class Source {
        @Parameters(paramLabel = "FILE", description = "A labelled file (CSV with a header row, or JSON lines).")
        Path file;

        @Option(names = "--holdout", paramLabel = "SHARE",
                description = "Hold out this share of the task's examples, between 0 and 1 (for example 0.2).")
        Double holdout;
    }

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of the held-out split. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--format", paramLabel = "csv|jsonl", description = "File format; guessed from the name by default.")
    ImportFormat format;

    @Option(names = "--text-col", paramLabel = "NAME", description = "The text column or field. Default: text")
    String textColumn;

    @Option(names = "--label-col", paramLabel = "NAME",
            description = "The label column or field. Default: the first of label, category, intent")
    String labelColumn;

    @Option(names = "--confusions", defaultValue = "10", paramLabel = "N",
            description = "How many of the most frequent confusions to list. Default: ${DEFAULT-VALUE}")
    int confusions;

    @Override
    public Integer call() throws Exception {
        if (source.holdout != null && !(source.holdout > 0 && source.holdout < 1)) {
            throw new ParameterException(spec.commandLine(), "--holdout " + source.holdout
                    + " is not a share; use a number between 0 and 1, for example 0.2");
        }
        Evaluation evaluation;
        try (StratumService service = data.openForScript()) {
            if (source.holdout != null) {
                evaluation = service.evaluateHoldout(taskId, source.holdout, seed);
            } else {
                ImportOptions options = new ImportOptions(
                        format != null ? format : ImportFormat.guess(source.file.getFileName().toString()),
                        textColumn, labelColumn, false);
                try (InputStream in = Files.newInputStream(source.file)) {
                    evaluation = service.evaluate(taskId, in, options);
                }
            }
        }
        new EvaluationReport(evaluation, confusions).print(spec.commandLine().getOut());
        return 0;
    }
}
