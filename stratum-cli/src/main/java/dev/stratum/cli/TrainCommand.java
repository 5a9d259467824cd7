package dev.stratum.cli;

import dev.stratum.api.StratumService;
import dev.stratum.api.TrainingRun;
import dev.stratum.api.lifecycle.ModelDetails;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum train}: trains a task's hyperlocal model now and says where the new version stands: in production,
 * on trial, waiting for a person, or refused by the evaluation gate (with the gate's reasons).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the task's hyperlocal model on its validated examples, and wait for it.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--task", required = true, paramLabel = "ID", description = "The task to train.")
    String taskId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (StratumService service = data.openForScript()) {
            TrainingRun run = service.trainAndWait(taskId, "cli");
            if (run.status() != TrainingRun.Status.SUCCEEDED) {
                spec.commandLine().getErr().printf("error: training of task '%s' %s: %s%n", taskId,
                        run.status().wireName(), run.error());
                return Main.EXIT_FAILED;
            }
            Duration took = Duration.between(run.startedAt(), run.finishedAt());
            ModelDetails trained = service.model(taskId, run.modelVersionId());
            out.printf("trained %s in %s s; it is %s%n", run.modelVersionId(), Format.seconds(took),
                    trained.version().state().wireName());
            if (trained.gate() != null && !trained.gate().passed()) {
                trained.gate().reasons().forEach(reason -> out.printf("  gate: %s%n", reason));
            }
            Map<String, Double> metrics = new TreeMap<>(trained.version().metrics());
            metrics.forEach((name, value) -> out.printf("  %-24s %s%n", name, Format.number(value)));
        }
        return 0;
    }
}
