package dev.stratum.cli;

import dev.stratum.learning.bench.BenchMarkdown;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stratum bench markdown}: the tables of docs/benchmarks.md from the JSON the other benchmarks wrote. */
@Command(name = "markdown", mixinStandardHelpOptions = true,
        description = "Print Markdown tables from the JSON written by bench classify, bench tune and bench embed.")
final class BenchMarkdownCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--classify", split = ",", paramLabel = "FILE", description = "bench classify results, one row "
            + "group each (for example one per encoder).")
    List<Path> classify = new ArrayList<>();

    @Option(names = "--tune", paramLabel = "FILE", description = "bench tune results.")
    Path tune;

    @Option(names = "--embed", paramLabel = "FILE", description = "bench embed results.")
    Path embed;

    @Override
    public Integer call() {
        if (classify.isEmpty() && tune == null && embed == null) {
            throw new ParameterException(spec.commandLine(),
                    "nothing to render; give --classify, --tune or --embed with a JSON file a bench wrote");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!classify.isEmpty()) {
            out.println(BenchMarkdown.classify(classify));
            out.println(BenchMarkdown.timings(classify));
        }
        if (tune != null) {
            out.println(BenchMarkdown.tune(tune));
        }
        if (embed != null) {
            out.println(BenchMarkdown.embed(embed));
        }
        out.flush();
        return 0;
    }
}
