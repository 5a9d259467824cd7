package dev.stratum.cli;

import dev.stratum.api.ExampleExport;
import dev.stratum.api.ExportFormat;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.StratumService;
import dev.stratum.api.lifecycle.ExternalModel;
import dev.stratum.api.lifecycle.ModelDetails;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.lifecycle.StateChange;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stratum models}: a task's model versions, their states and history, and the moves a person makes. These
 * commands work on the data directory; a server running on it keeps serving what it loaded until it restarts, so
 * against a running server use its API ({@code POST /v1/tasks/{task}/models/{version}/rollback}), which takes effect
 * on the next prediction.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List a task's model versions with their states.",
        subcommands = {ModelsCommand.Show.class, ModelsCommand.Promote.class, ModelsCommand.Rollback.class,
            ModelsCommand.Export.class, ModelsCommand.Register.class})
final class ModelsCommand implements Callable<Integer> {
    static final String ACTOR = DataOptions.ACTOR;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    // Not required here: picocli would then ask for it before every subcommand too, which takes its own.
    @Option(names = "--task", paramLabel = "ID", description = "The task whose versions to list.")
    String taskId;

    @Override
    public Integer call() {
        if (taskId == null) {
            throw new ParameterException(spec.commandLine(), "missing option --task: the task whose versions to list");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (StratumService service = data.openForScript()) {
            out.println(String.join("\t", "version", "state", "created", "examples", "trigger"));
            for (ModelVersion v : service.models(taskId)) {
                out.println(String.join("\t", v.id(), v.state().wireName(), v.createdAt().toString(),
                        v.provenance() == null ? "-" : Integer.toString(v.provenance().exampleCount()),
                        v.provenance() == null ? "-" : v.provenance().trigger()));
            }
        }
        return 0;
    }

    static void print(PrintWriter out, ModelDetails details) {
        ModelVersion v = details.version();
        out.printf("%s  %s%n", v.id(), v.state().wireName());
        if (v.provenance() != null && ExternalModel.KIND.equals(v.kind())) {
            out.printf("  fine-tuned elsewhere: %s, encoder %s, code %s%n", v.provenance().hyperparameters(),
                    v.provenance().encoderIds(), v.provenance().codeVersion());
        } else if (v.provenance() != null) {
            out.printf("  data %s (%d examples), encoder %s, seed %d, code %s%n", v.provenance().dataFingerprint(),
                    v.provenance().exampleCount(), v.provenance().encoderIds(), v.provenance().seed(),
                    v.provenance().codeVersion());
        }
        if (details.gate() != null) {
            out.printf("  gate %s%n", details.gate().passed() ? "passed" : "refused");
            details.gate().reasons().forEach(reason -> out.printf("    %s%n", reason));
        }
        for (StateChange change : details.history()) {
            out.printf("  %s  %s -> %s  by %s: %s%n", change.time(), change.from().wireName(), change.to().wireName(),
                    change.actor(), change.reason());
        }
    }

    /** {@code stratum models show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one version: provenance, gate report, history.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Option(names = "--task", required = true, paramLabel = "ID", description = "The task.")
        String taskId;

        @Option(names = "--version", required = true, paramLabel = "V", description = "The version, e.g. expenses-v3.")
        String version;

        @Override
        public Integer call() {
            try (StratumService service = data.openForScript()) {
                print(spec.commandLine().getOut(), service.model(taskId, version));
            }
            return 0;
        }
    }

    /** {@code stratum models promote}. */
    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Move a version to shadow, canary or production (default), recorded in its history.")
    static final class Promote implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Option(names = "--task", required = true, paramLabel = "ID", description = "The task.")
        String taskId;

        @Option(names = "--version", required = true, paramLabel = "V", description = "The version to move.")
        String version;

        @Option(names = "--to", defaultValue = "production", paramLabel = "STATE",
                description = "shadow, canary, production or retired. Default: ${DEFAULT-VALUE}")
        String to;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the history.")
        String reason;

        @Override
        public Integer call() {
            try (StratumService service = data.openForScript()) {
                print(spec.commandLine().getOut(), service.changeModelState(taskId, version, ModelState.parse(to),
                        ACTOR, reason));
            }
            return 0;
        }
    }

    /** {@code stratum models rollback}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Make an earlier production version serve again, recorded in the history.")
    static final class Rollback implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Option(names = "--task", required = true, paramLabel = "ID", description = "The task.")
        String taskId;

        @Option(names = "--to", required = true, paramLabel = "V", description = "The version to go back to.")
        String version;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the history.")
        String reason;

        @Override
        public Integer call() {
            try (StratumService service = data.openForScript()) {
                print(spec.commandLine().getOut(), service.rollback(taskId, version, ACTOR, reason));
            }
            return 0;
        }
    }

    /** {@code stratum models register}. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register a model fine-tuned elsewhere (an OpenAI-compatible chat endpoint) as the task's"
                    + " next version; the evaluation gate judges it and the task's policy moves it on.")
    static final class Register implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Option(names = "--task", required = true, paramLabel = "ID", description = "The task.")
        String taskId;

        @Option(names = "--base-url", required = true, paramLabel = "URL",
                description = "The endpoint's API root, e.g. https://api.openai.com/v1.")
        String baseUrl;

        @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model name it expects.")
        String model;

        @Option(names = "--api-key-env", paramLabel = "VAR",
                description = "The environment variable holding its key (the key itself is never stored).")
        String apiKeyEnv;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the provenance.")
        String reason;

        @Override
        public Integer call() {
            try (StratumService service = data.openForScript()) {
                print(spec.commandLine().getOut(), service.registerExternalModel(taskId,
                        new ExternalModel(baseUrl, model, apiKeyEnv, reason), ACTOR));
            }
            return 0;
        }
    }

    /** {@code stratum models export}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write validated examples (JSON lines or CSV) for fine-tuning elsewhere.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Option(names = "--task", required = true, paramLabel = "ID", description = "The task.")
        String taskId;

        @Option(names = "--version", paramLabel = "V",
                description = "Export exactly the examples this version was trained on. Default: all.")
        String version;

        @Option(names = "--format", defaultValue = "jsonl", paramLabel = "F",
                description = "jsonl ({\"text\",\"label\"}), csv (text,label) or openai_chat. Default: ${DEFAULT-VALUE}")
        String format;

        @Option(names = "--curated", description = "Leave out suspected label errors that no person confirmed.")
        boolean curated;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write.")
        Path output;

        @Override
        public Integer call() {
            try (StratumService service = data.openForScript()) {
                ExampleExport export = service.exportExamples(taskId, ExportFormat.parse(format), version, curated);
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output))) {
                    export.writeTo(out);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not write " + output + ": " + e.getMessage(), e);
                }
                spec.commandLine().getOut().printf("wrote %d examples to %s (data %s)%s%n", export.count(), output,
                        export.dataFingerprint(), curated ? "; left out " + export.suspectsExcluded()
                                + " suspected label errors no person confirmed" : "");
            }
            return 0;
        }
    }
}
