package dev.stratum.cli;

import dev.stratum.api.ImportFormat;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.ImportResult;
import dev.stratum.api.StratumService;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stratum import}: streams a labelled file into a task's validated examples, or with {@code --unlabelled}
 * texts into the pool that active learning ranks for review.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import labelled examples from a CSV (with a header row) or JSON-lines file into a task.",
            "With --unlabelled, import texts without labels (CSV or JSON lines with a text column, or a .txt file of"
                    + " one text per line) into the pool from which the task's review queue is chosen."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--task", required = true, paramLabel = "ID", description = "The task to import into.")
    String taskId;

    @Parameters(paramLabel = "FILE", description = "The labelled file.")
    Path file;

    @Option(names = "--format", paramLabel = "csv|jsonl|lines",
            description = "File format; guessed from the file name when omitted (.jsonl and .ndjson are JSON lines,"
                    + " .txt plain lines).")
    ImportFormat format;

    @Option(names = "--text-col", paramLabel = "NAME", description = "The text column or field. Default: text")
    String textColumn;

    @Option(names = "--label-col", paramLabel = "NAME",
            description = "The label column or field. Default: the first of label, category, intent")
    String labelColumn;

    @Option(names = "--add-labels", description = "Add labels missing from the taxonomy instead of skipping rows.")
    boolean addLabels;

    @Option(names = "--unlabelled", description = "The file holds texts without labels: add them to the review pool.")
    boolean unlabelled;

    @Override
    public Integer call() throws Exception {
        ImportOptions options = new ImportOptions(
                format != null ? format : ImportFormat.guess(file.getFileName().toString()), textColumn, labelColumn,
                addLabels);
        PrintWriter out = spec.commandLine().getOut();
        try (StratumService service = data.openForScript(); InputStream in = Files.newInputStream(file)) {
            if (unlabelled) {
                ImportResult result = service.importUnlabelled(taskId, in, options);
                out.printf("added %d unlabelled texts to the review pool of task '%s', skipped %d (empty, too long,"
                        + " or in the pool already)%n", result.imported(), taskId, result.skipped());
                result.errors().forEach(e -> out.printf("  line %d: %s%n", e.line(), e.message()));
                out.printf("a running server ranks them for review when the pool has grown, after the next training"
                        + " or at its next start; ask now with: POST /v1/tasks/%s/review/rank%n", taskId);
                return 0;
            }
            ImportResult result = service.importExamples(taskId, in, options);
            out.printf("imported %d examples into task '%s', skipped %d%n", result.imported(), taskId,
                    result.skipped());
            for (ImportResult.RowError error : result.errors()) {
                out.printf("  line %d: %s%n", error.line(), error.message());
            }
            if (!result.labelsAdded().isEmpty()) {
                out.println("labels added: " + String.join(", ", result.labelsAdded()));
            }
            if (result.imported() > 0) {
                out.printf("train the hyperlocal model on them with: stratum train --task %s%n", taskId);
            }
        }
        return 0;
    }
}
