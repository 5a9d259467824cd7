package dev.stratum.server;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.api.ActiveLearning;
import dev.stratum.api.GeneralLayer;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Label;
import dev.stratum.api.NewTask;
import dev.stratum.api.StratumService;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.lifecycle.ModelPolicy;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** Tasks: create, list, read, replace the taxonomy, change the settings. */
final class TaskRoutes {
    private final StratumService service;
    private final JsonBodies bodies;

    TaskRoutes(StratumService service, JsonBodies bodies) {
        this.service = service;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/tasks", this::create);
        routes.get("/v1/tasks", ctx -> ctx.json(new TaskList(service.tasks())));
        routes.get("/v1/tasks/{task}", ctx -> ctx.json(service.task(ctx.pathParam("task"))));
        routes.get("/v1/tasks/{task}/stats", ctx -> ctx.json(service.stats(ctx.pathParam("task"))));
        routes.put("/v1/tasks/{task}/labels", this::replaceLabels);
        routes.patch("/v1/tasks/{task}/settings", this::updateSettings);
    }

    private void create(Context ctx) {
        CreateTaskRequest request = bodies.read(ctx, CreateTaskRequest.class);
        TaskSettings settings = request.settings() == null ? null : request.settings().applyTo(TaskSettings.DEFAULTS);
        List<Label> labels = request.labels() == null ? List.of() : LabelSpec.toLabels(request.labels());
        Task task = service.createTask(new NewTask(request.id(), request.name(), labels, settings, request.kind(),
                request.instructions()));
        ctx.header("Location", "/v1/tasks/" + task.id()).status(201).json(task);
    }

    private void replaceLabels(Context ctx) {
        LabelsRequest request = bodies.read(ctx, LabelsRequest.class);
        ctx.json(service.updateLabels(ctx.pathParam("task"), LabelSpec.toLabels(request.labels())));
    }

    private void updateSettings(Context ctx) {
        String taskId = ctx.pathParam("task");
        SettingsPatch patch = bodies.read(ctx, SettingsPatch.class);
        Task current = service.task(taskId);
        ctx.json(service.updateSettings(taskId, patch.applyTo(current.settings())));
    }

    /**
     * The body of {@code POST /v1/tasks}: a classification task needs labels, a generation task ({@code kind}
     * "generation") instructions.
     */
    record CreateTaskRequest(String id, String name, TaskKind kind, List<LabelSpec> labels, String instructions,
            SettingsPatch settings) {
        CreateTaskRequest {
            if (id == null) {
                throw new InvalidRequestException("missing_field",
                        "field 'id' is required: a task id of 1 to 64 lower-case letters, digits, '-' or '_'");
            }
            Task.validateId(id);
            kind = kind == null ? TaskKind.CLASSIFICATION : kind;
            if (kind == TaskKind.CLASSIFICATION) {
                LabelSpec.requireSome(labels);
            } else if (instructions == null || instructions.isBlank()) {
                throw new InvalidRequestException("missing_field", "field 'instructions' is required for a generation"
                        + " task: what to produce for each input, for example \"Summarise the ticket in one sentence"
                        + " as {\\\"summary\\\": ...}\"");
            }
        }
    }

    /** The body of {@code PUT /v1/tasks/{task}/labels}. */
    record LabelsRequest(List<LabelSpec> labels) {
        LabelsRequest {
            LabelSpec.requireSome(labels);
        }
    }

    /** One label as a client may write it: a plain name, or an object with a name and a description. */
    record LabelSpec(String name, String description) {
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        LabelSpec(@JsonProperty("name") String name, @JsonProperty("description") String description) {
            this.name = name;
            this.description = description;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static LabelSpec ofName(String name) {
            return new LabelSpec(name, null);
        }

        static void requireSome(List<LabelSpec> labels) {
            if (labels == null || labels.isEmpty()) {
                throw new InvalidRequestException("missing_field", "field 'labels' needs at least one label, as names "
                        + "[\"travel\", \"meals\"] or objects [{\"name\": \"travel\", \"description\": \"...\"}]");
            }
        }

        static List<Label> toLabels(List<LabelSpec> specs) {
            for (int i = 0; i < specs.size(); i++) {
                if (specs.get(i) == null || specs.get(i).name() == null || specs.get(i).name().isBlank()) {
                    throw new InvalidRequestException("invalid_label",
                            "labels[" + i + "] has no name; every label needs a non-empty name");
                }
            }
            return specs.stream().map(s -> new Label(s.name(), s.description())).toList();
        }
    }

    /**
     * Settings fields a client sends; absent ones keep their current (or default) values. {@code hyperlocal_threshold}
     * set to null goes back to the threshold each trained model chooses, so it is read as a node to tell null from
     * absent.
     */
    record SettingsPatch(JsonNode hyperlocalThreshold, Integer retrainEvery, ModelPolicy lifecycle,
            GeneralLayer generalLayer, ActiveLearning activeLearning) {
        SettingsPatch {
            if (hyperlocalThreshold != null && !hyperlocalThreshold.isNull() && !hyperlocalThreshold.isNumber()) {
                throw new InvalidRequestException("invalid_field", "field 'hyperlocal_threshold' must be a number from "
                        + "0 to 1, or null to use the threshold each trained model chooses");
            }
        }

        TaskSettings applyTo(TaskSettings base) {
            Double threshold = hyperlocalThreshold == null
                    ? base.hyperlocalThreshold()
                    : hyperlocalThreshold.isNull() ? null : Double.valueOf(hyperlocalThreshold.doubleValue());
            // A lifecycle policy or active-learning setting given is put in force whole (its missing fields take
            // their defaults).
            return new TaskSettings(threshold, retrainEvery == null ? base.retrainEvery() : retrainEvery,
                    lifecycle == null ? base.lifecycle() : lifecycle,
                    generalLayer == null ? base.generalLayer() : generalLayer,
                    activeLearning == null ? base.activeLearning() : activeLearning);
        }
    }

    /** The answer of {@code GET /v1/tasks}. */
    record TaskList(List<Task> tasks) {}
}
