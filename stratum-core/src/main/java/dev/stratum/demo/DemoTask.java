package dev.stratum.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.ImportFormat;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.Label;
import dev.stratum.api.NewTask;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.StratumException;
import dev.stratum.api.StratumService;
import dev.stratum.api.Task;
import dev.stratum.api.TaskSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo task "expenses": two-level expense categories of a fictional company, and about 500 expense and invoice
 * lines labelled with them. {@link #load} sets it up on a service; the raw resources are exposed for tests and
 * benchmarks.
 */
public final class DemoTask {
    /** The id of the demo task. */
    public static final String TASK_ID = "expenses";

    private static final String TAXONOMY = "taxonomy.json";
    private static final String EXAMPLES = "examples.csv";

    private DemoTask() {}

    /**
     * Creates the demo task unless it exists, imports the demo examples unless it already has examples, and trains
     * (in the caller's thread) unless it already has a current model. Safe to call on every start; a task that
     * already exists keeps its settings.
     *
     * @return the task as stored
     */
    public static Task load(StratumService service) {
        boolean created = false;
        if (findTask(service) == null) {
            // Background retraining stays off while the examples go in: the import would start one, and the
            // training below would then run a second time for nothing.
            NewTask spec = newTask();
            TaskSettings quiet = new TaskSettings(TaskSettings.DEFAULTS.hyperlocalThreshold(), 0);
            service.createTask(new NewTask(spec.id(), spec.name(), spec.labels(), quiet));
            created = true;
        }
        if (service.examples(TASK_ID, 0, 1).total() == 0) {
            try (InputStream csv = examplesCsv()) {
                service.importExamples(TASK_ID, csv, ImportOptions.of(ImportFormat.CSV));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the demo examples resource " + EXAMPLES, e);
            }
        }
        if (service.currentModel(TASK_ID).isEmpty()) {
            service.trainAndWait(TASK_ID, "demo");
        }
        if (created) {
            service.updateSettings(TASK_ID, TaskSettings.DEFAULTS);
        }
        return service.task(TASK_ID);
    }

    /** The demo task's specification: id, name and labels with descriptions, read from {@code taxonomy.json}. */
    public static NewTask newTask() {
        try (InputStream in = taxonomyJson()) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Label> labels = new ArrayList<>();
            for (JsonNode label : root.path("labels")) {
                labels.add(new Label(label.path("name").asText(), label.path("description").asText(null)));
            }
            return new NewTask(root.path("id").asText(TASK_ID), root.path("name").asText(null), labels, null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the demo taxonomy resource " + TAXONOMY, e);
        }
    }

    /** The taxonomy as JSON: {@code {"id", "name", "labels": [{"name", "description"}]}}. The caller closes it. */
    public static InputStream taxonomyJson() {
        return resource(TAXONOMY);
    }

    /** The labelled examples as CSV with the header {@code text,label}. The caller closes it. */
    public static InputStream examplesCsv() {
        return resource(EXAMPLES);
    }

    private static Task findTask(StratumService service) {
        try {
            return service.task(TASK_ID);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static InputStream resource(String name) {
        InputStream in = DemoTask.class.getResourceAsStream(name);
        if (in == null) {
            throw new StratumException("demo_data_missing", "the demo resource dev/stratum/demo/" + name
                    + " is not on the classpath; rebuild stratum-core so its resources are packaged");
        }
        return in;
    }
}
