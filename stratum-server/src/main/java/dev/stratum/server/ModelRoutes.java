package dev.stratum.server;

import dev.stratum.api.ModelVersion;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.StratumService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** A task's trained model versions, with their provenance and metrics. */
final class ModelRoutes {
    private final StratumService service;

    ModelRoutes(StratumService service) {
        this.service = service;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/tasks/{task}/models", ctx -> ctx.json(new ModelList(service.models(ctx.pathParam("task")))));
        routes.get("/v1/tasks/{task}/models/current", this::current);
    }

    private void current(Context ctx) {
        String taskId = ctx.pathParam("task");
        ctx.json(service.currentModel(taskId).orElseThrow(() -> new NotFoundException("no_current_model",
                "task '" + taskId + "' has no trained model yet; train one with POST /v1/tasks/" + taskId + "/train")));
    }

    /** The answer of {@code GET /v1/tasks/{task}/models}, newest first. */
    record ModelList(List<ModelVersion> models) {}
}
