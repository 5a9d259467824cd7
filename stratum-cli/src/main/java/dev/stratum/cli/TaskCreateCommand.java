package dev.stratum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Label;
import dev.stratum.api.NewTask;
import dev.stratum.api.StratumService;
import dev.stratum.api.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratum tasks create}: creates a classification task from a list of labels or a taxonomy file. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a classification task.",
            "A taxonomy file is JSON: {\"name\": ..., \"labels\": [{\"name\": ..., \"description\": ...}]};",
            "descriptions help the general (zero-shot) model until the task has examples."})
final class TaskCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Parameters(paramLabel = "ID", description = "Task id: lower-case letters, digits, '-' and '_'.")
    String taskId;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name. Default: the taxonomy's, or the id.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Labels labels;

    /** Exactly one of: label names, or a taxonomy file. */
    static final class Labels {
        @Option(names = "--labels", split = ",", paramLabel = "LABEL", description = "Label names, comma-separated.")
        List<String> names;

        @Option(names = "--taxonomy", paramLabel = "FILE", description = "A taxonomy JSON file.")
        Path file;
    }

    @Override
    public Integer call() throws IOException {
        List<Label> taxonomy = new ArrayList<>();
        String taxonomyName = null;
        if (labels.file != null) {
            JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(labels.file));
            taxonomyName = root.path("name").asText(null);
            for (JsonNode label : root.path("labels")) {
                taxonomy.add(new Label(label.path("name").asText(null), label.path("description").asText(null)));
            }
            if (taxonomy.isEmpty()) {
                throw new InvalidRequestException("invalid_taxonomy", "taxonomy file " + labels.file
                        + " has no labels; it needs \"labels\": [{\"name\": ..., \"description\": ...}, ...]");
            }
        } else {
            labels.names.forEach(n -> taxonomy.add(new Label(n, null)));
        }
        try (StratumService service = data.openForScript()) {
            Task task = service.createTask(new NewTask(taskId, name != null ? name : taxonomyName, taxonomy, null));
            spec.commandLine().getOut().printf("created task '%s' with %d labels%n", task.id(), task.labels().size());
        }
        return 0;
    }
}
