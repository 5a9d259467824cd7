package dev.stratum.cli;

import dev.stratum.api.ModelVersion;
import dev.stratum.api.StratumService;
import dev.stratum.api.Task;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stratum tasks}: lists the tasks of a data directory; {@code stratum tasks create} adds one. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "List the tasks of the data directory: id, labels, examples and current model.",
        subcommands = TaskCreateCommand.class)
final class TasksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (StratumService service = data.openForScript()) {
            out.println(String.join("\t", "task", "labels", "examples", "model", "name"));
            for (Task task : service.tasks()) {
                long examples = service.examples(task.id(), 0, 1).total();
                String model = service.currentModel(task.id()).map(ModelVersion::id).orElse("-");
                out.println(String.join("\t", task.id(), Integer.toString(task.labels().size()),
                        Long.toString(examples), model, task.name()));
            }
        }
        return 0;
    }
}
