package dev.stratum.server;

import dev.stratum.api.NotFoundException;
import dev.stratum.api.StratumService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Training of a task's hyperlocal model: start it (or run it and wait), and read the last run. */
final class TrainingRoutes {
    static final String TRIGGER = "api";
    private final StratumService service;

    TrainingRoutes(StratumService service) {
        this.service = service;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/tasks/{task}/train", this::train);
        routes.get("/v1/tasks/{task}/train", this::last);
    }

    private void train(Context ctx) {
        String taskId = ctx.pathParam("task");
        if (QueryParams.bool(ctx, "wait", false)) {
            ctx.json(service.trainAndWait(taskId, TRIGGER));
        } else {
            ctx.status(202).json(service.train(taskId, TRIGGER));
        }
    }

    private void last(Context ctx) {
        String taskId = ctx.pathParam("task");
        ctx.json(service.lastTraining(taskId).orElseThrow(() -> new NotFoundException("no_training_run",
                "task '" + taskId + "' has not been trained yet; start with POST /v1/tasks/" + taskId + "/train")));
    }
}
