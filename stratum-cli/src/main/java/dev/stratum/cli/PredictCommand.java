package dev.stratum.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.api.Prediction;
import dev.stratum.api.StratumService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratum predict}: classifies texts with a task's cascade and prints one line per text. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify texts with the task's cascade. Prints, per text and tab-separated:",
            "label, confidence, source layer, prediction id, text.",
            "Reads one text per line from standard input when no TEXT is given."})
final class PredictCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--task", required = true, paramLabel = "ID", description = "The task to predict with.")
    String taskId;

    @Option(names = "--json", description = "Print one JSON object per text instead.")
    boolean json;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "The texts to classify.")
    List<String> texts = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        List<String> inputs = texts.isEmpty() ? readStdin() : texts;
        PrintWriter out = spec.commandLine().getOut();
        try (StratumService service = data.openForScript()) {
            for (Prediction p : service.predictBatch(taskId, inputs)) {
                out.println(json ? toJson(p) : String.join("\t", p.label(), Format.ratio(p.confidence()),
                        p.source().wireName(), p.id(), p.text().replace('\t', ' ').replace('\n', ' ')));
            }
        }
        return 0;
    }

    private List<String> readStdin() throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "no text to classify; give texts as arguments or pipe one per line into standard input");
        }
        return lines;
    }

    private static String toJson(Prediction p) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", p.id())
                .put("label", p.label())
                .put("confidence", p.confidence())
                .put("source", p.source().wireName())
                .put("model_version", p.modelVersion())
                .put("text", p.text());
        return node.toString();
    }
}
